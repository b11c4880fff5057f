/**
 * /ask: the claims that answer a question, best first, each quoted verbatim with its citation.
 * Candidates come from the index; a ranker learned from SQuAD (ranker.ts) scores them on how much
 * of the question they state, exactly or in other words (word vectors), weighted by how much each
 * word carries in general English and in the corpus, and on holding the kind of answer asked for.
 * An attention re-ranker over the word vectors (reranker.ts) then re-scores the ranker's first few.
 * A learned abstention model, which also reads an answerability network (answerability.ts), decides
 * whether the best claim answers at all; when it does not, the answer is explicitly empty. Without
 * the word vectors a lexical model of the same kind ranks.
 */
import { bestAnswerability } from './answerability.js';
import { candidatesFor } from './candidates.js';
import type { Claim } from './claim.js';
import { citationOf, type Citation } from './citation.js';
import type { Corpus, IndexedClaim } from './corpus.js';
import { UserError } from './errors.js';
import type { Query } from './query.js';
import { questionMessage, questionProblem } from './question.js';
import { refusalHint } from './refusal-hint.js';
import { abstentionContext, shippedRankers } from './ranker.js';
import { FEATURE_COUNT } from './ranking-features.js';
import { rerankedOrder } from './reranker.js';
import { CLAIM_WORDS, QUESTION_WORDS, rerankerWords } from './reranker-words.js';
import type { DocumentScope } from './scope.js';
import type { IndexHit } from './search-index.js';
import { semanticData } from './semantic-data.js';
import { roleMentions } from './role-mentions.js';
import { termsOf, type Token, tokenize, toTerm } from './terms.js';
import { truecased } from './truecase.js';
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
  /** With no answers: which of the question's words the documents use and which they do not (refusal-hint.ts). */
  hint?: string;
}

export interface AskOptions {
  /** Most snippets to return (default 3). */
  limit?: number;
  /** Word vectors to rank with; null ranks lexically; default: the shipped ones (semantic-data.ts). */
  vectors?: WordVectors | null;
  /** Only these documents (a channel's collection); default every document. */
  scope?: DocumentScope;
}

/** The re-ranker's word rows of recently re-ranked claims, by claim key (keys are not reused within a corpus). */
interface ClaimRows {
  vectors: WordVectors;
  rows: Map<number, Int32Array>;
}
const claimRowCaches = new WeakMap<Corpus, ClaimRows>();
/** Re-ranked claims whose rows are kept: a few questions' worth repeat often (followed-up topics). */
const CLAIM_ROWS_KEPT = 20_000;

/** A claim's words as the re-ranker reads them, tokenised once per claim rather than per question. */
function claimRows(corpus: Corpus, vectors: WordVectors, entry: IndexedClaim): Int32Array {
  let cache = claimRowCaches.get(corpus);
  if (cache?.vectors !== vectors) claimRowCaches.set(corpus, (cache = { vectors, rows: new Map() }));
  let rows = cache.rows.get(entry.key);
  if (!rows) {
    rows = rerankerWords(entry.claim.text, vectors, CLAIM_WORDS);
    if (cache.rows.size >= CLAIM_ROWS_KEPT) cache.rows.clear();
    cache.rows.set(entry.key, rows);
  }
  return rows;
}

export const NOTHING_FOUND = 'Nothing in the documents answers this.';

/**
 * Least share of the ranking for a snippet from another document than the first answer's: below it
 * the runner-up is filler ("She was a really lovely person" under a question about a firm's profit).
 * On XQuAD, 62 of the 90 wrong runner-ups from another document were below 1%, and none of the 68
 * right runner-ups (all but one from the first answer's document).
 */
const OTHER_DOCUMENT_SHARE = 0.01;

export { claimsMatching } from './topic-match.js';

/** The surface words of a sentence (its tokens) whose terms matched. */
function highlightTerms(tokens: readonly Token[], matched: ReadonlySet<string>): string[] {
  const words = new Set<string>();
  for (const token of tokens) {
    const term = toTerm(token.surface);
    if (term !== null && matched.has(term)) words.add(token.surface);
  }
  return [...words];
}

/**
 * The words of role mentions ("Ukrainian", "President") that stand for a person the question names
 * (its terms matched the claim without being written in it).
 */
function roleWordsMatched(
  corpus: Corpus,
  entry: IndexedClaim,
  tokens: readonly Token[],
  matched: ReadonlySet<string>,
): string[] {
  const written = new Set(tokens.map((token) => toTerm(token.surface)));
  if (![...matched].some((term) => !written.has(term))) return [];
  const sentences = corpus.claimsOf(entry.claim.documentId).map((claim) => claim.text);
  return (roleMentions(sentences)[entry.position] ?? [])
    .filter((mention) => termsOf(mention.name).some((term) => matched.has(term)))
    .flatMap((mention) => mention.words);
}

