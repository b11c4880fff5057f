import { describe, expect, it } from 'vitest';
import { sourceDocument } from '../helpers.js';
import { ask } from '../../src/core/ask.js';
import { Corpus } from '../../src/core/corpus.js';

const report = sourceDocument(
  'parmalat',
  [
    "Parmalat, the Italian food group at the centre of one of Europe's most painful corporate scandals, has reported a doubling in profit.",
    'Its pre-tax earnings in the fourth quarter were 77m euros, up from 38m in the same period of 2003. Less welcome was the news that the firm had been fined 11m euros for having violated takeover rules.',
    'The company has also sued former auditors and financial advisors for damages.',
  ].join('\n\n'),
);

describe('a sentence that goes on about the one before it', () => {
  it('GIVEN a paragraph that opens with "Its" after one that names the firm THEN a question naming the firm finds it', () => {
    const corpus = Corpus.from([report]);
    const [first] = ask(corpus, 'How much money did Parmalat make?').answers;
    expect(first?.text).toContain('77m euros');
  });

  it('GIVEN the pronoun after a caption or a headline THEN the caption names nobody for it', () => {
    const corpus = Corpus.from([
      sourceDocument('captioned', ['Acme Corp', 'Its shares fell sharply on Monday after the results.'].join('\n\n')),
    ]);
    const opening = corpus.entriesOf('captioned').find((entry) => entry.claim.text.startsWith('Its'));
    expect(opening?.antecedentTerms.size).toBe(0);
  });
});
