import { describe, expect, it } from 'vitest';
import { ask, NOTHING_FOUND } from '../../src/core/ask.js';
import { Corpus } from '../../src/core/corpus.js';
import { buildQuery } from '../../src/core/query.js';
import { refusalHint } from '../../src/core/refusal-hint.js';
import type { DocumentScope } from '../../src/core/scope.js';
import { bundledCorpus, sourceDocument } from '../helpers.js';

const hintFor = (corpus: Corpus, question: string, scope?: DocumentScope): string | undefined =>
  refusalHint(corpus, question, buildQuery(question, corpus), scope);

describe('what a refusal tells the reader', () => {
  it('GIVEN a question the documents do not answer THEN the reply says so and names the words they never use', async () => {
    const result = ask(await bundledCorpus(), 'What is the price of coffee in Brazil?');
    expect(result.answers).toEqual([]);
    expect(result.note).toBe(NOTHING_FOUND);
    expect(result.hint).toBe('They never mention "price", "coffee" or "Brazil".');
  });

  it('GIVEN an answered question THEN there is no hint', async () => {
    const result = ask(await bundledCorpus(), 'what is the NATO condition');
    expect(result.answers.length).toBeGreaterThan(0);
    expect(result.hint).toBeUndefined();
  });

  it('GIVEN some words the documents use THEN it counts their sentences, as the reader wrote the words, and names the rest', async () => {
    const corpus = await bundledCorpus();
    // "Kellogg" is in the two photo captions; the article never gives his rank in those words.
    expect(hintFor(corpus, "What is Kellogg's rank?")).toBe('They mention "Kellogg" (2 sentences), but not "rank".');
    // "How many" only frames the question: not named.
    expect(hintFor(corpus, 'How many tanks does Romania have?')).toMatch(
      /^They mention "tanks" \(1 sentence\) and "Romania" \(\d sentences?\)/,
    );
  });

  it('GIVEN a word the documents hold only in the form the search matched it by THEN it is named with that form', async () => {
    const corpus = await bundledCorpus();
    // The article writes "European allies", never "Europe"; "Zelenskiy" is a spelling of its "Zelensky".
    expect(hintFor(corpus, 'Why does the deal matter to Europe?')).toBe(
      'They mention "deal" (2 sentences) and "Europe" (as "European", 1 sentence), but not "matter".',
    );
    expect(hintFor(corpus, 'What did Zelenskiy say about rockets?')).toMatch(
      /^They mention "Zelenskiy" \(as "Zelensky", \d sentences?\), but not "rockets"\.$/,
    );
  });

  it('GIVEN a word general English knows THEN a near spelling of it does not count as the word', async () => {
    // "night" is not a typo of the article's "right", nor "Victoria" of its "victory".
    const corpus = await bundledCorpus();
    expect(ask(corpus, 'what happened at night in Kyiv').hint).toBe(
      'They mention "Kyiv" (3 sentences), but not "happened" or "night".',
    );
    expect(ask(corpus, 'Victoria').hint).toBe('They never mention "Victoria".');
  });

  it('GIVEN every word used THEN it says the question needs other words', () => {
    const corpus = Corpus.from([sourceDocument('port', 'The port of Odesa reopened on Monday.')]);
    expect(hintFor(corpus, 'Why did the port of Odesa reopen?')).toBe(
      'They mention "port" (1 sentence), "Odesa" (1 sentence) and "reopen" (1 sentence), but no sentence answers the question as asked: try other words.',
    );
  });

  it("GIVEN a channel's collection THEN only its documents are counted, so other channels' words stay unseen", () => {
    const corpus = Corpus.from([
      sourceDocument('grain', 'Grain ships left Velmora harbour on Monday.'),
      sourceDocument('storm', 'A storm closed the harbour on Tuesday.'),
    ]);
    const stormOnly: DocumentScope = { key: 'storm', has: (id) => id === 'storm' };
    expect(hintFor(corpus, 'When did Velmora harbour flood?', stormOnly)).toBe(
      'They mention "harbour" (1 sentence), but not "Velmora" or "flood".',
    );
    expect(hintFor(corpus, 'When did Velmora harbour flood?')).toBe(
      'They mention "Velmora" (1 sentence) and "harbour" (2 sentences), but not "flood".',
    );
  });
});
