/**
 * Training questions put in other words, as a team member asks: a few of the words a question shares
 * with its document are replaced by a WordNet synonym of the word's most used sense ("When did the
 * war start?" -> "When did the warfare start?"). SQuAD's writers copied the paragraph's words; users
 * do not, and abstention learns from SQuAD alone that a question whose words the documents lack is
 * unanswered. Synonyms of one sense keep the meaning where the word vectors' nearest words do not
 * ("highest" -> "lowest"). The table comes from scripts/wordnet-synonyms.ts.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { baseForm } from '../src/core/lemmas.js';
import { tokenize, toTerm } from '../src/core/terms.js';

type Table = Readonly<Record<string, readonly string[]>>;
/** Synonyms of each word's most used sense, and of each verb's most used sense as a verb. */
export interface Synonyms {
  words: Table;
  verbs: Table;
}

const tableSchema = z.record(z.string(), z.array(z.string().min(1)));
const synonymsSchema = z.object({ words: tableSchema, verbs: tableSchema });

/** The table scripts/wordnet-synonyms.ts writes; a file of another shape is refused with its path. */
export function readSynonyms(path: string): Synonyms {
  const parsed = synonymsSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success)
    throw new Error(
      `${path} is not a synonym table of scripts/wordnet-synonyms.ts (${parsed.error.issues[0]?.message})`,
    );
  return parsed.data;
}

/** A word's possible base forms, itself first: "placed" -> place, plac; "stopped" -> stop; "carried" -> carry. */
function baseForms(word: string): string[] {
  const forms = [word, baseForm(word)];
  const cut = (suffix: string, ...endings: string[]): void => {
    if (!word.endsWith(suffix) || word.length <= suffix.length + 2) return;
    const stem = word.slice(0, -suffix.length);
    for (const ending of endings) forms.push(stem + ending);
    if (/(.)\1$/.test(stem)) forms.push(stem.slice(0, -1)); // "stopped", "running"
  };
  cut('ies', 'y');
  cut('ied', 'y');
  cut('es', '', 'e');
  cut('s', '');
  cut('ed', '', 'e');
  cut('ing', '', 'e');
  return forms;
}

/**
 * Synonyms of a lower-case word: a verb's when it is written as an inflected verb ("occupied",
 * "found"), else those of the word or its base form.
 */
function synonymsOf(word: string, synonyms: Synonyms): readonly string[] | undefined {
  const forms = baseForms(word);
  if (/(ed|ing)$/.test(word) || forms[1] !== word) {
    const verb = forms.slice(1).find((form) => Object.hasOwn(synonyms.verbs, form));
    if (verb !== undefined) return synonyms.verbs[verb];
  }
  const lemma = forms.find((form) => Object.hasOwn(synonyms.words, form));
  return lemma === undefined ? undefined : synonyms.words[lemma];
}

/**
 * The question with up to `most` of its lower-case words that the document uses replaced by a
 * synonym, or null when none can be. `random` draws in [0, 1).
 */
export function paraphrase(
  question: string,
  documentTerms: ReadonlySet<string>,
  synonyms: Synonyms,
  random: () => number,
  most = 2,
): string | null {
  const replaceable = tokenize(question).filter((token) => {
    if (token.surface !== token.surface.toLowerCase()) return false; // a name keeps its name
    const term = toTerm(token.surface);
    return term !== null && documentTerms.has(term) && synonymsOf(token.surface, synonyms) !== undefined;
  });
  if (replaceable.length === 0) return null;
  for (let i = replaceable.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [replaceable[i], replaceable[j]] = [replaceable[j]!, replaceable[i]!];
  }
  const chosen = replaceable.slice(0, most).sort((a, b) => b.start - a.start);
  let text = question;
  for (const token of chosen) {
    const options = synonymsOf(token.surface, synonyms)!;
    const synonym = options[Math.floor(random() * options.length)]!;
    text = text.slice(0, token.start) + synonym + text.slice(token.start + token.surface.length);
  }
  return text;
}
