/**
 * Durable state in one SQLite file (better-sqlite3): digest subscriptions, the digest ledger that
 * makes each (channel, day) post happen exactly once, and when each document arrived. WAL mode and
 * immediate transactions let several bot processes share the file safely.
 *
 * A file that cannot be used (damaged, emptied, unwritable, disk full) never stops the bot: the
 * store opens anyway, `problem` says what is wrong and how to fix it, and every operation throws
 * STATE_UNAVAILABLE with that sentence. A damaged file is closed and never written again.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { userError } from '../core/errors.js';
import { describeStateFault, EmptyStateFile, isDamage, isStateError, StateDamage } from './state-fault.js';

/** One channel's daily digest. */
export interface Subscription {
  /** `<platform>:<channel id>`. */
  key: string;
  platform: string;
  channelId: string;
  /** Local time of day, HH:MM. */
  time: string;
  /** IANA time zone the time is in. */
  timezone: string;
  /** Post nothing (rather than "nothing new") on days without news. */
  quiet: boolean;
  createdBy: string;
  /** ISO instant. */
  createdAt: string;
  /** Why posting stopped (the bot lost access), or null while active. */
  pausedReason: string | null;
}

/**
 * Outcome of trying to reserve a (channel, day) digest in the ledger. (A "claim" elsewhere is a
 * sentence of a document; the ledger's columns keep their old names claimed_by/claimed_at.)
 */
