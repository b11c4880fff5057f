import { describe, expect, it } from 'vitest';
import { ask } from '../../src/core/ask.js';
import { decadeAlternatives } from '../../src/core/decades.js';
import { openCorpus } from '../../src/core/open-corpus.js';
import { dataFolder } from '../helpers.js';

describe('decades in a question', () => {
  it.each([
    ["Who played the Doctor on stage in the 70's?", '70', ['1970']],
    ["music of the '80s", '80', ['1980']],
    ['the 90s', '90', ['1990']],
    ['the 20s boom', '20', ['1920', '2020']],
    ['films of the Sixties', 'sixti', ['1960']],
  ])('GIVEN %j THEN the decade term %j stands for %j', (question, term, years) => {
    expect(decadeAlternatives(question).get(term)).toEqual(years);
  });

  it.each([
    'in the 1970s',
    '70 people were hurt',
    'the 7s',
    'page 70',
    'in his 30s',
    'in her late twenties',
    'in their mid-40s',
  ])('GIVEN %j THEN no decade is read', (question) => {
    expect(decadeAlternatives(question).size).toBe(0);
  });

  it('GIVEN a question about "the 70\'s" or "the eighties" THEN the sentences about the 1970s and the 1980s answer first', async () => {
    const folder = dataFolder({
      'band.md': `The band\n\n${[
        'In the 1960s, the band toured Germany in a borrowed van and split up for a year.',
        'In the 1990s, the band toured Europe and split up for good.',
        'In the 1980s, the band toured America and split up over royalties.',
        'In the 1970s, the band toured Japan with a new drummer and split up after a fight.',
      ].join(' ')}`,
    });
    // In this order, without the decades' years, neither question gets its decade's sentence first.
    const { corpus } = await openCorpus(folder);
    expect(ask(corpus, "Where did the band tour in the 70's?").answers[0]?.text).toContain('1970s');
    expect(ask(corpus, 'Why did the band split up in the eighties?').answers[0]?.text).toContain('1980s');
  });
});
