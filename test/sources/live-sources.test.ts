/**
 * Channels following feeds and articles, end to end through the app and its commands, against a
 * loopback web server: what each channel can ask, deduplication, feed-text fallbacks, failures,
 * polling with conditional requests, digests of new items, and a restart that refetches nothing.
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
import {
  atomFeed,
  ferryPage,
  HARBOUR_SENTENCE,
  harbourPage,
  jsonFeed,
  lateItemPage,
  malformedFeed,
  rssFeed,
} from './pages.js';
import { WebFixture } from './web-fixture.js';

const log = createLogger('silent');
const web = new WebFixture();
let feedHasLateItem = false;
let now = new Date('2025-02-21T08:00:00Z');
const clock = (): Date => now;

const origin = (channelId: string, manage = true): Origin => ({
  platform: 'discord',
  channelId,
  userId: 'U1',
  canManage: () => manage,
  workspaceId: 'G1',
  isAdmin: () => false,
});

async function run(app: App, channelId: string, line: string): Promise<Reply> {
  return dispatchText(line, { ...app.context, origin: origin(channelId) }, log);
}

const QUESTION = '/ask when will the Port Velmora harbour reopen to grain ships?';

async function openApp(stateDir: string): Promise<App> {
  const config = { ...loadConfig({ dataDir: BUNDLED_DATA_DIR, stateDir }), sourcesAllowPrivate: true };
  return createApp({ config, log, platforms: ['discord'], clock, fetchLimits: { timeoutMs: 1_500 } });
}

beforeAll(async () => {
  await web.start();
  web.serve('/rss/world.xml', 'application/rss+xml', () => rssFeed(web.origin, feedHasLateItem));
  web.serve('/world/velmora-harbour.html', 'text/html; charset=utf-8', () => harbourPage(web.origin));
  web.serve('/world/lirren-ferry-strike.html', 'text/html', () => ferryPage(web.origin));
  web.serve('/world/osk-barrier.html', 'text/html', () => lateItemPage(web.origin));
  web.serve('/atom.xml', 'application/atom+xml', () => atomFeed(web.origin));
  web.serve('/feed.json', 'application/feed+json', () => jsonFeed(web.origin));
  web.serve('/broken.xml', 'application/rss+xml', () => malformedFeed(web.origin));
  web.route('/flaky.xml', (_request, response) => {
    response.writeHead(429, { 'retry-after': '600', 'content-type': 'text/plain' }).end('slow down');
  });
});

afterAll(() => web.stop());

describe('a channel following a feed', () => {
  // Kept for the whole suite (a restart reopens it), removed after.
  const stateDir = mkdtempSync(join(tmpdir(), 'briefbot-sources-'));
  let app: App;

  beforeAll(async () => {
    app = await openApp(stateDir);
  });
  afterAll(async () => {
    await app?.close();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('GIVEN an RSS feed added in channel A THEN its items articles answer there, cited with the article URL; channel B gets nothing', async () => {
    const added = await run(app, 'A', `/sources add ${web.url('/rss/world.xml')} every:30m`);
    expect(added).toMatchObject({ kind: 'notice', title: 'Following Harbour Gazette – World' });
    const answer = await run(app, 'A', QUESTION);
    if (answer.kind !== 'answer') throw new Error(JSON.stringify(answer));
    expect(answer.result.answers[0]).toMatchObject({
      text: HARBOUR_SENTENCE,
      citation: {
        url: web.url('/world/velmora-harbour.html'),
        title: 'Port Velmora harbour to reopen for grain ships',
      },
    });
    const other = await run(app, 'B', QUESTION);
    expect(other).toMatchObject({ kind: 'answer', result: { answers: [], note: NOTHING_FOUND } });
    // /timeline reads the same collection: the article's dates in A only.
    const harbourUrl = web.url('/world/velmora-harbour.html');
    const citesHarbour = (reply: Reply): boolean =>
      reply.kind === 'timeline' &&
      reply.result.events.some((event) => event.citations.some((citation) => citation.url === harbourUrl));
    expect(citesHarbour(await run(app, 'A', '/timeline'))).toBe(true);
    expect(citesHarbour(await run(app, 'B', '/timeline'))).toBe(false);
    // The shared folder is still read in both.
    for (const channel of ['A', 'B']) {
      const nato = await run(app, channel, '/ask what is the NATO condition');
      expect(nato.kind === 'answer' && nato.result.answers.length).toBeGreaterThan(0);
    }
  });

  it('GIVEN /sources in each channel THEN A lists the feed and its documents, B neither', async () => {
    const listed = await run(app, 'A', '/sources');
    if (listed.kind !== 'sources') throw new Error(JSON.stringify(listed));
    expect(listed.followed).toMatchObject([
      { url: web.url('/rss/world.xml'), kind: 'feed', status: 'ok', documents: 2, everyMinutes: 30 },
    ]);
    expect(listed.documents.map((document) => document.url)).toContain(web.url('/world/velmora-harbour.html'));
    const other = await run(app, 'B', '/sources');
    if (other.kind !== 'sources') throw new Error(JSON.stringify(other));
    expect(other.followed).toEqual([]);
    expect(other.documents.map((document) => document.url)).not.toContain(web.url('/world/velmora-harbour.html'));
  });

  it('GIVEN the same article through a JSON Feed in channel B THEN it is one document, not fetched again', async () => {
    const pageFetches = web.seen('/world/lirren-ferry-strike.html').length;
    const documents = app.corpus.documents.length;
    const added = await run(app, 'B', `/sources add ${web.url('/feed.json')}`);
    expect(added.kind).toBe('notice');
    expect(web.seen('/world/lirren-ferry-strike.html').length).toBe(pageFetches);
    expect(app.corpus.documents.length).toBe(documents);
    const answer = await run(app, 'B', '/ask why did the Lirren ferry crews strike?');
    expect(answer.kind === 'answer' && answer.result.answers[0]?.citation.url).toBe(
      web.url('/world/lirren-ferry-strike.html'),
    );
    const harbour = await run(app, 'B', QUESTION);
    expect(harbour).toMatchObject({ result: { note: NOTHING_FOUND } });
  });

  it('GIVEN an Atom entry whose page is gone THEN its own content answers, and the document says it came from the feed', async () => {
    await run(app, 'C', `/sources add ${web.url('/atom.xml')}`);
    const answer = await run(app, 'C', '/ask until when do the Quillon line night buses run?');
    if (answer.kind !== 'answer') throw new Error(JSON.stringify(answer));
    expect(answer.result.answers[0]?.text).toMatch(/extended night bus and tram services on the Quillon line/);
    const listed = await run(app, 'C', '/sources');
    if (listed.kind !== 'sources') throw new Error('no list');
    expect(listed.documents.find((document) => document.url === web.url('/notices/gone.html'))?.source).toMatch(
      /from the feed: the article page could not be fetched/,
    );
  });

  it('GIVEN a malformed feed THEN its complete items are kept; GIVEN a 404 THEN the source is not added and the reply says why', async () => {
    const broken = await run(app, 'D', `/sources add ${web.url('/broken.xml')}`);
    expect(broken).toMatchObject({ kind: 'notice' });
    const marsh = await run(app, 'D', '/ask what did volunteers plant along the Brannock salt marsh?');
    expect(marsh.kind === 'answer' && marsh.result.answers[0]?.text).toMatch(/planted reeds/);
    const missing = await run(app, 'D', `/sources add ${web.url('/nothing-here.xml')}`);
    expect(missing).toMatchObject({
      kind: 'error',
      code: 'SOURCE_FAILED',
      message: expect.stringMatching(/answered 404/),
    });
  });

  it('GIVEN a user who cannot manage the channel THEN adding is refused; GIVEN a non-http URL THEN it is refused', async () => {
    const refused = await dispatchText(
      `/sources add ${web.url('/atom.xml')}`,
      { ...app.context, origin: origin('E', false) },
      log,
    );
    expect(refused).toMatchObject({ kind: 'error', code: 'NOT_ALLOWED' });
    const bad = await run(app, 'E', '/sources add file:///etc/passwd');
    expect(bad).toMatchObject({ kind: 'error', code: 'BAD_OPTION', message: expect.stringMatching(/http\(s\)/) });
  });

  it("GIVEN a new item in the feed THEN the next poll adds it, and it shows cited in channel A's digest only", async () => {
    feedHasLateItem = true;
    now = new Date(now.getTime() + 40 * 60_000);
    await app.sources!.pollDue();
    const digestA = await run(app, 'A', '/digest now');
    if (digestA.kind !== 'digest') throw new Error(JSON.stringify(digestA));
    const section = digestA.result.sections.find((candidate) => candidate.url === web.url('/world/osk-barrier.html'));
    expect(section?.items[0]?.citation.url).toBe(web.url('/world/osk-barrier.html'));
    const digestB = await run(app, 'B', '/digest now');
    if (digestB.kind !== 'digest') throw new Error('no digest');
    expect(digestB.result.sections.map((candidate) => candidate.url)).not.toContain(web.url('/world/osk-barrier.html'));
  });

  it('GIVEN a feed answering 429 THEN it backs off (Retry-After) and is marked failing after repeated errors, with its last error', async () => {
    web.route('/flaky-ok.xml', (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed(web.origin));
    });
    await run(app, 'F', `/sources add ${web.url('/flaky-ok.xml')}`);
    web.route('/flaky-ok.xml', (_request, response) => {
      response.writeHead(429, { 'retry-after': '600', 'content-type': 'text/plain' }).end('slow down');
    });
    const statusOf = async () => {
      const listed = await run(app, 'F', '/sources');
      if (listed.kind !== 'sources') throw new Error('no list');
      return listed.followed[0]!;
    };
    now = new Date(now.getTime() + 60 * 60_000);
    await app.sources!.pollDue();
    const first = await statusOf();
    expect(first).toMatchObject({ status: 'retrying', lastError: expect.stringMatching(/429/) });
    expect(Date.parse(first.nextPollAt!) - now.getTime()).toBeGreaterThanOrEqual(600_000);
    for (let i = 0; i < 6; i++) {
      now = new Date(now.getTime() + 25 * 60 * 60_000);
      await app.sources!.pollDue();
    }
    const last = await statusOf();
    expect(last).toMatchObject({ status: 'failing', nextPollAt: null, lastError: expect.stringMatching(/429/) });
    const polls = web.seen('/flaky-ok.xml').length;
    now = new Date(now.getTime() + 48 * 60 * 60_000);
    await app.sources!.pollDue();
    expect(web.seen('/flaky-ok.xml').length).toBe(polls); // given up: not retried forever
  });

  it('GIVEN a restart THEN sources and documents are kept, nothing is refetched, and the next poll is conditional', async () => {
    await app.close();
    const pageFetches = web.seen('/world/velmora-harbour.html').length;
    app = await openApp(stateDir);
    const answer = await run(app, 'A', QUESTION);
    expect(answer.kind === 'answer' && answer.result.answers[0]?.text).toBe(HARBOUR_SENTENCE);
    expect((await run(app, 'B', QUESTION)) as Reply).toMatchObject({ result: { note: NOTHING_FOUND } });
    now = new Date(now.getTime() + 60 * 60_000);
    const feedPolls = web.seen('/rss/world.xml').length;
    await app.sources!.pollDue();
    const poll = web.seen('/rss/world.xml').slice(feedPolls);
    expect(poll).toEqual([expect.objectContaining({ status: 304, ifNoneMatch: expect.stringMatching(/^".+"$/) })]);
    expect(web.seen('/world/velmora-harbour.html').length).toBe(pageFetches);
  });

  it('GIVEN the feed removed from channel A THEN its articles no longer answer there', async () => {
    // An article the feed brought is not a source of its own: removing it says to remove the feed.
    const article = await run(app, 'A', `/sources remove ${web.url('/world/velmora-harbour.html')}`);
    expect(article).toMatchObject({
      kind: 'notice',
      title: 'Not followed',
      lines: [expect.stringMatching(/is an article that a followed feed brought.*remove that feed/)],
    });
    const removed = await run(app, 'A', `/sources remove ${web.url('/rss/world.xml')}`);
    expect(removed).toMatchObject({ kind: 'notice', title: 'Source removed' });
    expect(await run(app, 'A', QUESTION)).toMatchObject({ result: { note: NOTHING_FOUND } });
    // The ferry article is still B's through its JSON Feed.
    const ferry = await run(app, 'B', '/ask why did the Lirren ferry crews strike?');
    expect(ferry.kind === 'answer' && ferry.result.answers.length).toBeGreaterThan(0);
  });
});
