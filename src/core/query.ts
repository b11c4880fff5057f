/**
 * A question turned into weighted terms: stop words dropped, each term weighted by how rare it is
 * in the corpus, and each given the alternatives the documents' aliases offer (NATO <-> its long form)
 * and, for a decade, its years ("the 70's" -> 1970, as documents write "the 1970s"), and, for a
 * name, its other form where the documents use it ("Europe" -> "European": name-forms.ts).
 */
import { frameTermsOf } from './answer-type.js';
import type { Corpus, TermAlias } from './corpus.js';
import { decadeAlternatives } from './decades.js';
import { NEAR_FORM, nameForms } from './name-forms.js';
import { termsOf, tokenize, toTerm } from './terms.js';
import type { WordVectors } from './word-vectors.js';

/** One content term of a question. */
export interface QueryTerm {
  term: string;
  /** Inverse document frequency; a term the corpus lacks weighs the most. */
  weight: number;
  /** Term groups that stand for this term when all of them are present (an acronym's long form). */
  alternatives: readonly (readonly string[])[];
  /** Known terms this one may be a typo or spelling variant of ("excercis" -> "exercis"). */
  corrections: readonly string[];
}

/** Share of its weight a word keeps when it only frames the question ("many" in "how many"). */
const FRAME_WEIGHT = 0.25;

export interface Query {
  terms: QueryTerm[];
  /** Every term to look up in the index: the question's and their alternatives'. */
  lookup: string[];
}

function containsRun(terms: readonly string[], run: readonly string[]): boolean {
  outer: for (let i = 0; i + run.length <= terms.length; i++) {
    for (let j = 0; j < run.length; j++) if (terms[i + j] !== run[j]) continue outer;
    return true;
  }
  return false;
}

function alternativesFor(term: string, questionTerms: readonly string[], aliases: readonly TermAlias[]): string[][] {
  const alternatives: string[][] = [];
  for (const alias of aliases) {
    if (alias.short === term) alternatives.push([...alias.long]);
    else if (alias.long.includes(term) && containsRun(questionTerms, alias.long)) alternatives.push([alias.short]);
  }
  return alternatives;
}

/**
 * For each capitalised word of the question, the other forms of the name that the documents use
 * ("Europe" -> european where a document says "European"); with vectors, only forms near the word.
 */
function nameFormAlternatives(question: string, corpus: Corpus, vectors?: WordVectors | null): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const { surface } of tokenize(question)) {
    const term = toTerm(surface);
    // A name the documents use is matched as written: "Ukraine" is not asked about "Ukrainian" people.
    if (term === null || corpus.index.documentFrequency(term) > 0) continue;
    const name = surface.replace(/['’]s$/u, ''); // "Europe's" is "Europe"
    for (const form of nameForms(name)) {
      const formTerm = toTerm(form);
      const known = found.get(term) ?? [];
      if (formTerm === null || formTerm === term || known.includes(formTerm)) continue;
      if (corpus.index.documentFrequency(formTerm) === 0) continue;
      if (vectors) {
        const a = vectors.id(name.toLowerCase());
        const b = vectors.id(form.toLowerCase());
        if (a < 0 || b < 0 || vectors.cosine(a, b) < NEAR_FORM) continue;
      }
      found.set(term, [...known, formTerm]);
    }
  }
  return found;
}

/**
 * Analyses a question against the corpus it will be asked of; `vectors`, when given, check that a
 * name's other form is near it.
 */
export function buildQuery(question: string, corpus: Corpus, vectors?: WordVectors | null): Query {
  const questionTerms = termsOf(question);
  const total = Math.max(corpus.claimCount, 1);
  const frameTerms = frameTermsOf(question);
  const decades = decadeAlternatives(question);
  const names = nameFormAlternatives(question, corpus, vectors);
  const terms = [...new Set(questionTerms)].map((term): QueryTerm => {
    const frequency = corpus.index.documentFrequency(term);
    const rarity = Math.log(1 + (total - frequency + 0.5) / (frequency + 0.5));
    return {
      term,
      weight: frameTerms.has(term) ? FRAME_WEIGHT * rarity : rarity,
      alternatives: [
        ...alternativesFor(term, questionTerms, corpus.aliasesWith(term)),
        ...(decades.get(term) ?? []).map((year) => [year]),
        ...(names.get(term) ?? []).map((form) => [form]),
      ],
      corrections: corpus.index.corrections(term),
    };
  });
  const lookup = new Set<string>();
  for (const term of terms) {
    lookup.add(term.term);
    for (const group of term.alternatives) for (const alternative of group) lookup.add(alternative);
    for (const correction of term.corrections) lookup.add(correction);
  }
  return { terms, lookup: [...lookup] };
}
