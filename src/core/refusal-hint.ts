/**
 * What a refusal can still tell the reader: which of the question's words the documents use, and in
 * how many sentences ("They mention "Kellogg" (2 sentences), but not "rank"."), the way a search
 * engine marks the words a result is missing. It says only what the index holds, so it stays true to
 * the documents, and it shows the reader which words to keep and which to put otherwise. A word the
 * documents hold only in the form the search matched it by (a name's adjective, a spelling variant,
 * an alias) is named with that form: "Europe" (as "European"), never "not Europe".
 */
import { frameTermsOf } from './answer-type.js';
import type { Corpus } from './corpus.js';
import type { Query, QueryTerm } from './query.js';
import { claimFilter, type DocumentScope } from './scope.js';
import { tokenize, toTerm } from './terms.js';

/** Most words the hint names: a long question gets its first ones. */
const MAX_WORDS = 6;

interface WordCount {
  word: string;
  sentences: number;
  /** The form the documents write it in, when that is not the reader's word. */
  writtenAs?: string;
}

type Accept = ((key: number) => boolean) | undefined;

/** In how many sentences (within the scope) a term occurs. */
function sentencesWith(corpus: Corpus, term: string, accept: Accept): number {
  if (!accept) return corpus.index.documentFrequency(term);
  const id = corpus.index.terms.idOf(term);
  if (id === undefined) return 0;
  let count = 0;
  corpus.index.forEachClaimWith(id, (key) => {
    if (accept(key)) count++;
  });
  return count;
}

/** Sentences read at most for a term's written form: the first few usually hold it. */
const FORM_LOOKUPS = 20;

/**
 * A word of an admitted sentence whose term is `term`, as the document writes it. Not every posting
 * holds the word itself: a sentence is also indexed with the names its role mentions stand for.
 */
function writtenForm(corpus: Corpus, term: string, accept: Accept): string | undefined {
  const id = corpus.index.terms.idOf(term);
  if (id === undefined) return undefined;
  let form: string | undefined;
  let lookups = 0;
  corpus.index.forEachClaimWith(id, (key) => {
    if (form !== undefined || lookups >= FORM_LOOKUPS || (accept && !accept(key))) return;
    lookups++;
    form = tokenize(corpus.claimAt(key).text).find((token) => toTerm(token.surface) === term)?.surface;
  });
  return form;
}

/** The form the search matched an unused word by (one-term alternatives, then spellings) that most sentences hold. */
function otherForm(
  corpus: Corpus,
  queryTerm: QueryTerm,
  accept: Accept,
  standIns: ReadonlySet<string> | undefined,
): Omit<WordCount, 'word'> | undefined {
  const forms = [
    ...queryTerm.alternatives.filter((group) => group.length === 1).map((group) => group[0]!),
    ...queryTerm.corrections.filter((correction) => !standIns || standIns.has(correction)),
  ];
  let best: { term: string; sentences: number } | undefined;
  for (const term of new Set(forms)) {
    const sentences = sentencesWith(corpus, term, accept);
    if (sentences > (best?.sentences ?? 0)) best = { term, sentences };
  }
  const writtenAs = best && writtenForm(corpus, best.term, accept);
  return best && writtenAs ? { sentences: best.sentences, writtenAs } : undefined;
}

function quoted(words: readonly WordCount[], withCounts: boolean): string {
  const parts = words.map(({ word, sentences, writtenAs }) => {
    if (!withCounts) return `"${word}"`;
    const count = `${sentences} ${sentences === 1 ? 'sentence' : 'sentences'}`;
    return writtenAs ? `"${word}" (as "${writtenAs}", ${count})` : `"${word}" (${count})`;
  });
  return parts.length <= 1
    ? (parts[0] ?? '')
    : `${parts.slice(0, -1).join(', ')} ${withCounts ? 'and' : 'or'} ${parts.at(-1)}`;
}

/**
 * One sentence for a question nothing answers, naming its content words (as the reader wrote them)
 * that the documents use and those they do not; undefined when the question has no content words.
 * `standIns` are the near spellings that may stand for a word (ranking-features.ts); default all.
 */
export function refusalHint(
  corpus: Corpus,
  question: string,
  query: Query,
  scope?: DocumentScope,
  standIns?: ReadonlySet<string>,
): string | undefined {
  const queryTerms = new Map(query.terms.map((queryTerm) => [queryTerm.term, queryTerm]));
  const frame = frameTermsOf(question);
  const accept = scope ? claimFilter(corpus, scope) : undefined;
  const seen = new Set<string>();
  const counts: WordCount[] = [];
  for (const { surface } of tokenize(question)) {
    const term = toTerm(surface);
    const queryTerm = term === null ? undefined : queryTerms.get(term);
    if (term === null || queryTerm === undefined || frame.has(term) || seen.has(term)) continue;
    seen.add(term);
    const word = surface.replace(/['’]s$/, '');
    const sentences = sentencesWith(corpus, term, accept);
    counts.push({ word, sentences, ...(sentences === 0 ? otherForm(corpus, queryTerm, accept, standIns) : {}) });
    if (counts.length === MAX_WORDS) break;
  }
  const used = counts.filter((count) => count.sentences > 0);
  const unused = counts.filter((count) => count.sentences === 0);
  if (used.length === 0) return unused.length === 0 ? undefined : `They never mention ${quoted(unused, false)}.`;
  const mention = `They mention ${quoted(used, true)}`;
  return unused.length === 0
    ? `${mention}, but no sentence answers the question as asked: try other words.`
    : `${mention}, but not ${quoted(unused, false)}.`;
}
