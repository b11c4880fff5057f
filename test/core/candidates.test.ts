/** What the ranker and abstention are told about a question beside its candidates. */
import { describe, expect, it } from 'vitest';
import { candidatesFor } from '../../src/core/candidates.js';
import { semanticData } from '../../src/core/semantic-data.js';
import { bundledCorpus } from '../helpers.js';

const missingName = async (question: string): Promise<number> =>
  candidatesFor(await bundledCorpus(), question, semanticData().vectors).missingName;

describe('a name the question uses and the documents do not', () => {
  it('GIVEN a question naming someone the article never names THEN it is flagged', async () => {
    expect(await missingName('What would Macron be promised?')).toBeGreaterThan(0.5);
    expect(await missingName('Did the EU policy on Ukraine change?')).toBeGreaterThan(0.5);
  });

  it('GIVEN names the article uses, or words that are no names THEN nothing is flagged', async () => {
    expect(await missingName('What would Putin be promised?')).toBe(0);
    expect(await missingName('Is Ukraine getting into NATO?')).toBe(0);
    expect(await missingName('what would macron be promised')).toBe(0);
    expect(await missingName('Which promises would be broken?')).toBe(0);
  });

  it('GIVEN a misspelt name within a typo of one the article uses THEN it is not flagged', async () => {
    expect(await missingName('When did Zelenskky meet Kellog?')).toBe(0);
  });
});
