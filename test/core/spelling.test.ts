import { describe, expect, it } from 'vitest';
import { editDistance, SpellingIndex } from '../../src/core/spelling.js';
import { TermTable } from '../../src/core/store/term-table.js';

/** A spelling index over some terms, and its lookup with term strings in and out. */
function spellingOf(terms: string[], options: { rebuild?: boolean; known?: (term: string) => boolean } = {}) {
  const table = TermTable.of(terms);
  const spelling = new SpellingIndex((id) => table.term(id));
  const known = (id: number): boolean => options.known?.(table.term(id)) ?? true;
  if (options.rebuild) spelling.rebuild(table.size, known);
  else for (let id = 0; id < table.size; id++) spelling.add(id);
  return {
    spelling,
    neighbours: (term: string, distance: number): string[] =>
      spelling.neighbours(term, distance, known).map((id) => table.term(id)),
  };
}

describe('typo tolerance by symmetric deletion', () => {
  const spelling = spellingOf(['exercis', 'christma', 'zelenskyi', 'kellogg', 'treati']);
  const compacted = spellingOf(['exercis', 'christma', 'zelenskyi', 'kellogg', 'treati'], { rebuild: true });

  it.each([
    ['excercis', 1, ['exercis']],
    ['chrsitma', 1, ['christma']],
    ['zelenski', 1, ['zelenskyi']],
    ['kelogg', 1, ['kellogg']],
    ['christmsa', 2, ['christma']],
  ])('GIVEN %j within %i edit(s) THEN it finds %j', (term, distance, expected) => {
    expect(spelling.neighbours(term, distance)).toEqual(expected);
    expect(compacted.neighbours(term, distance)).toEqual(expected);
  });

  it('GIVEN a word two edits away and a limit of one THEN nothing is suggested', () => {
    expect(spelling.neighbours('kelog', 1)).toEqual([]);
  });

  it('GIVEN a term no claim holds any more THEN it is no longer suggested, before and after a rebuild', () => {
    expect(spellingOf(['exercis'], { known: () => false }).neighbours('excercis', 1)).toEqual([]);
    expect(spellingOf(['exercis'], { known: () => false, rebuild: true }).neighbours('excercis', 1)).toEqual([]);
  });

  it('GIVEN terms filed THEN the block costs 8 bytes a form, and terms over the length bound are not filed', () => {
    const { spelling: filed } = spellingOf(['exercis', 'a'.repeat(30)], { rebuild: true });
    expect(filed.formCount).toBe(1 + 'exercis'.length);
    expect(filed.blockBytes).toBe(8 * filed.formCount);
  });

  it('GIVEN adjacent letters swapped THEN that counts as one edit', () => {
    expect(editDistance('chrsitma', 'christma')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});
