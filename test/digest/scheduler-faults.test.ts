/**
 * The digest scheduler under platform faults, with a controllable clock: a post slower than the
 * stale window is still posted once across two processes, a call that never answers times out
 * and stop() returns in bounded time, one channel's retries delay no other channel, and a state
 * file that cannot be read is logged while the bot goes on.
 */
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BUNDLED_DATA_DIR } from '../../src/config.js';
import type { Corpus } from '../../src/core/corpus.js';
import { openCorpus } from '../../src/core/open-corpus.js';
import { ArrivalLog } from '../../src/digest/arrivals.js';
import type { DigestPoster } from '../../src/digest/poster.js';
import { DigestScheduler, type SchedulerOptions } from '../../src/digest/scheduler.js';
import { createLogger } from '../../src/logger.js';
import { SqliteStateStore as StateStore } from '../../src/store/sqlite-state-store.js';
import type { Subscription } from '../../src/store/state-store.js';
import { RecordingPlatform } from '../fakes/recording-poster.js';
import { dataFolder, discordSubscription } from '../helpers.js';

const MINUTE = 60_000;
const CHANNEL = '1100000000000000003';
const KEY = `discord:${CHANNEL}`;

/** A logger whose lines the test can read. */
function capturedLogger(): { log: ReturnType<typeof createLogger>; lines: () => string } {
  const chunks: string[] = [];
  const log = createLogger('info', { write: (line: string) => void chunks.push(line) });
  return { log, lines: () => chunks.join('') };
}

