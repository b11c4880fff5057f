/** Time limits for platform calls: a call that never answers is abandoned, and aborted. */
import { PostError } from './poster.js';

/** Waits `ms`, or less when `signal` aborts. Never holds the process open. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    timer.unref();
    signal?.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}

/**
 * Runs `work` with a signal that aborts after `ms` or when `outer` aborts (shutdown), and settles
 * then at the latest: with a PostError marked timedOut, or one saying the bot is stopping.
 */
export function withTimeout<T>(work: (signal: AbortSignal) => Promise<T>, ms: number, outer?: AbortSignal): Promise<T> {
  const controller = new AbortController();
  return new Promise<T>((resolve, reject) => {
    const finish = (settle: () => void): void => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onStop);
      settle();
    };
    const timer = setTimeout(() => {
      controller.abort();
      const limit = ms < 1_000 ? `${ms} ms` : `${Math.round(ms / 1_000)} s`;
      finish(() => reject(new PostError(`no answer from the platform within ${limit}`, false, true)));
    }, ms);
    timer.unref();
    const onStop = (): void => {
      controller.abort();
      finish(() => reject(new PostError('abandoned: the bot is shutting down', false, true)));
    };
    if (outer?.aborted) return onStop();
    outer?.addEventListener('abort', onStop, { once: true });
    work(controller.signal).then(
      (value) => finish(() => resolve(value)),
      (error: unknown) => finish(() => reject(error)),
    );
  });
}
