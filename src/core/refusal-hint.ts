/**
 * What a refusal can still tell the reader: which of the question's words the documents use, and in
 * how many sentences ("They mention "Kellogg" (2 sentences), but not "rank"."), the way a search
 * engine marks the words a result is missing. It says only what the index holds, so it stays true to
 * the documents, and it shows the reader which words to keep and which to put otherwise.
 */
import { frameTermsOf } from './answer-type.js';
import type { Corpus } from './corpus.js';
import type { Query } from './query.js';
import { claimFilter, type DocumentScope } from './scope.js';
import { tokenize, toTerm } from './terms.js';

/** Most words the hint names: a long question gets its first ones. */
const MAX_WORDS = 6;

interface WordCount {
  word: string;
  sentences: number;
}

/** In how many sentences (within the scope) a term occurs. */
function sentencesWith(corpus: Corpus, term: string, accept: ((key: number) => boolean) | undefined): number {
  if (!accept) return corpus.index.documentFrequency(term);
  const id = corpus.index.terms.idOf(term);
  if (id === undefined) return 0;
  let count = 0;
  corpus.index.forEachClaimWith(id, (key) => {
    if (accept(key)) count++;
  });
  return count;
}

function quoted(words: readonly WordCount[], withCounts: boolean): string {
  const parts = words.map(({ word, sentences }) =>
    withCounts ? `"${word}" (${sentences} ${sentences === 1 ? 'sentence' : 'sentences'})` : `"${word}"`,
  );
  return parts.length <= 1
    ? (parts[0] ?? '')
    : `${parts.slice(0, -1).join(', ')} ${withCounts ? 'and' : 'or'} ${parts.at(-1)}`;
}

/**
 * One sentence for a question nothing answers, naming its content words (as the reader wrote them)
 * that the documents use and those they do not; undefined when the question has no content words.
 */
export function refusalHint(corpus: Corpus, question: string, query: Query, scope?: DocumentScope): string | undefined {
  const contentTerms = new Set(query.terms.map((term) => term.term));
  const frame = frameTermsOf(question);
  const accept = scope ? claimFilter(corpus, scope) : undefined;
  const seen = new Set<string>();
  const counts: WordCount[] = [];
  for (const { surface } of tokenize(question)) {
    const term = toTerm(surface);
    if (term === null || !contentTerms.has(term) || frame.has(term) || seen.has(term)) continue;
    seen.add(term);
    counts.push({ word: surface.replace(/['’]s$/, ''), sentences: sentencesWith(corpus, term, accept) });
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
