/** The learned ranker: scoring many candidates at once gives each the score it gets alone. */
import { describe, expect, it } from 'vitest';
import { shippedRankers } from '../../src/core/ranker.js';
import { FEATURE_COUNT } from '../../src/core/ranking-features.js';

/** Deterministic pseudo-random features in a plausible range (a few exact zeros and ones among them). */
function features(count: number): Float32Array {
  const values = new Float32Array(count * FEATURE_COUNT);
  let seed = 12345;
  for (let i = 0; i < values.length; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    const r = seed / 2 ** 32;
    values[i] = r < 0.2 ? 0 : r > 0.9 ? 1 : r * 3 - 0.5;
  }
  return values;
}

describe('the learned ranker', () => {
  for (const model of ['semantic', 'lexical'] as const) {
    it(`GIVEN an odd number of candidates THEN the ${model} model scores them together as it scores each alone`, () => {
      const ranker = shippedRankers()[model];
      const rows = features(7);
      const alone = Array.from({ length: 7 }, (_, i) => ranker.score(rows, i * FEATURE_COUNT));
      expect(ranker.scores(rows, 7)).toEqual(alone);
      expect(new Set(alone).size).toBe(7);
    });
  }
});
