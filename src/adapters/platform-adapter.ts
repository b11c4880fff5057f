/**
 * The contract every chat platform adapter (Discord, Slack) fulfils, and the bookkeeping of the
 * requests it is answering, written once: stop taking new ones, let those in flight finish, but
 * never wait on them forever.
 */
import type { DigestPoster } from '../digest/poster.js';

export interface PlatformAdapter {
  /** The platform's name, as subscriptions carry it ("discord", "slack"). */
  readonly platform: string;
  /** Posts scheduled digests through this adapter's connection. */
  readonly poster: DigestPoster;
  /** Connects; resolves once requests are received. Throws when the platform refuses (bad token, port in use). */
  start(): Promise<void>;
  /** Stops taking requests, lets the replies in flight finish (within a bounded wait), then disconnects. */
  stop(): Promise<void>;
}

/** How long stop() waits for replies in flight before disconnecting anyway. */
export const STOP_GRACE_MS = 10_000;

/** The requests an adapter is answering. */
export class InFlight {
  private readonly running = new Set<Promise<unknown>>();
  private closed = false;

  /** True once stop has begun: new requests are turned away. */
  get stopping(): boolean {
    return this.closed;
  }

  /** Runs `work` and tracks it until it settles; resolves or rejects as `work` does. */
  track<T>(work: () => Promise<T>): Promise<T> {
    const running = work();
    this.running.add(running);
    void running.then(
      () => this.running.delete(running),
      () => this.running.delete(running),
    );
    return running;
  }

  /** Turns new requests away and waits for those in flight, at most `graceMs`; resolves with how many were left. */
  async drain(graceMs = STOP_GRACE_MS): Promise<number> {
    this.closed = true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
      timer.unref();
    });
    await Promise.race([Promise.allSettled([...this.running]), timeout]);
    clearTimeout(timer);
    return this.running.size;
  }
}
