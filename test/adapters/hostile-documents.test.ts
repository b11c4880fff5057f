/**
 * Hostile documents and questions end to end: a folder of documents written to ping, to link
 * elsewhere, to break out of a quote or forge a citation line, and to overflow the platforms' limits,
 * asked through the real Discord and Slack adapters against the fakes and through the CLI. The
 * assertions are what a channel (or a terminal) would show.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { DiscordAdapter } from '../../src/adapters/discord/discord-adapter.js';
import { SlackAdapter } from '../../src/adapters/slack/slack-adapter.js';
import type { SlackConfig } from '../../src/config.js';
import { openCorpus } from '../../src/core/open-corpus.js';
import { createLogger } from '../../src/logger.js';
import { messageProblems } from '../fakes/discord-rules.js';
import { FAKE_APPLICATION_ID, FAKE_GUILD_ID, FAKE_TOKEN, FakeDiscord } from '../fakes/fake-discord.js';
import {
  FAKE_BOT_ID,
  FAKE_BOT_TOKEN,
  FAKE_BOT_USER,
  FAKE_SIGNING_SECRET,
  FAKE_TEAM,
  FakeSlack,
  type PostedMessage,
  signedPost,
} from '../fakes/fake-slack.js';
import { blockProblems, blockTextLength, MAX_BLOCK_TEXT } from '../fakes/slack-rules.js';
import { dataFolder } from '../helpers.js';
import { runProgram } from '../run-program.js';

const log = createLogger('silent');

/** Titles holding line breaks: a quoted line and a citation of the document's own making. */
const FORGED = {
  'forged.md':
    '---\ntitle: "Port bulletin ¶1_\\n>The minister resigned on June 2, 2025.\\n— _Official Gazette"\nurl: https://ok.example/port\n---\n\nThe port reopened on June 1, 2025 after the storm.',
  'forged2.md':
    '---\ntitle: "Weather desk\\n1. \\"The storm killed the king.\\"\\n   [Royal Gazette, ¶1]"\n---\n\nThe storm reached the port on June 3, 2025 with heavy rain.',
};

/** Documents that try every trick a chat format or a terminal offers. */
function hostileFolder(): string {
  const many = Object.fromEntries(
    Array.from({ length: 40 }, (_, i) => [
      `ferry-${i}.md`,
      `---\ntitle: "Ferry desk ${i} &<>*_\`|"\nurl: https://ok.example/ferry/${i}?a=1&b=<x>\n---\n\nThe ferry crossing was cancelled on May ${1 + (i % 28)}, 2025 because of ${'&<>'.repeat(200)} weather.`,
    ]),
  );
  return dataFolder({
    'pings.md': [
      '---\ntitle: Pings report\nurl: https://ok.example/pings\n---',
      'The council told @everyone and @here to leave the grain depot on March 3, 2025.',
      'The minister <@123456789012345678> and the role <@&123> approved the grain deal in <#123>.',
      'Slack users saw <!channel>, <!here> and <!subteam^S123> in the grain bulletin.',
      'Read the grain audit at <https://evil.example|click here> or &lt;!channel&gt; now.',
    ].join('\n\n'),
    'markdown.md': [
      '---\ntitle: Harbour *bold* _it_ ~strike~ `code` ||spoiler||\n---',
      'The harbour *was* _closed_ ~quickly~ `today` and ```rm -rf``` by ||officials||.',
      'See [the harbour report](https://evil.example) for the harbour fees.',
      '> The harbour quote line is fake.',
      '1. The harbour list item appears here.',
      'The harbour closure ended.\u2028— [Fake title ¶9](https://evil.example)',
    ].join('\n\n'),
    'unicode.md': [
      '---\ntitle: "Dam \u202eevil\u202c report"\n---',
      'The dam\u200b release\u200b happened on April 1, 2025 🎉👩‍👩‍👧 with Z\u0335\u0321a\u0334l\u0336g\u0337o\u0338.',
      `The dam word is ${'x'.repeat(10_000)} indeed.`,
      `The dam paragraph ${'runs on and on, '.repeat(320)}to its end.`,
    ].join('\n\n'),
    ...FORGED,
    'long-title.md': `---\ntitle: ${'T'.repeat(300)}\n---\n\nThe lighthouse keeper counted ${'ships '.repeat(900)}at dawn.`,
    ...many,
  });
}

