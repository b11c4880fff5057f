/**
 * Posts each subscribed channel's digest once a day, exactly once. Every minute (croner) it asks,
 * per subscription, for the latest digest due; the ledger in the state file decides who posts it:
 * a (channel, day) is reserved before posting and recorded after, so a restart, a second process
 * on the same file, or downtime never repeats a digest; after downtime only the latest missed
 * digest is posted, covering everything since the last one. A reservation left by a crash between
 * posting and recording is resolved by looking for the digest's marker in the channel first.
 *
 * Nothing here can stall or stop the bot: every platform call times out, a reservation is kept
 * fresh while its post is under way (a slow post is not taken for abandoned) and recorded only
 * by its owner, channels post independently (one channel's retries delay no other), errors are
 * logged and the next tick goes on, and stop() returns in bounded time even with a hung call.
 */
import { Cron } from 'croner';
import { randomUUID } from 'node:crypto';
import type { Corpus } from '../core/corpus.js';
import { buildDigest } from '../core/digest/build-digest.js';
import type { DocumentScope } from '../core/scope.js';
import type { Logger } from '../logger.js';
import type { StateStore, Subscription } from '../store/state-store.js';
import type { Reply } from '../reply/reply.js';
import { type DigestPoster, PostError } from './poster.js';
import { latestDue } from './schedule.js';
import { abortableSleep, withTimeout } from './timeouts.js';

export interface SchedulerOptions {
  store: StateStore;
  corpus: Corpus;
  /** When each document arrived. */
  arrivedAt: (documentId: string) => Date | undefined;
  /** A channel's collection, by subscription key (`<platform>:<channel>`); undefined: every document. */
  scopeFor?: (key: string) => DocumentScope | undefined;
  /** Posters by platform name ("discord", "slack"). */
  posters: Record<string, DigestPoster>;
  log: Logger;
  /** The current time (a fixed clock in tests). */
  clock?: () => Date;
  /** Waits between retries (instant in tests); `signal` cuts the wait short at shutdown. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Retries of a failed post (platform errors, 5xx, network, timeouts), with exponential backoff. */
  retries?: number;
  /** How often due digests are checked, in seconds (1 to 60; default 60, on the minute). */
  checkEverySeconds?: number;
  /** A reservation not renewed for this long was abandoned by a process that died. */
  staleAfterMs?: number;
  /** Longest one platform call may take before it is abandoned (aborted) and counted as failed. */
  callTimeoutMs?: number;
  /** How often a reservation is renewed while its post is under way (well inside staleAfterMs). */
  renewEveryMs?: number;
  /** Longest stop() waits for posts under way (they are aborted first). */
  stopGraceMs?: number;
  /** Test hook: runs after a post succeeds and before it is recorded (to simulate a crash there). */
  afterPost?: (subscription: Subscription, date: string) => void;
}

/** The text a digest carries so it can be recognised in its channel after a crash. */
export const digestMarker = (date: string): string => `briefbot digest ${date}`;

const MINUTE = 60_000;

export class DigestScheduler {
  private readonly owner = randomUUID();
  private readonly stopping = new AbortController();
  private job: Cron | undefined;
  /** The channels whose digest is being posted now, by subscription key. */
  private readonly posting = new Map<string, Promise<void>>();
  /** The last state problem logged, so a broken state file is reported once, not every minute. */
  private reportedProblem: string | undefined;

  constructor(private readonly options: SchedulerOptions) {}

  private now(): Date {
    return this.options.clock?.() ?? new Date();
  }

  /** Checks every minute, and once now (a digest missed while the bot was down is posted at start). */
  start(): void {
    const every = this.options.checkEverySeconds ?? 60;
    this.job = new Cron(
      every >= 60 ? '* * * * *' : `*/${every} * * * * *`,
      { protect: true, catch: (error) => this.logFailure(error) },
      () => void this.tick(),
    );
    void this.tick();
  }

  /**
   * Stops checking, aborts the posts under way (each releases its reservation) and waits for them,
   * at most stopGraceMs. Resolves true when every post had finished.
   */
  async stop(): Promise<boolean> {
    this.job?.stop();
    this.stopping.abort();
    const grace = this.options.stopGraceMs ?? 5_000;
    const settled = Promise.allSettled([...this.posting.values()]).then(() => true);
    const finished = await Promise.race([settled, abortableSleep(grace).then(() => false)]);
    if (!finished)
      this.options.log.warn({ channels: [...this.posting.keys()] }, 'stopped with digest posts still hanging');
    return finished;
  }

  /**
   * Starts every digest that is due and not yet posted, each channel on its own, and resolves
   * when the ones it started are done. Never throws: failures are logged.
   */
  async tick(): Promise<void> {
    if (this.stopping.signal.aborted) return;
    let subscriptions: Subscription[];
    try {
      subscriptions = await this.options.store.subscriptions();
      this.reportedProblem = undefined;
    } catch (error) {
      this.logFailure(error);
      return;
    }
    const started: Promise<void>[] = [];
    for (const subscription of subscriptions) {
      if (subscription.pausedReason || this.posting.has(subscription.key)) continue;
      const work = this.runDue(subscription)
        .catch((error: unknown) => this.logFailure(error, subscription.key))
        .finally(() => this.posting.delete(subscription.key));
      this.posting.set(subscription.key, work);
      started.push(work);
    }
    await Promise.all(started);
  }

