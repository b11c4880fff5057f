/**
 * A platform that never answers, on the wire: the real Discord adapter posts a digest to the fake
 * Discord, which holds the request forever. The call times out, the request is aborted (the fake
 * sees the connection closed), the failure is logged, and stopping the scheduler and the adapter
 * while another such call hangs completes in bounded time.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { commands } from '../../commands/index.js';
import { DiscordAdapter } from '../../src/adapters/discord/discord-adapter.js';
import { BUNDLED_DATA_DIR } from '../../src/config.js';
import { openCorpus } from '../../src/core/open-corpus.js';
import type { Corpus } from '../../src/core/corpus.js';
import { ArrivalLog } from '../../src/digest/arrivals.js';
import { DigestScheduler } from '../../src/digest/scheduler.js';
import { createLogger } from '../../src/logger.js';
import { SqliteStateStore as StateStore } from '../../src/store/sqlite-state-store.js';
import { FAKE_APPLICATION_ID, FAKE_CHANNEL_ID, FAKE_TOKEN, FakeDiscord } from '../fakes/fake-discord.js';
import { dataFolder, discordSubscription } from '../helpers.js';

const within = <T>(ms: number, work: Promise<T>): Promise<T | 'still hanging'> =>
  Promise.race([work, new Promise<'still hanging'>((resolve) => setTimeout(() => resolve('still hanging'), ms))]);

describe('a platform call that never answers', () => {
  const fake = new FakeDiscord();
  const chunks: string[] = [];
  const log = createLogger('info', { write: (line: string) => void chunks.push(line) });
  let corpus: Corpus;
  let adapter: DiscordAdapter;
  let store: StateStore;
  let arrivals: ArrivalLog;

  beforeAll(async () => {
    await fake.start();
    corpus = (await openCorpus(BUNDLED_DATA_DIR)).corpus;
    adapter = new DiscordAdapter({
      config: { token: FAKE_TOKEN, applicationId: FAKE_APPLICATION_ID, guildId: undefined, apiUrl: fake.apiUrl },
      context: { corpus, commands },
      log,
    });
    await adapter.start();
    store = StateStore.open(join(dataFolder({}), 'briefbot.sqlite'));
    arrivals = await ArrivalLog.open(store, corpus, () => new Date('2025-03-26T00:00:00Z'));
    await store.saveSubscription(discordSubscription(FAKE_CHANNEL_ID));
    fake.hungChannels.add(FAKE_CHANNEL_ID);
  });

  afterAll(async () => {
    await store.close();
    await fake.stop();
  });

  const scheduler = (callTimeoutMs: number): DigestScheduler =>
    new DigestScheduler({
      store,
      corpus,
      arrivedAt: arrivals.arrivedAt,
      posters: { discord: adapter.poster },
      log,
      clock: () => new Date('2025-03-28T09:00:00Z'),
      callTimeoutMs,
      retries: 0,
    });

  it('GIVEN a post the platform never answers THEN it times out, is aborted on the wire, logged, and its reservation freed', async () => {
    await scheduler(500).tick();
    expect(fake.held).toHaveLength(1);
    await vi.waitFor(() => expect(fake.held[0]?.abandoned).toBe(true));
    expect(chunks.join('')).toMatch(/no answer from the platform within 500 ms/);
    expect(await store.ledger(`discord:${FAKE_CHANNEL_ID}`)).toEqual([]);
  });

  it('GIVEN a post hanging at shutdown THEN the scheduler and the adapter both stop in bounded time', {
    timeout: 30_000,
  }, async () => {
    const patient = scheduler(10 * 60_000);
    const posting = patient.tick();
    await vi.waitFor(() => expect(fake.held).toHaveLength(2), { timeout: 10_000 });
    expect(await within(15_000, patient.stop())).toBe(true);
    await posting;
    expect(await within(15_000, adapter.stop())).toBeUndefined();
    await vi.waitFor(() => expect(fake.held[1]?.abandoned).toBe(true));
  });
});
