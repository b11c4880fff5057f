/**
 * Long work shares the event loop: a command that runs for seconds (a digest over every document,
 * a first /timeline) gives the loop a turn every few milliseconds, so the bot keeps acknowledging
 * and answering other people's requests meanwhile instead of missing the platforms' deadlines.
 */

/** Longest stretch of work between two turns of the event loop. */
export const SLICE_MS = 15;

/** A turn of the event loop: pending I/O (other requests, timers) runs before the work resumes. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * A checkpoint to await between steps of long work: it resolves at once while the current slice is
 * short, and gives the event loop a turn once the slice has run for `sliceMs`.
 */
export function createCheckpoint(sliceMs = SLICE_MS): () => Promise<void> {
  let sliceStart = performance.now();
  return async () => {
    if (performance.now() - sliceStart < sliceMs) return;
    await nextTurn();
    sliceStart = performance.now();
  };
}
