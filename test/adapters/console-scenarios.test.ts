/** The shared scenarios through the console's dispatch and text renderer. */
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { dispatchText } from '../../commands/dispatch-text.js';
import { renderText } from '../../src/reply/render-text.js';
import { NOTHING_FOUND } from '../../src/core/ask.js';
import { bundledCorpus } from '../helpers.js';
import { SCENARIOS, typedLine } from '../scenarios.js';

describe('shared scenarios in the console', () => {
  it.each(SCENARIOS.map((scenario) => [scenario.name, scenario] as const))(
    'GIVEN %s THEN the console shows what every channel shows',
    async (_, scenario) => {
      const reply = await dispatchText(
        typedLine(scenario),
        { corpus: await bundledCorpus(), commands },
        { error: () => {} },
      );
      const text = renderText(reply);
      if (scenario.expect.kind === 'answer') expect(text).toContain(scenario.expect.contains);
      if (scenario.expect.kind === 'nothing') expect(text).toBe(`${NOTHING_FOUND}\n${scenario.expect.hint}`);
      if (scenario.expect.kind === 'error') {
        expect(reply.kind).toBe('error');
        expect(text).toMatch(scenario.expect.matches);
      }
    },
  );
});