function toAnswer(
  corpus: Corpus,
  entry: IndexedClaim,
  hit: IndexHit,
  score: number,
  query: Query,
  notStandIns: ReadonlySet<string>,
): Answer {
  const { claim } = entry;
  const matched = new Set(
    [...hit.matched, ...query.lookup.filter((term) => entry.termSet.has(term))].filter(
      (term) => !notStandIns.has(term),
    ),
  );
  const tokens = tokenize(claim.text); // once, for the highlighted words and the role words alike
  return {
    text: claim.text,
    score: Math.round(score * 1000) / 1000,
    terms: [...new Set([...highlightTerms(tokens, matched), ...roleWordsMatched(corpus, entry, tokens, matched)])],
    kind: claim.kind,
    citation: citationOf(claim, corpus.document(claim.documentId)),
  };
}

/** Index terms a query looked up only as near spellings of words general English knows: not highlighted. */
function notStandInsOf(query: Query, standIns: ReadonlySet<string>): Set<string> {
  const asked = new Set(query.terms.flatMap((term) => [term.term, ...term.alternatives.flat()]));
  return new Set(
    query.terms.flatMap((term) => term.corrections).filter((term) => !standIns.has(term) && !asked.has(term)),
  );
}

/** Answers a question from the corpus. Throws a UserError for an empty or over-long question. */
export function ask(corpus: Corpus, rawQuestion: string, options: AskOptions = {}): AskResult {
  const question = rawQuestion.trim();
  const problem = questionProblem(question);
  if (problem) throw new UserError(problem, questionMessage(problem));
  const limit = options.limit ?? 3;
  // Read with its names' capitals ("putin" -> "Putin"); the reply shows the question as typed.
  const analysed = truecased(question);
  const semantic = semanticData();
  const vectors = options.vectors === undefined ? semantic.vectors : options.vectors;
  const rankers = shippedRankers();
  const ranker = vectors ? rankers.semantic : rankers.lexical;
  const {
    query,
    entries,
    hits,
    features,
    missingName,
    unseenGeneral,
    spellingStandIns: standIns,
  } = candidatesFor(corpus, analysed, vectors, undefined, options.scope);
  const rankerScores = ranker.scores(features, entries.length);
  let questionRows: Int32Array | undefined;
  const questionWords = (): Int32Array => (questionRows ??= rerankerWords(analysed, vectors!, QUESTION_WORDS));
  const { order, scores, evidence } = rerankedOrder(
    rankerScores,
    vectors ? semantic.reranker : null,
    vectors,
    questionWords,
    (i) => claimRows(corpus, vectors!, entries[i]!),
    (i, out) => ranker.standardise(features, i * FEATURE_COUNT, out),
  );
  const answers: Answer[] = [];
  const notStandIns = notStandInsOf(query, standIns);
  const best = order[0];
  if (best !== undefined) {
    const top = scores[0]!;
    const total = scores.reduce((sum, score) => sum + Math.exp(score - top), 0);
    const share = (k: number): number => Math.exp(scores[k]! - top) / total;
    const answerability = bestAnswerability(
      vectors ? semantic.answerability : null,
      vectors,
      questionWords,
      (k) => claimRows(corpus, vectors!, entries[order[k]!]!),
      order.length,
    );
    const context = abstentionContext(scores, evidence, missingName, answerability, unseenGeneral);
    if (ranker.answerProbability(features, best * FEATURE_COUNT, context) >= ranker.threshold) {
      const quoted = new Set<string>();
      for (const [k, i] of order.entries()) {
        if (answers.length >= limit || share(k) < ranker.runnerUpShare * share(0)) break;
        const entry = entries[i]!;
        if (quoted.has(entry.claim.text)) continue; // the same sentence in two copies of a report
        if (k > 0 && entry.claim.documentId !== entries[best]!.claim.documentId && share(k) < OTHER_DOCUMENT_SHARE)
          continue;
        quoted.add(entry.claim.text);
        answers.push(toAnswer(corpus, entry, hits[i]!, share(k), query, notStandIns));
      }
    }
  }
  if (answers.length > 0) {
    const note = `${answers.length} cited ${answers.length === 1 ? 'sentence' : 'sentences'} from the documents.`;
    return { query: question, answers, note };
  }
  const hint = refusalHint(corpus, question, query, options.scope, standIns);
  return { query: question, answers, note: NOTHING_FOUND, ...(hint ? { hint } : {}) };
}
