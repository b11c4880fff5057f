/**
 * The state store on PostgreSQL (node-postgres), selected by DATABASE_URL, so that several replicas
 * share one state. Every cross-replica guarantee rests on the database: the digest ledger's
 * reservation is a transaction holding the row's lock, a delivery id is recorded by a unique key,
 * and schema migrations run under an advisory lock, so exactly one replica applies them.
 *
 * A database that cannot be reached never stops the bot: the store opens anyway, `problem` says so,
 * operations reject with STATE_UNAVAILABLE, and each later operation tries again.
 */
import pg from 'pg';
import { userError } from '../core/errors.js';
import { MIGRATIONS } from './migrations.js';
import { type SharedRow, toShared } from './shared-document-rows.js';
import {
  DELIVERY_KEEP_MS,
  type LedgerEntry,
  type Reservation,
  type SharedDocument,
  type SharedDocumentChange,
  type StateStore,
  type Subscription,
} from './state-store.js';

/**
 * Error codes meaning the server is out of reach or refusing us, not that our SQL is wrong: connection,
 * shutdown, resources, unknown database or schema, authentication, permission, system.
 */
const UNREACHABLE = /^(E[A-Z]+|08...|57P0[1-3]|53...|3D000|3F000|28...|42501|58...)$/;

const codeOf = (error: unknown): string => String((error as { code?: unknown }).code ?? '');

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the configured DATABASE_URL';
  }
}

interface SubscriptionRow {
  key: string;
  platform: string;
  channel_id: string;
  time: string;
  timezone: string;
  quiet: boolean;
  created_by: string;
  created_at: Date;
  paused_reason: string | null;
  workspace_id: string | null;
}

const toSubscription = (row: SubscriptionRow): Subscription => ({
  key: row.key,
  platform: row.platform,
  channelId: row.channel_id,
  time: row.time,
  timezone: row.timezone,
  quiet: row.quiet,
  createdBy: row.created_by,
  createdAt: row.created_at.toISOString(),
  pausedReason: row.paused_reason,
  ...(row.workspace_id ? { workspaceId: row.workspace_id } : {}),
});

type Query = pg.Pool | pg.PoolClient;

/** How often delivery ids past their keeping time are deleted. */
const PRUNE_EVERY_MS = 60_000;

export class PostgresStateStore implements StateStore {
  readonly engine = 'postgres';
  readonly location: string;
  private readonly pool: pg.Pool;
  private fault: string | undefined;
  private migrated: Promise<void> | undefined;
  private closed = false;
  /** When deliveries were last pruned. */
  private prunedAt = Number.NEGATIVE_INFINITY;

  private constructor(url: string) {
    this.location = redactUrl(url);
    this.pool = new pg.Pool({
      connectionString: url,
      max: 10,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
    });
    // An idle connection dropped by the server must not crash the process: the next query reconnects.
    this.pool.on('error', (error) => {
      this.fault = this.describe(error);
    });
  }

  /** Connects and migrates; never rejects for a database problem (see `problem`). */
  static async open(url: string): Promise<PostgresStateStore> {
    const store = new PostgresStateStore(url);
    await store.ping().catch(() => undefined);
    return store;
  }

