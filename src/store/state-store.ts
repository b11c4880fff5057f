/**
 * Durable state in one SQLite file (better-sqlite3): digest subscriptions, the digest ledger that
 * makes each (channel, day) post happen exactly once, and when each document arrived. WAL mode and
 * immediate transactions let several bot processes share the file safely.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

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

export class StateStore {
  private constructor(private readonly db: Database.Database) {}

  /** Runs `work` in one transaction (many writes at start-up cost one commit). */
  batch(work: () => void): void {
    this.db.transaction(work)();
  }

  /** Opens (creating when needed) the state file; `:memory:` for a throwaway store. */
  static open(path: string): StateStore {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.exec(SCHEMA);
    return new StateStore(db);
  }

  close(): void {
    this.db.close();
  }

  // --- subscriptions --------------------------------------------------------------------------

  /** Creates or replaces a channel's subscription (keeping its creation time and un-pausing it). */
  saveSubscription(subscription: Subscription): void {
    this.db
      .prepare(
        `INSERT INTO subscriptions (key, platform, channel_id, time, timezone, quiet, created_by, created_at, paused_reason)
         VALUES (@key, @platform, @channelId, @time, @timezone, @quiet, @createdBy, @createdAt, NULL)
         ON CONFLICT (key) DO UPDATE SET time = @time, timezone = @timezone, quiet = @quiet, paused_reason = NULL`,
      )
      .run({ ...subscription, quiet: subscription.quiet ? 1 : 0 });
  }

  removeSubscription(key: string): boolean {
    return this.db.prepare('DELETE FROM subscriptions WHERE key = ?').run(key).changes > 0;
  }

  subscription(key: string): Subscription | undefined {
    const row = this.db.prepare('SELECT * FROM subscriptions WHERE key = ?').get(key) as SubscriptionRow | undefined;
    return row ? toSubscription(row) : undefined;
  }

  subscriptions(): Subscription[] {
    return (this.db.prepare('SELECT * FROM subscriptions ORDER BY key').all() as SubscriptionRow[]).map(toSubscription);
  }

  /** Stops posting to a channel, saying why. */
  pause(key: string, reason: string): void {
    this.db.prepare('UPDATE subscriptions SET paused_reason = ? WHERE key = ?').run(reason, key);
  }

  // --- ledger ---------------------------------------------------------------------------------

  /**
   * Reserves the digest of (channel, day) for `owner`. `reserved`: post it. `posted`: done already.
   * `busy`: another process is posting it now. `stale`: an earlier attempt reserved it and never
   * recorded the outcome (a crash); it is now `owner`'s, who must check the platform for the
   * message before posting again.
   */
  reserve(key: string, date: string, owner: string, now: Date, staleAfterMs: number): Reservation {
    const take = this.db.transaction((): Reservation => {
      const row = this.db.prepare('SELECT state, claimed_at FROM digest_ledger WHERE key = ? AND digest_date = ?').get(key, date) as
        | { state: string; claimed_at: string }
        | undefined;
      if (!row) {
        this.db.prepare(`INSERT INTO digest_ledger (key, digest_date, state, claimed_by, claimed_at) VALUES (?, ?, 'posting', ?, ?)`).run(key, date, owner, now.toISOString());
        return 'reserved';
      }
      if (row.state === 'posted') return 'posted';
      if (now.getTime() - Date.parse(row.claimed_at) < staleAfterMs) return 'busy';
      this.db.prepare('UPDATE digest_ledger SET claimed_by = ?, claimed_at = ? WHERE key = ? AND digest_date = ?').run(owner, now.toISOString(), key, date);
      return 'stale';
    });
    return take.immediate();
  }

  /** Records that the digest of (channel, day) was posted (or deliberately not: `ref` says which). */
  complete(key: string, date: string, ref: string, now: Date): void {
    this.db.prepare(`UPDATE digest_ledger SET state = 'posted', posted_at = ?, message_ref = ? WHERE key = ? AND digest_date = ?`).run(now.toISOString(), ref, key, date);
  }

  /** Gives up a reservation (a failed post) so the next attempt can take it at once. */
  release(key: string, date: string): void {
    this.db.prepare(`DELETE FROM digest_ledger WHERE key = ? AND digest_date = ? AND state = 'posting'`).run(key, date);
  }

  /** The latest posted digest of a channel. */
  lastPosted(key: string): { date: string; postedAt: string } | undefined {
    const row = this.db
      .prepare(`SELECT digest_date, posted_at FROM digest_ledger WHERE key = ? AND state = 'posted' ORDER BY digest_date DESC LIMIT 1`)
      .get(key) as { digest_date: string; posted_at: string } | undefined;
    return row ? { date: row.digest_date, postedAt: row.posted_at } : undefined;
  }

  /** Every ledger row of a channel, oldest first (for status and tests). */
  ledger(key: string): { date: string; state: string; ref: string | null }[] {
    return (this.db.prepare('SELECT digest_date, state, message_ref FROM digest_ledger WHERE key = ? ORDER BY digest_date').all(key) as { digest_date: string; state: string; message_ref: string | null }[]).map(
      (row) => ({ date: row.digest_date, state: row.state, ref: row.message_ref }),
    );
  }

  // --- document arrivals ----------------------------------------------------------------------

  /** When a document (in this version) arrived: recorded now the first time its content is seen. */
  arrival(documentId: string, hash: string, now: Date): Date {
    const row = this.db.prepare('SELECT hash, arrived_at FROM document_arrivals WHERE document_id = ?').get(documentId) as { hash: string; arrived_at: string } | undefined;
    if (row && row.hash === hash) return new Date(row.arrived_at);
    this.db
      .prepare('INSERT INTO document_arrivals (document_id, hash, arrived_at) VALUES (?, ?, ?) ON CONFLICT (document_id) DO UPDATE SET hash = excluded.hash, arrived_at = excluded.arrived_at')
      .run(documentId, hash, now.toISOString());
    return now;
  }

  /** Forgets a removed document. */
  forgetArrival(documentId: string): void {
    this.db.prepare('DELETE FROM document_arrivals WHERE document_id = ?').run(documentId);
  }
}
