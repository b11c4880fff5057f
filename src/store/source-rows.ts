/**
 * How a row of `web_sources` maps to a SourceRecord, the same on both engines (PostgreSQL returns
 * its BIGINT id as a string).
 */
import type { NewSource, SourceRecord, WebDocument } from './source-store.js';

export interface SourceRow {
  id: number | string;
  url: string;
  kind: string;
  title: string | null;
  every_minutes: number;
  status: string;
  last_error: string | null;
  failures: number;
  last_fetched_at: string | null;
  next_poll_at: string;
  etag: string | null;
  last_modified: string | null;
  created_at: string;
}

export const toSource = (row: SourceRow): SourceRecord => ({
  id: Number(row.id),
  url: row.url,
  kind: row.kind as SourceRecord['kind'],
  title: row.title,
  everyMinutes: row.every_minutes,
  status: row.status as SourceRecord['status'],
  lastError: row.last_error,
  failures: row.failures,
  lastFetchedAt: row.last_fetched_at,
  nextPollAt: row.next_poll_at,
  etag: row.etag,
  lastModified: row.last_modified,
  createdAt: row.created_at,
});

/** Each writable field's column. */
export const COLUMNS: Record<keyof NewSource, string> = {
  url: 'url',
  kind: 'kind',
  title: 'title',
  everyMinutes: 'every_minutes',
  status: 'status',
  lastError: 'last_error',
  failures: 'failures',
  lastFetchedAt: 'last_fetched_at',
  nextPollAt: 'next_poll_at',
  etag: 'etag',
  lastModified: 'last_modified',
  createdAt: 'created_at',
};

/** A `web_documents` row as a WebDocument (SQLite stores the flag as 0/1, PostgreSQL as a boolean). */
export const toWebDocument = (row: Record<string, unknown>): WebDocument => ({
  id: row.id as string,
  url: row.url as string,
  title: row.title as string,
  site: row.site as string,
  byline: row.byline as string | null,
  published: row.published as string | null,
  body: row.body as string,
  contentHash: row.content_hash as string,
  fromFeed: Boolean(row.from_feed),
  fetchedAt: row.fetched_at as string,
});
