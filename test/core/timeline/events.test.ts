import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IndexedClaim } from '../../../src/core/corpus.js';
import { type DatedClaim, mergeGroup } from '../../../src/core/timeline/events.js';

/** A dated claim of one date, built from its terms alone (what the merge reads). */
function dated(key: number, terms: string[], documentId: string, label?: string): DatedClaim {
  const entry = { key, termSet: new Set(terms), claim: { documentId } } as unknown as IndexedClaim;
  return {
    mention: {
      date: { year: 2020 },
      approximate: false,
      expression: '2020',
      index: 0,
      modality: 'reported',
      ...(label ? { label } : {}),
    },
    entry,
  };
}

const jaccard = (a: ReadonlySet<string>, b: ReadonlySet<string>): number => {
  let shared = 0;
  for (const term of a) if (b.has(term)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
};

/**
 * The events' members by brute force: each claim joins the first event (in the order events were
 * opened) whose first claim is at least 0.3 alike, or that holds its sentence already, or that its
 * document opened with an anchored date; else it opens one.
 */
function bruteForce(items: readonly DatedClaim[]): number[][] {
  const clusters: number[][] = [];
  const byKey = new Map<number, Set<number>>();
  const anchored = new Map<string, number>();
  items.forEach((item, index) => {
    const holding = byKey.get(item.entry.key);
    let home = holding ? Math.min(...holding) : Infinity;
    const document = item.mention.label ? item.entry.claim.documentId : undefined;
    if (document !== undefined && anchored.has(document)) home = Math.min(home, anchored.get(document)!);
    for (let c = 0; c < Math.min(home, clusters.length); c++)
      if (jaccard(items[clusters[c]![0]!]!.entry.termSet, item.entry.termSet) >= 0.3) {
        home = c;
        break;
      }
    if (home !== Infinity) {
      if (!holding?.has(home)) {
        clusters[home]!.push(index);
        byKey.set(item.entry.key, new Set([...(holding ?? []), home]));
      }
      return;
    }
    clusters.push([index]);
    if (document !== undefined && !anchored.has(document)) anchored.set(document, clusters.length - 1);
    byKey.set(item.entry.key, new Set([...(holding ?? []), clusters.length - 1]));
  });
  return clusters;
}

describe('merging the dated claims of one date into events', () => {
  it('GIVEN random claims over a skewed vocabulary THEN the events are those that comparing each claim with every earlier event gives', () => {
    // Few terms, some far commoner than others: long lists under common terms, claims of very
    // different sizes, repeated sentences and anchored dates, as in a large date group.
    const term = fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom('said', 'year', 'bank', 'rate') },
      { weight: 3, arbitrary: fc.constantFrom('oil', 'price', 'rise', 'cut', 'talk', 'vote') },
      { weight: 1, arbitrary: fc.constantFrom('opec', 'quota', 'tariff', 'strike', 'merger', 'bond', 'yen', 'gold') },
    );
    const claim = fc.record({
      terms: fc.array(term, { minLength: 1, maxLength: 14 }),
      key: fc.integer({ min: 0, max: 80 }),
      document: fc.constantFrom('a', 'b', 'c', 'd'),
      anchored: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(claim, { minLength: 1, maxLength: 120 }), (claims) => {
        const items = claims.map((c) => dated(c.key, c.terms, c.document, c.anchored ? 'the anniversary' : undefined));
        const rarity = (t: string): number => items.filter((item) => item.entry.termSet.has(t)).length;
        const members = (events: { claims: DatedClaim[] }[]): number[][] =>
          events.map((event) => event.claims.map((c) => items.indexOf(c)).sort((a, b) => a - b));
        expect(members(mergeGroup(items, rarity))).toEqual(bruteForce(items));
      }),
      { numRuns: 300 },
    );
  });
});
