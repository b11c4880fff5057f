/**
 * A citation whose link is very long (a feed item's tracking URL, say) must not crowd its sentence
 * out of the message: past 2,000 characters the title is shown unlinked, and up to it the sentence
 * gives way to the citation, so Discord and Slack show both the quote and where it is from.
 */
import { describe, expect, it } from 'vitest';
import type { Citation } from '../../src/core/citation.js';
import { discordCitation, renderDiscord } from '../../src/reply/render-discord.js';
import { renderSlack, slackCitation } from '../../src/reply/render-slack.js';
import type { Reply } from '../../src/reply/reply.js';
import { blockProblems } from '../fakes/slack-rules.js';
import { messageProblems } from '../fakes/discord-rules.js';

const citation = (url: string): Citation => ({
  document: 'u',
  title: 'Long link',
  paragraph: 1,
  sentence: 1,
  claim: 'u#p1.s1',
  url,
  attribution: null,
});

const answer = (url: string): Reply => ({
  kind: 'answer',
  result: {
    query: 'canal toll',
    answers: [
      {
        text: 'The canal toll doubled on July 1, 2025.',
        score: 1,
        terms: ['canal', 'toll'],
        kind: 'body',
        citation: citation(url),
      },
    ],
    note: '1 cited sentence from the documents.',
  },
});

const timeline = (url: string): Reply => ({
  kind: 'timeline',
  result: {
    events: [
      {
        date: '2025-07-01',
        precision: 'day',
        approximate: false,
        end: null,
        modality: 'reported',
        label: null,
        text: `The canal toll doubled on July 1, 2025, ${'after a long dispute over dredging costs, '.repeat(45)}it said.`,
        citations: [citation(url)],
        documents: 1,
      },
    ],
    matched: 1,
    note: '1 dated event, oldest first.',
  },
});

const sectionTexts = (reply: Reply): string =>
  renderSlack(reply, { version: 'abcd1234' })
    .blocks.map((block) => (block.type === 'section' ? block.text.text : ''))
    .join('\n');

describe('a citation with a very long link', () => {
  const tooLong = `https://ok.example/${'p'.repeat(5_000)}`;
  const longest = `https://ok.example/${'p'.repeat(1_970)}`;

  it.each([
    ['5,000', tooLong],
    ['1,989', longest],
  ])('GIVEN the only answer cites a %s-character url THEN Discord shows its quote and title', (_, url) => {
    const message = renderDiscord(answer(url), { version: 'abcd1234' });
    expect(message.embeds[0]?.description).toMatch(/The (\*\*)?canal(\*\*)? (\*\*)?toll(\*\*)? doubled/);
    expect(message.embeds[0]?.description).toContain('Long link ¶1');
    expect(messageProblems(message)).toEqual([]);
  });

  it.each([
    ['5,000', tooLong],
    ['1,989', longest],
  ])('GIVEN the only answer or event cites a %s-character url THEN Slack shows its quote and title', (_, url) => {
    for (const reply of [answer(url), timeline(url)]) {
      const text = sectionTexts(reply);
      expect(text).toMatch(/The \*?canal\*? \*?toll\*? doubled/);
      expect(text).toContain('Long link ¶1');
      const { blocks, text: fallback } = renderSlack(reply, { version: 'abcd1234' });
      expect(blockProblems(blocks, fallback)).toEqual([]);
    }
  });

  it('GIVEN a url past 2,000 characters THEN it is not linked, and one within is', () => {
    // The citations themselves: a whole message would hide a link cut off at its end.
    expect(slackCitation(citation(tooLong))).toBe('_Long link ¶1_');
    expect(discordCitation(citation(tooLong))).toBe('*Long link ¶1*');
    expect(slackCitation(citation(longest))).toBe(`<${longest}|Long link ¶1>`);
    expect(sectionTexts(answer(longest))).toContain(`<${longest}|`);
  });
});
