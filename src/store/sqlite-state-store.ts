/**
 * The state store in one SQLite file (better-sqlite3), the embedded default. WAL mode and immediate
 * transactions let several bot processes on one machine share the file safely. Calls are
 * synchronous underneath and fast; the contract is asynchronous so callers need not know the engine.
 *
 * A file that cannot be used (damaged, emptied, unwritable, disk full) never stops the bot: the
 * store opens anyway, `problem` says what is wrong and how to fix it, and every operation rejects
 * with STATE_UNAVAILABLE with that sentence. A damaged file is closed and never written again.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { userError } from '../core/errors.js';
import { MIGRATIONS } from './migrations.js';
import { type SharedRow, toShared } from './shared-document-rows.js';
import { describeStateFault, EmptyStateFile, isDamage, isStateError, StateDamage } from './state-fault.js';
import {
  DELIVERY_KEEP_MS,
  type LedgerEntry,
  type Reservation,
  type SharedDocument,
  type SharedDocumentChange,
  type StateStore,
  type Subscription,
} from './state-store.js';

interface SubscriptionRow {
  key: string;
  platform: string;
  channel_id: string;
  time: string;
  timezone: string;
  quiet: number;
  created_by: string;
  created_at: string;
  paused_reason: string | null;
  workspace_id: string | null;
}

const toSubscription = (row: SubscriptionRow): Subscription => ({
  key: row.key,
  platform: row.platform,
  channelId: row.channel_id,
  time: row.time,
  timezone: row.timezone,
  quiet: row.quiet === 1,
  createdBy: row.created_by,
  createdAt: row.created_at,
  pausedReason: row.paused_reason,
  ...(row.workspace_id ? { workspaceId: row.workspace_id } : {}),
});

/**
 * Applies the migrations the file has not recorded, under the file's write lock (BEGIN IMMEDIATE):
 * a second process starting at the same moment waits, then finds them applied.
 */
function migrate(db: Database.Database): void {
  db.transaction(() => {
    db.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
    const applied = new Set(
      (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((row) => row.version),
    );
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      db.exec(migration.sqlite);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        new Date().toISOString(),
      );
    }
  }).immediate();
}

