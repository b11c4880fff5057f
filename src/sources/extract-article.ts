/**
 * A web page's article: its text (by @mozilla/readability, the Firefox Reader View extractor, run
 * on a linkedom DOM) and its metadata (title, site, byline, canonical URL, published date).
 *
 * linkedom rather than jsdom: it parses a news page several times faster with a fraction of the
 * memory, and Readability needs only the DOM tree (no layout, no scripts), which is what linkedom
 * gives; jsdom's fuller browser emulation buys nothing here.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

export interface Article {
  title: string;
  /** The site's name (og:site_name, or Readability's guess), else the host. */
  site: string;
  byline: string | null;
  /** The page's canonical URL (link rel=canonical, og:url) when it names an http(s) one, else the fetched URL. */
  canonicalUrl: string;
  /** ISO 8601 date, from article:published_time, JSON-LD datePublished or the first <time datetime>. */
  published: string | null;
  /** The story's paragraphs and sub-headings (as `## text`), in reading order. */
  blocks: string[];
}

/** Blocks of an article's HTML that hold text a reader reads as a paragraph or a heading. */
const BLOCKS = 'h1, h2, h3, h4, h5, h6, p, li, blockquote, pre, figcaption, td';

interface MinimalElement {
  tagName: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
  querySelector(selector: string): MinimalElement | null;
  querySelectorAll(selector: string): Iterable<MinimalElement>;
  closest?(selector: string): MinimalElement | null;
}

function clean(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

function httpUrl(raw: string | null | undefined, base: string): string | undefined {
  if (!raw) return undefined;
  try {
    const url = new URL(raw.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

function meta(document: MinimalElement, ...names: string[]): string | undefined {
  for (const name of names) {
    const element =
      document.querySelector(`meta[property="${name}"]`) ?? document.querySelector(`meta[name="${name}"]`);
    const content = clean(element?.getAttribute('content'));
    if (content) return content;
  }
  return undefined;
}

/** `datePublished` of the first JSON-LD object that has one (arrays and @graph included). */
function jsonLdPublished(document: MinimalElement): string | undefined {
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      continue; // a broken block is common; the others may still say
    }
    const queue: unknown[] = [data];
    while (queue.length > 0) {
      const item = queue.shift();
      if (Array.isArray(item)) queue.push(...item);
      else if (item && typeof item === 'object') {
        const record = item as Record<string, unknown>;
        if (typeof record.datePublished === 'string') return record.datePublished;
        if (record['@graph']) queue.push(record['@graph']);
      }
    }
  }
  return undefined;
}

/** An ISO date from what a page says (kept as written when it is ISO already: its local day), or null. */
function isoDate(text: string | undefined): string | null {
  if (!text) return null;
  const time = Date.parse(text);
  if (Number.isNaN(time)) return null;
  return /^\d{4}-\d{2}-\d{2}/.test(text.trim()) ? text.trim() : new Date(time).toISOString();
}

/** The text blocks of Readability's cleaned article HTML. */
function blocksOf(html: string): string[] {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const blocks: string[] = [];
  for (const element of document.querySelectorAll(BLOCKS) as Iterable<MinimalElement>) {
    // A block inside another block (a <p> in a <li> or <blockquote>) is read with its parent.
    const parent = (element as unknown as { parentElement: MinimalElement | null }).parentElement;
    if (parent?.closest?.(BLOCKS)) continue;
    const text = clean(element.textContent);
    if (text === '') continue;
    blocks.push(/^H[1-6]$/.test(element.tagName.toUpperCase()) ? `## ${text}` : text);
  }
  return blocks;
}

/** Extracts the article of an HTML page fetched from `url`; undefined when the page holds no readable story. */
export function extractArticle(html: string, url: string): Article | undefined {
  const { document } = parseHTML(html);
  const root = document as unknown as MinimalElement;
  // Metadata first: Readability changes the document it reads.
  const canonical =
    httpUrl(root.querySelector('link[rel="canonical"]')?.getAttribute('href'), url) ??
    httpUrl(meta(root, 'og:url'), url) ??
    url;
  const published = isoDate(
    meta(root, 'article:published_time', 'og:published_time', 'datePublished', 'pubdate') ??
      jsonLdPublished(root) ??
      root.querySelector('time[datetime]')?.getAttribute('datetime') ??
      undefined,
  );
  const site = meta(root, 'og:site_name', 'application-name');
  const parsed = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], {
    charThreshold: 200,
  }).parse();
  if (!parsed?.content) return undefined;
  const blocks = blocksOf(parsed.content);
  if (blocks.length === 0) return undefined;
  return {
    title: clean(parsed.title) || clean(meta(root, 'og:title')) || new URL(url).host,
    site: site || clean(parsed.siteName) || new URL(canonical).host,
    byline: clean(parsed.byline) || null,
    canonicalUrl: canonical,
    published: published ?? isoDate(parsed.publishedTime ?? undefined),
    blocks,
  };
}
