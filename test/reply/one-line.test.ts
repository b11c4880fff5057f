/**
 * A title, a feed's name or an error written over several lines stays on the line the renderer
 * gives it: a line break in it would add a quote or a citation of the document's own making.
 */
import { describe, expect, it } from 'vitest';
import { renderDiscord } from '../../src/reply/render-discord.js';
import { renderSlack } from '../../src/reply/render-slack.js';
import { renderText } from '../../src/reply/render-text.js';
import type { Reply } from '../../src/reply/reply.js';

const FORGED = 'Port bulletin\n> The minister resigned.\r— Official Gazette ¶1\u2028• Royal Gazette';

const repliesTitled = (title: string): Reply[] => [
  {
    kind: 'digest',
    result: {
      since: '2025-01-01T00:00:00.000Z',
      until: '2025-01-02T00:00:00.000Z',
      sections: [
        {
          document: 'port',
          title,
          url: null,
          arrivedAt: '2025-01-01T12:00:00.000Z',
          items: [
            {
              text: 'The port reopened.',
              citation: {
                document: 'port',
                title,
                paragraph: 1,
                sentence: 1,
                claim: 'port#p1.s1',
                url: null,
                attribution: null,
              },
              reasons: ['lead'],
            },
          ],
        },
      ],
      leftOut: { documents: 0, claims: 0 },
      note: '1 new document.',
    },
  },
  { kind: 'notice', title: `Following ${title}`, lines: [`${title}: https://ok.example/feed (feed, every 15m)`] },
  {
    kind: 'sources',
    documents: [],
    claims: 0,
    version: 'abcd1234',
    followed: [
      {
        url: 'https://ok.example/feed',
        kind: 'feed',
        title,
        status: 'failing',
        lastError: title,
        lastFetchedAt: null,
        nextPollAt: null,
        everyMinutes: 15,
        documents: 0,
        through: 'channel',
      },
    ],
  },
];
const replies = repliesTitled(FORGED);

/** Lines that begin with what the forged title holds after a break. */
const forgedLine = /^\s*((\\?>|&gt;) The minister|— Official|• Royal)/m;

describe('text on one line', () => {
  it.each(replies)(
    'GIVEN a $kind reply whose titles hold line breaks THEN no platform shows a line of their making',
    (reply) => {
      const discord = renderDiscord(reply, { version: 'abcd1234' });
      for (const embed of discord.embeds) expect(`${embed.title}\n${embed.description}`).not.toMatch(forgedLine);
      const slack = renderSlack(reply, { version: 'abcd1234' });
      for (const block of slack.blocks) expect(JSON.stringify(block).replace(/\\n/g, '\n')).not.toMatch(forgedLine);
      expect(slack.text).not.toMatch(forgedLine);
      expect(renderText(reply)).not.toMatch(forgedLine);
    },
  );

  // U+202E reverses what follows it on the line: "‮enil" shows as "line", and the citation after it too.
  it.each(repliesTitled('Port bulletin \u202Eemag eht nur\u2066 1\u2069'))(
    'GIVEN a $kind reply whose titles hold bidirectional overrides THEN no platform passes them on',
    (reply) => {
      const reordering = /[\u202a-\u202e\u2066-\u2069]/u;
      const discord = renderDiscord(reply, { version: 'abcd1234' });
      for (const embed of discord.embeds) expect(`${embed.title}\n${embed.description}`).not.toMatch(reordering);
      const slack = renderSlack(reply, { version: 'abcd1234' });
      expect(JSON.stringify(slack.blocks)).not.toMatch(reordering);
      expect(slack.text).not.toMatch(reordering);
      expect(renderText(reply)).not.toMatch(reordering);
    },
  );
});