/** Opens the file, refusing one that is empty or fails SQLite's own check, and migrates it. */
function connect(path: string): Database.Database {
  if (path !== ':memory:') {
    mkdirSync(dirname(path), { recursive: true });
    if (existsSync(path) && statSync(path).size === 0) throw new EmptyStateFile(`${path} is empty`);
  }
  const db = new Database(path);
  try {
    db.pragma('busy_timeout = 5000');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new StateDamage(String(check).split('\n').slice(0, 2).join('; '));
    db.pragma('journal_mode = WAL');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export class SqliteStateStore implements StateStore {
  readonly engine = 'sqlite';
  private fault: string | undefined;
  /** The file failed SQLite's check: it is never opened again by this process. */
  private damaged = false;
  /** Closed on purpose (shutdown). */
  private closed = false;
  /** When deliveries were last pruned. */
  private prunedAt = Number.NEGATIVE_INFINITY;

  private constructor(
    /** The state file's path. */
    readonly path: string,
    private db: Database.Database | undefined,
  ) {}

  /**
   * Opens (creating when needed) the state file; `:memory:` for a throwaway store. Never throws
   * for a state problem: the store then reports it in `problem` and refuses every operation.
   */
  static open(path: string): SqliteStateStore {
    const store = new SqliteStateStore(path, undefined);
    store.reconnect();
    return store;
  }

  get location(): string {
    return this.path;
  }

  get problem(): string | undefined {
    return this.fault;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.db?.close();
    this.db = undefined;
  }

  /**
   * Tries to open the file (again). A fault that may pass (a full disk, a lock, a folder made
   * writable) is tried again at the next operation; damage is final until the bot restarts.
   */
  private reconnect(): void {
    try {
      this.db = connect(this.path);
      this.fault = undefined;
    } catch (error) {
      if (!isStateError(error)) throw error;
      this.fault = describeStateFault(error, this.path);
      this.damaged = isDamage(error);
    }
  }

  /**
   * Runs one operation on the database. A state error becomes STATE_UNAVAILABLE saying what to
   * fix; damage also closes the file for good, so nothing is written over it.
   */
  private async use<T>(work: (db: Database.Database) => T): Promise<T> {
    if (!this.db && !this.closed && !this.damaged) this.reconnect();
    if (!this.db) throw userError('STATE_UNAVAILABLE', this.fault ?? `the state file ${this.path} is closed.`);
    try {
      return work(this.db);
    } catch (error) {
      if (!isStateError(error)) throw error;
      const problem = describeStateFault(error, this.path);
      if (isDamage(error)) {
        this.fault = problem;
        this.damaged = true;
        this.db.close();
        this.db = undefined;
      }
      throw userError('STATE_UNAVAILABLE', problem);
    }
  }

  schemaVersion(): Promise<number> {
    return this.use(
      (db) =>
        (db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as { version: number }).version,
    );
  }

  ping(): Promise<void> {
    return this.use((db) => void db.prepare('SELECT 1').get());
  }

  // --- subscriptions --------------------------------------------------------------------------

  saveSubscription(subscription: Subscription): Promise<void> {
    return this.use((db) => {
      db.prepare(
        `INSERT INTO subscriptions (key, platform, channel_id, time, timezone, quiet, created_by, created_at, paused_reason, workspace_id)
         VALUES (@key, @platform, @channelId, @time, @timezone, @quiet, @createdBy, @createdAt, NULL, @workspaceId)
         ON CONFLICT (key) DO UPDATE SET time = @time, timezone = @timezone, quiet = @quiet, paused_reason = NULL,
           workspace_id = COALESCE(@workspaceId, workspace_id)`,
      ).run({ ...subscription, quiet: subscription.quiet ? 1 : 0, workspaceId: subscription.workspaceId ?? null });
    });
  }

  removeSubscription(key: string): Promise<boolean> {
    return this.use((db) => db.prepare('DELETE FROM subscriptions WHERE key = ?').run(key).changes > 0);
  }

  removeWorkspaceSubscriptions(platform: string, workspaceId: string): Promise<number> {
    return this.use(
      (db) =>
        db.prepare('DELETE FROM subscriptions WHERE platform = ? AND workspace_id = ?').run(platform, workspaceId)
          .changes,
    );
  }

  async subscription(key: string): Promise<Subscription | undefined> {
    const row = await this.use(
      (db) => db.prepare('SELECT * FROM subscriptions WHERE key = ?').get(key) as SubscriptionRow | undefined,
    );
    return row ? toSubscription(row) : undefined;
  }

  async subscriptions(): Promise<Subscription[]> {
    const rows = await this.use(
      (db) => db.prepare('SELECT * FROM subscriptions ORDER BY key').all() as SubscriptionRow[],
    );
    return rows.map(toSubscription);
  }

  pause(key: string, reason: string): Promise<void> {
    return this.use((db) => {
      db.prepare('UPDATE subscriptions SET paused_reason = ? WHERE key = ?').run(reason, key);
    });
  }

  // --- ledger ---------------------------------------------------------------------------------

  reserve(key: string, date: string, owner: string, now: Date, staleAfterMs: number): Promise<Reservation> {
    return this.use((db) => {
      const take = db.transaction((): Reservation => {
        const row = db
          .prepare('SELECT state, claimed_at FROM digest_ledger WHERE key = ? AND digest_date = ?')
          .get(key, date) as { state: string; claimed_at: string } | undefined;
        if (!row) {
          db.prepare(
            `INSERT INTO digest_ledger (key, digest_date, state, claimed_by, claimed_at) VALUES (?, ?, 'posting', ?, ?)`,
          ).run(key, date, owner, now.toISOString());
          return 'reserved';
        }
        if (row.state === 'posted') return 'posted';
        if (now.getTime() - Date.parse(row.claimed_at) < staleAfterMs) return 'busy';
        db.prepare('UPDATE digest_ledger SET claimed_by = ?, claimed_at = ? WHERE key = ? AND digest_date = ?').run(
          owner,
          now.toISOString(),
          key,
          date,
        );
        return 'stale';
      });
      return take.immediate();
    });
  }

  complete(key: string, date: string, owner: string, ref: string, now: Date): Promise<boolean> {
    const sql = `UPDATE digest_ledger SET state = 'posted', posted_at = ?, message_ref = ?
                 WHERE key = ? AND digest_date = ? AND state = 'posting' AND claimed_by = ?`;
    return this.use((db) => db.prepare(sql).run(now.toISOString(), ref, key, date, owner).changes > 0);
  }

  renew(key: string, date: string, owner: string, now: Date): Promise<boolean> {
    const sql = `UPDATE digest_ledger SET claimed_at = ? WHERE key = ? AND digest_date = ? AND state = 'posting' AND claimed_by = ?`;
    return this.use((db) => db.prepare(sql).run(now.toISOString(), key, date, owner).changes > 0);
  }

  release(key: string, date: string, owner: string): Promise<void> {
    const sql = `DELETE FROM digest_ledger WHERE key = ? AND digest_date = ? AND state = 'posting' AND claimed_by = ?`;
    return this.use((db) => {
      db.prepare(sql).run(key, date, owner);
    });
  }

  async lastPosted(key: string): Promise<{ date: string; postedAt: string } | undefined> {
    const row = await this.use(
      (db) =>
        db
          .prepare(
            `SELECT digest_date, posted_at FROM digest_ledger WHERE key = ? AND state = 'posted' ORDER BY digest_date DESC LIMIT 1`,
          )
          .get(key) as { digest_date: string; posted_at: string } | undefined,
    );
    return row ? { date: row.digest_date, postedAt: row.posted_at } : undefined;
  }

  async ledger(key: string): Promise<LedgerEntry[]> {
    const rows = await this.use(
      (db) =>
        db
          .prepare('SELECT digest_date, state, message_ref FROM digest_ledger WHERE key = ? ORDER BY digest_date')
          .all(key) as { digest_date: string; state: string; message_ref: string | null }[],
    );
    return rows.map((row) => ({ date: row.digest_date, state: row.state, ref: row.message_ref }));
  }

  // --- document arrivals ----------------------------------------------------------------------

  arrivals(documents: readonly { id: string; hash: string }[], now: Date): Promise<Map<string, Date>> {
    return this.use((db) => {
      const read = db.prepare('SELECT hash, arrived_at FROM document_arrivals WHERE document_id = ?');
      const write = db.prepare(
        'INSERT INTO document_arrivals (document_id, hash, arrived_at) VALUES (?, ?, ?) ON CONFLICT (document_id) DO UPDATE SET hash = excluded.hash, arrived_at = excluded.arrived_at',
      );
      const times = new Map<string, Date>();
      db.transaction(() => {
        for (const { id, hash } of documents) {
          const row = read.get(id) as { hash: string; arrived_at: string } | undefined;
          if (row && row.hash === hash) {
            times.set(id, new Date(row.arrived_at));
          } else {
            write.run(id, hash, now.toISOString());
            times.set(id, now);
          }
        }
      }).immediate();
      return times;
    });
  }

  forgetArrival(documentId: string): Promise<void> {
    return this.use((db) => {
      db.prepare('DELETE FROM document_arrivals WHERE document_id = ?').run(documentId);
    });
  }

  // --- deliveries -----------------------------------------------------------------------------

  firstDelivery(id: string, now: Date, keepMs = DELIVERY_KEEP_MS): Promise<boolean> {
    return this.use((db) => {
      // Old ids are pruned at most once a minute, not on every delivery.
      if (now.getTime() - this.prunedAt >= 60_000) {
        this.prunedAt = now.getTime();
        db.prepare('DELETE FROM deliveries WHERE seen_at < ?').run(new Date(now.getTime() - keepMs).toISOString());
      }
      return (
        db
          .prepare('INSERT INTO deliveries (id, seen_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING')
          .run(id, now.toISOString()).changes === 1
      );
    });
  }

  // --- shared documents -----------------------------------------------------------------------

  private changeDocument(id: string, file: string, hash: string | null, body: Uint8Array | null): Promise<void> {
    return this.use((db) => {
      // Under the write lock (immediate), so versions are handed out in commit order.
      db.transaction(() => {
        const row = db.prepare('SELECT hash FROM shared_documents WHERE id = ?').get(id) as
          | { hash: string | null }
          | undefined;
        if (row ? row.hash === hash : hash === null) return; // nothing changes
        const { version } = db
          .prepare('SELECT COALESCE(MAX(version), 0) + 1 AS version FROM shared_documents')
          .get() as {
          version: number;
        };
        db.prepare(
          `INSERT INTO shared_documents (id, file, hash, body, version) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET file = excluded.file, hash = excluded.hash, body = excluded.body, version = excluded.version`,
        ).run(id, file, hash, body ? Buffer.from(body) : null, version);
      }).immediate();
    });
  }

  publishDocument(document: SharedDocument): Promise<void> {
    return this.changeDocument(document.id, document.file, document.hash, document.bytes);
  }

  async unpublishDocument(id: string): Promise<void> {
    const known = await this.use(
      (db) => db.prepare('SELECT file FROM shared_documents WHERE id = ?').get(id) as { file: string } | undefined,
    );
    if (known) await this.changeDocument(id, known.file, null, null);
  }

  sharedDocumentsVersion(): Promise<number> {
    return this.use(
      (db) =>
        (db.prepare('SELECT COALESCE(MAX(version), 0) AS version FROM shared_documents').get() as { version: number })
          .version,
    );
  }

  async sharedDocumentHashes(): Promise<Map<string, string>> {
    const rows = await this.use(
      (db) =>
        db.prepare('SELECT id, hash FROM shared_documents WHERE hash IS NOT NULL').all() as {
          id: string;
          hash: string;
        }[],
    );
    return new Map(rows.map((row) => [row.id, row.hash]));
  }

  async sharedDocumentChanges(afterVersion: number, limit = 100): Promise<SharedDocumentChange[]> {
    const rows = await this.use(
      (db) =>
        db
          .prepare('SELECT * FROM shared_documents WHERE version > ? ORDER BY version LIMIT ?')
          .all(afterVersion, limit) as SharedRow[],
    );
    return rows.map((row) => ({ id: row.id, version: Number(row.version), document: toShared(row) }));
  }

  async sharedDocuments(ids: readonly string[]): Promise<SharedDocument[]> {
    const rows = await this.use((db) => {
      const read = db.prepare('SELECT * FROM shared_documents WHERE id = ? AND hash IS NOT NULL');
      return ids.flatMap((id) => (read.get(id) as SharedRow | undefined) ?? []);
    });
    return rows.flatMap((row) => toShared(row) ?? []);
  }

  // --- Slack installations --------------------------------------------------------------------

  saveInstallation(key: string, data: string, now: Date): Promise<void> {
    return this.use((db) => {
      db.prepare(
        `INSERT INTO slack_installations (key, data, installed_at) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET data = excluded.data, installed_at = excluded.installed_at`,
      ).run(key, data, now.toISOString());
    });
  }

  async installation(key: string): Promise<string | undefined> {
    const row = await this.use(
      (db) => db.prepare('SELECT data FROM slack_installations WHERE key = ?').get(key) as { data: string } | undefined,
    );
    return row?.data;
  }

  deleteInstallation(key: string): Promise<boolean> {
    return this.use((db) => db.prepare('DELETE FROM slack_installations WHERE key = ?').run(key).changes > 0);
  }
}
