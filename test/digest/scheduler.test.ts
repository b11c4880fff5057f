/**
 * Daily digests with a controllable clock: due at the subscribed local time across a DST change,
 * exactly once across restarts, processes and crashes, one catch-up after downtime, and new or
 * removed documents reflected in the next digest.
 */
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUNDLED_DATA_DIR } from '../../src/config.js';
import { ask } from '../../src/core/ask.js';
import type { Corpus } from '../../src/core/corpus.js';
import type { DocumentScope } from '../../src/core/scope.js';
import { openCorpus } from '../../src/core/open-corpus.js';
import { CorpusWatcher } from '../../src/corpus-watcher.js';
import { ArrivalLog } from '../../src/digest/arrivals.js';
import { DigestScheduler, type SchedulerOptions } from '../../src/digest/scheduler.js';
import { createLogger } from '../../src/logger.js';
import type { StateStore, Subscription } from '../../src/store/state-store.js';
import { RecordingPlatform } from '../fakes/recording-poster.js';
import { dataFolder, loadDocument } from '../helpers.js';
import { engines } from '../store/engines.js';

const log = createLogger('silent');

describe.each(await engines())('the digest scheduler on $name', (engine) => {
  let folder: string;
  let place: string;
  let corpus: Corpus;
  let now: Date;
  let platform: RecordingPlatform;
  const stores: StateStore[] = [];

  const clock = (): Date => now;
  const at = (iso: string): void => {
    now = new Date(iso);
  };
  const openStore = async (): Promise<StateStore> => {
    const store = await engine.open(place);
    stores.push(store);
    return store;
  };
  /** A bot process (or replica): its own connection to the state store, same corpus and platform. */
  const process = async (
    overrides: Partial<SchedulerOptions> = {},
  ): Promise<{ scheduler: DigestScheduler; store: StateStore; arrivals: ArrivalLog }> => {
    const store = await openStore();
    const arrivals = await ArrivalLog.open(store, corpus, clock);
    const scheduler = new DigestScheduler({
      store,
      corpus,
      arrivedAt: arrivals.arrivedAt,
      posters: { discord: platform.poster() },
      log,
      clock,
      sleep: async () => {},
      ...overrides,
    });
    return { scheduler, store, arrivals };
  };
  const subscribe = (store: StateStore, subscription: Partial<Subscription> = {}): Promise<void> =>
    store.saveSubscription({
      key: 'discord:1100000000000000003',
      platform: 'discord',
      channelId: '1100000000000000003',
      time: '08:30',
      timezone: 'Europe/Kyiv',
      quiet: false,
      createdBy: 'U1',
      createdAt: now.toISOString(),
      pausedReason: null,
      ...subscription,
    });
  const postedDates = (): string[] => platform.posts.map((post) => post.reply.marker!.replace('briefbot digest ', ''));

  beforeEach(async () => {
    folder = dataFolder({});
    cpSync(join(BUNDLED_DATA_DIR, 'ukraine-nato-deal.md'), join(folder, 'ukraine-nato-deal.md'));
    place = await engine.place();
    corpus = (await openCorpus(folder)).corpus;
    platform = new RecordingPlatform();
    at('2025-03-27T00:00:00Z');
  });

  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
  });

  it('GIVEN 08:30 Europe/Kyiv THEN the digest fires at 06:30 UTC before the DST change and 05:30 UTC after it', async () => {
    const { scheduler, store } = await process();
    at('2025-03-28T12:00:00Z');
    await subscribe(store);
    for (const [instant, expected] of [
      ['2025-03-29T06:29:00Z', []],
      ['2025-03-29T06:30:00Z', ['2025-03-29']],
      ['2025-03-29T12:00:00Z', ['2025-03-29']],
      ['2025-03-30T05:29:00Z', ['2025-03-29']],
      ['2025-03-30T05:30:00Z', ['2025-03-29', '2025-03-30']],
    ] as const) {
      at(instant);
      await scheduler.tick();
      expect(postedDates(), instant).toEqual(expected);
    }
  });

  it('GIVEN a restart in the middle of the day THEN the day is neither repeated nor skipped', async () => {
    const first = await process();
    await subscribe(first.store);
    at('2025-03-28T06:30:00Z');
    await first.scheduler.tick();
    at('2025-03-28T12:00:00Z');
    const second = await process();
    await second.scheduler.tick();
    expect(postedDates()).toEqual(['2025-03-28']);
    at('2025-03-29T06:31:00Z');
    await second.scheduler.tick();
    expect(postedDates()).toEqual(['2025-03-28', '2025-03-29']);
  });

  it('GIVEN two processes sharing one state store THEN each digest is posted once', async () => {
    platform.delayMs = 50;
    const a = await process();
    const b = await process();
    await subscribe(a.store);
    at('2025-03-28T06:30:00Z');
    await Promise.all([a.scheduler.tick(), b.scheduler.tick(), a.scheduler.tick(), b.scheduler.tick()]);
    at('2025-03-28T07:30:00Z');
    await Promise.all([a.scheduler.tick(), b.scheduler.tick()]);
    expect(postedDates()).toEqual(['2025-03-28']);
  });

  it('GIVEN a crash after posting but before recording THEN the next process finds the posted digest and does not post it again', async () => {
    const crashing = await process({
      afterPost: () => {
        throw new Error('killed between posting and recording');
      },
    });
    await subscribe(crashing.store);
    at('2025-03-28T06:30:00Z');
    await crashing.scheduler.tick();
    expect(await crashing.store.ledger('discord:1100000000000000003')).toEqual([
      { date: '2025-03-28', state: 'posting', ref: null },
    ]);
    at('2025-03-28T06:50:00Z'); // after the reservation went stale
    const restarted = await process();
    await restarted.scheduler.tick();
    expect(postedDates()).toEqual(['2025-03-28']);
    expect(await restarted.store.ledger('discord:1100000000000000003')).toEqual([
      { date: '2025-03-28', state: 'posted', ref: 'ref-1' },
    ]);
  });

  it('GIVEN a crash before the post reached the platform THEN the next process posts it, once', async () => {
    const crashed = await process();
    await subscribe(crashed.store);
    at('2025-03-28T06:30:00Z');
    expect(
      await crashed.store.reserve('discord:1100000000000000003', '2025-03-28', 'dead-process', now, 10 * 60_000),
    ).toBe('reserved');
    at('2025-03-28T06:35:00Z');
    await crashed.scheduler.tick();
    expect(postedDates()).toEqual([]); // the reservation is not stale yet: its owner may still be posting
    at('2025-03-28T06:50:00Z');
    await (await process()).scheduler.tick();
    expect(postedDates()).toEqual(['2025-03-28']);
  });

  it('GIVEN three days of downtime THEN one catch-up digest is posted, covering everything since the last one', async () => {
    const before = await process();
    await subscribe(before.store);
    at('2025-03-28T06:30:00Z');
    await before.scheduler.tick();
    // Down for three days; a document arrives meanwhile.
    at('2025-03-29T10:00:00Z');
    writeFileSync(
      join(folder, 'truce.md'),
      '---\ntitle: Truce talks resume\n---\n\nTruce talks resumed in Geneva on March 29, 2025.',
    );
    corpus.add(await loadDocument(folder, 'truce'));
    at('2025-04-01T09:00:00Z');
    const after = await process();
    await after.scheduler.tick();
    await after.scheduler.tick();
    expect(postedDates()).toEqual(['2025-03-28', '2025-04-01']);
    expect(platform.posts[1]!.reply.result.sections.map((section) => section.document)).toEqual(['truce']);
  });

  it('GIVEN a document added to the folder THEN the next digest shows it, cited; GIVEN it removed THEN it leaves the index', async () => {
    const { scheduler, store, arrivals } = await process();
    const watcher = new CorpusWatcher({
      dataDir: folder,
      corpus,
      log,
      onChange: ({ documentId, kind }) =>
        kind === 'removed' ? arrivals.forget(documentId) : arrivals.record(documentId),
    });
    await subscribe(store);
    at('2025-03-28T06:30:00Z');
    await scheduler.tick();
    at('2025-03-28T15:00:00Z');
    writeFileSync(
      join(folder, 'grain.md'),
      '---\ntitle: Grain corridor\nurl: https://example.org/grain\n---\n\nThe Black Sea grain corridor reopened on March 28, 2025 after talks in Istanbul.',
    );
    await watcher.rescan();
    at('2025-03-29T06:30:00Z');
    await scheduler.tick();
    const digest = platform.posts[1]!.reply.result;
    expect(digest.sections).toHaveLength(1);
    expect(digest.sections[0]!.items[0]).toMatchObject({
      text: 'The Black Sea grain corridor reopened on March 28, 2025 after talks in Istanbul.',
      citation: { document: 'grain', paragraph: 1, sentence: 1, url: 'https://example.org/grain' },
    });
    expect(ask(corpus, 'grain corridor Istanbul').answers[0]?.citation.document).toBe('grain');
    rmSync(join(folder, 'grain.md'));
    await watcher.rescan();
    expect(corpus.document('grain')).toBeUndefined();
    expect(ask(corpus, 'grain corridor Istanbul').answers).toEqual([]);
  });

  it('GIVEN two channels whose collections differ THEN a new document shows, cited, in the digest of the channel that reads it only', async () => {
    // Channel ...9 follows nothing beyond the folder: the fetched article is outside its collection.
    const scopes: Record<string, DocumentScope> = {
      'discord:1100000000000000009': { key: 'folder-only', has: (id) => !id.startsWith('web/') },
    };
    const { scheduler, store, arrivals } = await process({ scopeFor: (key) => scopes[key] });
    await subscribe(store);
    await subscribe(store, { key: 'discord:1100000000000000009', channelId: '1100000000000000009' });
    at('2025-03-28T06:30:00Z');
    await scheduler.tick();
    at('2025-03-28T15:00:00Z');
    corpus.add({
      id: 'web/example.org/tides-1a2b3c4d',
      path: 'https://example.org/tides',
      title: 'Tide tables revised',
      titleFromFrontMatter: true,
      url: 'https://example.org/tides',
      tags: [],
      body: 'Tide tables revised\n\nThe harbour office revised the spring tide tables on March 28, 2025.',
    });
    await arrivals.record('web/example.org/tides-1a2b3c4d');
    at('2025-03-29T06:30:00Z');
    await scheduler.tick();
    const latest = (channelId: string) =>
      platform.posts.filter((post) => post.channelId === channelId).at(-1)!.reply.result;
    expect(latest('1100000000000000003').sections[0]?.items[0]?.citation.url).toBe('https://example.org/tides');
    expect(latest('1100000000000000009')).toMatchObject({
      sections: [],
      note: 'Nothing new in the documents since 2025-03-28 06:30 UTC.',
    });
  });

  it('GIVEN nothing new THEN the channel gets a one-line "nothing new", or nothing at all when it chose quiet', async () => {
    const loud = await process();
    await subscribe(loud.store);
    await subscribe(loud.store, { key: 'discord:1100000000000000009', channelId: '1100000000000000009', quiet: true });
    at('2025-03-28T06:30:00Z');
    await loud.scheduler.tick();
    expect(platform.posts.map((post) => [post.channelId, post.reply.result.note])).toEqual([
      ['1100000000000000003', 'Nothing new in the documents since 2025-03-27 00:00 UTC.'],
    ]);
    expect(await loud.store.ledger('discord:1100000000000000009')).toEqual([
      { date: '2025-03-28', state: 'posted', ref: 'quiet: nothing new' },
    ]);
  });

  it('GIVEN the platform failing twice THEN the post is retried with backoff and lands once', async () => {
    const waits: number[] = [];
    const { scheduler, store } = await process({ sleep: async (ms) => void waits.push(ms) });
    await subscribe(store);
    platform.failuresLeft = 2;
    at('2025-03-28T06:30:00Z');
    await scheduler.tick();
    expect(postedDates()).toEqual(['2025-03-28']);
    expect(waits).toEqual([1_000, 4_000]);
  });

  it('GIVEN a channel the bot can no longer post to THEN its digest is paused with the reason instead of retried forever', async () => {
    const { scheduler, store } = await process();
    await subscribe(store);
    platform.lostChannels.add('1100000000000000003');
    at('2025-03-28T06:30:00Z');
    await scheduler.tick();
    at('2025-03-29T06:30:00Z');
    await scheduler.tick();
    expect(platform.posts).toEqual([]);
    expect((await store.subscription('discord:1100000000000000003'))?.pausedReason).toBe('Missing Access');
  });
});
