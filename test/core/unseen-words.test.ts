import { describe, expect, it } from 'vitest';
import { ask } from '../../src/core/ask.js';
import { candidatesFor } from '../../src/core/candidates.js';
import { openCorpus } from '../../src/core/open-corpus.js';
import { semanticData } from '../../src/core/semantic-data.js';
import { dataFolder } from '../helpers.js';

// News names places and people the word vectors never saw ("Smardan", "Macron"): the networks that
// judge whether a claim answers read vectors only, so abstention must not take their silence for a no.
const report = {
  'storm.md': `Storm damage on the coast\n\n${[
    'Heavy storms hit the northern coast on Tuesday night, cutting power to thousands of homes.',
    'Tarvenholm, a fishing port of about 4,000 people, lost its harbour wall.',
    'Engineers from the regional council said repairs would take at least three months.',
  ].join(' ')}\n\nThe coastguard rescued two fishermen whose boat capsized near Brekkavik, a village further east.\n`,
};

describe('questions about names the word vectors lack', () => {
  it('GIVEN a question THEN the share of it in words the vectors lack is measured', async () => {
    const { corpus } = await openCorpus(dataFolder(report));
    const vectors = semanticData().vectors;
    expect(candidatesFor(corpus, 'What is Tarvenholm?', vectors).unseenGeneral).toBe(1);
    expect(candidatesFor(corpus, 'When did the storms hit the coast?', vectors).unseenGeneral).toBe(0);
    const mixed = candidatesFor(corpus, 'What did the storms do to Tarvenholm?', vectors).unseenGeneral;
    expect(mixed).toBeGreaterThan(0);
    expect(mixed).toBeLessThan(1);
    expect(candidatesFor(corpus, 'What is Tarvenholm?', null).unseenGeneral).toBe(0);
  });

  it.each([
    ['What is Tarvenholm?', 'Tarvenholm, a fishing port'],
    ['Where is Brekkavik?', 'near Brekkavik, a village further east'],
    ['What happened to Tarvenholm?', 'Tarvenholm, a fishing port'],
  ])(
    'GIVEN a report that names a place the vectors lack WHEN asked %j THEN the sentence that says it is quoted first',
    async (question, expected) => {
      const { corpus } = await openCorpus(dataFolder(report));
      expect(ask(corpus, question).answers[0]?.text).toContain(expected);
    },
  );

  it.each(['What is Oslo?', 'Who is Halvorsen?', 'What is the capital of Australia?'])(
    'GIVEN the same report WHEN asked %j, which it does not mention THEN nothing is quoted',
    async (question) => {
      const { corpus } = await openCorpus(dataFolder(report));
      expect(ask(corpus, question).answers).toEqual([]);
    },
  );
});
