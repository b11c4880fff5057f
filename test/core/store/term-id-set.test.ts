/** A claim's terms read from its run of term ids: size and membership as a Set of its terms gives them. */
import { describe, expect, it } from 'vitest';
import { TermIdSet } from '../../../src/core/store/term-id-set.js';
import { TermTable } from '../../../src/core/store/term-table.js';

describe('TermIdSet', () => {
  it('GIVEN runs with repeats, short and long THEN size and has agree with a Set of the terms', () => {
    const table = new TermTable();
    let seed = 3;
    const next = (bound: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % bound;
    };
    for (const length of [0, 1, 2, 7, 40, 64, 65, 300]) {
      const terms = Array.from({ length }, () => `term${next(Math.max(1, length / 2))}`);
      const set = new TermIdSet(
        table,
        Uint32Array.from(terms, (term) => table.intern(term)),
      );
      expect(set.size).toBe(new Set(terms).size);
      for (const term of terms) expect(set.has(term)).toBe(true);
      expect(set.has('absent')).toBe(false);
      expect([...set].sort()).toEqual([...new Set(terms)].sort());
    }
  });
});
