/** The answerability network: shipped weights that match the training script, and a level that compares questions. */
import { describe, expect, it } from 'vitest';
import { ANSWERABILITY_CLAIMS, ANSWERABILITY_PATH, bestAnswerability } from '../../src/core/answerability.js';
import { CLAIM_WORDS, QUESTION_WORDS, rerankerWords } from '../../src/core/reranker-words.js';
import { semanticData } from '../../src/core/semantic-data.js';
import { expectTrainingScores } from './network-check.js';

const vectors = semanticData().vectors!;
const model = semanticData().answerability;

/** The best logit of these claims, best first, for the question. */
function best(question: string, claims: string[]): number {
  return bestAnswerability(
    model,
    vectors,
    () => rerankerWords(question, vectors, QUESTION_WORDS),
    (k) => rerankerWords(claims[k]!, vectors, CLAIM_WORDS),
    claims.length,
  );
}

describe('the answerability network', () => {
  it('GIVEN the shipped weights THEN the claims the training script scored get the same scores here', () => {
    expect(model).not.toBeNull();
    expectTrainingScores(ANSWERABILITY_PATH, model!, vectors);
  });

  it('GIVEN one question THEN a sentence that answers it scores above sentences about something else', () => {
    const question = 'When did the army invade the northern province?';
    const answering = best(question, ['Troops marched into the north of the province in March 1942.']);
    const unrelated = best(question, [
      'Bananas grow best in warm and humid climates.',
      'The orchestra played three symphonies that evening.',
    ]);
    expect(answering).toBeGreaterThan(unrelated);
  });

  it('GIVEN more claims than are shown THEN only the first ones count, and the best of them', () => {
    const question = 'Who wrote the novel about the whale?';
    const answer = 'Herman Melville wrote the novel Moby-Dick about a great white whale.';
    const filler = 'The weather was mild for the season.';
    const shown = Array.from({ length: ANSWERABILITY_CLAIMS }, () => filler);
    expect(best(question, [...shown, answer])).toBeCloseTo(best(question, shown), 10);
    expect(best(question, [filler, answer, filler])).toBeCloseTo(best(question, [answer]), 10);
    expect(best(question, [answer])).toBeGreaterThan(best(question, shown));
  });

  it('GIVEN no network, no word vectors or no claims THEN it reads 0', () => {
    const words = (): Int32Array => new Int32Array([1, 2]);
    expect(bestAnswerability(null, vectors, words, words, 3)).toBe(0);
    expect(bestAnswerability(model, null, words, words, 3)).toBe(0);
    expect(bestAnswerability(model, vectors, words, words, 0)).toBe(0);
  });
});
