/**
 * Scheduled digests end to end: channels subscribe through the real Discord and Slack adapters,
 * and the scheduler's posts reach the fake platforms on loopback, once, with their marker.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { DiscordAdapter } from '../../src/adapters/discord/discord-adapter.js';
import { SlackAdapter } from '../../src/adapters/slack/slack-adapter.js';
import { BUNDLED_DATA_DIR } from '../../src/config.js';
import type { Corpus } from '../../src/core/corpus.js';
import { openCorpus } from '../../src/core/open-corpus.js';
import { ArrivalLog } from '../../src/digest/arrivals.js';
import { createDigestSubscriptions } from '../../src/digest/subscriptions.js';
import { DigestScheduler } from '../../src/digest/scheduler.js';
import { createLogger } from '../../src/logger.js';
import { SqliteStateStore as StateStore } from '../../src/store/sqlite-state-store.js';
import { FAKE_APPLICATION_ID, FAKE_CHANNEL_ID, FAKE_TOKEN, FakeDiscord } from '../fakes/fake-discord.js';
import {
  FAKE_BOT_ID,
  FAKE_BOT_TOKEN,
  FAKE_BOT_USER,
  FAKE_CHANNEL_CREATOR,
  FAKE_SIGNING_SECRET,
  FakeSlack,
  signedPost,
} from '../fakes/fake-slack.js';
import { dataFolder, loadDocument } from '../helpers.js';
import { visibleText } from '../scenarios.js';

const log = createLogger('silent');

describe('scheduled digests through the real adapters', () => {
  const discordFake = new FakeDiscord();
  const slackFake = new FakeSlack();
  let corpus: Corpus;
  let store: StateStore;
  let arrivals: ArrivalLog;
  let discord: DiscordAdapter;
  let slack: SlackAdapter;
  let now = new Date('2025-03-28T05:00:00Z');
  const clock = (): Date => now;

  beforeAll(async () => {
    await Promise.all([discordFake.start(), slackFake.start()]);
    corpus = (await openCorpus(BUNDLED_DATA_DIR)).corpus;
    store = StateStore.open(join(dataFolder({}), 'briefbot.sqlite'));
    arrivals = await ArrivalLog.open(store, corpus, clock);
    const digests = createDigestSubscriptions({
      store,
      corpus,
      arrivedAt: arrivals.arrivedAt,
      platforms: ['discord', 'slack'],
      clock,
    });
    // The article arrived before anyone subscribed; make it news again for the first digest.
    now = new Date('2025-03-28T05:30:00Z');
    const context = { corpus, commands, digests, arrivedAt: arrivals.arrivedAt };
    discord = new DiscordAdapter({
      config: { token: FAKE_TOKEN, applicationId: FAKE_APPLICATION_ID, guildId: undefined, apiUrl: discordFake.apiUrl },
      context,
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
      context,
      log,
      botId: FAKE_BOT_ID,
      botUserId: FAKE_BOT_USER,
      host: '127.0.0.1',
    });
    await Promise.all([discord.start(), slack.start()]);
  });

  afterAll(async () => {
    await Promise.all([discord.stop(), slack.stop()]);
    await store.close();
    await Promise.all([discordFake.stop(), slackFake.stop()]);
  });

  const slashDigest = async (text: string, user: string): Promise<void> => {
    await signedPost(`http://127.0.0.1:${slack.port}/slack/events`, {
      team_id: 'T0TEAM',
      channel_id: 'C0BRIEFS',
      user_id: user,
      command: '/digest',
      text,
      response_url: slackFake.responseUrl(`digest-${user}-${Date.now()}`),
      trigger_id: `trigger-${user}-${Math.random()}`,
    });
  };

  it('GIVEN a Discord member without Manage Channels THEN subscribing is refused, to them only', async () => {
    const answer = await discordFake.answerTo(
      discordFake.sendInteraction({
        name: 'digest',
        options: { action: 'subscribe', time: '08:30', timezone: 'Europe/Kyiv' },
        permissions: '0',
      }),
    );
    expect(answer.ephemeral).toBe(true);
    expect(visibleText(answer.message.content ?? '')).toMatch(
      /Only someone who manages this channel .*\(on Discord: the Manage Channels permission\)\.$/,
    );
    expect(answer.message.content).not.toContain('Slack');
  });

  it('GIVEN a Discord channel manager THEN /digest subscribe confirms the schedule, and anyone can ask its status', async () => {
    const answer = await discordFake.answerTo(
      discordFake.sendInteraction({
        name: 'digest',
        options: { action: 'subscribe', time: '08:30', timezone: 'Europe/Kyiv' },
      }),
    );
    expect(visibleText(answer.message.embeds?.[0]?.description ?? '')).toContain('Daily digest at 08:30 Europe/Kyiv.');
    const status = await discordFake.answerTo(
      discordFake.sendInteraction({ name: 'digest', options: { action: 'status' }, permissions: '0' }),
    );
    expect(visibleText(status.message.embeds?.[0]?.description ?? '')).toContain('Next digest: 2025-03-28');
  });

  it('GIVEN a subscribed channel THEN subscribing again with only a new time keeps its time zone (and "utc" is UTC)', async () => {
    const subscribe = async (options: Record<string, string>): Promise<string> => {
      const answer = await discordFake.answerTo(
        discordFake.sendInteraction({ name: 'digest', options: { action: 'subscribe', ...options } }),
      );
      return visibleText(answer.message.embeds?.[0]?.description ?? '');
    };
    expect(await subscribe({ time: '09:15' })).toContain('Daily digest at 09:15 Europe/Kyiv.');
    expect(await subscribe({ timezone: 'utc' })).toContain('Daily digest at 09:15 UTC.');
    expect(await subscribe({ time: '08:30', timezone: 'Europe/Kyiv' })).toContain('Daily digest at 08:30 Europe/Kyiv.');
  });

  it('GIVEN Slack users THEN only an admin or the channel creator may subscribe', async () => {
    await slashDigest('subscribe time:09:00 timezone:America/New_York', 'U0SOMEONE');
    const refused = await slackFake.waitForMessage((message) => message.response_type === 'ephemeral');
    expect(refused.text).toMatch(/Only someone who manages this channel/);
    await slashDigest('subscribe time:09:00 timezone:America/New_York', FAKE_CHANNEL_CREATOR);
    const accepted = await slackFake.waitForMessage(
      (message) => message.response_type === 'in_channel' && /Subscribed/.test(message.text ?? ''),
    );
    expect(JSON.stringify(accepted.blocks)).toContain('Daily digest at 09:00 America/New_York.');
    expect(await store.subscription('slack:C0BRIEFS')).toMatchObject({
      time: '09:00',
      timezone: 'America/New_York',
      createdBy: FAKE_CHANNEL_CREATOR,
    });
  });

  it('GIVEN the subscribed times THEN each platform receives its digest once, cited and marked, even across a crash', async () => {
    // A new report arrives after the subscriptions.
    now = new Date('2025-03-28T05:40:00Z');
    const added = await loadDocument(
      dataFolder({
        'talks.md': '---\ntitle: Talks in Riyadh\n---\n\nUS and Russian officials met in Riyadh on March 27, 2025.',
      }),
      'talks',
    );
    corpus.add(added);
    arrivals.record('talks');
    const scheduler = (afterPost?: () => void): DigestScheduler =>
      new DigestScheduler({
        store,
        corpus,
        arrivedAt: arrivals.arrivedAt,
        posters: { discord: discord.poster, slack: slack.poster },
        log,
        clock,
        sleep: async () => {},
        ...(afterPost ? { afterPost } : {}),
      });

    now = new Date('2025-03-28T06:30:00Z'); // 08:30 in Kyiv
    await scheduler().tick();
    const discordPosts = discordFake.channelMessages.get(FAKE_CHANNEL_ID) ?? [];
    expect(discordPosts).toHaveLength(1);
    expect(discordPosts[0]!.embeds?.[0]?.title).toBe('Daily digest');
    expect(visibleText(discordPosts[0]!.embeds?.[0]?.description ?? '')).toContain(
      'US and Russian officials met in Riyadh on March 27, 2025.',
    );
    expect(discordPosts[0]!.embeds?.[0]?.footer?.text).toContain('briefbot digest 2025-03-28');
    expect(discordPosts[0]!.allowed_mentions).toEqual({ parse: [] });

    now = new Date('2025-03-28T13:00:00Z'); // 09:00 in New York; the first attempt dies after posting
    await scheduler(() => {
      throw new Error('killed');
    }).tick();
    now = new Date('2025-03-28T13:20:00Z');
    await scheduler().tick();
    const slackPosts = slackFake.messages.filter(
      (message) => message.via === 'chat.postMessage' && message.channel === 'C0BRIEFS',
    );
    expect(slackPosts).toHaveLength(1);
    expect(JSON.stringify(slackPosts[0]!.blocks)).toContain('briefbot digest 2025-03-28');
    expect(await store.ledger('slack:C0BRIEFS')).toEqual([
      { date: '2025-03-28', state: 'posted', ref: expect.stringMatching(/^slack:C0BRIEFS:/) },
    ]);
    expect(discordFake.channelMessages.get(FAKE_CHANNEL_ID)).toHaveLength(1);
  });

  it('GIVEN a Discord channel the bot lost access to THEN the next digest pauses the subscription with the reason', async () => {
    discordFake.lostChannels.add(FAKE_CHANNEL_ID);
    now = new Date('2025-03-29T06:30:00Z');
    await new DigestScheduler({
      store,
      corpus,
      arrivedAt: arrivals.arrivedAt,
      posters: { discord: discord.poster, slack: slack.poster },
      log,
      clock,
      sleep: async () => {},
    }).tick();
    expect((await store.subscription(`discord:${FAKE_CHANNEL_ID}`))?.pausedReason).toMatch(/Missing Access/);
  });
});
