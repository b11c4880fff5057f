/**
 * Start-up progress on a large corpus: a progress bar on a terminal (stderr), periodic log lines
 * otherwise, so a minute of indexing is never mistaken for a hang.
 */
import type { OpenProgress } from './core/open-corpus.js';
import type { Logger } from './logger.js';

const LOG_EVERY_MS = 5_000;
const DRAW_EVERY_MS = 100;
const WIDTH = 30;

const VERBS: Record<OpenProgress['phase'], string> = {
  snapshot: 'opening the snapshot of',
  reading: 'reading documents',
  indexing: 'indexing documents',
  checking: 'checking documents against the snapshot',
};

/** A progress callback for openCorpus, and a function to call once it is done (clears the bar). */
export function startupProgress(
  log: Logger,
  stream: NodeJS.WriteStream = process.stderr,
): { onProgress: (progress: OpenProgress) => void; done: () => void } {
  const started = Date.now();
  let last = 0;
  let drawn = false;
  const onProgress = ({ phase, done, total }: OpenProgress): void => {
    if (phase === 'snapshot') return; // nothing to count yet
    const now = Date.now();
    if (stream.isTTY) {
      if (now - last < DRAW_EVERY_MS && done < total) return;
      const filled = total > 0 ? Math.round((done / total) * WIDTH) : WIDTH;
      stream.write(`\r${VERBS[phase]} [${'#'.repeat(filled)}${' '.repeat(WIDTH - filled)}] ${done}/${total}\x1b[K`);
      drawn = true;
    } else {
      if (now - last < LOG_EVERY_MS || now - started < LOG_EVERY_MS) return;
      log.info({ phase, done, total }, `${VERBS[phase]}: ${done} of ${total}`);
    }
    last = now;
  };
  const done = (): void => {
    if (drawn) stream.write('\r\x1b[K');
  };
  return { onProgress, done };
}
