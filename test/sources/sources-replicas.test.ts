/**
 * Two replicas (two apps in this process) on one PostgreSQL schema, following a feed on a loopback
 * web server: a feed added through replica A is answered through replica B, quoted with the
 * article's URL; when both poll at the same time the feed is fetched once, and its new item reaches
 * both; a feed removed through B stops answering through A.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Origin } from '../../commands/origin.js';
import { dispatchText } from '../../commands/dispatch-text.js';
import { type App, createApp } from '../../src/app.js';
import { BUNDLED_DATA_DIR, loadConfig } from '../../src/config.js';
import { NOTHING_FOUND } from '../../src/core/ask.js';
import { createLogger } from '../../src/logger.js';
import type { Reply } from '../../src/reply/reply.js';
import { WEB_PREFIX } from '../../src/sources/web-document.js';
import { freshSchemaUrl, postgresAvailable } from '../store/engines.js';
import { ferryPage, HARBOUR_SENTENCE, harbourPage, lateItemPage, rssFeed } from './pages.js';
import { WebFixture } from './web-fixture.js';

const available = await postgresAvailable();
/** What the replicas log as errors, shown when a step fails (an INTERNAL reply says only "logged"). */
const logged: string[] = [];
const log = createLogger('error', { write: (line: string) => void logged.push(line) });
const web = new WebFixture();
let feedHasLateItem = false;
let now = new Date('2025-02-21T08:00:00Z');
const clock = (): Date => now;
const QUESTION = '/ask when will the Port Velmora harbour reopen to grain ships?';
const LATE_QUESTION = '/ask how many homes will the Osk Point tidal barrier protect?';
const FEED = '/rss/world.xml';

const origin = (channelId: string): Origin => ({
  platform: 'slack',
  channelId,
  userId: 'U1',
  canManage: () => true,
  workspaceId: 'T1',
  isAdmin: () => false,
});

const run = (app: App, channelId: string, line: string): Promise<Reply> =>
  dispatchText(line, { ...app.context, origin: origin(channelId) }, log);

/** The first quoted sentence and its link, or undefined when nothing answers. */
async function firstAnswer(app: App, line: string): Promise<{ text: string; url: string } | undefined> {
  const reply = await run(app, 'C1', line);
  if (reply.kind !== 'answer') throw new Error(JSON.stringify(reply));
  const first = reply.result.answers[0];
  return first ? { text: first.text, url: first.citation.url ?? '' } : undefined;
}

describe.skipIf(!available)('followed sources on two replicas sharing one PostgreSQL', () => {
  const folders: string[] = [];
  let a: App;
  let b: App;

  async function openReplica(databaseUrl: string): Promise<App> {
    const stateDir = mkdtempSync(join(tmpdir(), 'briefbot-sources-replica-'));
    folders.push(stateDir);
    const config = { ...loadConfig({ dataDir: BUNDLED_DATA_DIR, stateDir, databaseUrl }), sourcesAllowPrivate: true };
    return createApp({ config, log, platforms: ['slack'], clock, fetchLimits: { timeoutMs: 1_500 } });
  }

  beforeAll(async () => {
    await web.start();
    web.serve(FEED, 'application/rss+xml', () => rssFeed(web.origin, feedHasLateItem));
    web.serve('/world/velmora-harbour.html', 'text/html; charset=utf-8', () => harbourPage(web.origin));
    web.serve('/world/lirren-ferry-strike.html', 'text/html', () => ferryPage(web.origin));
    web.serve('/world/osk-barrier.html', 'text/html', () => lateItemPage(web.origin));
    const url = await freshSchemaUrl();
    a = await openReplica(url);
    b = await openReplica(url);
    // Each replica catches up with the store every 50 ms here (a second in production); polls are driven by the test.
    for (const app of [a, b]) app.sources!.start(3_600_000, 50);
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await web.stop();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  it('GIVEN /sources add of a feed through replica A THEN replica B answers from its article, quoted with its URL, and lists it', async () => {
    expect(await firstAnswer(b, QUESTION)).toBeUndefined();
    const added = await run(a, 'C1', `/sources add ${web.url(FEED)} every:30m`);
    expect(added, `${JSON.stringify(added)}\n${logged.join('')}`).toMatchObject({ kind: 'notice' });
    await expect
      .poll(() => firstAnswer(b, QUESTION), { timeout: 5_000, interval: 50 })
      .toEqual({ text: HARBOUR_SENTENCE, url: web.url('/world/velmora-harbour.html') });
    // B catches up with the feed's documents one store poll at a time: the first may answer before the second arrives.
    const followedOnB = async (): Promise<unknown> => {
      const listed = await run(b, 'C1', '/sources');
      if (listed.kind !== 'sources') throw new Error(JSON.stringify(listed));
      return listed.followed;
    };
    await expect
      .poll(followedOnB, { timeout: 5_000, interval: 50 })
      .toMatchObject([{ url: web.url(FEED), kind: 'feed', status: 'ok', documents: 2 }]);
    // Another channel, through either replica, does not read it.
    const other = await run(b, 'C2', QUESTION);
    expect(other).toMatchObject({ result: { answers: [], note: NOTHING_FOUND } });
    expect(web.seen(FEED)).toHaveLength(1);
  });

  it('WHEN both replicas poll the due feed at the same time THEN it is fetched once, and its new item answers through both', async () => {
    feedHasLateItem = true;
    const before = web.seen(FEED).length;
    now = new Date(now.getTime() + 40 * 60_000);
    await Promise.all([a.sources!.pollDue(), b.sources!.pollDue()]);
    expect(web.seen(FEED).length - before).toBe(1);
    expect(web.seen('/world/osk-barrier.html')).toHaveLength(1);
    for (const app of [a, b]) {
      await expect
        .poll(() => firstAnswer(app, LATE_QUESTION), { timeout: 5_000, interval: 50 })
        .toMatchObject({ url: web.url('/world/osk-barrier.html') });
    }
    // The next poll is conditional, by whichever replica claims it: once again, answered 304.
    now = new Date(now.getTime() + 40 * 60_000);
    await Promise.all([a.sources!.pollDue(), b.sources!.pollDue()]);
    expect(web.seen(FEED).slice(before)).toMatchObject([{ status: 200 }, { status: 304 }]);
  });

  it('GIVEN the feed removed through replica B THEN replica A no longer answers from its articles', async () => {
    expect(await run(b, 'C1', `/sources remove ${web.url(FEED)}`)).toMatchObject({ kind: 'notice' });
    expect(await firstAnswer(b, QUESTION)).toBeUndefined();
    await expect.poll(() => firstAnswer(a, QUESTION), { timeout: 5_000, interval: 50 }).toBeUndefined();
    // Its documents leave A's index too (at A's next catch-up after B's last write).
    await expect
      .poll(() => a.corpus.documents.some((document) => document.id.startsWith(WEB_PREFIX)), { timeout: 5_000 })
      .toBe(false);
  });
});
