/**
 * The state store's contract: what the bot remembers between restarts and shares between replicas
 * (digest subscriptions, the digest ledger, document arrivals, Slack deliveries already answered).
 * Two engines fulfil it: SQLite, one file in STATE_DIR (the embedded default), and PostgreSQL,
 * selected by DATABASE_URL, for several replicas. Every operation is asynchronous, so callers never
 * depend on which engine runs. One contract test suite runs against both.
 *
 * A store that cannot be used (a damaged file, a database that cannot be reached) never stops the
 * bot: it opens anyway, `problem` says what is wrong and how to fix it, and every operation rejects
 * with STATE_UNAVAILABLE carrying that sentence.
 */

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
  /** The Slack workspace (team id) the channel belongs to, when known: an uninstall removes its subscriptions. */
  workspaceId?: string | undefined;
}

/**
 * Outcome of trying to reserve a (channel, day) digest in the ledger. `reserved`: post it.
 * `posted`: done already. `busy`: another process is posting it now. `stale`: an earlier attempt
 * reserved it and never recorded the outcome (a crash); it is now the caller's, who must check the
 * platform for the message before posting again.
 */
export type Reservation = 'reserved' | 'posted' | 'busy' | 'stale';

/** One row of a channel's digest ledger. */
export interface LedgerEntry {
  date: string;
  state: string;
  ref: string | null;
}

export interface StateStore {
  /** Which engine holds the state. */
  readonly engine: 'sqlite' | 'postgres';
  /** Where the state lives, for messages: the file's path, or the database URL without its password. */
  readonly location: string;
  /** What is wrong (and how to fix it) while the store cannot be used; undefined when healthy. */
  readonly problem: string | undefined;
  /** The schema version the store is at (the last migration applied). */
  schemaVersion(): Promise<number>;
  /** Resolves when the store answers a query (readiness); rejects with STATE_UNAVAILABLE otherwise. */
  ping(): Promise<void>;
  /** Releases the file or the connections. Operations after close reject. */
  close(): Promise<void>;

  // --- subscriptions ----------------------------------------------------------------------------
  /** Creates or replaces a channel's subscription (keeping its creation time and un-pausing it). */
  saveSubscription(subscription: Subscription): Promise<void>;
  removeSubscription(key: string): Promise<boolean>;
  subscription(key: string): Promise<Subscription | undefined>;
  subscriptions(): Promise<Subscription[]>;
  /** Stops posting to a channel, saying why. */
  pause(key: string, reason: string): Promise<void>;
  /** Removes every subscription of one platform's workspace (a Slack workspace uninstalled); returns how many. */
  removeWorkspaceSubscriptions(platform: string, workspaceId: string): Promise<number>;

  // --- digest ledger ----------------------------------------------------------------------------
  /**
   * Reserves the digest of (channel, day) for `owner`, atomically across processes and replicas (a
   * write transaction in SQLite, a row lock in PostgreSQL).
   */
  reserve(key: string, date: string, owner: string, now: Date, staleAfterMs: number): Promise<Reservation>;
  /**
   * Records that the digest was posted (or deliberately not: `ref` says which), only while `owner`
   * still holds the reservation. False when another process took it over.
   */
  complete(key: string, date: string, owner: string, ref: string, now: Date): Promise<boolean>;
  /** Keeps `owner`'s reservation fresh while its post is under way. False when it is no longer `owner`'s. */
  renew(key: string, date: string, owner: string, now: Date): Promise<boolean>;
  /** Gives up `owner`'s reservation (a failed post, a shutdown) so the next attempt can take it at once. */
  release(key: string, date: string, owner: string): Promise<void>;
  /** The latest posted digest of a channel. */
  lastPosted(key: string): Promise<{ date: string; postedAt: string } | undefined>;
  /** Every ledger row of a channel, oldest first (for status and tests). */
  ledger(key: string): Promise<LedgerEntry[]>;

  // --- document arrivals ------------------------------------------------------------------------
  /**
   * When each document (in this version) arrived: the recorded time when its hash is unchanged,
   * `now` (and recorded) otherwise. One transaction for the whole list.
   */
  arrivals(documents: readonly { id: string; hash: string }[], now: Date): Promise<Map<string, Date>>;
  /** Forgets a removed document. */
  forgetArrival(documentId: string): Promise<void>;

  // --- deliveries -------------------------------------------------------------------------------
  /**
   * Records a platform delivery id (a Slack event id or trigger id). True for its first delivery,
   * false for a retry already recorded, by this replica or any other. Ids older than `keepMs` are
   * forgotten.
   */
  firstDelivery(id: string, now: Date, keepMs?: number): Promise<boolean>;

  // --- shared documents (corpus changes reaching every replica) ---------------------------------
  /**
   * Adds or replaces a document in the shared collection, giving it the next collection version
   * (nothing changes when its hash is the one recorded). Versions are handed out one writer at a
   * time, so a reader that has seen version n has seen every change up to n.
   */
  publishDocument(document: SharedDocument): Promise<void>;
  /** Marks a document removed from the shared collection (a new version). */
  unpublishDocument(id: string): Promise<void>;
  /** The collection's version: the latest change's (0 when empty). Cheap, for polling. */
  sharedDocumentsVersion(): Promise<number>;
  /** The hash of every document present in the shared collection, by id. */
  sharedDocumentHashes(): Promise<Map<string, string>>;
  /** Documents (present or removed) changed after `version`, oldest change first, at most `limit`. */
  sharedDocumentChanges(afterVersion: number, limit?: number): Promise<SharedDocumentChange[]>;
  /** The given documents as the shared collection holds them (removed or unknown ones are left out). */
  sharedDocuments(ids: readonly string[]): Promise<SharedDocument[]>;

  // --- Slack installations (one bot token per workspace, from the OAuth install flow) -----------
  /** Saves (or replaces) an installation: `key` names the workspace or organisation, `data` is its JSON. */
  saveInstallation(key: string, data: string, now: Date): Promise<void>;
  /** An installation's JSON, if that workspace installed the app. */
  installation(key: string): Promise<string | undefined>;
  /** Forgets an installation (uninstalled, tokens revoked); true when there was one. */
  deleteInstallation(key: string): Promise<boolean>;
}

/** A document as read from a data folder, shared so that every replica indexes it. */
export interface SharedDocument {
  id: string;
  /** Its path inside the data folder (the parser needs the extension). */
  file: string;
  /** Fingerprint of the parsed document (a change makes a new one). */
  hash: string;
  bytes: Uint8Array;
}

/** One document's latest state in the shared collection, at the version it got. */
export interface SharedDocumentChange {
  id: string;
  version: number;
  /** Undefined when it was removed. */
  document: SharedDocument | undefined;
}

/** How long a delivery id is remembered: Slack retries within minutes. */
export const DELIVERY_KEEP_MS = 60 * 60_000;

/** The state file's name inside STATE_DIR. */
export const STATE_FILE = 'briefbot.sqlite';
