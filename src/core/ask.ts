/**
 * /ask: the claims that answer a question, best first, each quoted verbatim with its citation.
 * Candidates come from the index; they are ranked by how much of the question they cover (rare
 * words count more), helped by their paragraph and title, and by holding the kind of answer asked
 * for. When nothing covers enough of the question the answer is explicitly empty.
 */
import { answerTypeOf, offersAnswerType } from './answer-type.js';
import type { Claim } from './claim.js';
import { citationOf, type Citation } from './citation.js';
import type { Corpus, IndexedClaim } from './corpus.js';
import { UserError } from './errors.js';
import { buildQuery, type Query, type QueryTerm } from './query.js';
import { questionMessage, questionProblem } from './question.js';
import type { IndexHit } from './search-index.js';
import { tokenize, toTerm } from './terms.js';

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
}

/** Share of the question's weight a claim must cover (its paragraph counting half) to be an answer. */
const MIN_CONFIDENCE = 0.3;
/** Snippets after the first must score at least this share of the best: no filler quotes. */
const RUNNER_UP_RATIO = 0.6;
const CANDIDATES = 100;
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

function toAnswer(corpus: Corpus, ranked: Ranked, query: Query): Answer {
  const { claim } = ranked.entry;
  const matched = new Set([...ranked.hit.matched, ...query.lookup.filter((term) => ranked.entry.termSet.has(term))]);
  return {
    text: claim.text,
    score: Math.round(ranked.score * 1000) / 1000,
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
  const query = buildQuery(question, corpus);
  const hits = offTopic(corpus, query) ? [] : corpus.index.search(query.lookup, CANDIDATES);
  const answers: Answer[] = [];
  const quoted = new Set<string>();
  const ranking = rank(corpus, query, question, hits).filter((ranked) => ranked.confidence >= MIN_CONFIDENCE);
  const bestScore = ranking[0]?.score ?? 0;
  for (const ranked of ranking) {
    if (answers.length >= limit || ranked.score < RUNNER_UP_RATIO * bestScore) break;
    if (quoted.has(ranked.entry.claim.text)) continue; // the same sentence in two copies of a report
    quoted.add(ranked.entry.claim.text);
    answers.push(toAnswer(corpus, ranked, query));
  }
  const note = answers.length === 0 ? NOTHING_FOUND : `${answers.length} cited ${answers.length === 1 ? 'sentence' : 'sentences'} from the documents.`;
  return { query: question, answers, note };
}
