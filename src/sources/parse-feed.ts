/**
 * RSS 2.0 (and RDF), Atom 1.0 and JSON Feed, read with feedsmith into one shape. feedsmith was
 * chosen over @extractus/feed-extractor and rss-parser after running the three on the malformed
 * feeds of this project's tests (README, "Following articles and feeds"): it alone read a feed with
 * a bare `&`, it read mismatched tags (as rss-parser did; feed-extractor refused), it left an
 * entity-expansion DOCTYPE unexpanded (as feed-extractor did; rss-parser failed), and it reads JSON
 * Feed (rss-parser cannot), from text we fetched ourselves. None of the three reads a feed cut short;
 * for that, the complete items before the cut are kept (`closeTruncated`).
 */
import { parseFeed } from 'feedsmith';
import { parseHTML } from 'linkedom';

export interface FeedItem {
  /** guid / id, else the link. */
  key: string;
  link: string | null;
  title: string | null;
  published: string | null;
  /** The item's own text (full content, else summary), as plain paragraphs. */
  text: string | null;
}

export interface Feed {
  format: 'rss' | 'atom' | 'json' | 'rdf';
  title: string | null;
  items: FeedItem[];
}

/** The text of an HTML fragment (entities decoded, tags dropped), paragraphs kept apart. */
export function htmlToText(html: string | undefined | null): string | null {
  if (!html) return null;
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  for (const element of document.querySelectorAll('script, style')) element.remove();
  const blocks = [...document.querySelectorAll('p, li, h1, h2, h3, h4, h5, h6, blockquote')]
    .map((element) => (element.textContent ?? '').replace(/\s+/g, ' ').trim())
    .filter((text) => text !== '');
  const text = blocks.length > 0 ? blocks.join('\n\n') : (document.body.textContent ?? '').replace(/\s+/g, ' ').trim();
  return text === '' ? null : text;
}

function iso(text: string | undefined | null): string | null {
  if (!text) return null;
  const time = Date.parse(text);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

function absolute(link: string | undefined | null, base: string): string | null {
  if (!link) return null;
  try {
    const url = new URL(link.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

type Text = string | { value?: string; type?: string } | undefined;
function textOf(value: Text): string | null {
  if (value === undefined) return null;
  if (typeof value === 'string') return htmlToText(value);
  return value.type === 'text' ? (value.value?.trim() ?? null) || null : htmlToText(value.value);
}

/** Whether a response looks like a feed rather than a web page (by its content, not its URL). */
export function looksLikeFeed(contentType: string, text: string): boolean {
  const head = text.slice(0, 2048).trimStart();
  if (contentType.includes('json')) return true;
  if (/^<(\?xml|rss|feed|rdf:RDF)\b/i.test(head)) return !/<html[\s>]/i.test(head);
  return /(rss|atom|xml)/.test(contentType) && !/<html[\s>]/i.test(head);
}

/** A feed cut short (a crashed generator, a dropped connection): its complete items, closed properly. */
export function closeTruncated(text: string): string | undefined {
  const lastItem = text.lastIndexOf('</item>');
  const lastEntry = text.lastIndexOf('</entry>');
  if (lastItem < 0 && lastEntry < 0) return undefined;
  if (lastEntry > lastItem) return `${text.slice(0, lastEntry + '</entry>'.length)}</feed>`;
  const kept = text.slice(0, lastItem + '</item>'.length);
  return /<rdf:RDF/i.test(kept) ? `${kept}</rdf:RDF>` : `${kept}</channel></rss>`;
}

function parseAny(text: string): ReturnType<typeof parseFeed> {
  return parseFeed(text.trimStart().startsWith('{') ? JSON.parse(text) : text);
}

/** Parses a feed; throws an Error whose message says what is wrong with it. */
export function readFeed(text: string, base: string): Feed {
  let parsed: ReturnType<typeof parseFeed>;
  try {
    parsed = parseAny(text);
  } catch (error) {
    const closed = text.trimStart().startsWith('{') ? undefined : closeTruncated(text);
    try {
      if (!closed) throw error;
      parsed = parseAny(closed);
    } catch {
      throw new Error(`it is not a feed that can be read (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  const items: FeedItem[] = [];
  const push = (item: Omit<FeedItem, 'key'> & { id?: string | null }): void => {
    const key = item.id?.trim() || item.link;
    if (!key) return;
    items.push({ key, link: item.link, title: item.title, published: item.published, text: item.text });
  };
  switch (parsed.format) {
    case 'rss':
    case 'rdf': {
      for (const item of (parsed.feed.items ?? []) as Record<string, unknown>[]) {
        const content = (item.content as { encoded?: string } | undefined)?.encoded;
        const guid = item.guid as { value?: string } | string | undefined;
        push({
          id: typeof guid === 'string' ? guid : guid?.value,
          link: absolute(item.link as string | undefined, base),
          title: textOf(item.title as string | undefined),
          published: iso((item.pubDate as string | undefined) ?? (item.dc as { date?: string } | undefined)?.date),
          text: htmlToText(content) ?? textOf(item.description as string | undefined),
        });
      }
      return { format: parsed.format, title: textOf(parsed.feed.title as Text), items };
    }
    case 'atom': {
      for (const entry of (parsed.feed.entries ?? []) as Record<string, unknown>[]) {
        const links = (entry.links ?? []) as { href?: string; rel?: string }[];
        const link = links.find((candidate) => !candidate.rel || candidate.rel === 'alternate') ?? links[0];
        push({
          id: entry.id as string | undefined,
          link: absolute(link?.href, base),
          title: textOf(entry.title as Text),
          published: iso((entry.published as string | undefined) ?? (entry.updated as string | undefined)),
          text: textOf(entry.content as Text) ?? textOf(entry.summary as Text),
        });
      }
      return { format: 'atom', title: textOf(parsed.feed.title as Text), items };
    }
    case 'json': {
      for (const item of (parsed.feed.items ?? []) as Record<string, unknown>[]) {
        const plain = typeof item.content_text === 'string' ? item.content_text.trim() : '';
        push({
          id: item.id as string | undefined,
          link: absolute((item.url as string | undefined) ?? (item.external_url as string | undefined), base),
          title: typeof item.title === 'string' ? item.title.trim() : null,
          published: iso(item.date_published as string | undefined),
          text:
            plain ||
            htmlToText(item.content_html as string | undefined) ||
            (item.summary as string | undefined) ||
            null,
        });
      }
      return { format: 'json', title: typeof parsed.feed.title === 'string' ? parsed.feed.title : null, items };
    }
  }
}
