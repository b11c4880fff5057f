/** The attention re-ranker: what it re-scores, and that the shipped weights read questions sensibly. */
import { describe, expect, it } from 'vitest';
import { rerankedOrder, shippedReranker } from '../../src/core/reranker.js';
import { CLAIM_WORDS, QUESTION_WORDS, rerankerWords } from '../../src/core/reranker-words.js';
import { semanticData } from '../../src/core/semantic-data.js';

const vectors = semanticData().vectors!;
const reranker = shippedReranker();

describe('the attention re-ranker', () => {
  it('GIVEN the shipped weights THEN they load', () => {
    expect(reranker).not.toBeNull();
    expect(reranker!.top).toBeGreaterThanOrEqual(3);
  });

  it('GIVEN no re-ranker THEN every candidate is kept, by the ranker score', () => {
    const ordered = rerankedOrder(
      [0.1, 2, -1, 0.5],
      null,
      vectors,
      () => new Int32Array(),
      () => new Int32Array(),
    );
    expect(ordered.order).toEqual([1, 3, 0, 2]);
    expect(ordered.scores).toEqual([2, 0.5, 0.1, -1]);
  });

  it('GIVEN more candidates than it re-scores THEN only the ranker’s first ones are kept, best final score first', () => {
    const claims = Array.from({ length: reranker!.top + 5 }, (_, i) => `Claim number ${i} about the harbour.`);
    const scores = claims.map((_, i) => -i);
    const ordered = rerankedOrder(
      scores,
      reranker,
      vectors,
      () => rerankerWords('What is the harbour?', vectors, QUESTION_WORDS),
      (i) => rerankerWords(claims[i]!, vectors, CLAIM_WORDS),
    );
    expect(ordered.order).toHaveLength(reranker!.top);
    expect(Math.max(...ordered.order)).toBeLessThan(reranker!.top);
    expect([...ordered.scores].sort((a, b) => b - a)).toEqual(ordered.scores);
  });

  it('GIVEN a question THEN a sentence that answers it in other words scores above one that shares only its subject', () => {
    const score = (question: string, claim: string): number =>
      reranker!.score(
        vectors,
        rerankerWords(question, vectors, QUESTION_WORDS),
        rerankerWords(claim, vectors, CLAIM_WORDS),
      );
    const question = 'When did the army invade the northern province?';
    expect(score(question, 'Troops marched into the north of the province in March 1942.')).toBeGreaterThan(
      score(question, 'The northern province is known for its army of volunteers and its lakes.'),
    );
  });

  it('GIVEN several claims scored for one question at once THEN each gets the score it gets alone', () => {
    const question = rerankerWords('When did the army invade the northern province?', vectors, QUESTION_WORDS);
    const claims = [
      'Troops marched into the north of the province in March 1942.',
      'The northern province is known for its army of volunteers and its lakes.',
      'The army said the province was calm.',
      '',
    ].map((claim) => rerankerWords(claim, vectors, CLAIM_WORDS));
    const together = reranker!.scoreClaims(vectors, question, claims);
    expect(together).toEqual(claims.map((claim) => reranker!.score(vectors, question, claim)));
    expect(together[3]).toBe(0);
  });
});
