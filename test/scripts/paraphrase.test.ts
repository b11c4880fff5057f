import { describe, expect, it } from 'vitest';
import { paraphrase, type Synonyms } from '../../scripts/paraphrase.js';
import { termsOf } from '../../src/core/terms.js';

const synonyms: Synonyms = {
  words: { war: ['warfare'], country: ['nation'], found: ['establish'], march: ['parade'] },
  verbs: { find: ['discover'], begin: ['start'], occupy: ['take'] },
};
const first = (): number => 0;

describe('paraphrase (training questions in other words)', () => {
  it('replaces words the document uses by a synonym of their most used sense', () => {
    const document = new Set(termsOf('The war began in the north of the country.'));
    expect(paraphrase('When did the war begin in the country?', document, synonyms, first, 5)).toBe(
      'When did the warfare begin in the nation?',
    );
  });

  it('reads an inflected verb as a verb ("found" is a form of "find" here, not "to found")', () => {
    const document = new Set(termsOf('Gold was found there; the army occupied the town.'));
    expect(paraphrase('Where was gold found?', document, synonyms, first)).toBe('Where was gold discover?');
    expect(paraphrase('Which town was occupied?', document, synonyms, first)).toBe('Which town was take?');
  });

  it('keeps names and words the document does not use, and gives up when nothing can change', () => {
    const document = new Set(termsOf('March is a month; the war ended.'));
    expect(paraphrase('What happened in March?', document, synonyms, first)).toBeNull();
    expect(paraphrase('Which country won?', document, synonyms, first)).toBeNull();
  });

  it('changes at most the number of words asked for', () => {
    const document = new Set(termsOf('The war began in the north of the country.'));
    const changed = paraphrase('When did the war begin in the country?', document, synonyms, first, 1)!;
    const differing = changed
      .split(' ')
      .filter((word, i) => word !== 'When did the war begin in the country?'.split(' ')[i]);
    expect(differing).toHaveLength(1);
  });
});
