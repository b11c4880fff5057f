/** Shared test fixtures: the bundled corpus, temporary data folders, and the shared question sets. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { BUNDLED_DATA_DIR } from '../src/config.js';
import type { Corpus } from '../src/core/corpus.js';
import { openCorpus } from '../src/core/open-corpus.js';

let bundled: Promise<Corpus> | undefined;

/** The bundled article's corpus, built once per test file. */
export function bundledCorpus(): Promise<Corpus> {
  bundled ??= openCorpus(BUNDLED_DATA_DIR).then((opened) => opened.corpus);
  return bundled;
}

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A temporary data folder holding the given files (text or raw bytes), removed after the test. */
export function dataFolder(files: Record<string, string | Uint8Array>): string {
  const folder = mkdtempSync(join(tmpdir(), 'briefbot-test-'));
  folders.push(folder);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(folder, name), content);
  return folder;
}
