/**
 * Posts each subscribed channel's digest once a day, exactly once. Every minute (croner) it asks,
 * per subscription, for the latest digest due; the ledger in the state file decides who posts it:
 * a (channel, day) is reserved before posting and recorded after, so a restart, a second process on
 * the same file, or downtime never repeats a digest; after downtime only the latest missed digest
 * is posted, covering everything since the last one. A reservation left by a crash between posting and
 * recording is resolved by looking for the digest's marker in the channel before posting again.
 */
import { Cron } from 'croner';
import { randomUUID } from 'node:crypto';
import type { Corpus } from '../core/corpus.js';
import { buildDigest } from '../core/digest/build-digest.js';
import type { Logger } from '../logger.js';
import type { StateStore, Subscription } from '../store/state-store.js';
import { type DigestPoster, PostError } from './poster.js';
import { latestDue } from './schedule.js';

export interface SchedulerOptions {
  store: StateStore;
  corpus: Corpus;
  /** When each document arrived. */
  arrivedAt: (documentId: string) => Date | undefined;
  /** Posters by platform name ("discord", "slack"). */
  posters: Record<string, DigestPoster>;
  log: Logger;
  /** The current time (a fixed clock in tests). */
  clock?: () => Date;
  /** Waits between retries (instant in tests). */
  sleep?: (ms: number) => Promise<void>;
  /** Retries of a failed post (platform errors, 5xx, network), with exponential backoff. */
  retries?: number;
  /** A reservation older than this was abandoned by a process that died. */
  staleAfterMs?: number;
  /** Test hook: runs after a post succeeds and before it is recorded (to simulate a crash there). */
  afterPost?: (subscription: Subscription, date: string) => void;
}

/** The text a digest carries so it can be recognised in its channel after a crash. */
export const digestMarker = (date: string): string => `briefbot digest ${date}`;

export class DigestScheduler {
  private readonly owner = randomUUID();
  private job: Cron | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly options: SchedulerOptions) {}

  private now(): Date {
    return this.options.clock?.() ?? new Date();
  }

  /** Checks every minute, and once now (a digest missed while the bot was down is posted at start). */
  start(): void {
    this.job = new Cron('* * * * *', { protect: true }, () => void this.tick());
    void this.tick();
  }

  /** Stops checking and waits for a tick in progress. */
  async stop(): Promise<void> {
    this.job?.stop();
    await this.running;
  }

  /** Posts every digest that is due and not yet posted. */
  async tick(): Promise<void> {
    if (this.running) return this.running;
    this.running = (async () => {
      for (const subscription of this.options.store.subscriptions()) {
        if (subscription.pausedReason) continue;
        try {
          await this.runDue(subscription);
        } catch (error) {
          this.options.log.error({ err: error, channel: subscription.key }, 'digest failed');
        }
      }
    })();
    try {
      await this.running;
    } finally {
      this.running = undefined;
    }
  }

  private async runDue(subscription: Subscription): Promise<void> {
    const { store, log } = this.options;
    const now = this.now();
    const due = latestDue(subscription.time, subscription.timezone, now);
    // Subscribed after today's time: the first digest is tomorrow's.
    if (!due || due.instant < new Date(subscription.createdAt)) return;
    const last = store.lastPosted(subscription.key);
    if (last && last.date >= due.date) return;
    const reservation = store.reserve(subscription.key, due.date, this.owner, now, this.options.staleAfterMs ?? 10 * 60_000);
    if (reservation === 'posted' || reservation === 'busy') return;
    const poster = this.options.posters[subscription.platform];
    if (!poster) {
      store.release(subscription.key, due.date);
      return;
    }
    const marker = digestMarker(due.date);
    if (reservation === 'stale') {
      const found = await poster.findPosted(subscription.channelId, marker).catch(() => undefined);
      if (found) {
        store.complete(subscription.key, due.date, found, now);
        log.info({ channel: subscription.key, date: due.date }, 'digest was posted before a crash; recorded it');
        return;
      }
    }
    const result = buildDigest(this.options.corpus, { since: new Date(last?.postedAt ?? subscription.createdAt), until: now, arrivedAt: this.options.arrivedAt });
    if (result.sections.length === 0 && subscription.quiet) {
      store.complete(subscription.key, due.date, 'quiet: nothing new', now);
      return;
    }
    let ref: string;
    try {
      ref = await this.postWithRetries(poster, subscription, { kind: 'digest', result, marker });
    } catch (error) {
      store.release(subscription.key, due.date);
      if (!(error instanceof PostError && error.permanent)) throw error;
      store.pause(subscription.key, error.message);
      log.warn({ channel: subscription.key, reason: error.message }, 'digest paused: the bot cannot post in this channel');
      return;
    }
    this.options.afterPost?.(subscription, due.date);
    store.complete(subscription.key, due.date, ref, this.now());
    log.info({ channel: subscription.key, date: due.date, documents: result.sections.length, ref }, 'digest posted');
  }

  private async postWithRetries(poster: DigestPoster, subscription: Subscription, reply: Parameters<DigestPoster['post']>[1]): Promise<string> {
    const retries = this.options.retries ?? 3;
    const sleep = this.options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    for (let attempt = 0; ; attempt++) {
      try {
        return await poster.post(subscription.channelId, reply);
      } catch (error) {
        if ((error instanceof PostError && error.permanent) || attempt >= retries) throw error;
        this.options.log.warn({ err: error, channel: subscription.key, attempt: attempt + 1 }, 'digest post failed; retrying');
        await sleep(1_000 * 4 ** attempt);
      }
    }
  }
}
