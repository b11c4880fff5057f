/**
 * Which claims match a /timeline topic: the lexical coverage test /ask used before its learned
 * ranker (a claim must state enough of the topic's corpus-weighted words, its paragraph counting
 * half), kept for topics, which are a few words rather than questions.
 */
import { answerTypeOf, offersAnswerType } from './answer-type.js';
import type { Corpus, IndexedClaim } from './corpus.js';
import { claimFilter, type DocumentScope } from './scope.js';
import { buildQuery, type Query, type QueryTerm } from './query.js';
import type { IndexHit } from './search-index.js';

/** Share of the topic's weight a claim must cover (its paragraph counting half) to match it. */
const MIN_CONFIDENCE = 0.3;
/** Share of a question's weight in words the documents never use that makes it off-topic. */
const MAX_UNKNOWN_SHARE = 0.5;
const FUZZY_CREDIT = 0.7;
const ANTECEDENT_CREDIT = 0.8;
/**
 * How the ranking mixes its signals: coverage of the question weighted corpus-wide, the same
 * weighted within the claim's document (telling apart sentences of one article), the paragraph
 * and title around the claim, and holding the kind of answer asked for.
 */
const WEIGHTS = { sentence: 1, local: 0.5, context: 0.35, answerType: 0.15 };

function covers(term: QueryTerm, terms: ReadonlySet<string>): boolean {
  return (
    terms.has(term.term) || term.alternatives.some((group) => group.every((alternative) => terms.has(alternative)))
  );
}

/** How fully a claim itself states a question term: 1 as written, less through a typo or a pronoun. */
function sentenceCredit(term: QueryTerm, entry: IndexedClaim): number {
  if (covers(term, entry.termSet) || entry.referredTerms.has(term.term)) return 1;
  if (entry.antecedentTerms.has(term.term)) return ANTECEDENT_CREDIT;
  if (term.corrections.some((correction) => entry.termSet.has(correction))) return FUZZY_CREDIT;
  return 0;
}

interface Ranked {
  entry: IndexedClaim;
  hit: IndexHit;
  score: number;
  confidence: number;
}

function rank(corpus: Corpus, query: Query, question: string, hits: IndexHit[]): Ranked[] {
  const totalWeight = query.terms.reduce((sum, term) => sum + term.weight, 0);
  const type = answerTypeOf(question);
  const questionTerms = new Set(query.terms.map((term) => term.term));
  const ranked: Ranked[] = [];
  for (const hit of hits) {
    const entry = corpus.entry(hit.key);
    if (!entry) continue;
    const { termClaims, claimCount, titleTerms } = entry.context;
    let sentenceWeight = 0;
    let contextWeight = 0;
    let localWeight = 0;
    let localTotal = 0;
    for (const term of query.terms) {
      const frequency = termClaims.get(term.term) ?? 0;
      const local = Math.log(1 + (claimCount - frequency + 0.5) / (frequency + 0.5));
      localTotal += local;
      const credit = sentenceCredit(term, entry);
      if (credit > 0) {
        sentenceWeight += credit * term.weight;
        localWeight += credit * local;
      } else if (covers(term, entry.paragraphTerms) || covers(term, titleTerms)) contextWeight += term.weight;
    }
    const sentence = sentenceWeight / totalWeight;
    const localShare = localTotal > 0 ? localWeight / localTotal : 0;
    const context = contextWeight / totalWeight;
    const typed = offersAnswerType(type, entry.claim.text, questionTerms) ? 1 : 0;
    ranked.push({
      entry,
      hit,
      score:
        WEIGHTS.sentence * sentence +
        WEIGHTS.local * localShare +
        WEIGHTS.context * context +
        WEIGHTS.answerType * typed,
      confidence: sentence + context / 2,
    });
  }
  return ranked.sort((a, b) => b.score - a.score);
}

/**
 * A question is off-topic when most of its weight lies in words no document uses, in any spelling
 * or alias: "the weather in Kyiv" shares a place name with a war report but not its subject.
 */
function offTopic(corpus: Corpus, query: Query): boolean {
  const total = query.terms.reduce((sum, term) => sum + term.weight, 0);
  const unknown = query.terms
    .filter(
      (term) =>
        corpus.index.documentFrequency(term.term) === 0 &&
        term.corrections.length === 0 &&
        term.alternatives.length === 0,
    )
    .reduce((sum, term) => sum + term.weight, 0);
  return total === 0 || unknown / total >= MAX_UNKNOWN_SHARE;
}

/**
 * Keys of every claim that answers a topic with the same confidence /ask requires (for
 * /timeline topic:...). `candidates` bounds how many index hits are ranked.
 */
export function claimsMatching(corpus: Corpus, topic: string, candidates = 5_000, scope?: DocumentScope): Set<number> {
  const query = buildQuery(topic, corpus);
  if (offTopic(corpus, query)) return new Set();
  const hits = corpus.index.search(query.lookup, candidates, scope ? claimFilter(corpus, scope) : undefined);
  return new Set(
    rank(corpus, query, topic, hits)
      .filter((ranked) => ranked.confidence >= MIN_CONFIDENCE)
      .map((ranked) => ranked.entry.key),
  );
}
