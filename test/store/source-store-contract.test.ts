/**
 * The followed sources' store, run against both engines (SQLite, and PostgreSQL when the test server
 * answers; under CI=true always): what one store (a replica) records, another opened on the same
 * place sees; removing a source takes its follows and items with it; a due poll is claimed by one
 * replica only; every change to documents, items and follows moves the change version.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PostgresSourceStore } from '../../src/store/postgres-source-store.js';
import type { NewSource, SourceStore, WebDocument } from '../../src/store/source-store.js';
import { SqliteSourceStore } from '../../src/store/sqlite-source-store.js';
import type { StateStore } from '../../src/store/state-store.js';
import { engines } from './engines.js';
import { newSource } from './new-source.js';

const source = (url: string): NewSource => newSource(url);

const document = (id: string, contentHash: string): WebDocument => ({
  id,
  url: `https://news.example.org/${id}`,
  title: 'Port Velmora harbour to reopen',
  site: 'Harbour Gazette',
  byline: null,
  published: '2025-02-18T09:30:00+02:00',
  body: 'The harbour reopens.',
  contentHash,
  fromFeed: false,
  fetchedAt: '2025-02-21T08:00:00.000Z',
});

describe.each(await engines())('source store on $name', (engine) => {
  const opened: (StateStore | SourceStore)[] = [];
  afterEach(async () => {
    for (const store of opened.splice(0).reverse()) await store.close();
  });

  /** Two source stores on one new, migrated place: two replicas. */
  async function replicas(): Promise<[SourceStore, SourceStore]> {
    const place = await engine.place();
    const state = await engine.open(place); // runs the migrations
    opened.push(state);
    const open = (): SourceStore =>
      engine.name === 'postgres' ? PostgresSourceStore.open(place) : SqliteSourceStore.open(place);
    const pair: [SourceStore, SourceStore] = [open(), open()];
    opened.push(...pair);
    return pair;
  }

  it('GIVEN a source added, updated and followed by one replica THEN the other sees it all', async () => {
    const [one, two] = await replicas();
    const added = await one.addSource(source('https://news.example.org/rss.xml'));
    await one.updateSource(added.id, { status: 'retrying', failures: 2, lastError: 'answered 503', etag: '"x"' });
    await one.follow({ sourceId: added.id, scope: 'discord:1', addedBy: 'U1', addedAt: '2025-02-21T08:00:00.000Z' });
    await one.follow({ sourceId: added.id, scope: 'discord:1', addedBy: 'U2', addedAt: '2025-02-21T09:00:00.000Z' });
    expect(await two.sourceByUrl('https://news.example.org/rss.xml')).toEqual({
      ...source('https://news.example.org/rss.xml'),
      id: added.id,
      status: 'retrying',
      failures: 2,
      lastError: 'answered 503',
      etag: '"x"',
    });
    expect(await two.follows()).toEqual([
      { sourceId: added.id, scope: 'discord:1', addedBy: 'U1', addedAt: '2025-02-21T08:00:00.000Z' },
    ]);
    expect(await two.unfollow(added.id, 'discord:1')).toBe(true);
    expect(await one.unfollow(added.id, 'discord:1')).toBe(false);
  });

  it('GIVEN documents, their URLs and items THEN they are found by URL and by text, and a removed source takes its items', async () => {
    const [one, two] = await replicas();
    const feed = await one.addSource(source('https://news.example.org/rss.xml'));
    await one.saveDocument(document('web/a', 'hash-a'));
    await one.addDocumentUrl('https://news.example.org/web/a', 'web/a');
    await one.addDocumentUrl('https://mirror.example.net/a', 'web/a');
    await one.addDocumentUrl('https://mirror.example.net/a', 'web/a'); // known: kept once
    await one.addItem({ sourceId: feed.id, itemKey: 'guid-1', documentId: 'web/a' });
    await one.follow({ sourceId: feed.id, scope: 'slack:C1', addedBy: 'U1', addedAt: '2025-02-21T08:00:00.000Z' });
    expect(await two.documents()).toEqual([document('web/a', 'hash-a')]);
    expect(await two.documentOfUrl('https://mirror.example.net/a')).toBe('web/a');
    expect(await two.documentOfContent('hash-a')).toBe('web/a');
    expect(await two.documentUrls('web/a')).toEqual(['https://news.example.org/web/a', 'https://mirror.example.net/a']);
    expect(await two.items()).toEqual([{ sourceId: feed.id, itemKey: 'guid-1', documentId: 'web/a' }]);
    await two.removeSource(feed.id);
    expect(await one.items()).toEqual([]);
    expect(await one.follows()).toEqual([]);
    expect(await one.sources()).toEqual([]);
    await one.removeDocument('web/a');
    expect(await two.documentOfUrl('https://mirror.example.net/a')).toBeUndefined();
  });

  it('GIVEN both replicas claiming the same due poll THEN exactly one gets it, and the other sees the lease', async () => {
    const [one, two] = await replicas();
    const feed = await one.addSource(source('https://news.example.org/rss.xml'));
    const lease = '2025-02-21T08:05:00.000Z';
    const claims = await Promise.all([
      one.claimPoll(feed.id, feed.nextPollAt, lease),
      two.claimPoll(feed.id, feed.nextPollAt, lease),
    ]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect((await two.sourceByUrl(feed.url))?.nextPollAt).toBe(lease);
    expect(await two.claimPoll(feed.id, feed.nextPollAt, lease)).toBe(false);
  });

  it('GIVEN documents, items and follows written by one replica THEN the change version the other reads moves each time', async () => {
    const [one, two] = await replicas();
    const feed = await one.addSource(source('https://news.example.org/rss.xml'));
    const seen = [await two.changeVersion()];
    const moved = async (): Promise<boolean> => {
      const version = await two.changeVersion();
      const changed = version !== seen.at(-1);
      seen.push(version);
      return changed;
    };
    await one.saveDocument(document('web/a', 'hash-a'));
    expect(await moved()).toBe(true);
    await one.saveDocument(document('web/b', 'hash-b'));
    await one.addItem({ sourceId: feed.id, itemKey: 'guid-1', documentId: 'web/a' });
    expect(await moved()).toBe(true);
    await one.follow({ sourceId: feed.id, scope: 'slack:C1', addedBy: 'U1', addedAt: '2025-02-21T08:00:00.000Z' });
    expect(await moved()).toBe(true);
    expect(await moved()).toBe(false); // nothing written in between
    expect(await two.documentHashes()).toEqual(
      new Map([
        ['web/a', 'hash-a'],
        ['web/b', 'hash-b'],
      ]),
    );
    expect(await two.documents(['web/b', 'web/unknown'])).toEqual([document('web/b', 'hash-b')]);
    await one.unfollow(feed.id, 'slack:C1');
    expect(await moved()).toBe(true);
    await one.removeDocument('web/b');
    expect(await moved()).toBe(true);
  });
});
