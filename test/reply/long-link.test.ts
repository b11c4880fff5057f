/**
 * Known problem, not fixed here: a document whose url is thousands of characters long (front
 * matter caps no url; /sources add caps at 2000) leaves its answer with no quote at all, on Discord
 * and on Slack. The limits hold; the sentence and its citation are lost. `it.fails` until fixed.
 */
import { describe, expect, it } from 'vitest';
import { renderDiscord } from '../../src/reply/render-discord.js';
import { renderSlack } from '../../src/reply/render-slack.js';
import type { Reply } from '../../src/reply/reply.js';

const reply: Reply = {
  kind: 'answer',
  result: {
    query: 'canal toll',
    answers: [
      {
        text: 'The canal toll doubled on July 1, 2025.',
        score: 1,
        terms: ['canal', 'toll'],
        kind: 'body',
        citation: {
          document: 'u',
          title: 'Long link',
          paragraph: 1,
          sentence: 1,
          claim: 'u#p1.s1',
          url: `https://ok.example/${'p'.repeat(5_000)}`,
          attribution: null,
        },
      },
    ],
    note: '1 cited sentence from the documents.',
  },
};

describe('a citation with a very long link', () => {
  it.fails('GIVEN the only answer cites a 5,000-character url THEN Discord still shows its quote and title', () => {
    expect(renderDiscord(reply, { version: 'abcd1234' }).embeds[0]?.description).toContain('The canal toll doubled');
    expect(renderDiscord(reply, { version: 'abcd1234' }).embeds[0]?.description).toContain('Long link ¶1');
  });

  it.fails('GIVEN the only answer cites a 5,000-character url THEN Slack still shows its quote and title', () => {
    const section = renderSlack(reply, { version: 'abcd1234' }).blocks.find((block) => block.type === 'section');
    const text = section?.type === 'section' ? section.text.text : '';
    expect(text).toContain('The *canal* *toll* doubled');
    expect(text).toContain('Long link ¶1');
  });
});
