/**
 * The followed sources' tables on PostgreSQL (DATABASE_URL), so replicas share what channels follow
 * and what was fetched. The tables come from the state store's migrations (version 5): open the
 * state store first. Column for column the same as the SQLite engine (sqlite-source-store.ts).
 */
import pg from 'pg';
import type { Follow, NewSource, SourceItem, SourceRecord, SourceStore, WebDocument } from './source-store.js';
import { COLUMNS, type SourceRow, toSource, toWebDocument } from './source-rows.js';

export class PostgresSourceStore implements SourceStore {
  private constructor(private readonly pool: pg.Pool) {}

  static open(url: string): PostgresSourceStore {
    const pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 5_000 });
    pool.on('error', () => undefined); // an idle client's failure: the next query reports it
    return new PostgresSourceStore(pool);
  }

  private async rows<T>(sql: string, values: unknown[] = []): Promise<T[]> {
    return (await this.pool.query(sql, values)).rows as T[];
  }

  async sources(): Promise<SourceRecord[]> {
    return (await this.rows<SourceRow>('SELECT * FROM web_sources ORDER BY id')).map(toSource);
  }

  async sourceByUrl(url: string): Promise<SourceRecord | undefined> {
    const [row] = await this.rows<SourceRow>('SELECT * FROM web_sources WHERE url = $1', [url]);
    return row ? toSource(row) : undefined;
  }

  async addSource(source: NewSource): Promise<SourceRecord> {
    const keys = Object.keys(COLUMNS) as (keyof NewSource)[];
    const sql = `INSERT INTO web_sources (${keys.map((key) => COLUMNS[key]).join(', ')})
                 VALUES (${keys.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`;
    const [row] = await this.rows<{ id: string }>(
      sql,
      keys.map((key) => source[key]),
    );
    return { id: Number(row!.id), ...source };
  }

  async updateSource(id: number, patch: Partial<NewSource>): Promise<void> {
    const keys = (Object.keys(patch) as (keyof NewSource)[]).filter((key) => COLUMNS[key]);
    if (keys.length === 0) return;
    const sets = keys.map((key, i) => `${COLUMNS[key]} = $${i + 2}`).join(', ');
    await this.pool.query(`UPDATE web_sources SET ${sets} WHERE id = $1`, [id, ...keys.map((key) => patch[key])]);
  }

  async claimPoll(id: number, seenNextPollAt: string, leaseUntil: string): Promise<boolean> {
    const result = await this.pool.query(
      'UPDATE web_sources SET next_poll_at = $3 WHERE id = $1 AND next_poll_at = $2',
      [id, seenNextPollAt, leaseUntil],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async removeSource(id: number): Promise<void> {
    await this.pool.query('DELETE FROM web_sources WHERE id = $1', [id]);
  }

  async follows(): Promise<Follow[]> {
    return (
      await this.rows<{ source_id: string; scope: string; added_by: string; added_at: string }>(
        'SELECT * FROM web_follows ORDER BY added_at',
      )
    ).map((row) => ({
      sourceId: Number(row.source_id),
      scope: row.scope,
      addedBy: row.added_by,
      addedAt: row.added_at,
    }));
  }

  async follow(follow: Follow): Promise<void> {
    await this.pool.query(
      'INSERT INTO web_follows (source_id, scope, added_by, added_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
      [follow.sourceId, follow.scope, follow.addedBy, follow.addedAt],
    );
  }

  async unfollow(sourceId: number, scope: string): Promise<boolean> {
    const result = await this.pool.query('DELETE FROM web_follows WHERE source_id = $1 AND scope = $2', [
      sourceId,
      scope,
    ]);
    return (result.rowCount ?? 0) > 0;
  }

  async documents(ids?: readonly string[]): Promise<WebDocument[]> {
    const rows = ids
      ? await this.rows<Record<string, unknown>>('SELECT * FROM web_documents WHERE id = ANY($1) ORDER BY id', [
          [...ids],
        ])
      : await this.rows<Record<string, unknown>>('SELECT * FROM web_documents ORDER BY id');
    return rows.map(toWebDocument);
  }

  async documentHashes(): Promise<Map<string, string>> {
    const rows = await this.rows<{ id: string; content_hash: string }>('SELECT id, content_hash FROM web_documents');
    return new Map(rows.map((row) => [row.id, row.content_hash]));
  }

  async changeVersion(): Promise<number> {
    const [row] = await this.rows<{ version: string }>('SELECT version FROM web_changes');
    return Number(row?.version ?? 0);
  }

  async saveDocument(document: WebDocument): Promise<void> {
    await this.pool.query(
      `INSERT INTO web_documents (id, url, title, site, byline, published, body, content_hash, from_feed, fetched_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (id) DO UPDATE SET url = $2, title = $3, site = $4, byline = $5, published = $6, body = $7,
         content_hash = $8, from_feed = $9, fetched_at = $10`,
      [
        document.id,
        document.url,
        document.title,
        document.site,
        document.byline,
        document.published,
        document.body,
        document.contentHash,
        document.fromFeed,
        document.fetchedAt,
      ],
    );
  }

  async removeDocument(id: string): Promise<void> {
    await this.pool.query('DELETE FROM web_documents WHERE id = $1', [id]);
  }

  async documentOfUrl(url: string): Promise<string | undefined> {
    const [row] = await this.rows<{ document_id: string }>('SELECT document_id FROM web_document_urls WHERE url = $1', [
      url,
    ]);
    return row?.document_id;
  }

  async documentOfContent(contentHash: string): Promise<string | undefined> {
    const [row] = await this.rows<{ id: string }>('SELECT id FROM web_documents WHERE content_hash = $1 LIMIT 1', [
      contentHash,
    ]);
    return row?.id;
  }

  async addDocumentUrl(url: string, documentId: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO web_document_urls (url, document_id, seq)
       VALUES ($1, $2, (SELECT COALESCE(MAX(seq), 0) + 1 FROM web_document_urls WHERE document_id = $2))
       ON CONFLICT (url) DO NOTHING`,
      [url, documentId],
    );
  }

  async documentUrls(documentId: string): Promise<string[]> {
    return (
      await this.rows<{ url: string }>('SELECT url FROM web_document_urls WHERE document_id = $1 ORDER BY seq', [
        documentId,
      ])
    ).map((row) => row.url);
  }

  async items(): Promise<SourceItem[]> {
    return (
      await this.rows<{ source_id: string; item_key: string; document_id: string }>('SELECT * FROM web_source_items')
    ).map((row) => ({ sourceId: Number(row.source_id), itemKey: row.item_key, documentId: row.document_id }));
  }

  async addItem(item: SourceItem): Promise<void> {
    await this.pool.query(
      `INSERT INTO web_source_items (source_id, item_key, document_id) VALUES ($1, $2, $3)
       ON CONFLICT (source_id, item_key) DO UPDATE SET document_id = excluded.document_id`,
      [item.sourceId, item.itemKey, item.documentId],
    );
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
