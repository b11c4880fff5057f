/**
 * `npm run bench -- sources`: followed web sources.
 *
 * 1. Article extraction per page (Readability on linkedom): 200 BBC articles wrapped in a news
 *    site's chrome (navigation, cookie banner, related links, comments), beside the baseline of
 *    parsing the same pages into a DOM only, in the same run.
 * 2. The index cost of 50 channels following the same 10 feeds (20 items each, 200 articles)
 *    against 1 channel following them: heap after a full GC, through the real fetching path (a
 *    loopback server, LiveSources, the SQLite state file). Beside it, measured in the same run, one
 *    separate index of the same 200 articles: what each channel would cost if it had its own.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { SHARED } from '../eval/golden.js';
import { BUNDLED_DATA_DIR } from '../src/config.js';
import { Corpus } from '../src/core/corpus.js';
import { loadDocuments } from '../src/core/load-documents.js';
import { openCorpus } from '../src/core/open-corpus.js';
import { createLogger } from '../src/logger.js';
import { extractArticle } from '../src/sources/extract-article.js';
import { LiveSources } from '../src/sources/live-sources.js';
import { DEFAULT_LIMITS } from '../src/sources/safe-fetch.js';
import { SqliteSourceStore } from '../src/store/sqlite-source-store.js';
import { SqliteStateStore } from '../src/store/sqlite-state-store.js';
import { newsPage } from '../test/sources/web-fixture.js';
import { ms, percentile } from './stats.js';

const PAGES = 200;
const FEEDS = 10;
const CHANNELS = 50;

const gc = (globalThis as { gc?: () => void }).gc;
function heapMb(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const { documents } = await loadDocuments(join(SHARED, 'datasets/bbc/docs'));
const chosen = documents.slice(0, PAGES);
const pages = chosen.map((document, i) => ({
  path: `/news/${i}.html`,
  html: newsPage({
    title: escapeHtml(document.title),
    paragraphs: document.body
      .split(/\n\s*\n/)
      .map((paragraph) => paragraph.trim())
      .filter((paragraph) => paragraph !== '' && paragraph !== document.title)
      .map(escapeHtml),
    published: '2025-02-18T09:30:00Z',
  }),
}));
const bytes = pages.reduce((sum, page) => sum + page.html.length, 0) / pages.length;

// --- 1. extraction per page ---------------------------------------------------------------------
const extract: number[] = [];
const parseOnly: number[] = [];
for (let round = 0; round < 3; round++) {
  for (const page of pages) {
    let start = performance.now();
    parseHTML(page.html);
    parseOnly.push(performance.now() - start);
    start = performance.now();
    const article = extractArticle(page.html, `https://news.example.org${page.path}`);
    extract.push(performance.now() - start);
    if (!article) throw new Error(`no article in ${page.path}`);
  }
}
console.log(
  `article extraction, ${PAGES} BBC articles in news-site chrome (mean page ${Math.round(bytes / 1024)} KiB), 3 rounds:`,
);
console.log(`  Readability on linkedom   p50 ${ms(percentile(extract, 50))}  p99 ${ms(percentile(extract, 99))}`);
console.log(`  baseline: DOM parse only  p50 ${ms(percentile(parseOnly, 50))}  p99 ${ms(percentile(parseOnly, 99))}`);

// --- 2. 50 channels on the same 10 feeds --------------------------------------------------------
const server = createServer((request, response) => {
  const path = new URL(request.url ?? '/', 'http://x').pathname;
  const feed = /^\/feeds\/(\d+)\.xml$/.exec(path);
  if (feed) {
    const index = Number(feed[1]);
    const items = pages.slice(index * (PAGES / FEEDS), (index + 1) * (PAGES / FEEDS));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const body = `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed ${index}</title>${items
      .map(
        (item) => `<item><title>${item.path}</title><link>${origin}${item.path}</link><guid>${item.path}</guid></item>`,
      )
      .join('')}</channel></rss>`;
    response.writeHead(200, { 'content-type': 'application/rss+xml', etag: `"feed-${index}"` }).end(body);
    return;
  }
  const page = pages.find((candidate) => candidate.path === path);
  if (!page) return response.writeHead(404).end();
  response.writeHead(200, { 'content-type': 'text/html' }).end(page.html);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const stateDir = mkdtempSync(join(tmpdir(), 'briefbot-bench-sources-'));
const path = join(stateDir, 'briefbot.sqlite');
const state = await SqliteStateStore.open(path);
const { corpus } = await openCorpus(BUNDLED_DATA_DIR);
const live = await LiveSources.open({
  store: SqliteSourceStore.open(path),
  corpus,
  log: createLogger('silent'),
  limits: { ...DEFAULT_LIMITS, allowPrivate: true },
});
const before = heapMb();
let started = performance.now();
for (let feed = 0; feed < FEEDS; feed++) await live.add(`${origin}/feeds/${feed}.xml`, 'bench:channel-0', 'U', 15);
const oneChannelMs = performance.now() - started;
const oneChannel = heapMb();
const claimsOne = corpus.claimCount;
started = performance.now();
for (let channel = 1; channel < CHANNELS; channel++)
  for (let feed = 0; feed < FEEDS; feed++)
    await live.add(`${origin}/feeds/${feed}.xml`, `bench:channel-${channel}`, 'U', 15);
const moreChannelsMs = performance.now() - started;
const fiftyChannels = heapMb();
const scope = live.scopeOf([`bench:channel-${CHANNELS - 1}`])!;
const visible = corpus.documents.filter((document) => scope.has(document.id)).length;

// What one channel's own index of the same articles costs (the design this one avoids).
const web = corpus.documents.filter((document) => live.isWebDocument(document.id)).map((document) => document.id);
const webDocuments = (await SqliteSourceStore.open(path).documents()).filter((document) => web.includes(document.id));
const { toSourceDocument } = await import('../src/sources/web-document.js');
const beforeSeparate = heapMb();
const separate = Corpus.from(webDocuments.map(toSourceDocument));
const separateMb = heapMb() - beforeSeparate;

const webClaims = web.reduce((sum, id) => sum + (corpus.record(id)?.claimCount ?? 0), 0);
console.log(
  `\n${CHANNELS} channels following the same ${FEEDS} feeds (${web.length} articles, ${webClaims} claims) vs 1 channel:`,
);
console.log(
  `  1 channel:   +${(oneChannel - before).toFixed(1)} MB heap over the bundled corpus (fetch, extract, index: ${Math.round(oneChannelMs)} ms)`,
);
console.log(
  `  ${CHANNELS} channels: +${(fiftyChannels - before).toFixed(1)} MB (the ${CHANNELS - 1} more channels: +${(fiftyChannels - oneChannel).toFixed(2)} MB, ${Math.round(moreChannelsMs)} ms, nothing fetched again); claims indexed ${corpus.claimCount} (unchanged: ${corpus.claimCount === claimsOne}); channel ${CHANNELS - 1} sees ${visible} documents`,
);
console.log(
  `  baseline, one separate index of the same articles (in the same run): ${separateMb.toFixed(1)} MB (${separate.claimCount} claims); ${CHANNELS} such indexes would be ${(separateMb * CHANNELS).toFixed(0)} MB`,
);

await live.close();
await state.close();
server.close();
rmSync(stateDir, { recursive: true, force: true });