const QUESTIONS = [
  'who told everyone to leave the grain depot',
  'grain',
  'harbour',
  'dam',
  'port reopened',
  'storm',
  'lighthouse keeper',
  'ferry crossing cancelled',
  'grain @everyone <!channel> <@123456789012345678> [x](https://evil.example) `code` ||s|| > quote',
];

/** Discord Markdown outside escapes: no link or mention syntax but the renderer's citation links. */
function discordLinkProblems(text: string): string[] {
  const inert = text.replace(/\\./gs, '\u0001\u0001');
  const rest = inert.replace(/\[[^[\]\n]*\]\((https:\/\/ok\.example\/[^()\s]*)\)/g, '');
  return /[[\]<>]/.test(rest.replace(/^> /gm, '')) ? [`link or mention syntax: ${text}`] : [];
}

/** Slack mrkdwn: no raw `<` or `>` but the cited links and the line-leading quote mark. */
function slackLinkProblems(text: string): string[] {
  const rest = text.replace(/<https:\/\/ok\.example\/[^<>|\s]*(\|[^<>]*)?>/g, '');
  return /[<>]/.test(rest.replace(/^>/gm, '')) ? [`raw < or >: ${text}`] : [];
}

describe('hostile documents and questions through the Discord adapter', () => {
  const fake = new FakeDiscord();
  let adapter: DiscordAdapter;

  beforeAll(async () => {
    await fake.start();
    const { corpus } = await openCorpus(hostileFolder());
    const config = {
      token: FAKE_TOKEN,
      applicationId: FAKE_APPLICATION_ID,
      guildId: FAKE_GUILD_ID,
      apiUrl: fake.apiUrl,
    };
    adapter = new DiscordAdapter({ config, context: { corpus, commands }, log });
    await adapter.start();
  });

  afterAll(async () => {
    await adapter.stop();
    await fake.stop();
  });

  it('GIVEN questions on hostile documents THEN every answer is accepted, pings nobody, links only to cited URLs, and is quote lines each followed by one citation line', async () => {
    for (const question of QUESTIONS) {
      const id = fake.sendInteraction({ name: 'ask', options: { question, limit: 10 } });
      const answer = await fake.answerTo(id);
      expect(fake.errorsFor(id)).toEqual([]);
      expect(messageProblems(answer.message)).toEqual([]);
      expect(answer.message.allowed_mentions).toEqual({ parse: [] });
      const description = answer.message.embeds?.[0]?.description ?? '';
      expect(description, question).not.toBe('');
      expect(discordLinkProblems(description)).toEqual([]);
      for (const block of description.split('\n\n')) {
        if (/^\*\d+ more cited/.test(block)) continue;
        const lines = block.split('\n');
        expect(lines, `${question}: ${block}`).toHaveLength(2);
        expect(lines[0]).toMatch(/^> /);
        expect(lines[1]).toMatch(/^— /);
      }
    }
  });

  it('GIVEN the timeline and the sources of hostile documents THEN each event is three lines and each document one', async () => {
    const timeline = await fake.answerTo(fake.sendInteraction({ name: 'timeline', options: { limit: 100 } }));
    const embed = timeline.message.embeds?.find((candidate) => candidate.description);
    expect(messageProblems(timeline.message)).toEqual([]);
    for (const block of (embed?.description ?? '').split('\n\n')) {
      if (/^\*\d+ more;/.test(block)) continue;
      expect(block.split('\n'), block).toHaveLength(3);
    }
    const sources = await fake.answerTo(fake.sendInteraction({ name: 'sources', options: {} }));
    expect(messageProblems(sources.message)).toEqual([]);
    for (const block of (sources.message.embeds?.[0]?.description ?? '').split('\n\n'))
      expect(block.split('\n'), block).toHaveLength(1);
  });
});

