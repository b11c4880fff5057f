/** When a source is polled next: its interval spread by a fixed per-source offset, backed off after failures. */
import { createHash } from 'node:crypto';

/** Consecutive transient failures after which a source is marked failing and no longer polled. */
export const MAX_FAILURES = 5;
const MINUTE = 60_000;
const MAX_BACKOFF_MS = 24 * 60 * MINUTE;

/** A number in [0, 1) fixed for a URL: its place within the interval, so feeds added together do not fire together. */
export function spreadOf(url: string): number {
  return createHash('sha256').update(url).digest().readUInt32BE(0) / 2 ** 32;
}

/** The next poll after a success: the interval, stretched or shrunk by up to 10% by the source's own offset. */
export function nextPollAfterSuccess(url: string, everyMinutes: number, now: Date): Date {
  const interval = everyMinutes * MINUTE * (0.9 + 0.2 * spreadOf(url));
  return new Date(now.getTime() + interval);
}

/** The next poll after the `failures`th failure in a row: doubling from 1 minute, never before Retry-After, at most 24 h. */
export function nextPollAfterFailure(failures: number, now: Date, retryAfterMs?: number): Date {
  const backoff = Math.min(MINUTE * 2 ** Math.max(0, failures - 1), MAX_BACKOFF_MS);
  const wait = Math.min(Math.max(backoff, retryAfterMs ?? 0), MAX_BACKOFF_MS);
  return new Date(now.getTime() + wait);
}
