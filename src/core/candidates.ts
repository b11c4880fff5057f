/**
 * The claims that could answer a question and their ranking features: the narrow interface
 * between the index (candidate claims for the question's terms, term statistics) and the learned
 * ranker. Used by /ask and by the training script alike, so both see the same numbers.
 */
import type { Corpus, IndexedClaim } from './corpus.js';
import { buildQuery, type Query } from './query.js';
import {
  candidateFeatures,
  FEATURE_COUNT,
  questionFeatures,
  rowOfKey,
  setFeatures,
  type ClaimWordCache,
} from './ranking-features.js';
import { collectInitials, initialismTerms } from './initialisms.js';
import { claimFilter, type DocumentScope } from './scope.js';
import type { IndexHit } from './search-index.js';
import { isAllCaps, termsOf, tokenize, toTerm } from './terms.js';
import type { WordVectors } from './word-vectors.js';

/** Most index hits ranked per question (the right claim is among the first 40 about 97% of the time). */
export const CANDIDATES = 40;
/**
 * The best few hits bring in the other sentences of their paragraph: an answer often follows the
 * sentence that repeats the question's words ("The move also serves as a bargaining chip, offering
 * Putin..." two sentences after the one about the deal).
 */
const NEIGHBOURS_OF = 3;

const claimWordCaches = new WeakMap<Corpus, ClaimWordCache>();

export interface Candidates {
  query: Query;
  entries: IndexedClaim[];
  hits: IndexHit[];
  /** FEATURE_COUNT numbers per candidate, in the order of `entries`. */
  features: Float32Array;
  /** General weight of the weightiest name in the question that no document uses, against its weightiest word (0 for none). */
  missingName: number;
  /** General-weighted share of the question in words the word vectors lack (0 without vectors). */
  unseenGeneral: number;
  /**
   * The near spellings that may stand for the question's words: those of words general English does
   * not know ("Zelenskiy" -> zelenski), never of one it does ("Victoria" is not "victory"); all of them
   * without vectors. Highlights and a refusal's hint follow the ranker here.
   */
  spellingStandIns: Set<string>;
}

/** The question's words written in capitals ("SP", "U.S."): they may be initials of a name the documents spell out. */
function termsInCapitals(question: string): Set<string> {
  const terms = new Set<string>();
  for (const { surface } of tokenize(question)) {
    const term = isAllCaps(surface) ? toTerm(surface) : null;
    if (term !== null) terms.add(term);
  }
  return terms;
}

/** The initials of the names the candidates and their documents' titles spell out ("Scottish Parliament": sp). */
function initialsOfCandidates(corpus: Corpus, entries: readonly IndexedClaim[]): Set<string> {
  const found = new Set<string>();
  const documents = new Set<string>();
  for (const { claim } of entries) {
    collectInitials(claim.text, found);
    documents.add(claim.documentId);
  }
  for (const id of documents) collectInitials(corpus.document(id)?.title ?? '', found);
  return new Set(initialismTerms(found));
}

export function candidatesFor(
  corpus: Corpus,
  question: string,
  vectors: WordVectors | null,
  limit = CANDIDATES,
  scope?: DocumentScope,
): Candidates {
  const query = buildQuery(question, corpus, vectors);
  const entries: IndexedClaim[] = [];
  const hits: IndexHit[] = [];
  const accept = scope ? claimFilter(corpus, scope) : undefined;
  for (const hit of query.terms.length === 0 ? [] : corpus.index.search(query.lookup, limit, accept)) {
    const entry = corpus.entry(hit.key);
    if (!entry) continue;
    entries.push(entry);
    hits.push(hit);
  }
  for (const entry of entries.slice(0, NEIGHBOURS_OF)) {
    // The paragraph's keys come from the claim columns: no other claim of the document is read.
    const { first, last } = corpus.paragraphRange(entry.key);
    // The next paragraph may go on about it with a pronoun ("Its pre-tax earnings..."): its first
    // sentence then has antecedent terms (corpus.ts), and is a neighbour too.
    const next = corpus.entry(last + 1);
    const goesOn = next?.claim.documentId === entry.claim.documentId && next.antecedentTerms.size > 0;
    const end = goesOn ? last + 1 : last;
    for (let key = first; key <= end; key++) {
      if (rowOfKey(entries, key) >= 0) continue;
      const neighbour = corpus.entry(key);
      if (!neighbour) continue;
      entries.push(neighbour);
      hits.push({ key, score: 0, matched: [] });
    }
  }
  const features = new Float32Array(entries.length * FEATURE_COUNT);
  let missingName = 0;
  let unseenGeneral = 0;
  let spellingStandIns = new Set<string>();
  if (entries.length > 0) {
    let cache = claimWordCaches.get(corpus);
    if (!cache) claimWordCaches.set(corpus, (cache = new Map()));
    const capitals = termsInCapitals(question);
    let spelledOut: Set<string> | undefined;
    // A name in capitals no document indexes may be the initials of one the candidates spell out.
    const known = (term: string): boolean =>
      corpus.index.documentFrequency(term) > 0 ||
      (capitals.has(term) && (spelledOut ??= initialsOfCandidates(corpus, entries)).has(term));
    const asked = questionFeatures(query, question, termsOf(question), vectors, known, cache, (term) =>
      corpus.index.terms.idOf(term),
    );
    const top = hits[0]!.score;
    const addressed = new Float32Array(asked.terms.length);
    for (let i = 0; i < entries.length; i++)
      candidateFeatures(asked, entries[i]!, hits[i]!, i, top, vectors, features, i * FEATURE_COUNT, addressed);
    setFeatures(asked, entries, addressed, features);
    missingName = asked.missingName;
    unseenGeneral = asked.unseenGeneral;
    spellingStandIns = new Set(
      asked.terms.filter((term) => term.typoCandidate).flatMap((term) => term.term.corrections),
    );
  }
  return { query, entries, hits, features, missingName, unseenGeneral, spellingStandIns };
}