describe('the digest scheduler under faults', () => {
  let corpus: Corpus;
  let stateFile: string;
  const stores: StateStore[] = [];

  const subscribe = (store: StateStore, overrides: Partial<Subscription> = {}): Promise<void> =>
    store.saveSubscription(discordSubscription(CHANNEL, { timezone: 'Europe/Kyiv', ...overrides }));

  /** A bot process: its own connection to the shared state file. */
  const botProcess = async (
    poster: DigestPoster,
    options: Partial<SchedulerOptions> = {},
  ): Promise<{ scheduler: DigestScheduler; store: StateStore }> => {
    const store = StateStore.open(stateFile);
    stores.push(store);
    const clock = (): Date => new Date();
    const arrivals = await ArrivalLog.open(store, corpus, () => new Date('2025-03-26T00:00:00Z'));
    const log = options.log ?? createLogger('silent');
    const scheduler = new DigestScheduler({
      store,
      corpus,
      arrivedAt: arrivals.arrivedAt,
      posters: { discord: poster },
      log,
      clock,
      ...options,
    });
    return { scheduler, store };
  };

  beforeEach(async () => {
    const folder = dataFolder({});
    cpSync(join(BUNDLED_DATA_DIR, 'ukraine-nato-deal.md'), join(folder, 'ukraine-nato-deal.md'));
    corpus = (await openCorpus(folder)).corpus;
    stateFile = join(dataFolder({}), 'briefbot.sqlite');
  });

  afterEach(async () => {
    vi.useRealTimers();
    for (const store of stores.splice(0)) await store.close();
  });

  it('GIVEN a post that takes 11 minutes (the stale window is 10) THEN a second process waits for it and the digest is posted once', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    vi.setSystemTime(new Date('2025-03-28T06:30:00Z'));
    const platform = new RecordingPlatform();
    platform.delayMs = 11 * MINUTE;
    const slowCalls = { callTimeoutMs: 30 * MINUTE };
    const a = await botProcess(platform.poster(), slowCalls);
    const b = await botProcess(platform.poster(), slowCalls);
    await subscribe(a.store);

    const posting = a.scheduler.tick();
    await vi.advanceTimersByTimeAsync(10.5 * MINUTE);
    await b.scheduler.tick(); // A's reservation is 10.5 minutes old but renewed: busy, not stale
    await vi.advanceTimersByTimeAsync(MINUTE);
    await posting;
    expect(platform.posts).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(15 * MINUTE);
    await b.scheduler.tick();
    expect(platform.posts).toHaveLength(1);
    expect(await b.store.ledger(KEY)).toEqual([{ date: '2025-03-28', state: 'posted', ref: 'ref-1' }]);
  });

  it('GIVEN a process that stalls past the stale window THEN the one that took over keeps its record: the stalled one does not overwrite it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    vi.setSystemTime(new Date('2025-03-28T06:30:00Z'));
    const platform = new RecordingPlatform();
    platform.delayMs = 11 * MINUTE;
    const { log, lines } = capturedLogger();
    // A renews far too rarely (as a process whose event loop is stalled would): B takes over.
    const a = await botProcess(platform.poster(), { callTimeoutMs: 30 * MINUTE, renewEveryMs: 60 * MINUTE, log });
    const fast = new RecordingPlatform();
    const b = await botProcess(fast.poster());
    await subscribe(a.store);
    const posting = a.scheduler.tick();
    await vi.advanceTimersByTimeAsync(10.5 * MINUTE);
    await b.scheduler.tick();
    expect(fast.posts).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(MINUTE);
    await posting;
    expect(await b.store.ledger(KEY)).toEqual([{ date: '2025-03-28', state: 'posted', ref: 'ref-1' }]);
    expect(lines()).toMatch(/reservation was taken over by another process/);
  });

  it('GIVEN a platform call that never answers THEN it times out, is logged, the reservation is freed, and stop() returns in bounded time', async () => {
    const hung: DigestPoster = {
      post: () => new Promise<string>(() => {}),
      findPosted: () => new Promise<undefined>(() => {}),
    };
    const { log, lines } = capturedLogger();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-03-28T06:30:00Z'));
    const { scheduler, store } = await botProcess(hung, { callTimeoutMs: 50, retries: 1, sleep: async () => {}, log });
    await subscribe(store);
    await scheduler.tick();
    expect(lines()).toMatch(/no answer from the platform within/);
    expect(lines()).toMatch(/digest failed/);
    expect(await store.ledger(KEY)).toEqual([]); // freed: the next tick tries again

    // Shutdown with a call hanging (and a timeout far away): stop() aborts it and returns.
    const patient = await botProcess(hung, { callTimeoutMs: 10 * MINUTE, stopGraceMs: 2_000, log });
    const posting = patient.scheduler.tick();
    await vi.waitFor(async () => expect(await patient.store.ledger(KEY)).toHaveLength(1));
    const stopped = await Promise.race([
      patient.scheduler.stop(),
      new Promise<string>((resolve) => setTimeout(() => resolve('hung'), 20_000)),
    ]);
    expect(stopped).toBe(true);
    await posting;
    expect(await patient.store.ledger(KEY)).toEqual([]);
  });

  it('GIVEN one channel retrying a failing post THEN another channel’s digest goes out without waiting for it', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-03-28T06:30:00Z'));
    const platform = new RecordingPlatform();
    const base = platform.poster();
    const flaky: DigestPoster = {
      post: async (channelId, reply, signal) => {
        if (channelId === 'flaky')
          throw new (await import('../../src/digest/poster.js')).PostError('503 Service Unavailable', false);
        return base.post(channelId, reply, signal);
      },
      findPosted: base.findPosted,
    };
    let releaseBackoff: () => void = () => {};
    const backoff = new Promise<void>((resolve) => (releaseBackoff = resolve));
    const { scheduler, store } = await botProcess(flaky, { sleep: () => backoff });
    await subscribe(store, { key: 'discord:flaky', channelId: 'flaky' });
    await subscribe(store);
    const ticking = scheduler.tick();
    // The flaky channel sits in its backoff; the other channel is posted meanwhile.
    await vi.waitFor(() => expect(platform.posts.map((post) => post.channelId)).toEqual([CHANNEL]));
    expect(await store.ledger('discord:flaky')).toEqual([{ date: '2025-03-28', state: 'posting', ref: null }]);
    releaseBackoff();
    await ticking;
    expect(await store.ledger(KEY)).toEqual([{ date: '2025-03-28', state: 'posted', ref: 'ref-1' }]);
  });

  it('GIVEN the state file becoming unusable THEN each tick logs what is wrong once and resolves, and the bot goes on', async () => {
    const { log, lines } = capturedLogger();
    const { scheduler, store } = await botProcess(new RecordingPlatform().poster(), { log });
    await store.close();
    await expect(scheduler.tick()).resolves.toBeUndefined();
    await expect(scheduler.tick()).resolves.toBeUndefined();
    expect(
      lines().match(/scheduled digests wait for the state file. Digests are unavailable: the state file .* is closed/g),
    ).toHaveLength(1);
  });
});
