/**
 * /ask: the claims that answer a question, best first, each quoted verbatim with its citation.
 * Candidates come from the index; a ranker learned from SQuAD (ranker.ts) scores them on how much
 * of the question they state, exactly or in other words (word vectors), weighted by how much each
 * word carries in general English and in the corpus, and on holding the kind of answer asked for.
 * A learned abstention model decides whether the best claim answers at all; when it does not, the
 * answer is explicitly empty. Without the word vectors a lexical model of the same kind ranks.
 */
import { answerTypeOf, offersAnswerType } from './answer-type.js';
import { candidatesFor } from './candidates.js';
import type { Claim } from './claim.js';
import { citationOf, type Citation } from './citation.js';
import type { Corpus, IndexedClaim } from './corpus.js';
import { UserError } from './errors.js';
import { buildQuery, type Query, type QueryTerm } from './query.js';
import { questionMessage, questionProblem } from './question.js';
import { shippedRankers } from './ranker.js';
import { FEATURE_COUNT } from './ranking-features.js';
import type { IndexHit } from './search-index.js';
import { semanticData } from './semantic-data.js';
import { tokenize, toTerm } from './terms.js';
import type { WordVectors } from './word-vectors.js';

/** One cited snippet. */
export interface Answer {
  /** The sentence, verbatim. */
  text: string;
  /** Ranking score, higher is better; comparable within one answer only. */
  score: number;
  /** Words of `text`, as written, that match the question (for highlighting). */
  terms: string[];
  kind: Claim['kind'];
  citation: Citation;
}

export type { Citation };

export interface AskResult {
  query: string;
  /** Best first; empty when the documents do not answer. */
  answers: Answer[];
  /** A sentence for the reader: how many answers, or that nothing answers. */
  note: string;
}

export interface AskOptions {
  /** Most snippets to return (default 3). */
  limit?: number;
  /** Word vectors to rank with; null ranks lexically; default: the shipped ones (semantic-data.ts). */
  vectors?: WordVectors | null;
}

/** Share of the question's weight a claim must cover (its paragraph counting half) to match a /timeline topic. */
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

export const NOTHING_FOUND = 'Nothing in the documents answers this.';

function covers(term: QueryTerm, terms: ReadonlySet<string>): boolean {
  return terms.has(term.term) || term.alternatives.some((group) => group.every((alternative) => terms.has(alternative)));
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
      score: WEIGHTS.sentence * sentence + WEIGHTS.local * localShare + WEIGHTS.context * context + WEIGHTS.answerType * typed,
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
    .filter((term) => corpus.index.documentFrequency(term.term) === 0 && term.corrections.length === 0 && term.alternatives.length === 0)
    .reduce((sum, term) => sum + term.weight, 0);
  return total === 0 || unknown / total >= MAX_UNKNOWN_SHARE;
}

/** The surface words of a sentence whose terms matched. */
function highlightTerms(text: string, matched: ReadonlySet<string>): string[] {
  const words = new Set<string>();
  for (const token of tokenize(text)) {
    const term = toTerm(token.surface);
    if (term !== null && matched.has(term)) words.add(token.surface);
  }
  return [...words];
}

function toAnswer(corpus: Corpus, entry: IndexedClaim, hit: IndexHit, score: number, query: Query): Answer {
  const { claim } = entry;
  const matched = new Set([...hit.matched, ...query.lookup.filter((term) => entry.termSet.has(term))]);
  return {
    text: claim.text,
    score: Math.round(score * 1000) / 1000,
    terms: highlightTerms(claim.text, matched),
    kind: claim.kind,
    citation: citationOf(claim, corpus.document(claim.documentId)),
  };
}

/**
 * Keys of every claim that answers a topic with the same confidence /ask requires (for
 * /timeline topic:...). `candidates` bounds how many index hits are ranked.
 */
export function claimsMatching(corpus: Corpus, topic: string, candidates = 5_000): Set<number> {
  const query = buildQuery(topic, corpus);
  if (offTopic(corpus, query)) return new Set();
  const hits = corpus.index.search(query.lookup, candidates);
  return new Set(rank(corpus, query, topic, hits).filter((ranked) => ranked.confidence >= MIN_CONFIDENCE).map((ranked) => ranked.entry.key));
}

/** Answers a question from the corpus. Throws a UserError for an empty or over-long question. */
export function ask(corpus: Corpus, rawQuestion: string, options: AskOptions = {}): AskResult {
  const question = rawQuestion.trim();
  const problem = questionProblem(question);
  if (problem) throw new UserError(problem, questionMessage(problem));
  const limit = options.limit ?? 3;
  const vectors = options.vectors === undefined ? semanticData().vectors : options.vectors;
  const rankers = shippedRankers();
  const ranker = vectors ? rankers.semantic : rankers.lexical;
  const { query, entries, hits, features } = candidatesFor(corpus, question, vectors);
  const scores = entries.map((_, i) => ranker.score(features, i * FEATURE_COUNT));
  const order = scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  const answers: Answer[] = [];
  const best = order[0];
  if (best !== undefined) {
    const top = scores[best]!;
    const total = scores.reduce((sum, score) => sum + Math.exp(score - top), 0);
    const share = (i: number): number => Math.exp(scores[i]! - top) / total;
    if (ranker.answerProbability(features, best * FEATURE_COUNT, top, share(best)) >= ranker.threshold) {
      const quoted = new Set<string>();
      for (const i of order) {
        if (answers.length >= limit || share(i) < ranker.runnerUpShare * share(best)) break;
        const entry = entries[i]!;
        if (quoted.has(entry.claim.text)) continue; // the same sentence in two copies of a report
        quoted.add(entry.claim.text);
        answers.push(toAnswer(corpus, entry, hits[i]!, share(i), query));
      }
    }
  }
  const note = answers.length === 0 ? NOTHING_FOUND : `${answers.length} cited ${answers.length === 1 ? 'sentence' : 'sentences'} from the documents.`;
  return { query: question, answers, note };
}
