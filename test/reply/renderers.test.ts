/**
 * The renderers, one reply at a time: plain text, JSON, Discord embeds and Slack blocks each show
 * the cited answer, keep within their platform's limits with a note of what was left out, keep
 * document text from pinging anyone, and show errors to the asker only.
 */
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_DATA_DIR } from '../../src/config.js';
import { ask } from '../../src/core/ask.js';
import type { Corpus } from '../../src/core/corpus.js';
import { openCorpus } from '../../src/core/open-corpus.js';
import { buildTimeline } from '../../src/core/timeline/timeline.js';
import { renderDiscord } from '../../src/reply/render-discord.js';
import { renderJson } from '../../src/reply/render-json.js';
import { renderSlack } from '../../src/reply/render-slack.js';
import { renderText } from '../../src/reply/render-text.js';
import type { Reply } from '../../src/reply/reply.js';
import { messageProblems } from '../fakes/discord-rules.js';
import { blockProblems } from '../fakes/slack-rules.js';
import { chronicleDocument, dataFolder } from '../helpers.js';

const version = 'abcdef12';
const error: Reply = {
  kind: 'error',
  command: 'timeline',
  code: 'BAD_OPTION',
  message: 'from must be a date like 2025-02-20',
};

describe('renderers', () => {
  let corpus: Corpus;
  let answer: Reply;
  let longTimeline: Reply;
  let pinging: Reply;

  beforeAll(async () => {
    const folder = dataFolder({
      'chronicle.md': chronicleDocument(300),
      'pings.md':
        '---\ntitle: Channel etiquette\n---\n\nThe moderators wrote @everyone, <!channel> and <@U012345> to announce the grain corridor reopening.',
    });
    cpSync(join(BUNDLED_DATA_DIR, 'ukraine-nato-deal.md'), join(folder, 'ukraine-nato-deal.md'));
    corpus = (await openCorpus(folder)).corpus;
    answer = { kind: 'answer', result: ask(corpus, 'what is the NATO condition') };
    longTimeline = { kind: 'timeline', result: buildTimeline(corpus) };
    pinging = { kind: 'answer', result: ask(corpus, 'moderators grain corridor reopening') };
  });

  describe('plain text', () => {
    it('GIVEN an answer THEN each snippet is quoted with [title, ¶N] and its attribution, and no colour codes unless asked', () => {
      const text = renderText(answer);
      expect(text).toContain('"According to NBC News, there is a possibility that Ukraine could gain instant entry');
      expect(text).toContain(
        '[Ukraine-NATO Deal: Instant Entry If Russia Violates Peace Agreement, ¶4] according to NBC News',
      );
      expect(text).not.toContain('\u001b[');
      expect(renderText(answer, { color: true })).toContain('\u001b[1mNATO\u001b[22m');
    });

    it('GIVEN a sentence that opens with a quotation THEN it is wrapped in marks it does not use, not shown as an empty quote', () => {
      const citation = {
        document: 'talks',
        title: 'Talks',
        paragraph: 2,
        sentence: 1,
        claim: 'talks#p2.s1',
        url: null,
        attribution: null,
      };
      const reply = (text: string): Reply => ({
        kind: 'answer',
        result: { query: 'q', note: '', answers: [{ text, score: 1, terms: [], kind: 'body', citation }] },
      });
      expect(renderText(reply('"We will meet in Paris," the minister said.'))).toContain(
        '1. \u201c"We will meet in Paris," the minister said.\u201d',
      );
      expect(renderText(reply('The talks will cover trade.'))).toContain('1. "The talks will cover trade."');
    });

    it('GIVEN an error THEN it says so and what to fix', () => {
      expect(renderText(error)).toBe('Error: from must be a date like 2025-02-20');
    });

    it('GIVEN a file name or title with a line break or a bidirectional override THEN /sources cannot forge a line or reorder one', () => {
      const text = renderText({
        kind: 'sources',
        claims: 2,
        version,
        followed: [],
        documents: [
          {
            id: 'notes\n- Fake (fake): 999 claims',
            title: 'Harbour \u202egnp.exe',
            claims: 2,
            arrivedAt: null,
            source: null,
            url: null,
            published: null,
          },
        ],
      });
      expect(text.split('\n')).toHaveLength(2);
      expect(text).not.toContain('\u202e');
      expect(text).toContain('notes\uFFFD- Fake (fake): 999 claims');
    });
  });

  describe('JSON', () => {
    it('GIVEN an answer THEN it has the documented /ask shape', () => {
      const json = renderJson(answer) as { query: string; answers: unknown[]; note: string };
      expect(json.query).toBe('what is the NATO condition');
      expect(json.note).toMatch(/cited sentences? from the documents/);
      expect(json.answers[0]).toEqual({
        text: expect.stringMatching(/^According to NBC News/),
        score: expect.any(Number),
        terms: expect.arrayContaining(['NATO']),
        kind: 'body',
        citation: expect.objectContaining({ paragraph: 4, sentence: 2, url: null, attribution: 'NBC News' }),
      });
    });

    it('GIVEN an error from any command THEN it has the one error shape', () => {
      expect(renderJson(error)).toEqual({
        command: 'timeline',
        input: null,
        error: 'from must be a date like 2025-02-20',
        code: 'BAD_OPTION',
      });
    });
  });

  describe('Discord', () => {
    it('GIVEN an answer THEN the embed quotes the snippet, bolds the matched words and carries the corpus version', () => {
      const message = renderDiscord(answer, { version });
      expect(message.embeds[0]?.description).toMatch(/^> According to NBC News/);
      expect(message.embeds[0]?.description).toContain('**NATO**');
      expect(message.embeds[0]?.footer?.text).toContain(version);
      expect(messageProblems({ content: message.content, embeds: message.embeds })).toEqual([]);
    });

    it('GIVEN 300 dated events THEN the message stays within every Discord limit and says how many were left out', () => {
      const message = renderDiscord(longTimeline, { version });
      expect(messageProblems({ content: message.content, embeds: message.embeds })).toEqual([]);
      expect(JSON.stringify(message)).toMatch(/\d+ more/);
    });

    it('GIVEN an error THEN only the asker sees it', () => {
      const message = renderDiscord(error, { version });
      expect(message.ephemeral).toBe(true);
      expect(message.content).toContain('from must be a date like 2025-02-20');
    });
  });

  describe('Slack', () => {
    it('GIVEN an answer THEN a section quotes the snippet with its citation, and the context line carries the version', () => {
      const message = renderSlack(answer, { version });
      const blocks = JSON.stringify(message.blocks);
      expect(blocks).toContain('According to NBC News');
      expect(blocks).toContain('¶4');
      expect(blocks).toContain(version);
      expect(blockProblems(message.blocks, message.text)).toEqual([]);
    });

    it('GIVEN a citation without a link THEN its title is in italics, unless the title holds underscores or stars that would end them', () => {
      const titled = (title: string): Reply => ({
        kind: 'answer',
        result: {
          query: 'q',
          note: '',
          answers: [
            {
              text: 'The harbour reopened.',
              score: 1,
              terms: [],
              kind: 'body',
              citation: {
                document: 'h',
                title,
                paragraph: 1,
                sentence: 1,
                claim: 'h#p1.s1',
                url: null,
                attribution: null,
              },
            },
          ],
        },
      });
      const section = (title: string): string => {
        const block = renderSlack(titled(title), { version }).blocks.find((b) => b.type === 'section');
        return block?.type === 'section' ? block.text.text : '';
      };
      expect(section('Harbour notes')).toContain('— _Harbour notes ¶1_');
      expect(section('harbour_notes_2025')).toContain('— harbour_notes_2025 ¶1');
      expect(section('Harbour *draft*')).toContain('— Harbour *draft* ¶1');
    });

    it('GIVEN 300 dated events THEN the blocks stay within Slack limits and say how many were left out', () => {
      const message = renderSlack(longTimeline, { version });
      expect(blockProblems(message.blocks, message.text)).toEqual([]);
      expect(JSON.stringify(message.blocks)).toMatch(/\d+ more/);
    });

    it('GIVEN document text with <!channel> and a user mention THEN they are escaped and ping nobody', () => {
      const message = renderSlack(pinging, { version });
      const shown = JSON.stringify(message);
      expect(shown).toContain('&lt;!channel&gt;');
      expect(shown).not.toContain('<!channel>');
      expect(shown).not.toContain('<@U012345>');
    });

    it('GIVEN an error THEN it is ephemeral', () => {
      const message = renderSlack(error, { version });
      expect(message.ephemeral).toBe(true);
      expect(message.text).toContain('from must be a date like 2025-02-20');
    });
  });
});
