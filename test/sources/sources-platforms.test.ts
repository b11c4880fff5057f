/**
 * Following a feed through every front end, against a loopback web server: the console and the CLI
 * (real processes), and the Discord and Slack adapters against their fakes. A channel that adds the
 * feed gets the article's sentence quoted with the article's URL; another channel, without it, gets
 * "Nothing in the documents answers this."
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordAdapter } from '../../src/adapters/discord/discord-adapter.js';
import { SlackAdapter } from '../../src/adapters/slack/slack-adapter.js';
import { type App, createApp } from '../../src/app.js';
import { BUNDLED_DATA_DIR, loadConfig } from '../../src/config.js';
import { NOTHING_FOUND } from '../../src/core/ask.js';
import { createLogger } from '../../src/logger.js';
import { FAKE_APPLICATION_ID, FAKE_TOKEN, FakeDiscord } from '../fakes/fake-discord.js';
import {
  FAKE_BOT_ID,
  FAKE_BOT_TOKEN,
  FAKE_BOT_USER,
  FAKE_SIGNING_SECRET,
  FAKE_TEAM,
  FakeSlack,
  signedPost,
} from '../fakes/fake-slack.js';
import { jsonLines, runProgram } from '../run-program.js';
import { ferryPage, HARBOUR_SENTENCE, harbourPage, rssFeed } from './pages.js';
import { WebFixture } from './web-fixture.js';

const log = createLogger('silent');
const web = new WebFixture();
const QUESTION = 'when will the Port Velmora harbour reopen to grain ships?';
const stateDirs: string[] = [];
const stateDir = (): string => {
  const folder = mkdtempSync(join(tmpdir(), 'briefbot-sources-'));
  stateDirs.push(folder);
  return folder;
};

beforeAll(async () => {
  await web.start();
  web.serve('/rss/world.xml', 'application/rss+xml', () => rssFeed(web.origin));
  web.serve('/world/velmora-harbour.html', 'text/html; charset=utf-8', () => harbourPage(web.origin));
  web.serve('/world/lirren-ferry-strike.html', 'text/html', () => ferryPage(web.origin));
});

afterAll(async () => {
  await web.stop();
  for (const folder of stateDirs) rmSync(folder, { recursive: true, force: true });
});

const ENV = (): Record<string, string> => ({ STATE_DIR: stateDir(), SOURCES_ALLOW_PRIVATE: 'true' });

describe('the console and the CLI', () => {
  it('GIVEN /sources add of a feed in the console THEN the next question is answered from its article, quoted with its URL', async () => {
    const run = await runProgram(
      'main',
      [],
      `/sources add ${web.url('/rss/world.xml')}\n/ask ${QUESTION}\n/sources\n`,
      ENV(),
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Following Harbour Gazette – World/);
    expect(run.stdout).toContain(`"${HARBOUR_SENTENCE}"`);
    expect(run.stdout).toContain(web.url('/world/velmora-harbour.html'));
    expect(run.stdout).toMatch(
      /Followed here:\n- Harbour Gazette – World: http:\/\/127\.0\.0\.1:\d+\/rss\/world\.xml \(feed, every 15m\)/,
    );
  }, 150_000);

  it('GIVEN npm run cli -- sources add URL --json THEN it prints the source as JSON, and later asks read the local collection', async () => {
    const env = ENV();
    const added = await runProgram(
      'cli',
      ['sources', 'add', web.url('/rss/world.xml'), '--every', '1h', '--json'],
      '',
      env,
    );
    expect(added.code).toBe(0);
    expect(jsonLines(added.stdout)).toEqual([
      {
        notice: 'Following Harbour Gazette – World',
        lines: [expect.stringMatching(/feed, every 1h/), expect.stringMatching(/^ok; 2 documents/)],
      },
    ]);
    const asked = await runProgram('cli', ['ask', '--json', QUESTION], '', env);
    const answer = jsonLines(asked.stdout)[0] as { answers: { text: string; citation: { url: string } }[] };
    expect(answer.answers[0]).toMatchObject({
      text: HARBOUR_SENTENCE,
      citation: { url: web.url('/world/velmora-harbour.html') },
    });
    // Without SOURCES_ALLOW_PRIVATE a new loopback source is refused.
    const refused = await runProgram(
      'cli',
      ['sources', 'add', web.url('/world/lirren-ferry-strike.html'), '--json'],
      '',
      {
        STATE_DIR: env.STATE_DIR!,
      },
    );
    expect(jsonLines(refused.stdout)[0]).toMatchObject({
      code: 'SOURCE_FAILED',
      error: expect.stringMatching(/not a public address .*SOURCES_ALLOW_PRIVATE=true/),
    });
  }, 150_000);
});

describe('Discord and Slack channels', () => {
  const discordFake = new FakeDiscord();
  const slackFake = new FakeSlack();
  let app: App;
  let discord: DiscordAdapter;
  let slack: SlackAdapter;
  let counter = 0;

  beforeAll(async () => {
    await Promise.all([discordFake.start(), slackFake.start()]);
    const config = { ...loadConfig({ dataDir: BUNDLED_DATA_DIR, stateDir: stateDir() }), sourcesAllowPrivate: true };
    app = await createApp({ config, log, platforms: ['discord', 'slack'] });
    discord = new DiscordAdapter({
      config: { token: FAKE_TOKEN, applicationId: FAKE_APPLICATION_ID, guildId: undefined, apiUrl: discordFake.apiUrl },
      context: app.context,
      log,
    });
    slack = new SlackAdapter({
      config: {
        botToken: FAKE_BOT_TOKEN,
        signingSecret: FAKE_SIGNING_SECRET,
        appToken: undefined,
        port: 0,
        apiUrl: slackFake.apiUrl,
        adminUserIds: ['U0ADMIN'],
      },
      context: app.context,
      log,
      botId: FAKE_BOT_ID,
      botUserId: FAKE_BOT_USER,
      host: '127.0.0.1',
    });
    await Promise.all([discord.start(), slack.start()]);
  }, 150_000);

  afterAll(async () => {
    await Promise.all([discord.stop(), slack.stop()]);
    await app.close();
    await Promise.all([discordFake.stop(), slackFake.stop()]);
  });

  it('GIVEN a Discord channel that adds the feed THEN it gets the sentence with the article link; another channel gets nothing', async () => {
    const add = discordFake.sendInteraction({
      name: 'sources',
      options: { action: 'add', url: web.url('/rss/world.xml') },
      channelId: '1100000000000000501',
    });
    const added = await discordFake.answerTo(add, 20_000);
    expect(added.message.embeds?.[0]?.title).toBe('Following Harbour Gazette – World');
    const ask = discordFake.sendInteraction({
      name: 'ask',
      options: { question: QUESTION },
      channelId: '1100000000000000501',
    });
    const answer = await discordFake.answerTo(ask);
    const description = answer.message.embeds?.[0]?.description ?? '';
    expect(description.replace(/\*\*/g, '')).toContain(HARBOUR_SENTENCE);
    expect(description).toContain(`](${web.url('/world/velmora-harbour.html')})`);
    const elsewhere = discordFake.sendInteraction({
      name: 'ask',
      options: { question: QUESTION },
      channelId: '1100000000000000502',
    });
    // The refusal's hint counts words in this channel's collection only: the feed's names stay unseen.
    const refusal = (await discordFake.answerTo(elsewhere)).message.content ?? '';
    expect(refusal.split('\n')[0]).toBe(NOTHING_FOUND);
    expect(refusal).toMatch(/never mention .*"Velmora"/);
  }, 30_000);

  async function slash(channel: string, user: string, command: string, text: string): Promise<string> {
    const id = `sources-${++counter}`;
    const before = slackFake.messages.length;
    await signedPost(`http://127.0.0.1:${slack.port}/slack/events`, {
      team_id: FAKE_TEAM,
      channel_id: channel,
      user_id: user,
      command,
      text,
      response_url: slackFake.responseUrl(id),
      trigger_id: `trigger-${id}`,
    });
    const message = await slackFake.waitForMessage(
      (candidate) => slackFake.messages.indexOf(candidate) >= before && candidate.responseId === id,
      20_000,
    );
    return [
      message.text ?? '',
      ...(message.blocks ?? []).map((block) => block.text?.text ?? block.elements?.map((e) => e.text).join(' ') ?? ''),
    ].join('\n');
  }

  it('GIVEN a Slack channel that adds the feed THEN it gets the sentence with the article link; another channel gets nothing', async () => {
    // A channel's sources are changed by its creator or an admin, as its digest.
    const refused = await slash('C0OTHER', 'U0ANALYST', '/sources', `add ${web.url('/rss/world.xml')}`);
    expect(refused).toMatch(/Only someone who manages this channel/);
    const added = await slash('C0FEEDS', 'U0ADMIN', '/sources', `add ${web.url('/rss/world.xml')} every:2h`);
    expect(added).toMatch(/Following Harbour Gazette – World/);
    const answer = await slash('C0FEEDS', 'U0ANALYST', '/ask', QUESTION);
    expect(answer.replace(/\*/g, '')).toContain(HARBOUR_SENTENCE);
    expect(answer).toContain(`<${web.url('/world/velmora-harbour.html')}|`);
    const elsewhere = await slash('C0OTHER', 'U0ANALYST', '/ask', QUESTION);
    expect(elsewhere).toContain(NOTHING_FOUND);
  }, 30_000);

  it('GIVEN a workspace-wide source added by a Slack admin THEN every channel of the workspace reads it; a non-admin cannot add one', async () => {
    const notAdmin = await slash(
      'C0WS1',
      'U0ANALYST',
      '/sources',
      `add ${web.url('/world/lirren-ferry-strike.html')} scope:workspace`,
    );
    expect(notAdmin).toMatch(/Only a workspace admin/);
    const added = await slash(
      'C0WS1',
      'U0ADMIN',
      '/sources',
      `add ${web.url('/world/lirren-ferry-strike.html')} scope:workspace`,
    );
    expect(added).toMatch(/Following Ferry crews/);
    const answer = await slash('C0WS2', 'U0ANALYST', '/ask', 'why did the Lirren strait ferry crews walk out?');
    expect(answer).toContain('night-shift pay');
    const listed = await slash('C0WS3', 'U0ANALYST', '/sources', '');
    expect(listed).toMatch(/whole workspace/);
  }, 30_000);
});