  private logFailure(error: unknown, channel?: string): void {
    const code = (error as { code?: unknown }).code;
    if (code === 'STATE_UNAVAILABLE') {
      const problem = (error as Error).message;
      if (problem !== this.reportedProblem) {
        this.options.log.error({ channel }, `scheduled digests wait for the state file. ${problem}`);
      }
      this.reportedProblem = problem;
      return;
    }
    this.options.log.error({ err: error, channel }, 'digest failed');
  }

  private async runDue(subscription: Subscription): Promise<void> {
    const { store, log } = this.options;
    const now = this.now();
    const due = latestDue(subscription.time, subscription.timezone, now);
    // Subscribed after today's time: the first digest is tomorrow's.
    if (!due || due.instant < new Date(subscription.createdAt)) return;
    const last = await store.lastPosted(subscription.key);
    if (last && last.date >= due.date) return;
    const reservation = await store.reserve(
      subscription.key,
      due.date,
      this.owner,
      now,
      this.options.staleAfterMs ?? 10 * MINUTE,
    );
    if (reservation === 'posted' || reservation === 'busy') return;
    log.info({ channel: subscription.key, date: due.date, reservation }, 'digest reserved; posting');
    const poster = this.options.posters[subscription.platform];
    if (!poster) {
      await store.release(subscription.key, due.date, this.owner);
      return;
    }
    const marker = digestMarker(due.date);
    const record = async (ref: string): Promise<void> => {
      if (await store.complete(subscription.key, due.date, this.owner, ref, this.now())) return;
      const fields = { channel: subscription.key, date: due.date, ref };
      log.warn(fields, 'digest reservation was taken over by another process; its record stands');
    };
    const renewal = this.keepReserved(subscription.key, due.date);
    try {
      if (reservation === 'stale') {
        const found = await this.findPosted(poster, subscription, marker);
        if (found) {
          await record(found);
          log.info({ channel: subscription.key, date: due.date }, 'digest was posted before a crash; recorded it');
          return;
        }
      }
      const since = new Date(last?.postedAt ?? subscription.createdAt);
      const scope = this.options.scopeFor?.(subscription.key);
      const result = await buildDigest(this.options.corpus, {
        since,
        until: now,
        arrivedAt: this.options.arrivedAt,
        ...(scope ? { scope } : {}),
      });
      if (result.sections.length === 0 && subscription.quiet) {
        await record('quiet: nothing new');
        return;
      }
      let ref: string;
      try {
        ref = await this.postWithRetries(poster, subscription, { kind: 'digest', result, marker });
      } catch (error) {
        await store.release(subscription.key, due.date, this.owner);
        if (!(error instanceof PostError && error.permanent)) throw error;
        await store.pause(subscription.key, error.message);
        log.warn(
          { channel: subscription.key, reason: error.message },
          'digest paused: the bot cannot post in this channel',
        );
        return;
      }
      this.options.afterPost?.(subscription, due.date);
      await record(ref);
      log.info({ channel: subscription.key, date: due.date, documents: result.sections.length, ref }, 'digest posted');
    } finally {
      clearInterval(renewal);
    }
  }

  /** Renews the reservation while a post is under way, so a slow post is not taken for abandoned. */
  private keepReserved(key: string, date: string): NodeJS.Timeout {
    const every = this.options.renewEveryMs ?? MINUTE;
    const timer = setInterval(() => {
      this.options.store.renew(key, date, this.owner, this.now()).then(
        (held) => held || clearInterval(timer),
        (error: unknown) => this.logFailure(error, key),
      );
    }, every);
    timer.unref();
    return timer;
  }

  /** The digest already in the channel, if the platform can tell (any failure counts as not found). */
  private findPosted(poster: DigestPoster, subscription: Subscription, marker: string): Promise<string | undefined> {
    const { channelId, workspaceId } = subscription;
    return this.call((signal) => poster.findPosted(channelId, marker, signal, workspaceId)).catch(() => undefined);
  }

  /** One platform call, abandoned (aborted) after callTimeoutMs or at shutdown. */
  private call<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    return withTimeout(work, this.options.callTimeoutMs ?? 30_000, this.stopping.signal);
  }

  private async postWithRetries(poster: DigestPoster, subscription: Subscription, reply: Reply): Promise<string> {
    const retries = this.options.retries ?? 3;
    const sleep = this.options.sleep ?? abortableSleep;
    const marker = reply.kind === 'digest' ? reply.marker : undefined;
    let outcomeUnknown = false;
    for (let attempt = 0; ; attempt++) {
      try {
        // A call that timed out may still have landed: look before posting again.
        if (outcomeUnknown && marker) {
          const found = await this.findPosted(poster, subscription, marker);
          if (found) return found;
        }
        return await this.call((signal) =>
          poster.post(subscription.channelId, reply, signal, subscription.workspaceId),
        );
      } catch (error) {
        const permanent = error instanceof PostError && error.permanent;
        if (permanent || attempt >= retries || this.stopping.signal.aborted) throw error;
        outcomeUnknown ||= error instanceof PostError && error.timedOut;
        const fields = { err: error, channel: subscription.key, attempt: attempt + 1 };
        this.options.log.warn(fields, 'digest post failed; retrying');
        await sleep(1_000 * 4 ** attempt, this.stopping.signal);
      }
    }
  }
}
