import { describe, expect, it } from 'vitest';
import { editDistance, SpellingIndex } from '../../src/core/spelling.js';

describe('typo tolerance by symmetric deletion', () => {
  const spelling = new SpellingIndex();
  for (const term of ['exercis', 'christma', 'zelenskyi', 'kellogg', 'treati']) spelling.add(term);

  it.each([
    ['excercis', 1, ['exercis']],
    ['chrsitma', 1, ['christma']],
    ['zelenski', 1, ['zelenskyi']],
    ['kelogg', 1, ['kellogg']],
    ['christmsa', 2, ['christma']],
  ])('GIVEN %j within %i edit(s) THEN it finds %j', (term, distance, expected) => {
    expect(spelling.neighbours(term, distance)).toEqual(expected);
  });

  it('GIVEN a word two edits away and a limit of one THEN nothing is suggested', () => {
    expect(spelling.neighbours('kelog', 1)).toEqual([]);
  });

  it('GIVEN a removed term THEN it is no longer suggested', () => {
    const local = new SpellingIndex();
    local.add('exercis');
    local.remove('exercis');
    expect(local.neighbours('excercis', 1)).toEqual([]);
  });

  it('GIVEN adjacent letters swapped THEN that counts as one edit', () => {
    expect(editDistance('chrsitma', 'christma')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});
