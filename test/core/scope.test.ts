import { describe, expect, it } from 'vitest';
import { ask } from '../../src/core/ask.js';
import { Corpus } from '../../src/core/corpus.js';
import type { DocumentScope } from '../../src/core/scope.js';
import { sourceDocument } from '../helpers.js';

describe("a channel's collection", () => {
  it('GIVEN the same scope asked again after its documents changed THEN it reads the documents as they are now', () => {
    const corpus = Corpus.from([
      sourceDocument('grain', 'Grain ships left Velmora harbour on Monday.'),
      sourceDocument('storm', 'A storm closed the Velmora harbour on Tuesday.'),
    ]);
    // The scope admits "grain" and "ferry" (not yet there); its key stays, as what it admits does.
    const scope: DocumentScope = { key: 'grain+ferry', has: (id) => id === 'grain' || id === 'ferry' };
    const cited = (question: string): string[] =>
      ask(corpus, question, { scope }).answers.map((answer) => answer.citation.document);
    expect(cited('What closed the Velmora harbour?')).not.toContain('storm');
    corpus.remove('storm');
    corpus.add(sourceDocument('ferry', 'A ferry strike closed the Velmora harbour on Wednesday.'));
    expect(cited('What closed the Velmora harbour?')[0]).toBe('ferry');
  });
});
