/**
 * The state store contract, run against both engines (SQLite, and PostgreSQL when the test server
 * answers; under CI=true always). Several stores opened on one place stand for several processes
 * or replicas: what one records, the others see, and races between them have one winner.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { LATEST_VERSION, MIGRATIONS } from '../../src/store/migrations.js';
import { PostgresStateStore } from '../../src/store/postgres-state-store.js';
import type { StateStore } from '../../src/store/state-store.js';
import { discordSubscription } from '../helpers.js';
import { engines } from './engines.js';

const MINUTE = 60_000;
const KEY = 'discord:1100000000000000003';
const DAY = '2025-03-28';
const at = (iso: string): Date => new Date(iso);

async function refusal(work: () => Promise<unknown>): Promise<UserError> {
  try {
    await work();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected the operation to be refused');
}

describe.each(await engines())('state store contract on $name', (engine) => {
  const opened: StateStore[] = [];
  const open = async (place: string): Promise<StateStore> => {
    const store = await engine.open(place);
    opened.push(store);
    return store;
  };
  /** `count` stores on one new place, as `count` processes would open it. */
  const replicas = async (count: number): Promise<StateStore[]> => {
    const place = await engine.place();
    const first = await open(place); // migrates first, so the others race only on the data
    const rest = await Promise.all(Array.from({ length: count - 1 }, () => open(place)));
    return [first, ...rest];
  };
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
  });

  it('GIVEN a new place THEN it is migrated to the latest schema, and replicas opening it together apply each migration once', async () => {
    const place = await engine.place();
    const stores = await Promise.all(Array.from({ length: 4 }, () => open(place)));
    for (const store of stores) {
      expect(store.problem).toBeUndefined();
      expect(await store.schemaVersion()).toBe(LATEST_VERSION);
    }
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
    await stores[0]!.saveSubscription(discordSubscription('1100000000000000003'));
    const reopened = await open(place);
    expect(await reopened.subscriptions()).toHaveLength(1);
    await expect(reopened.ping()).resolves.toBeUndefined();
  });

  it('GIVEN subscriptions THEN they are listed by key, updated in place keeping their creation time, paused and removed', async () => {
    const [a, b] = await replicas(2);
    await a!.saveSubscription(discordSubscription('1100000000000000009'));
    await a!.saveSubscription(discordSubscription('1100000000000000003', { quiet: true }));
    await a!.saveSubscription({
      ...discordSubscription('C0BRIEFS'),
      key: 'slack:C0BRIEFS',
      platform: 'slack',
      workspaceId: 'T1',
    });
    expect((await b!.subscriptions()).map((s) => s.key)).toEqual([
      'discord:1100000000000000003',
      'discord:1100000000000000009',
      'slack:C0BRIEFS',
    ]);
    expect((await b!.subscription('slack:C0BRIEFS'))?.workspaceId).toBe('T1');
    expect(await b!.subscription(KEY)).toEqual(discordSubscription('1100000000000000003', { quiet: true }));
    await b!.pause(KEY, 'Missing Access');
    expect((await a!.subscription(KEY))?.pausedReason).toBe('Missing Access');
    await b!.saveSubscription(
      discordSubscription('1100000000000000003', { time: '09:15', createdAt: '2030-01-01T00:00:00.000Z' }),
    );
    expect(await a!.subscription(KEY)).toMatchObject({
      time: '09:15',
      quiet: false,
      pausedReason: null,
      createdAt: '2025-03-27T00:00:00.000Z',
    });
    expect(await a!.removeWorkspaceSubscriptions('slack', 'T2')).toBe(0);
    expect(await a!.removeWorkspaceSubscriptions('slack', 'T1')).toBe(1);
    expect(await a!.removeSubscription(KEY)).toBe(true);
    expect(await a!.removeSubscription(KEY)).toBe(false);
    expect((await b!.subscriptions()).map((s) => s.key)).toEqual(['discord:1100000000000000009']);
    expect(await b!.subscription('discord:none')).toBeUndefined();
  });

  it('GIVEN many replicas reserving one digest at once THEN exactly one gets it; the others see busy, then posted', async () => {
    const stores = await replicas(6);
    const now = at('2025-03-28T08:30:00Z');
    const outcomes = await Promise.all(
      stores.flatMap((store, n) =>
        [0, 1, 2].map((k) => store.reserve(KEY, DAY, `replica-${n}-${k}`, now, 10 * MINUTE)),
      ),
    );
    expect(outcomes.filter((outcome) => outcome === 'reserved')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === 'busy')).toHaveLength(outcomes.length - 1);
    const winner = `replica-${Math.floor(outcomes.indexOf('reserved') / 3)}-${outcomes.indexOf('reserved') % 3}`;
    expect(await stores[1]!.complete(KEY, DAY, 'someone-else', 'ref-x', now)).toBe(false);
    expect(await stores[2]!.complete(KEY, DAY, winner, 'ref-1', at('2025-03-28T08:31:00Z'))).toBe(true);
    expect(await stores[3]!.reserve(KEY, DAY, 'late', now, 10 * MINUTE)).toBe('posted');
    expect(await stores[0]!.ledger(KEY)).toEqual([{ date: DAY, state: 'posted', ref: 'ref-1' }]);
    expect(await stores[4]!.lastPosted(KEY)).toEqual({ date: DAY, postedAt: '2025-03-28T08:31:00.000Z' });
  });

  it('GIVEN a reservation abandoned by a dead replica THEN exactly one of the racing survivors takes it over as stale', async () => {
    const stores = await replicas(4);
    expect(await stores[0]!.reserve(KEY, DAY, 'dead', at('2025-03-28T08:30:00Z'), 10 * MINUTE)).toBe('reserved');
    const later = at('2025-03-28T08:45:00Z');
    const outcomes = await Promise.all(
      stores.map((store, n) => store.reserve(KEY, DAY, `survivor-${n}`, later, 10 * MINUTE)),
    );
    expect(outcomes.filter((outcome) => outcome === 'stale')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === 'busy')).toHaveLength(3);
    const survivor = `survivor-${outcomes.indexOf('stale')}`;
    expect(await stores[0]!.complete(KEY, DAY, 'dead', 'ref-dead', later)).toBe(false); // it lost the reservation
    expect(await stores[1]!.renew(KEY, DAY, survivor, at('2025-03-28T08:46:00Z'))).toBe(true);
    expect(await stores[1]!.renew(KEY, DAY, 'dead', at('2025-03-28T08:46:00Z'))).toBe(false);
    await stores[2]!.release(KEY, DAY, 'dead'); // not the holder: nothing happens
    expect(await stores[3]!.ledger(KEY)).toEqual([{ date: DAY, state: 'posting', ref: null }]);
    await stores[2]!.release(KEY, DAY, survivor);
    expect(await stores[3]!.ledger(KEY)).toEqual([]);
    expect(await stores[3]!.reserve(KEY, DAY, 'next', later, 10 * MINUTE)).toBe('reserved');
  });

  it('GIVEN a renewed reservation THEN it is not taken for abandoned', async () => {
    const [a, b] = await replicas(2);
    await a!.reserve(KEY, DAY, 'slow', at('2025-03-28T08:30:00Z'), 10 * MINUTE);
    await a!.renew(KEY, DAY, 'slow', at('2025-03-28T08:39:00Z'));
    expect(await b!.reserve(KEY, DAY, 'other', at('2025-03-28T08:45:00Z'), 10 * MINUTE)).toBe('busy');
    expect(await b!.reserve(KEY, DAY, 'other', at('2025-03-28T08:50:00Z'), 10 * MINUTE)).toBe('stale');
  });

  it('GIVEN documents THEN each keeps its arrival time while its content is unchanged, and a change or removal is recorded', async () => {
    const [a, b] = await replicas(2);
    const first = at('2025-03-01T00:00:00Z');
    const second = at('2025-03-02T00:00:00Z');
    const times = await a!.arrivals(
      [
        { id: 'one', hash: 'h1' },
        { id: 'two', hash: 'h2' },
      ],
      first,
    );
    expect(times).toEqual(
      new Map([
        ['one', first],
        ['two', first],
      ]),
    );
    const again = await b!.arrivals(
      [
        { id: 'one', hash: 'h1' },
        { id: 'two', hash: 'h2-changed' },
        { id: 'three', hash: 'h3' },
      ],
      second,
    );
    expect(again).toEqual(
      new Map([
        ['one', first],
        ['two', second],
        ['three', second],
      ]),
    );
    await a!.forgetArrival('one');
    expect((await b!.arrivals([{ id: 'one', hash: 'h1' }], second)).get('one')).toEqual(second);
    expect(await a!.arrivals([], second)).toEqual(new Map());
  });

  it('GIVEN a delivery id seen by one replica THEN every replica answers its retries as repeats, until it is forgotten', async () => {
    const stores = await replicas(3);
    const now = at('2025-03-28T08:30:00Z');
    const firsts = await Promise.all(stores.map((store) => store.firstDelivery('Ev0123', now)));
    expect(firsts.filter(Boolean)).toHaveLength(1);
    expect(await stores[1]!.firstDelivery('Ev0123', at('2025-03-28T08:31:00Z'))).toBe(false);
    expect(await stores[2]!.firstDelivery('Ev0456', now)).toBe(true);
    // Two hours on, with one hour kept, the id is forgotten.
    expect(await stores[0]!.firstDelivery('Ev0123', at('2025-03-28T10:31:00Z'), 60 * MINUTE)).toBe(true);
  });

  it('GIVEN documents published by replicas THEN every replica reads the same changes in version order, and a removal is one more change', async () => {
    const [a, b] = await replicas(2);
    const doc = (id: string, text: string) => ({
      id,
      file: `${id}.md`,
      hash: `hash of ${text}`,
      bytes: new TextEncoder().encode(text),
    });
    expect(await b!.sharedDocumentsVersion()).toBe(0);
    // Replicas publishing at once: each change gets its own version, none lost.
    await Promise.all([
      a!.publishDocument(doc('one', 'first text')),
      b!.publishDocument(doc('two', 'second text')),
      a!.publishDocument(doc('three', 'third text')),
    ]);
    expect(await b!.sharedDocumentsVersion()).toBe(3);
    await b!.publishDocument(doc('one', 'first text')); // unchanged: no new version
    expect(await a!.sharedDocumentsVersion()).toBe(3);
    await b!.publishDocument(doc('one', 'first text, corrected'));
    await a!.unpublishDocument('two');
    await a!.unpublishDocument('never-published');
    const changes = await b!.sharedDocumentChanges(3);
    expect(changes.map((change) => [change.id, change.version, change.document?.hash])).toEqual([
      ['one', 4, 'hash of first text, corrected'],
      ['two', 5, undefined],
    ]);
    expect(new TextDecoder().decode(changes[0]!.document!.bytes)).toBe('first text, corrected');
    // 'three' was published at the same time as 'two': its version is whichever committed first.
    const all = await a!.sharedDocumentChanges(0);
    expect(all.map((change) => change.id)).toEqual(['three', 'one', 'two']);
    const versions = all.map((change) => change.version);
    expect(versions.slice(1)).toEqual([4, 5]);
    expect((await a!.sharedDocumentChanges(0, 2)).map((change) => change.version)).toEqual(versions.slice(0, 2));
    expect(await a!.sharedDocumentHashes()).toEqual(
      new Map([
        ['one', 'hash of first text, corrected'],
        ['three', 'hash of third text'],
      ]),
    );
    const fetched = await b!.sharedDocuments(['three', 'two', 'unknown']);
    expect(fetched.map((document) => [document.id, document.file, new TextDecoder().decode(document.bytes)])).toEqual([
      ['three', 'three.md', 'third text'],
    ]);
  });

  it('GIVEN a Slack installation THEN every replica finds its JSON until it is deleted', async () => {
    const [a, b] = await replicas(2);
    const data = JSON.stringify({ team: { id: 'T0SECOND' }, bot: { token: 'xoxb-second', userId: 'U0BOT2' } });
    await a!.saveInstallation('team:T0SECOND', data, new Date('2025-03-28T08:00:00Z'));
    expect(JSON.parse((await b!.installation('team:T0SECOND'))!)).toEqual(JSON.parse(data));
    const rotated = JSON.stringify({ team: { id: 'T0SECOND' }, bot: { token: 'xoxb-rotated', userId: 'U0BOT2' } });
    await b!.saveInstallation('team:T0SECOND', rotated, new Date('2025-03-29T08:00:00Z'));
    expect(JSON.parse((await a!.installation('team:T0SECOND'))!).bot.token).toBe('xoxb-rotated');
    expect(await a!.installation('team:T0OTHER')).toBeUndefined();
    expect(await b!.deleteInstallation('team:T0SECOND')).toBe(true);
    expect(await b!.deleteInstallation('team:T0SECOND')).toBe(false);
    expect(await a!.installation('team:T0SECOND')).toBeUndefined();
  });
});

describe('PostgreSQL out of reach', () => {
  it('GIVEN a database URL nobody answers THEN the store opens, says so, and refuses operations with STATE_UNAVAILABLE', async () => {
    const store = await PostgresStateStore.open('postgres://briefbot:secret@127.0.0.1:1/briefbot');
    try {
      expect(store.problem).toMatch(
        /the database postgres:\/\/briefbot:\*\*\*@127\.0\.0\.1:1\/briefbot cannot be used/,
      );
      expect(store.problem).not.toContain('secret');
      const refused = await refusal(() => store.subscriptions());
      expect(refused.code).toBe('STATE_UNAVAILABLE');
      expect(refused.message).toMatch(/^Digests are unavailable: the database .* cannot be used \(ECONNREFUSED/);
      expect((await refusal(() => store.ping())).code).toBe('STATE_UNAVAILABLE');
    } finally {
      await store.close();
    }
  });
});
