/**
 * The words the attention re-ranker reads: every word of a text that the word vectors know, in
 * order, function words included ("when", "how many" tell what kind of answer is asked for).
 * Shared by /ask and the training script, so both feed the model the same rows.
 */
import { tokenize } from './terms.js';
import type { WordVectors } from './word-vectors.js';

/** Most words read from a question and from a claim (longer texts are cut: the cost stays bounded). */
export const QUESTION_WORDS = 24;
export const CLAIM_WORDS = 64;

/** Vector rows of the text's words, lower case and without a possessive ("Putin’s" -> "putin"). */
export function rerankerWords(text: string, vectors: WordVectors, limit: number): Int32Array {
  const ids: number[] = [];
  for (const token of tokenize(text)) {
    const id = vectors.id(token.surface.toLowerCase().replace(/['’]s$/, ''));
    if (id < 0) continue;
    ids.push(id);
    if (ids.length >= limit) break;
  }
  return Int32Array.from(ids);
}
