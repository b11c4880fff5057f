/**
 * The followed sources' tables in the SQLite state file (its own connection; WAL lets it share the
 * file). The tables come from the state store's migrations (version 5): open the state store first.
 */
import Database from 'better-sqlite3';
import type { Follow, NewSource, SourceItem, SourceRecord, SourceStore, WebDocument } from './source-store.js';
import { COLUMNS, type SourceRow, toSource, toWebDocument } from './source-rows.js';

export class SqliteSourceStore implements SourceStore {
  private constructor(private readonly db: Database.Database) {}

  /** Opens the migrated state file at `path`. */
  static open(path: string): SqliteSourceStore {
    const db = new Database(path, { fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    return new SqliteSourceStore(db);
  }

  async sources(): Promise<SourceRecord[]> {
    return (this.db.prepare('SELECT * FROM web_sources ORDER BY id').all() as SourceRow[]).map(toSource);
  }

  async sourceByUrl(url: string): Promise<SourceRecord | undefined> {
    const row = this.db.prepare('SELECT * FROM web_sources WHERE url = ?').get(url) as SourceRow | undefined;
    return row ? toSource(row) : undefined;
  }

  async addSource(source: NewSource): Promise<SourceRecord> {
    const keys = Object.keys(COLUMNS) as (keyof NewSource)[];
    const sql = `INSERT INTO web_sources (${keys.map((key) => COLUMNS[key]).join(', ')}) VALUES (${keys.map((key) => `@${key}`).join(', ')})`;
    const id = Number(this.db.prepare(sql).run(source).lastInsertRowid);
    return { id, ...source };
  }

  async updateSource(id: number, patch: Partial<NewSource>): Promise<void> {
    const keys = (Object.keys(patch) as (keyof NewSource)[]).filter((key) => COLUMNS[key]);
    if (keys.length === 0) return;
    const sql = `UPDATE web_sources SET ${keys.map((key) => `${COLUMNS[key]} = @${key}`).join(', ')} WHERE id = @id`;
    this.db.prepare(sql).run({ ...patch, id });
  }

  async claimPoll(id: number, seenNextPollAt: string, leaseUntil: string): Promise<boolean> {
    return (
      this.db
        .prepare('UPDATE web_sources SET next_poll_at = ? WHERE id = ? AND next_poll_at = ?')
        .run(leaseUntil, id, seenNextPollAt).changes > 0
    );
  }

  async removeSource(id: number): Promise<void> {
    this.db.prepare('DELETE FROM web_sources WHERE id = ?').run(id);
  }

  async follows(): Promise<Follow[]> {
    return (
      this.db.prepare('SELECT * FROM web_follows ORDER BY added_at').all() as {
        source_id: number;
        scope: string;
        added_by: string;
        added_at: string;
      }[]
    ).map((row) => ({ sourceId: row.source_id, scope: row.scope, addedBy: row.added_by, addedAt: row.added_at }));
  }

  async follow(follow: Follow): Promise<void> {
    this.db
      .prepare(
        'INSERT INTO web_follows (source_id, scope, added_by, added_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
      )
      .run(follow.sourceId, follow.scope, follow.addedBy, follow.addedAt);
  }

  async unfollow(sourceId: number, scope: string): Promise<boolean> {
    return (
      this.db.prepare('DELETE FROM web_follows WHERE source_id = ? AND scope = ?').run(sourceId, scope).changes > 0
    );
  }

  async documents(ids?: readonly string[]): Promise<WebDocument[]> {
    const rows = ids
      ? this.db
          .prepare('SELECT * FROM web_documents WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id')
          .all(JSON.stringify(ids))
      : this.db.prepare('SELECT * FROM web_documents ORDER BY id').all();
    return (rows as Record<string, unknown>[]).map(toWebDocument);
  }

  async documentHashes(): Promise<Map<string, string>> {
    const rows = this.db.prepare('SELECT id, content_hash FROM web_documents').all() as {
      id: string;
      content_hash: string;
    }[];
    return new Map(rows.map((row) => [row.id, row.content_hash]));
  }

  async changeVersion(): Promise<number> {
    return (this.db.prepare('SELECT version FROM web_changes').get() as { version: number }).version;
  }

  async saveDocument(document: WebDocument): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO web_documents (id, url, title, site, byline, published, body, content_hash, from_feed, fetched_at)
         VALUES (@id, @url, @title, @site, @byline, @published, @body, @contentHash, @fromFeed, @fetchedAt)
         ON CONFLICT (id) DO UPDATE SET url = @url, title = @title, site = @site, byline = @byline, published = @published,
           body = @body, content_hash = @contentHash, from_feed = @fromFeed, fetched_at = @fetchedAt`,
      )
      .run({ ...document, fromFeed: document.fromFeed ? 1 : 0 });
  }

  async removeDocument(id: string): Promise<void> {
    this.db.prepare('DELETE FROM web_documents WHERE id = ?').run(id);
  }

  async documentOfUrl(url: string): Promise<string | undefined> {
    const row = this.db.prepare('SELECT document_id FROM web_document_urls WHERE url = ?').get(url) as
      | { document_id: string }
      | undefined;
    return row?.document_id;
  }

  async documentOfContent(contentHash: string): Promise<string | undefined> {
    const row = this.db.prepare('SELECT id FROM web_documents WHERE content_hash = ? LIMIT 1').get(contentHash) as
      | { id: string }
      | undefined;
    return row?.id;
  }

  async addDocumentUrl(url: string, documentId: string): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO web_document_urls (url, document_id, seq)
         VALUES (?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM web_document_urls WHERE document_id = ?))
         ON CONFLICT (url) DO NOTHING`,
      )
      .run(url, documentId, documentId);
  }

  async documentUrls(documentId: string): Promise<string[]> {
    return (
      this.db.prepare('SELECT url FROM web_document_urls WHERE document_id = ? ORDER BY seq').all(documentId) as {
        url: string;
      }[]
    ).map((row) => row.url);
  }

  async items(): Promise<SourceItem[]> {
    return (
      this.db.prepare('SELECT * FROM web_source_items').all() as {
        source_id: number;
        item_key: string;
        document_id: string;
      }[]
    ).map((row) => ({ sourceId: row.source_id, itemKey: row.item_key, documentId: row.document_id }));
  }

  async addItem(item: SourceItem): Promise<void> {
    this.db
      .prepare(
        'INSERT INTO web_source_items (source_id, item_key, document_id) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET document_id = excluded.document_id',
      )
      .run(item.sourceId, item.itemKey, item.documentId);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
