/** What counts as one term: the index and the questions must agree on it. */
import { describe, expect, it } from 'vitest';
import { termsOf } from '../../src/core/terms.js';

describe('terms', () => {
  it.each([
    ['die', 'died dies dying'],
    ['try', 'tried tries trying'],
    ['add', 'added adding adds'],
    ['exceed', 'exceeded exceeding exceeds'],
    ['focus', 'focused focuses focusing'],
    ['win', 'won winning wins'],
    ['sue', 'sued sues suing'],
    ['staff', 'staffed staffing staffs'],
  ])('GIVEN %j and its forms %j THEN all are one term', (base, forms) => {
    const [term] = termsOf(base);
    expect(termsOf(forms)).toEqual(forms.split(' ').map(() => term));
  });

  it('GIVEN a word that only looks like a form of another THEN it stays its own term', () => {
    expect(termsOf('rating')).not.toEqual(termsOf('rat'));
    expect(termsOf('riding')).not.toEqual(termsOf('rid'));
  });

  it('GIVEN names joined by an ampersand THEN each is one term, kept whole', () => {
    expect(termsOf('AT&T, S&P and M&S; H&M’s stores')).toEqual(['at&t', 's&p', 'm&s', 'h&m', 'store']);
  });
});
