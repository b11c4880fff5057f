import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_DATA_DIR } from '../../src/config.js';
import { openCorpus } from '../../src/core/open-corpus.js';
import { buildTimeline } from '../../src/core/timeline/timeline.js';
import { renderDiscord } from '../../src/reply/render-discord.js';
import { renderSlack } from '../../src/reply/render-slack.js';
import { renderText } from '../../src/reply/render-text.js';
import type { Reply } from '../../src/reply/reply.js';
import { dataFolder } from '../helpers.js';

const report = (title: string, sentence: string): string =>
  `---\ntitle: ${title}\npublished: 2025-03-04\n---\n\n${sentence}`;

describe("a timeline event's other citations", () => {
  let timeline: Reply;

  beforeAll(async () => {
    const folder = dataFolder({
      'wire.md': report('Corridor reopens', 'On March 3, 2025, the council of Veridia reopened the grain corridor.'),
      'daily.md': report(
        'Grain corridor open again',
        'The council of Veridia reopened the grain corridor on March 3, 2025.',
      ),
    });
    cpSync(join(BUNDLED_DATA_DIR, 'ukraine-nato-deal.md'), join(folder, 'ukraine-nato-deal.md'));
    timeline = { kind: 'timeline', result: buildTimeline((await openCorpus(folder)).corpus) };
  });

  it('GIVEN more sentences of the same report THEN they are counted as sentences, not as more reports', () => {
    // The article dates its fourth year of conflict in three of its own sentences.
    const text = renderText(timeline);
    expect(text).toMatch(/the fourth year of the conflict[^\n]*\n[^\n]*\n[^\n]*¶\d+\] \(\+2 more sentences\)/);
    expect(text).not.toContain('more reports');
  });

  it('GIVEN two reports of one event THEN the second is counted as a report, on every platform', () => {
    const text = renderText(timeline);
    expect(text).toMatch(/3 March 2025\n[^\n]*\n[^\n]*\(\+1 more report\)/);
    expect(JSON.stringify(renderDiscord(timeline, { version: 'abcdef12' }))).toContain('(+1 more report)');
    expect(JSON.stringify(renderSlack(timeline, { version: 'abcdef12' }))).toContain('(+1 more report)');
  });
});
