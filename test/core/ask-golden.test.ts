/** Every case of ../shared/eval/ask-golden.json must pass, the no-answer questions included. */
import { describe, expect, it } from 'vitest';
import { readGolden, snippetMatches } from '../../eval/golden.js';
import { ask } from '../../src/core/ask.js';
import { bundledCorpus } from '../helpers.js';

const golden = readGolden('eval/ask-golden.json');

describe('the golden questions about the bundled article', () => {
  it.each(golden.cases.map((goldenCase) => [goldenCase.id, goldenCase] as const))(
    'GIVEN %s THEN a cited snippet within the expected rank holds the passage',
    async (_, goldenCase) => {
      const answers = ask(await bundledCorpus(), goldenCase.ask).answers.slice(0, goldenCase.within);
      expect(
        answers.some((answer) => snippetMatches(goldenCase, answer.text, answer.citation.document)),
        JSON.stringify(answers.map((a) => a.text)),
      ).toBe(true);
    },
  );

  it.each(golden.no_answer)('GIVEN the off-topic %j THEN no snippet is cited', async (question) => {
    expect(ask(await bundledCorpus(), question).answers).toEqual([]);
  });
});
