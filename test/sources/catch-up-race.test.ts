/**
 * A replica catches up with the store in the background while its own commands change what it
 * follows: a catch-up that read the follows before this replica's /sources add must not drop the
 * new follow when it applies what it read (the add then answered INTERNAL, its source not listed).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Corpus } from '../../src/core/corpus.js';
import { createLogger } from '../../src/logger.js';
import { LiveSources } from '../../src/sources/live-sources.js';
import { DEFAULT_LIMITS } from '../../src/sources/safe-fetch.js';
import { openStateStore } from '../../src/store/open-state-store.js';
import type { SourceStore } from '../../src/store/source-store.js';
import { SqliteSourceStore } from '../../src/store/sqlite-source-store.js';
import type { StateStore } from '../../src/store/state-store.js';
import { newSource } from '../store/new-source.js';
import { ferryPage, harbourPage, rssFeed } from './pages.js';
import { WebFixture } from './web-fixture.js';

const web = new WebFixture();
const FEED = '/rss/world.xml';
const stateDir = mkdtempSync(join(tmpdir(), 'briefbot-catch-up-'));
let state: StateStore;

beforeAll(async () => {
  await web.start();
  web.serve(FEED, 'application/rss+xml', () => rssFeed(web.origin));
  web.serve('/world/velmora-harbour.html', 'text/html; charset=utf-8', () => harbourPage(web.origin));
  web.serve('/world/lirren-ferry-strike.html', 'text/html', () => ferryPage(web.origin));
  state = await openStateStore({ stateDir });
});

afterAll(async () => {
  await state.close();
  await web.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

it('GIVEN a catch-up that read the follows before this replica added one THEN the added source stays listed', async () => {
  const store: SourceStore = SqliteSourceStore.open(state.location);
  // The catch-up's read of the follows answers, then waits until the add has finished.
  let release = (): void => undefined;
  const addDone = new Promise<void>((resolve) => {
    release = resolve;
  });
  let holdFollows = false;
  const follows = store.follows.bind(store);
  store.follows = async () => {
    const read = await follows();
    if (holdFollows) await addDone;
    return read;
  };
  const live = await LiveSources.open({
    store,
    corpus: new Corpus(),
    log: createLogger('silent'),
    limits: { ...DEFAULT_LIMITS, allowPrivate: true },
  });
  // A follow another replica stored, so the next catch-up has work to do.
  const other = await store.addSource(newSource(web.url('/elsewhere.xml'), new Date().toISOString()));
  await store.follow({ sourceId: other.id, scope: 'C2', addedBy: 'U2', addedAt: new Date().toISOString() });
  holdFollows = true;
  const catchingUp = live.sync();
  const added = await live.add(web.url(FEED), 'C1', 'U1', 30);
  expect(added?.url).toBe(web.url(FEED));
  release();
  await catchingUp;
  holdFollows = false;
  expect((await live.list(['C1'])).map((source) => source.url)).toEqual([web.url(FEED)]);
  await live.close();
});
