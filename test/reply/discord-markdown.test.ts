/**
 * Discord Markdown escaping: a backslash escapes only punctuation (`\1` shows as `\1`), so a
 * line-leading list number is escaped at its dot, as discord.js's escapeNumberedList does.
 */
import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from '../../src/reply/markdown.js';
import { renderDiscord } from '../../src/reply/render-discord.js';

describe('escapeMarkdown', () => {
  it('GIVEN text that starts like a numbered list item THEN the dot is escaped and the number shown as written', () => {
    expect(escapeMarkdown('1. Introduction')).toBe('1\\. Introduction');
    expect(escapeMarkdown('2025. The year the corridor reopened')).toBe('2025\\. The year the corridor reopened');
  });

  it('GIVEN text that starts like a quote, a heading or a bullet THEN its mark is escaped as before', () => {
    expect(escapeMarkdown('> quote')).toBe('\\> quote');
    expect(escapeMarkdown('# heading')).toBe('\\# heading');
    expect(escapeMarkdown('- item')).toBe('\\- item');
    expect(escapeMarkdown('+ item')).toBe('\\+ item');
  });

  it('GIVEN a question that starts with a number and a dot THEN the embed title shows no stray backslash', () => {
    const message = renderDiscord(
      {
        kind: 'answer',
        result: {
          query: '1. harbour fees',
          answers: [
            {
              text: '1. The harbour fees rose.',
              score: 1,
              terms: ['harbour'],
              kind: 'body',
              citation: {
                document: 'd',
                title: '1. Fees',
                paragraph: 1,
                sentence: 1,
                claim: 'd#p1.s1',
                url: null,
                attribution: null,
              },
            },
          ],
          note: '1 cited sentence from the documents.',
        },
      },
      { version: 'abcd1234' },
    );
    expect(message.embeds[0]?.title).toBe('1\\. harbour fees');
    expect(message.embeds[0]?.description).toBe('> 1\\. The **harbour** fees rose.\n— *1\\. Fees ¶1*');
  });
});
