/** Every case of ../shared/eval/ask-golden.json must pass, the no-answer questions included. */
import { describe, expect, it } from 'vitest';
import { citedWithin, readGolden } from '../../eval/golden.js';
import { ask } from '../../src/core/ask.js';
import { bundledCorpus } from '../helpers.js';

const golden = readGolden('eval/ask-golden.json');

describe('the golden questions about the bundled article', () => {
  it.each(golden.cases.map((goldenCase) => [goldenCase.id, goldenCase] as const))(
    'GIVEN %s THEN a cited snippet within the expected rank holds the passage',
    async (_, goldenCase) => {
      const answers = ask(await bundledCorpus(), goldenCase.ask).answers;
      expect(
        citedWithin(goldenCase, answers),
        JSON.stringify(answers.slice(0, goldenCase.within).map((a) => a.text)),
      ).toBe(true);
    },
  );

  it.each(golden.no_answer)('GIVEN the off-topic %j THEN no snippet is cited', async (question) => {
    expect(ask(await bundledCorpus(), question).answers).toEqual([]);
  });
});
