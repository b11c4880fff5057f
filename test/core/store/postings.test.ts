import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Postings, type ScoredKey } from '../../../src/core/store/postings.js';

/** A claim's terms drawn from a skewed vocabulary: term t is held by about one claim in (t + 1) ** 2 / 2. */
function corpus(claims: number, terms: number, seed: number): number[][] {
  let state = seed;
  const random = (): number => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  return Array.from({ length: claims }, () => {
    const held: number[] = [];
    for (let t = 0; t < terms; t++)
      if (random() < 2 / (t + 1) ** 2 + 0.002) held.push(t, ...(random() < 0.2 ? [t] : []));
    for (let i = Math.floor(random() * 12); i > 0; i--) held.push(terms + Math.floor(random() * 50)); // other words
    return held;
  });
}

/** Every live claim holding a term scored in query order, best first, ties to the first term held then the key. */
function bruteForce(
  postings: Postings,
  terms: number[],
  limit: number,
  keys: number,
  accept?: (key: number) => boolean,
): ScoredKey[] {
  const average = postings.averageLength;
  const idfs = terms.map((term) => postings.idf(term));
  const all: (ScoredKey & { order: number })[] = [];
  for (let key = 0; key < keys; key++) {
    if (!postings.isAlive(key) || (accept && !accept(key))) continue;
    let score = 0;
    const matched: number[] = [];
    terms.forEach((term, i) => {
      const frequency = postings.frequencyIn(term, key);
      if (frequency === 0) return;
      const part = postings.termScore(idfs[i]!, frequency, key, average);
      score = matched.length === 0 ? part : score + part;
      matched.push(i);
    });
    if (matched.length > 0)
      all.push({ key, score: score * matched.length, matched, order: matched[0]! * 2 ** 32 + key });
  }
  return all
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, limit)
    .map(({ key, score, matched }) => ({ key, score, matched }));
}

function indexOf(claims: number[][], removed: (key: number) => boolean, compactAfter: number): Postings {
  const postings = new Postings();
  claims.forEach((terms, key) => {
    postings.add(key, terms);
    if (key === compactAfter) postings.compact(100); // the rest stays in the overlay
  });
  claims.forEach((terms, key) => {
    if (removed(key)) postings.remove(key, new Set(terms));
  });
  return postings;
}

const query = fc.record({
  terms: fc.uniqueArray(fc.integer({ min: 0, max: 11 }), { minLength: 1, maxLength: 8 }),
  limit: fc.integer({ min: 1, max: 60 }),
  filtered: fc.boolean(),
});

describe('the postings walk (MaxScore)', () => {
  it('GIVEN lists long enough to be walked together THEN the best claims are those that scoring every claim gives, in the same order with the same scores', () => {
    // 60,000 claims: the commonest terms have tens of thousands of postings, past what is scored one term at a time.
    const claims = corpus(60_000, 12, 7);
    const postings = indexOf(claims, (key) => key % 97 === 5, 50_000);
    fc.assert(
      fc.property(query, ({ terms, limit, filtered }) => {
        const accept = filtered ? (key: number) => key % 3 !== 0 : undefined;
        expect(postings.search(terms, limit, accept)).toEqual(
          bruteForce(postings, terms, limit, claims.length, accept),
        );
      }),
      { numRuns: 60 },
    );
  });

  it('GIVEN small random corpora THEN the same holds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), fc.integer(), query, (size, seed, { terms, limit, filtered }) => {
        const claims = corpus(size, 12, Math.abs(seed) % 2 ** 30);
        const postings = indexOf(claims, (key) => key % 7 === 3, size >> 1);
        const accept = filtered ? (key: number) => key % 2 === 0 : undefined;
        expect(postings.search(terms, limit, accept)).toEqual(bruteForce(postings, terms, limit, size, accept));
      }),
      { numRuns: 200 },
    );
  });
});
