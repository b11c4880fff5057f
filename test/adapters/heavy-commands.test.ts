/**
 * Heavy commands against the platforms' deadlines, through the real adapters and the fakes: a
 * digest of every document and a timeline of a whole corpus are acknowledged before they run, and
 * while one user runs them, another user's /ask is still acknowledged within Slack's 1 s and
 * Discord's 3 s (the fake Discord refuses a first response after 3 s with 10062).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import type { CommandContext } from '../../commands/command.js';
import { DiscordAdapter } from '../../src/adapters/discord/discord-adapter.js';
import { SlackAdapter } from '../../src/adapters/slack/slack-adapter.js';
import { BUNDLED_DATA_DIR } from '../../src/config.js';
import { openCorpus } from '../../src/core/open-corpus.js';
import { warmDates } from '../../src/core/timeline/warm.js';
import { ArrivalLog } from '../../src/digest/arrivals.js';
import { createDigestSubscriptions } from '../../src/digest/subscriptions.js';
import { createLogger } from '../../src/logger.js';
import { SqliteStateStore as StateStore } from '../../src/store/sqlite-state-store.js';
import { SHARED } from '../../eval/golden.js';
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
import { dataFolder } from '../helpers.js';

const log = createLogger('silent');
/** Discord's rule for the first response to an interaction. */
const DISCORD_FIRST_RESPONSE_MS = 3_000;
/** The acknowledgement a Slack user should get while someone else's heavy command runs. */
const SLACK_ACK_MS = 1_000;
const SETUP_MS = 180_000;

/** A corpus with its state: every document arrived now, so a channel without digests gets them all. */
async function contextFor(dataDir: string): Promise<{ context: CommandContext; store: StateStore }> {
  // Parsers compiled and warmed as in a bot that has answered before, on another corpus: the
  // corpus under test stays undated, so its first /timeline and digest do all the work.
  await warmDates((await openCorpus(BUNDLED_DATA_DIR)).corpus);
  const { corpus } = await openCorpus(dataDir);
  const store = StateStore.open(join(dataFolder({}), 'briefbot.sqlite'));
  const arrivals = await ArrivalLog.open(store, corpus);
  const digests = createDigestSubscriptions({
    store,
    corpus,
    arrivedAt: arrivals.arrivedAt,
    platforms: ['discord', 'slack'],
  });
  return { context: { corpus, commands, digests, arrivedAt: arrivals.arrivedAt }, store };
}

function discordAdapter(fake: FakeDiscord, context: CommandContext): DiscordAdapter {
  return new DiscordAdapter({
    config: { token: FAKE_TOKEN, applicationId: FAKE_APPLICATION_ID, guildId: undefined, apiUrl: fake.apiUrl },
    context,
    log,
  });
}

describe('heavy commands on a 15k-claim corpus (Timeline17 iraq) through Discord', () => {
  const fake = new FakeDiscord();
  let adapter: DiscordAdapter;
  let store: StateStore;

  beforeAll(async () => {
    await fake.start();
    const opened = await contextFor(join(SHARED, 'datasets/t17/iraq/docs'));
    store = opened.store;
    expect(opened.context.corpus.claimCount).toBeGreaterThan(14_000);
    adapter = discordAdapter(fake, opened.context);
    await adapter.start();
  }, SETUP_MS);

  afterAll(async () => {
    await adapter.stop();
    await store.close();
    await fake.stop();
  });

  it('GIVEN /digest now in a channel that never had a digest (every document is new) THEN the first response comes within 3 s and the digest follows', async () => {
    const id = fake.sendInteraction({ name: 'digest', options: { action: 'now' } });
    expect(await fake.firstResponseTo(id)).toBeLessThanOrEqual(DISCORD_FIRST_RESPONSE_MS);
    const answer = await fake.answerTo(id, 120_000);
    expect(fake.errorsFor(id)).toEqual([]);
    expect(answer).toMatchObject({ deferred: true, ephemeral: false });
    expect(answer.message.embeds?.[0]?.description).toMatch(/^\*\*.+\*\*\n> .+\n— \*.+ ¶\d+\*/); // sections of cited claims
  }, 150_000);

  it('GIVEN /timeline without options THEN the first response comes within 3 s and the timeline follows', async () => {
    const id = fake.sendInteraction({ name: 'timeline', options: {} });
    expect(await fake.firstResponseTo(id)).toBeLessThanOrEqual(DISCORD_FIRST_RESPONSE_MS);
    const answer = await fake.answerTo(id, 120_000);
    expect(fake.errorsFor(id)).toEqual([]);
    expect(answer).toMatchObject({ deferred: true, ephemeral: false });
    // The first embed is the timeline picture; the list (with its footer) follows it.
    expect(answer.message.embeds?.find((embed) => embed.footer)?.footer?.text).toMatch(/dated events/);
  }, 150_000);
});