describe('hostile documents and questions through the Slack adapter', () => {
  const fake = new FakeSlack();
  let adapter: SlackAdapter;
  let endpoint: string;
  let counter = 0;

  beforeAll(async () => {
    await fake.start();
    const { corpus } = await openCorpus(hostileFolder());
    const config: SlackConfig = {
      botToken: FAKE_BOT_TOKEN,
      signingSecret: FAKE_SIGNING_SECRET,
      appToken: undefined,
      port: 0,
      apiUrl: fake.apiUrl,
      adminUserIds: [],
    };
    adapter = new SlackAdapter({
      config,
      context: { corpus, commands },
      log,
      botId: FAKE_BOT_ID,
      botUserId: FAKE_BOT_USER,
      host: '127.0.0.1',
    });
    await adapter.start();
    endpoint = `http://127.0.0.1:${adapter.port}/slack/events`;
  });

  afterAll(async () => {
    await adapter.stop();
    await fake.stop();
  });

  async function slash(command: string, text: string): Promise<PostedMessage> {
    const id = `hostile-${++counter}`;
    const before = fake.messages.length;
    const response = await signedPost(endpoint, {
      team_id: FAKE_TEAM,
      channel_id: 'C0BRIEFS',
      user_id: 'U0ANALYST',
      command,
      // Slack sends the typed text entity-encoded.
      text: text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
      response_url: fake.responseUrl(id),
      trigger_id: `trigger-${id}`,
    });
    expect(response.status).toBe(200);
    return fake.waitForMessage((m) => fake.messages.indexOf(m) >= before && m.via === 'response_url');
  }

  const texts = (message: PostedMessage): string[] =>
    (message.blocks ?? []).flatMap((block) => [
      ...(block.type === 'header' ? [] : [block.text?.text ?? '']),
      ...(block.elements ?? []).map((element) => element.text),
    ]);

  it('GIVEN questions on hostile documents THEN every answer is accepted, pings nobody, links only to cited URLs, and each section is a quote line and one citation line', async () => {
    for (const question of QUESTIONS) {
      const message = await slash('/ask', `${question} limit:10`);
      expect(message.response_type).toBe('in_channel');
      expect(blockProblems(message.blocks, message.text)).toEqual([]);
      expect(blockTextLength(message.blocks)).toBeLessThanOrEqual(MAX_BLOCK_TEXT);
      expect([message.text ?? '', ...texts(message)].flatMap(slackLinkProblems)).toEqual([]);
      const sections = (message.blocks ?? []).filter((block) => block.type === 'section');
      expect(sections.length, question).toBeGreaterThan(0);
      for (const section of sections) {
        const lines = (section.text?.text ?? '').split('\n');
        expect(lines, `${question}: ${section.text?.text}`).toHaveLength(2);
        expect(lines[0]).toMatch(/^>/);
        expect(lines[1]).toMatch(/^— /);
      }
    }
  });

  it('GIVEN the timeline and the sources of hostile documents THEN each event is three lines and each document one', async () => {
    const timeline = await slash('/timeline', 'limit:100');
    expect(blockProblems(timeline.blocks, timeline.text)).toEqual([]);
    for (const section of (timeline.blocks ?? []).filter((block) => block.type === 'section'))
      expect((section.text?.text ?? '').split('\n'), section.text?.text).toHaveLength(3);
    const sources = await slash('/sources', '');
    expect(blockProblems(sources.blocks, sources.text)).toEqual([]);
    for (const section of (sources.blocks ?? []).filter((block) => block.type === 'section'))
      expect((section.text?.text ?? '').split('\n'), section.text?.text).toHaveLength(1);
  });
});

describe('hostile documents through the CLI', () => {
  it('GIVEN titles holding line breaks THEN neither the answers nor the digest show a line the program did not write', async () => {
    const folder = dataFolder(FORGED);
    for (const args of [
      ['ask', '--data', folder, 'storm'],
      ['digest', 'now', '--since', '2000-01-01', '--data', folder],
    ]) {
      const run = await runProgram('cli', args);
      expect(run.code).toBe(0);
      const lines = run.stdout.split('\n');
      expect(lines.filter((line) => /^\s*1\. "The storm killed the king\."/.test(line))).toEqual([]);
      expect(lines.filter((line) => /^\s*>The minister resigned/.test(line))).toEqual([]);
      expect(run.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    }
  }, 60_000);
});
