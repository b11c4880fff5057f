/** A fetched article (or a feed item standing in for its page) as a document of the corpus. */
import { createHash } from 'node:crypto';
import type { SourceDocument } from '../core/document.js';
import type { WebDocument } from '../store/source-store.js';

/** Web documents' ids start here, apart from the data folder's (which are file paths). */
export const WEB_PREFIX = 'web/';

/** Said in a document made from a feed item's own text. */
export const FROM_FEED_NOTE = 'from the feed: the article page could not be fetched';

/** A stable, readable id for a canonical URL: `web/<host>/<path words>-<hash>`. */
export function webDocumentId(canonicalUrl: string): string {
  const url = new URL(canonicalUrl);
  const words = `${url.pathname}${url.search}`
    .toLowerCase()
    .replace(/\.(html?|php|aspx?)$/, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(-60);
  const hash = createHash('sha256').update(canonicalUrl).digest('hex').slice(0, 8);
  return `${WEB_PREFIX}${url.host}/${words ? `${words}-` : ''}${hash}`;
}

/** Fingerprint of a text as a reader sees it (case, spacing and punctuation aside): syndicated copies share it. */
export function contentHash(body: string): string {
  const words = body
    .toLowerCase()
    .replace(/^##\s+/gm, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return createHash('sha256').update(words).digest('hex');
}

/** The URL without its fragment (a fragment names a place in the same page). */
export function normaliseUrl(raw: string): string {
  const url = new URL(raw);
  url.hash = '';
  return url.toString();
}

/** The date part of a published instant as the page wrote it (its own time zone), else of the UTC instant. */
function publishedDay(published: string | null): string | undefined {
  if (!published) return undefined;
  const written = /^\d{4}-\d{2}-\d{2}/.exec(published);
  if (written) return written[0];
  const time = Date.parse(published);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString().slice(0, 10);
}

export function toSourceDocument(document: WebDocument): SourceDocument {
  const published = publishedDay(document.published);
  return {
    id: document.id,
    path: document.url,
    title: document.title,
    titleFromFrontMatter: true,
    source: document.fromFeed ? `${document.site} (${FROM_FEED_NOTE})` : document.site,
    url: document.url,
    ...(published ? { published } : {}),
    tags: [],
    body: `${document.title}\n\n${document.body}`,
  };
}
