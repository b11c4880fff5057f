/**
 * Whether the best claims answer the question at all. The network is the re-ranker's
 * (reranker.ts) trained for another task (scripts/train-reranker.py --answerability): each claim's
 * logit of answering, learned from questions asked of their own corpus and of documents about
 * something else. The re-ranker's score only orders one question's claims; this one's level
 * compares questions, which is what abstention needs. Abstention reads the best of the first
 * claims shown.
 */
import { projectFile } from './project-file.js';
import type { Reranker } from './reranker.js';
import type { WordVectors } from './word-vectors.js';

export const ANSWERABILITY_PATH = projectFile('models/answerability.json');

/** The claims shown at most (ask.ts's default limit): an answer shown third still answers. */
export const ANSWERABILITY_CLAIMS = 3;

/** The highest answerability logit of the first claims (best first); 0 without the network or vectors. */
export function bestAnswerability(
  model: Reranker | null,
  vectors: WordVectors | null,
  questionWords: () => Int32Array,
  claimWords: (k: number) => Int32Array,
  claims: number,
): number {
  const count = Math.min(claims, ANSWERABILITY_CLAIMS);
  if (!model || !vectors || count === 0) return 0;
  const rows = Array.from({ length: count }, (_, k) => claimWords(k));
  return Math.max(...model.scoreClaims(vectors, questionWords(), rows));
}
