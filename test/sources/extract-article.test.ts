/** Article extraction: the story of a real-world-shaped news page, without its chrome, with its metadata. */
import { describe, expect, it } from 'vitest';
import { claimsOf } from '../../src/core/claims.js';
import { extractArticle } from '../../src/sources/extract-article.js';
import { readFeed } from '../../src/sources/parse-feed.js';
import { toSourceDocument } from '../../src/sources/web-document.js';
import { atomFeed, HARBOUR_SENTENCE, harbourPage, jsonFeed, malformedFeed, rssFeed } from './pages.js';

const ORIGIN = 'https://news.example.org';

describe('article extraction', () => {
  it('GIVEN a news page with navigation, a cookie banner, related links and comments THEN only the story becomes claims', () => {
    const article = extractArticle(harbourPage(ORIGIN), `${ORIGIN}/world/velmora-harbour.html?utm_source=rss`)!;
    expect(article).toMatchObject({
      title: 'Port Velmora harbour to reopen for grain ships',
      site: 'Harbour Gazette',
      canonicalUrl: `${ORIGIN}/world/velmora-harbour.html`,
      published: '2025-02-18T09:30:00+02:00',
    });
    const document = toSourceDocument({
      id: 'web/x',
      url: article.canonicalUrl,
      title: article.title,
      site: article.site,
      byline: article.byline,
      published: article.published,
      body: article.blocks.join('\n\n'),
      contentHash: '',
      fromFeed: false,
      fetchedAt: '',
    });
    expect(document.published).toBe('2025-02-18');
    const texts = claimsOf(document).map((claim) => claim.text);
    expect(texts).toContain(HARBOUR_SENTENCE);
    const chrome =
      /cookies|Weather forecasts|Celebrity chef|Lottery winner|totally agree|unboxing|All rights reserved|Related stories|Comments/;
    expect(texts.filter((text) => chrome.test(text))).toEqual([]);
  });

  it('GIVEN a published date only in JSON-LD or a <time> element THEN it is found', () => {
    const jsonLd = `<html><head><script type="application/ld+json">[{"@graph":[{"@type":"NewsArticle","datePublished":"2024-11-05T08:00:00Z"}]}]</script></head><body><article><h1>T</h1><p>${'A long enough sentence about the river crossing. '.repeat(8)}</p></article></body></html>`;
    expect(extractArticle(jsonLd, `${ORIGIN}/a`)?.published).toBe('2024-11-05T08:00:00Z');
    const time = `<html><body><article><h1>T</h1><time datetime="2023-06-01">June 1</time><p>${'Another sentence about the mountain road being repaired. '.repeat(8)}</p></article></body></html>`;
    expect(extractArticle(time, `${ORIGIN}/b`)?.published).toBe('2023-06-01');
  });

  it('GIVEN a page with no story (script only) THEN there is no article', () => {
    expect(
      extractArticle('<html><body><script>document.write("x")</script></body></html>', `${ORIGIN}/c`),
    ).toBeUndefined();
  });
});

describe('feeds', () => {
  it('GIVEN RSS 2.0 with CDATA and entities THEN titles and texts are decoded, links absolute', () => {
    const feed = readFeed(rssFeed(ORIGIN), `${ORIGIN}/rss.xml`);
    expect(feed.format).toBe('rss');
    expect(feed.title).toBe('Harbour Gazette – World');
    expect(feed.items.map((item) => item.title)).toEqual([
      'Port Velmora harbour to reopen for grain ships',
      'Ferry crews on the Lirren strait begin a two‑day strike & sailings stop',
    ]);
    expect(feed.items[0]).toMatchObject({ key: 'gazette-1001', text: 'The harbour reopens & grain can flow again…' });
    expect(feed.items[0]!.published).toBe('2025-02-18T07:30:00.000Z');
  });

  it('GIVEN Atom with an HTML-typed title and content THEN they are read as text', () => {
    const feed = readFeed(atomFeed(ORIGIN), `${ORIGIN}/atom.xml`);
    expect(feed.format).toBe('atom');
    expect(feed.items[0]).toMatchObject({
      title: 'Night buses & trams extended',
      link: `${ORIGIN}/notices/gone.html`,
      text: expect.stringMatching(/^The council extended night bus and tram services/),
    });
  });

  it('GIVEN a JSON Feed THEN its items are read', () => {
    const feed = readFeed(jsonFeed(ORIGIN), `${ORIGIN}/feed.json`);
    expect(feed).toMatchObject({
      format: 'json',
      items: [{ key: 'json-1', link: `${ORIGIN}/world/lirren-ferry-strike.html` }],
    });
  });

  it('GIVEN a feed cut short with a bare ampersand THEN its complete item is still read', () => {
    const feed = readFeed(malformedFeed(ORIGIN), `${ORIGIN}/broken.xml`);
    expect(feed.items[0]).toMatchObject({ title: 'Salt marsh restoration begins', link: `${ORIGIN}/world/marsh.html` });
  });

  it('GIVEN a feed declaring nested entities (billion laughs) THEN they are not expanded', () => {
    const levels = Array.from({ length: 8 }, (_, i) =>
      i === 0 ? '<!ENTITY l0 "lol">' : `<!ENTITY l${i} "${`&l${i - 1};`.repeat(10)}">`,
    ).join('');
    const bomb = `<?xml version="1.0"?><!DOCTYPE rss [${levels}]><rss version="2.0"><channel><title>&l7;</title><item><title>Tide tables</title><link>${ORIGIN}/tides</link></item></channel></rss>`;
    const feed = readFeed(bomb, ORIGIN);
    expect((feed.title ?? '').length).toBeLessThan(100);
    expect(feed.items[0]).toMatchObject({ title: 'Tide tables' });
  });

  it('GIVEN something that is no feed THEN the error says so', () => {
    expect(() => readFeed('<html><body>hello</body></html>', ORIGIN)).toThrow(/not a feed/);
    expect(() => readFeed('{"not":"a feed"}', ORIGIN)).toThrow(/not a feed/);
  });
});