/** Both adapters on one cold BBC corpus (documents read once per file, indexed per suite). */
function bothPlatformsOnBbc(): {
  discordFake: FakeDiscord;
  slackFake: FakeSlack;
  slashCommand: (user: string, command: string, text: string) => Promise<{ id: string; ackMs: number; status: number }>;
} {
  const discordFake = new FakeDiscord();
  const slackFake = new FakeSlack();
  let discord: DiscordAdapter;
  let slack: SlackAdapter;
  let store: StateStore;
  let slackEndpoint: string;
  let counter = 0;

  beforeAll(async () => {
    await Promise.all([discordFake.start(), slackFake.start()]);
    const opened = await contextFor(join(SHARED, 'datasets/bbc/docs'));
    store = opened.store;
    discord = discordAdapter(discordFake, opened.context);
    slack = new SlackAdapter({
      config: {
        botToken: FAKE_BOT_TOKEN,
        signingSecret: FAKE_SIGNING_SECRET,
        appToken: undefined,
        port: 0,
        apiUrl: slackFake.apiUrl,
        adminUserIds: [],
      },
      context: opened.context,
      log,
      botId: FAKE_BOT_ID,
      botUserId: FAKE_BOT_USER,
      host: '127.0.0.1',
    });
    await Promise.all([discord.start(), slack.start()]);
    slackEndpoint = `http://127.0.0.1:${slack.port}/slack/events`;
  }, SETUP_MS);

  afterAll(async () => {
    await Promise.all([discord.stop(), slack.stop()]);
    await store.close();
    await Promise.all([discordFake.stop(), slackFake.stop()]);
  });

  /** A signed slash command from a user; resolves with how long the acknowledgement took. */
  async function slashCommand(
    user: string,
    command: string,
    text: string,
  ): Promise<{ id: string; ackMs: number; status: number }> {
    const id = `heavy-${++counter}`;
    const started = performance.now();
    const response = await signedPost(slackEndpoint, {
      team_id: FAKE_TEAM,
      channel_id: `C0HEAVY${counter}`,
      user_id: user,
      command,
      text,
      response_url: slackFake.responseUrl(id),
      trigger_id: `trigger-${id}`,
    });
    return { id, ackMs: performance.now() - started, status: response.status };
  }
  return { discordFake, slackFake, slashCommand };
}

const ASK_DISCORD = { name: 'ask', options: { question: 'what did the chancellor say about council tax' } };
const ASK_SLACK = 'what did the central bank decide about interest rates';

describe('another user while /digest now since:2000-01-01 runs on Discord over the BBC corpus (2,225 documents)', () => {
  const { discordFake, slackFake, slashCommand } = bothPlatformsOnBbc();

  it("GIVEN the heavy digest running THEN another user's /ask is acknowledged within 3 s on Discord and 1 s on Slack, and answered meanwhile", async () => {
    const heavy = discordFake.sendInteraction({ name: 'digest', options: { action: 'now', since: '2000-01-01' } });
    expect(await discordFake.firstResponseTo(heavy)).toBeLessThanOrEqual(DISCORD_FIRST_RESPONSE_MS);

    const question = discordFake.sendInteraction(ASK_DISCORD);
    const slackQuestion = await slashCommand('U0OTHER', '/ask', ASK_SLACK);
    expect(discordFake.answered(heavy)).toBe(false); // the heavy command was still running meanwhile
    expect(slackQuestion.status).toBe(200);
    expect(slackQuestion.ackMs).toBeLessThan(SLACK_ACK_MS);
    expect(await discordFake.firstResponseTo(question)).toBeLessThanOrEqual(DISCORD_FIRST_RESPONSE_MS);
    expect((await discordFake.answerTo(question, 60_000)).message.embeds?.[0]?.description).toMatch(/¶\d/);
    expect(await slackFake.waitForMessage((message) => message.responseId === slackQuestion.id, 60_000)).toMatchObject({
      response_type: 'in_channel',
    });

    const digest = await discordFake.answerTo(heavy, 150_000);
    expect(digest.message.embeds?.[0]?.description).toMatch(/^\*\*.+\*\*\n> .+\n— \*.+ ¶\d+\*/);
    expect([...discordFake.errorsFor(heavy), ...discordFake.errorsFor(question)]).toEqual([]);
  }, 200_000);
});

describe('another user while /digest now since:2000-01-01 runs on Slack over the BBC corpus', () => {
  const { discordFake, slackFake, slashCommand } = bothPlatformsOnBbc();

  it("GIVEN the heavy digest running THEN another user's /ask is acknowledged within 1 s on Slack and 3 s on Discord, and answered meanwhile", async () => {
    const heavy = await slashCommand('U0HEAVY', '/digest', 'now since:2000-01-01');
    expect(heavy.status).toBe(200);
    const slackQuestion = await slashCommand('U0OTHER', '/ask', ASK_SLACK);
    const question = discordFake.sendInteraction(ASK_DISCORD);
    expect(await discordFake.firstResponseTo(question)).toBeLessThanOrEqual(DISCORD_FIRST_RESPONSE_MS);
    expect(slackFake.messages.some((message) => message.responseId === heavy.id)).toBe(false); // still running meanwhile
    expect(slackQuestion.ackMs).toBeLessThan(SLACK_ACK_MS);
    expect(await slackFake.waitForMessage((message) => message.responseId === slackQuestion.id, 60_000)).toMatchObject({
      response_type: 'in_channel',
    });
    expect((await discordFake.answerTo(question, 60_000)).message.embeds?.[0]?.description).toMatch(/¶\d/);

    const digest = await slackFake.waitForMessage((message) => message.responseId === heavy.id, 150_000);
    expect(JSON.stringify(digest.blocks)).toMatch(/2225 new documents/);
    expect(discordFake.errorsFor(question)).toEqual([]);
  }, 200_000);
});
