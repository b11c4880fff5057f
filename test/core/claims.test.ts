import { describe, expect, it } from 'vitest';
import { findAttribution } from '../../src/core/attribution.js';
import { claimsOf } from '../../src/core/claims.js';
import type { SourceDocument } from '../../src/core/document.js';
import { splitSentences } from '../../src/core/sentences.js';
import { bundledCorpus } from '../helpers.js';

function documentOf(body: string, title = body.split('\n')[0]!): SourceDocument {
  return { id: 'doc', path: 'doc.md', title, titleFromFrontMatter: false, tags: [], body };
}

describe('claims of the bundled article', () => {
  it('GIVEN the article THEN its headline is p1.s1 and the repeated headline is not a second claim', async () => {
    const claims = (await bundledCorpus()).claimsOf('ukraine-nato-deal');
    expect(claims[0]).toMatchObject({ id: 'ukraine-nato-deal#p1.s1', kind: 'headline', paragraph: 1, sentence: 1 });
    const headlines = claims.filter((claim) => claim.text.startsWith('Ukraine-NATO Deal: Instant Entry'));
    expect(headlines).toHaveLength(1);
  });

  it('GIVEN the caption under the repeated headline THEN it is its own caption claim, not glued to the headline', async () => {
    const claims = (await bundledCorpus()).claimsOf('ukraine-nato-deal');
    const caption = claims.find((claim) => claim.text.startsWith('Zelenskyy, left, greets'));
    expect(caption).toMatchObject({ id: 'ukraine-nato-deal#p3.s1', kind: 'caption' });
    expect(caption?.text).toBe(
      'Zelenskyy, left, greets U.S Special envoy for Ukraine and Russia retired Gen. Keith Kellogg, right, before the start of a bilateral meeting, February 20, 2025',
    );
    expect(claims.filter((claim) => claim.kind === 'caption').map((claim) => claim.id)).toEqual([
      'ukraine-nato-deal#p3.s1',
      'ukraine-nato-deal#p5.s1',
      'ukraine-nato-deal#p8.s1',
    ]);
  });

  it('GIVEN a claim of the corpus THEN as JSON it holds its place, kind, sentence and attribution', async () => {
    const claims = (await bundledCorpus()).claimsOf('ukraine-nato-deal');
    const nbc = claims.find((claim) => claim.id === 'ukraine-nato-deal#p4.s2')!;
    expect(JSON.parse(JSON.stringify(nbc))).toEqual({
      id: 'ukraine-nato-deal#p4.s2',
      documentId: 'ukraine-nato-deal',
      paragraph: 4,
      sentence: 2,
      kind: 'body',
      text: nbc.text,
      attribution: 'NBC News',
    });
    expect(nbc.text).toMatch(/^According to NBC News/);
    expect(Object.keys(JSON.parse(JSON.stringify(claims[0])))).not.toContain('attribution');
  });

  it('GIVEN body paragraphs THEN sentences are numbered within their paragraph and kept verbatim', async () => {
    const claims = (await bundledCorpus()).claimsOf('ukraine-nato-deal');
    const nbc = claims.find((claim) => claim.id === 'ukraine-nato-deal#p4.s2');
    expect(nbc?.kind).toBe('body');
    expect(nbc?.text).toMatch(/^According to NBC News, there is a possibility .* President Donald Trump\.$/);
    expect(nbc?.attribution).toBe('NBC News');
    expect(claims.filter((claim) => claim.paragraph === 4)).toHaveLength(6);
    expect(claims.at(-1)?.id).toBe('ukraine-nato-deal#p10.s2');
  });
});

describe('sentence splitting', () => {
  it('GIVEN abbreviations like U.S. and Gen. THEN the sentence is not split there', () => {
    expect(splitSentences('The U.S. Special Envoy met Gen. Keith Kellogg. He left.')).toEqual([
      'The U.S. Special Envoy met Gen. Keith Kellogg.',
      'He left.',
    ]);
  });

  it('GIVEN initials and months THEN they are not sentence ends', () => {
    expect(splitSentences('In 1973, Nixon named William E. Simon on Jan. 25 as head. Prices rose.')).toEqual([
      'In 1973, Nixon named William E. Simon on Jan. 25 as head.',
      'Prices rose.',
    ]);
  });

  it('GIVEN a quotation that ends a sentence THEN the closing quote stays with it', () => {
    expect(splitSentences('He said: "It is over." Then he left!')).toEqual(['He said: "It is over."', 'Then he left!']);
  });

  it('GIVEN a hard-wrapped paragraph THEN its lines are joined into sentences', () => {
    const claims = claimsOf(documentOf('Title line\n\nThe first sentence is\nwrapped over two lines. A second one.'));
    expect(claims.map((claim) => claim.text)).toEqual([
      'Title line',
      'The first sentence is wrapped over two lines.',
      'A second one.',
    ]);
  });

  it('GIVEN a Markdown heading THEN it is a headline claim of its own', () => {
    const claims = claimsOf(documentOf('# Report\n\n## Background\nIt began in March.', 'Report'));
    expect(claims.map((claim) => [claim.kind, claim.text])).toEqual([
      ['headline', 'Report'],
      ['headline', 'Background'],
      ['body', 'It began in March.'],
    ]);
  });
});

describe('attribution', () => {
  it.each([
    ['According to NBC News, a deal is near.', 'NBC News'],
    ['A deal is near, according to the Financial Times.', 'the Financial Times'],
    ['"A deal is near," Foreign Minister Andrii Sybiha said.', 'Foreign Minister Andrii Sybiha'],
    ['Time Warner said on Friday that it now owns 8% of Google.', 'Time Warner'],
  ])('GIVEN %j THEN the claim is attributed to %j', (sentence, source) => {
    expect(findAttribution(sentence)).toBe(source);
  });

  it.each(['He said the deal is near.', 'A deal is near.', 'The move also serves as a bargaining chip.'])(
    'GIVEN %j THEN no attribution is invented',
    (sentence) => {
      expect(findAttribution(sentence)).toBeUndefined();
    },
  );
});