  get problem(): string | undefined {
    return this.fault;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  private describe(error: unknown): string {
    const detail = error instanceof Error ? error.message : String(error);
    return (
      `the database ${this.location} cannot be used (${codeOf(error) || 'error'}: ${detail}); ` +
      'digests are tried again as long as the bot runs.'
    );
  }

  /**
   * Applies the migrations the database has not recorded, in one transaction holding an advisory
   * lock (per schema), so replicas starting together apply each exactly once.
   */
  private async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':briefbot-migrations'))`);
      await client.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
      );
      const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
      const applied = new Set(rows.map((row) => row.version));
      for (const migration of MIGRATIONS) {
        if (applied.has(migration.version)) continue;
        await client.query(migration.postgres);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
          migration.version,
          migration.name,
        ]);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** Runs one operation once the schema is migrated; an unreachable database becomes STATE_UNAVAILABLE. */
  private async use<T>(work: (db: pg.Pool) => Promise<T>): Promise<T> {
    if (this.closed) throw userError('STATE_UNAVAILABLE', `the database ${this.location} is closed.`);
    try {
      this.migrated ??= this.migrate().catch((error: unknown) => {
        this.migrated = undefined;
        throw error;
      });
      await this.migrated;
      const result = await work(this.pool);
      this.fault = undefined;
      return result;
    } catch (error) {
      if (!UNREACHABLE.test(codeOf(error)) && !/timeout|terminated|Connection/i.test(String(error))) throw error;
      this.fault = this.describe(error);
      throw userError('STATE_UNAVAILABLE', this.fault);
    }
  }

  /** Runs `work` in one transaction on one connection. */
  private transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.use(async (pool) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    });
  }

  private async rows<R extends pg.QueryResultRow>(db: Query, sql: string, values: unknown[] = []): Promise<R[]> {
    return (await db.query<R>(sql, values)).rows;
  }

  private async count(db: Query, sql: string, values: unknown[]): Promise<number> {
    return (await db.query(sql, values)).rowCount ?? 0;
  }

  async schemaVersion(): Promise<number> {
    const [row] = await this.use((db) =>
      this.rows<{ version: number }>(db, 'SELECT MAX(version) AS version FROM schema_migrations'),
    );
    return row?.version ?? 0;
  }

  async ping(): Promise<void> {
    await this.use((db) => db.query('SELECT 1'));
  }

  // --- subscriptions --------------------------------------------------------------------------

  async saveSubscription(s: Subscription): Promise<void> {
    await this.use((db) =>
      db.query(
        `INSERT INTO subscriptions (key, platform, channel_id, time, timezone, quiet, created_by, created_at, paused_reason, workspace_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, $9)
         ON CONFLICT (key) DO UPDATE SET time = $4, timezone = $5, quiet = $6, paused_reason = NULL,
           workspace_id = COALESCE($9, subscriptions.workspace_id)`,
        [s.key, s.platform, s.channelId, s.time, s.timezone, s.quiet, s.createdBy, s.createdAt, s.workspaceId ?? null],
      ),
    );
  }

  async removeSubscription(key: string): Promise<boolean> {
    return (await this.use((db) => this.count(db, 'DELETE FROM subscriptions WHERE key = $1', [key]))) > 0;
  }

  removeWorkspaceSubscriptions(platform: string, workspaceId: string): Promise<number> {
    return this.use((db) =>
      this.count(db, 'DELETE FROM subscriptions WHERE platform = $1 AND workspace_id = $2', [platform, workspaceId]),
    );
  }

  async subscription(key: string): Promise<Subscription | undefined> {
    const [row] = await this.use((db) =>
      this.rows<SubscriptionRow>(db, 'SELECT * FROM subscriptions WHERE key = $1', [key]),
    );
    return row ? toSubscription(row) : undefined;
  }

  async subscriptions(): Promise<Subscription[]> {
    const rows = await this.use((db) =>
      this.rows<SubscriptionRow>(db, 'SELECT * FROM subscriptions ORDER BY key COLLATE "C"'),
    );
    return rows.map(toSubscription);
  }

  async pause(key: string, reason: string): Promise<void> {
    await this.use((db) => db.query('UPDATE subscriptions SET paused_reason = $1 WHERE key = $2', [reason, key]));
  }

  // --- ledger ---------------------------------------------------------------------------------

  reserve(key: string, date: string, owner: string, now: Date, staleAfterMs: number): Promise<Reservation> {
    return this.transaction(async (client): Promise<Reservation> => {
      const inserted = await this.count(
        client,
        `INSERT INTO digest_ledger (key, digest_date, state, claimed_by, claimed_at) VALUES ($1, $2, 'posting', $3, $4)
         ON CONFLICT (key, digest_date) DO NOTHING`,
        [key, date, owner, now],
      );
      if (inserted === 1) return 'reserved';
      // The row exists: lock it, so that two replicas cannot both take over a stale reservation.
      const [row] = await this.rows<{ state: string; claimed_at: Date }>(
        client,
        'SELECT state, claimed_at FROM digest_ledger WHERE key = $1 AND digest_date = $2 FOR UPDATE',
        [key, date],
      );
      if (!row) return 'busy'; // released between the two statements: the next tick takes it
      if (row.state === 'posted') return 'posted';
      if (now.getTime() - row.claimed_at.getTime() < staleAfterMs) return 'busy';
      await client.query(
        'UPDATE digest_ledger SET claimed_by = $1, claimed_at = $2 WHERE key = $3 AND digest_date = $4',
        [owner, now, key, date],
      );
      return 'stale';
    });
  }

  async complete(key: string, date: string, owner: string, ref: string, now: Date): Promise<boolean> {
    const sql = `UPDATE digest_ledger SET state = 'posted', posted_at = $1, message_ref = $2
                 WHERE key = $3 AND digest_date = $4 AND state = 'posting' AND claimed_by = $5`;
    return (await this.use((db) => this.count(db, sql, [now, ref, key, date, owner]))) > 0;
  }

  async renew(key: string, date: string, owner: string, now: Date): Promise<boolean> {
    const sql = `UPDATE digest_ledger SET claimed_at = $1 WHERE key = $2 AND digest_date = $3 AND state = 'posting' AND claimed_by = $4`;
    return (await this.use((db) => this.count(db, sql, [now, key, date, owner]))) > 0;
  }

  async release(key: string, date: string, owner: string): Promise<void> {
    const sql = `DELETE FROM digest_ledger WHERE key = $1 AND digest_date = $2 AND state = 'posting' AND claimed_by = $3`;
    await this.use((db) => db.query(sql, [key, date, owner]));
  }

  async lastPosted(key: string): Promise<{ date: string; postedAt: string } | undefined> {
    const [row] = await this.use((db) =>
      this.rows<{ digest_date: string; posted_at: Date }>(
        db,
        `SELECT digest_date, posted_at FROM digest_ledger WHERE key = $1 AND state = 'posted' ORDER BY digest_date DESC LIMIT 1`,
        [key],
      ),
    );
    return row ? { date: row.digest_date, postedAt: row.posted_at.toISOString() } : undefined;
  }

  async ledger(key: string): Promise<LedgerEntry[]> {
    const rows = await this.use((db) =>
      this.rows<{ digest_date: string; state: string; message_ref: string | null }>(
        db,
        'SELECT digest_date, state, message_ref FROM digest_ledger WHERE key = $1 ORDER BY digest_date',
        [key],
      ),
    );
    return rows.map((row) => ({ date: row.digest_date, state: row.state, ref: row.message_ref }));
  }

  // --- document arrivals ----------------------------------------------------------------------

  arrivals(documents: readonly { id: string; hash: string }[], now: Date): Promise<Map<string, Date>> {
    return this.transaction(async (client) => {
      // Inserts the new and changed ones in one statement, then reads every time back.
      const ids = documents.map((document) => document.id);
      const hashes = documents.map((document) => document.hash);
      await client.query(
        `INSERT INTO document_arrivals (document_id, hash, arrived_at)
         SELECT id, hash, $3 FROM unnest($1::text[], $2::text[]) AS given (id, hash)
         ON CONFLICT (document_id) DO UPDATE SET hash = excluded.hash, arrived_at = excluded.arrived_at
         WHERE document_arrivals.hash <> excluded.hash`,
        [ids, hashes, now],
      );
      const rows = await this.rows<{ document_id: string; arrived_at: Date }>(
        client,
        'SELECT document_id, arrived_at FROM document_arrivals WHERE document_id = ANY($1::text[])',
        [ids],
      );
      return new Map(rows.map((row) => [row.document_id, row.arrived_at]));
    });
  }

  async forgetArrival(documentId: string): Promise<void> {
    await this.use((db) => db.query('DELETE FROM document_arrivals WHERE document_id = $1', [documentId]));
  }

  // --- deliveries -----------------------------------------------------------------------------

  async firstDelivery(id: string, now: Date, keepMs = DELIVERY_KEEP_MS): Promise<boolean> {
    return this.use(async (db) => {
      // Old ids are pruned at most once a minute, not on every delivery (one query instead of two).
      if (now.getTime() - this.prunedAt >= PRUNE_EVERY_MS) {
        this.prunedAt = now.getTime();
        await db.query('DELETE FROM deliveries WHERE seen_at < $1', [new Date(now.getTime() - keepMs)]);
      }
      return (
        (await this.count(db, 'INSERT INTO deliveries (id, seen_at) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [
          id,
          now,
        ])) === 1
      );
    });
  }

  // --- shared documents -----------------------------------------------------------------------

  /**
   * One change to the shared collection. Writers take an advisory lock first, so versions are
   * handed out (and committed) one at a time: a reader that saw version n missed nothing below it.
   */
  private changeDocument(id: string, file: string, hash: string | null, body: Uint8Array | null): Promise<void> {
    return this.transaction(async (client) => {
      await client.query(`SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':briefbot-documents'))`);
      const [row] = await this.rows<{ hash: string | null }>(
        client,
        'SELECT hash FROM shared_documents WHERE id = $1',
        [id],
      );
      if (row ? row.hash === hash : hash === null) return; // nothing changes
      await client.query(
        `INSERT INTO shared_documents (id, file, hash, body, version)
         VALUES ($1, $2, $3, $4, (SELECT COALESCE(MAX(version), 0) + 1 FROM shared_documents))
         ON CONFLICT (id) DO UPDATE SET file = excluded.file, hash = excluded.hash, body = excluded.body, version = excluded.version`,
        [id, file, hash, body ? Buffer.from(body) : null],
      );
    });
  }

  publishDocument(document: SharedDocument): Promise<void> {
    return this.changeDocument(document.id, document.file, document.hash, document.bytes);
  }

  async unpublishDocument(id: string): Promise<void> {
    const [known] = await this.use((db) =>
      this.rows<{ file: string }>(db, 'SELECT file FROM shared_documents WHERE id = $1', [id]),
    );
    if (known) await this.changeDocument(id, known.file, null, null);
  }

  async sharedDocumentsVersion(): Promise<number> {
    const [row] = await this.use((db) =>
      this.rows<{ version: string }>(db, 'SELECT COALESCE(MAX(version), 0) AS version FROM shared_documents'),
    );
    return Number(row?.version ?? 0);
  }

  async sharedDocumentHashes(): Promise<Map<string, string>> {
    const rows = await this.use((db) =>
      this.rows<{ id: string; hash: string }>(db, 'SELECT id, hash FROM shared_documents WHERE hash IS NOT NULL'),
    );
    return new Map(rows.map((row) => [row.id, row.hash]));
  }

  async sharedDocumentChanges(afterVersion: number, limit = 100): Promise<SharedDocumentChange[]> {
    const rows = await this.use((db) =>
      this.rows<SharedRow>(db, 'SELECT * FROM shared_documents WHERE version > $1 ORDER BY version LIMIT $2', [
        afterVersion,
        limit,
      ]),
    );
    return rows.map((row) => ({ id: row.id, version: Number(row.version), document: toShared(row) }));
  }

  async sharedDocuments(ids: readonly string[]): Promise<SharedDocument[]> {
    const rows = await this.use((db) =>
      this.rows<SharedRow>(db, 'SELECT * FROM shared_documents WHERE id = ANY($1::text[]) AND hash IS NOT NULL', [
        [...ids],
      ]),
    );
    return rows.flatMap((row) => toShared(row) ?? []);
  }

  // --- Slack installations --------------------------------------------------------------------

  async saveInstallation(key: string, data: string, now: Date): Promise<void> {
    await this.use((db) =>
      db.query(
        `INSERT INTO slack_installations (key, data, installed_at) VALUES ($1, $2, $3)
         ON CONFLICT (key) DO UPDATE SET data = excluded.data, installed_at = excluded.installed_at`,
        [key, data, now],
      ),
    );
  }

  async installation(key: string): Promise<string | undefined> {
    // The JSON text as stored (not JSONB's normalised form), so both engines give back what was saved.
    const [row] = await this.use((db) =>
      this.rows<{ data: string }>(db, 'SELECT data::text AS data FROM slack_installations WHERE key = $1', [key]),
    );
    return row?.data;
  }

  async deleteInstallation(key: string): Promise<boolean> {
    return (await this.use((db) => this.count(db, 'DELETE FROM slack_installations WHERE key = $1', [key]))) > 0;
  }
}
