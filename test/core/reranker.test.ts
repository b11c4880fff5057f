/** The attention re-ranker: what it re-scores, and that the shipped weights read questions sensibly. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { FEATURE_COUNT, FEATURES } from '../../src/core/ranking-features.js';
import { parseReranker, RERANKER_PATH, rerankedOrder } from '../../src/core/reranker.js';
import { CLAIM_WORDS, QUESTION_WORDS, rerankerWords } from '../../src/core/reranker-words.js';
import { semanticData } from '../../src/core/semantic-data.js';
import { expectTrainingScores } from './network-check.js';

const vectors = semanticData().vectors!;
const reranker = semanticData().reranker;
/** A claim's ranker features at their training mean (standardised zeros), for a head that reads them. */
const typicalFeatures = (_: number, out: Float32Array): void => {
  out.fill(0);
};

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
      typicalFeatures,
    );
    expect(ordered.order).toHaveLength(reranker!.top);
    expect(Math.max(...ordered.order)).toBeLessThan(reranker!.top);
    expect([...ordered.scores].sort((a, b) => b - a)).toEqual(ordered.scores);
  });

  it('GIVEN weights with a head over the ranker features THEN the claim’s features move its score', () => {
    const weights = JSON.parse(readFileSync(RERANKER_PATH, 'utf8')) as Record<string, unknown>;
    const headline = FEATURES.indexOf('headline');
    const head = {
      hidden: 1,
      weights: Array.from({ length: FEATURE_COUNT + 1 }, (_, k) => (k === headline ? -1 : 0)),
      bias: [0],
      outputWeights: [1],
      outputBias: 0,
    };
    const withHead = parseReranker(JSON.stringify({ ...weights, head }));
    expect(withHead.readsFeatures).toBe(true);
    const question = rerankerWords('What does Russia get?', vectors, QUESTION_WORDS);
    const claim = rerankerWords('Russia gets a promise.', vectors, CLAIM_WORDS);
    const body = new Float32Array(FEATURE_COUNT);
    const title = new Float32Array(FEATURE_COUNT);
    body[headline] = -2;
    title[headline] = 2;
    expect(
      withHead.score(vectors, question, claim, body) - withHead.score(vectors, question, claim, title),
    ).toBeCloseTo(2, 4);
    expect(() => withHead.score(vectors, question, claim)).toThrow(/ranker features/);
  });

  it('GIVEN learned offsets for the most frequent words THEN they move the score, and offsets of the wrong size or encoding are refused', () => {
    const weights = JSON.parse(readFileSync(RERANKER_PATH, 'utf8')) as Record<string, unknown>;
    expect(weights.wordOffsets).toBeDefined();
    const withoutOffsets = parseReranker(JSON.stringify({ ...weights, wordOffsets: undefined }));
    const question = rerankerWords('Who led the army?', vectors, QUESTION_WORDS);
    const claim = rerankerWords('The general led the army in 1942.', vectors, CLAIM_WORDS);
    const none = new Float32Array(FEATURE_COUNT);
    expect(
      Math.abs(reranker!.score(vectors, question, claim, none) - withoutOffsets.score(vectors, question, claim, none)),
    ).toBeGreaterThan(1e-3);
    const wrongSize = (wordOffsets: unknown) => () => parseReranker(JSON.stringify({ ...weights, wordOffsets }));
    // Two words' scales, but the bytes of one value.
    expect(wrongSize({ words: 2, scales: [0.01, 0.01], bytes: Buffer.from([5]).toString('base64') })).toThrow(
      /wrong size/,
    );
    // Two words' bytes, but one scale.
    const twoWords = Buffer.alloc(2 * (weights.hidden as number)).toString('base64');
    expect(wrongSize({ words: 2, scales: [0.01], bytes: twoWords })).toThrow(/wrong size/);
    expect(wrongSize({ words: 2, scales: [0.01, 0.01], bytes: twoWords })).not.toThrow();
    expect(wrongSize({ words: 1, scales: [0.01], bytes: 'not base64!' })).toThrow(/corrupt/);
  });

  it('GIVEN the shipped weights THEN the claims the training script scored get the same attention scores here', () => {
    expectTrainingScores(RERANKER_PATH, reranker!, vectors);
  });

  it('GIVEN a question THEN a sentence that answers it in other words scores above one that shares only its subject', () => {
    const score = (question: string, claim: string): number =>
      reranker!.score(
        vectors,
        rerankerWords(question, vectors, QUESTION_WORDS),
        rerankerWords(claim, vectors, CLAIM_WORDS),
        new Float32Array(FEATURE_COUNT),
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