export type Reservation = 'reserved' | 'posted' | 'busy' | 'stale';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS subscriptions (
  key TEXT PRIMARY KEY, platform TEXT NOT NULL, channel_id TEXT NOT NULL, time TEXT NOT NULL,
  timezone TEXT NOT NULL, quiet INTEGER NOT NULL, created_by TEXT NOT NULL, created_at TEXT NOT NULL,
  paused_reason TEXT
);
CREATE TABLE IF NOT EXISTS digest_ledger (
  key TEXT NOT NULL, digest_date TEXT NOT NULL, state TEXT NOT NULL CHECK (state IN ('posting', 'posted')),
  claimed_by TEXT NOT NULL, claimed_at TEXT NOT NULL, posted_at TEXT, message_ref TEXT,
  PRIMARY KEY (key, digest_date)
);
CREATE TABLE IF NOT EXISTS document_arrivals (
  document_id TEXT PRIMARY KEY, hash TEXT NOT NULL, arrived_at TEXT NOT NULL
);
`;

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
});

/** Opens the file, refusing one that is empty or fails SQLite's own check. */
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
    db.exec(SCHEMA);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export class StateStore {
  private fault: string | undefined;
  /** The file failed SQLite's check: it is never opened again by this process. */
  private damaged = false;
  /** Closed on purpose (shutdown). */
  private closed = false;

  private constructor(
    /** The state file's path. */
    readonly path: string,
    private db: Database.Database | undefined,
  ) {}

  /**
   * Opens (creating when needed) the state file; `:memory:` for a throwaway store. Never throws
   * for a state problem: the store then reports it in `problem` and refuses every operation.
   */
  static open(path: string): StateStore {
    const store = new StateStore(path, undefined);
    store.reconnect();
    return store;
  }

  /** What is wrong with the state file (and how to fix it) while it cannot be used; undefined when healthy. */
  get problem(): string | undefined {
    return this.fault;
  }

  close(): void {
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
  private use<T>(work: (db: Database.Database) => T): T {
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

  /** Runs `work` in one transaction (many writes at start-up cost one commit). */
  batch(work: () => void): void {
    this.use((db) => db.transaction(work)());
  }

  // --- subscriptions --------------------------------------------------------------------------

  /** Creates or replaces a channel's subscription (keeping its creation time and un-pausing it). */
  saveSubscription(subscription: Subscription): void {
    this.use((db) =>
      db
        .prepare(
          `INSERT INTO subscriptions (key, platform, channel_id, time, timezone, quiet, created_by, created_at, paused_reason)
         VALUES (@key, @platform, @channelId, @time, @timezone, @quiet, @createdBy, @createdAt, NULL)
         ON CONFLICT (key) DO UPDATE SET time = @time, timezone = @timezone, quiet = @quiet, paused_reason = NULL`,
        )
        .run({ ...subscription, quiet: subscription.quiet ? 1 : 0 }),
    );
  }

  removeSubscription(key: string): boolean {
    return this.use((db) => db.prepare('DELETE FROM subscriptions WHERE key = ?').run(key).changes > 0);
  }

  subscription(key: string): Subscription | undefined {
    const row = this.use(
      (db) => db.prepare('SELECT * FROM subscriptions WHERE key = ?').get(key) as SubscriptionRow | undefined,
    );
    return row ? toSubscription(row) : undefined;
  }

  subscriptions(): Subscription[] {
    return this.use((db) => db.prepare('SELECT * FROM subscriptions ORDER BY key').all() as SubscriptionRow[]).map(
      toSubscription,
    );
  }

  /** Stops posting to a channel, saying why. */
  pause(key: string, reason: string): void {
    this.use((db) => db.prepare('UPDATE subscriptions SET paused_reason = ? WHERE key = ?').run(reason, key));
  }

  // --- ledger ---------------------------------------------------------------------------------

  /**
   * Reserves the digest of (channel, day) for `owner`. `reserved`: post it. `posted`: done already.
   * `busy`: another process is posting it now. `stale`: an earlier attempt reserved it and never
   * recorded the outcome (a crash); it is now `owner`'s, who must check the platform for the
   * message before posting again.
   */
  reserve(key: string, date: string, owner: string, now: Date, staleAfterMs: number): Reservation {
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

  /**
   * Records that the digest of (channel, day) was posted (or deliberately not: `ref` says which),
   * only while `owner` still holds the reservation. False when another process took it over (it
   * went stale): that process decides, and this one must not overwrite its record.
   */
  complete(key: string, date: string, owner: string, ref: string, now: Date): boolean {
    const sql = `UPDATE digest_ledger SET state = 'posted', posted_at = ?, message_ref = ?
                 WHERE key = ? AND digest_date = ? AND state = 'posting' AND claimed_by = ?`;
    return this.use((db) => db.prepare(sql).run(now.toISOString(), ref, key, date, owner).changes > 0);
  }

  /**
   * Keeps `owner`'s reservation fresh while its post is still under way, so that no other process
   * takes it for abandoned. False when it is no longer `owner`'s.
   */
  renew(key: string, date: string, owner: string, now: Date): boolean {
    const sql = `UPDATE digest_ledger SET claimed_at = ? WHERE key = ? AND digest_date = ? AND state = 'posting' AND claimed_by = ?`;
    return this.use((db) => db.prepare(sql).run(now.toISOString(), key, date, owner).changes > 0);
  }

  /** Gives up `owner`'s reservation (a failed post) so the next attempt can take it at once. */
  release(key: string, date: string, owner: string): void {
    const sql = `DELETE FROM digest_ledger WHERE key = ? AND digest_date = ? AND state = 'posting' AND claimed_by = ?`;
    this.use((db) => db.prepare(sql).run(key, date, owner));
  }

  /** The latest posted digest of a channel. */
  lastPosted(key: string): { date: string; postedAt: string } | undefined {
    const row = this.use(
      (db) =>
        db
          .prepare(
            `SELECT digest_date, posted_at FROM digest_ledger WHERE key = ? AND state = 'posted' ORDER BY digest_date DESC LIMIT 1`,
          )
          .get(key) as { digest_date: string; posted_at: string } | undefined,
    );
    return row ? { date: row.digest_date, postedAt: row.posted_at } : undefined;
  }

  /** Every ledger row of a channel, oldest first (for status and tests). */
  ledger(key: string): { date: string; state: string; ref: string | null }[] {
    return (
      this.use((db) =>
        db
          .prepare('SELECT digest_date, state, message_ref FROM digest_ledger WHERE key = ? ORDER BY digest_date')
          .all(key),
      ) as { digest_date: string; state: string; message_ref: string | null }[]
    ).map((row) => ({ date: row.digest_date, state: row.state, ref: row.message_ref }));
  }

  // --- document arrivals ----------------------------------------------------------------------

  /** When a document (in this version) arrived: recorded now the first time its content is seen. */
  arrival(documentId: string, hash: string, now: Date): Date {
    return this.use((db) => {
      const row = db.prepare('SELECT hash, arrived_at FROM document_arrivals WHERE document_id = ?').get(documentId) as
        | { hash: string; arrived_at: string }
        | undefined;
      if (row && row.hash === hash) return new Date(row.arrived_at);
      db.prepare(
        'INSERT INTO document_arrivals (document_id, hash, arrived_at) VALUES (?, ?, ?) ON CONFLICT (document_id) DO UPDATE SET hash = excluded.hash, arrived_at = excluded.arrived_at',
      ).run(documentId, hash, now.toISOString());
      return now;
    });
  }

  /** Forgets a removed document. */
  forgetArrival(documentId: string): void {
    this.use((db) => db.prepare('DELETE FROM document_arrivals WHERE document_id = ?').run(documentId));
  }
}
