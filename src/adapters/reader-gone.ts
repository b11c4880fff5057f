/** Shared by the console and the CLI: noticing that whoever reads our stdout has gone away. */
import type { Writable } from 'node:stream';

/**
 * Watches an output for its reader going away (EPIPE: `cli ... | head -1`), so the program can stop
 * quietly instead of dying on an unhandled stream error. Other write errors are rethrown.
 */
export function watchReader(output: Writable): { gone: () => boolean; stop: () => void } {
  let gone = false;
  const onError = (error: NodeJS.ErrnoException): void => {
    if (error.code !== 'EPIPE') throw error;
    gone = true;
  };
  output.on('error', onError);
  return { gone: () => gone || output.destroyed, stop: () => output.off('error', onError) };
}
