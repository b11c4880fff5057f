/** Shared test fixtures: the bundled corpus, temporary data folders, and the shared question sets. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';
import { BUNDLED_DATA_DIR } from '../src/config.js';
import type { Corpus } from '../src/core/corpus.js';
import type { SourceDocument } from '../src/core/document.js';
import { loadDocuments } from '../src/core/load-documents.js';
import { openCorpus } from '../src/core/open-corpus.js';
import { MONTH_NAMES } from '../src/core/timeline/calendar.js';
import { SqliteStateStore as StateStore } from '../src/store/sqlite-state-store.js';
import type { Subscription } from '../src/store/state-store.js';

let bundled: Promise<Corpus> | undefined;

/** The bundled article's corpus, built once per test file. */
export function bundledCorpus(): Promise<Corpus> {
  bundled ??= openCorpus(BUNDLED_DATA_DIR).then((opened) => opened.corpus);
  return bundled;
}

/** A document made in the test, titled by its id. */
export function sourceDocument(id: string, body: string): SourceDocument {
  return { id, path: `${id}.md`, title: id, titleFromFrontMatter: false, tags: [], body };
}

/** One document of a folder as loaded from its file, body included (the corpus keeps no bodies). */
export async function loadDocument(folder: string, id: string): Promise<SourceDocument> {
  const document = (await loadDocuments(folder)).documents.find((candidate) => candidate.id === id);
  if (!document) throw new Error(`no document ${id} in ${folder}`);
  return document;
}

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A temporary data folder holding the given files (text or raw bytes), removed after the test. */
export function dataFolder(files: Record<string, string | Uint8Array>): string {
  const folder = mkdtempSync(join(tmpdir(), 'briefbot-test-'));
  folders.push(folder);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, name)), { recursive: true });
    writeFileSync(join(folder, name), content);
  }
  return folder;
}

/** A long dated chronicle: one dated sentence a day from 1 January 2024, for limits tests. */
export function chronicleDocument(days: number): string {
  const sentences = Array.from({ length: days }, (_, i) => {
    const day = new Date(Date.UTC(2024, 0, 1 + i));
    const date = `${MONTH_NAMES[day.getUTCMonth()]} ${day.getUTCDate()}, ${day.getUTCFullYear()}`;
    return `On ${date}, the council of Veridia met for session number ${i + 1} and recorded its long deliberations in full.`;
  });
  return `---\ntitle: A long chronicle\npublished: 2024-12-31\n---\n\n${sentences.join('\n\n')}`;
}

/** A daily digest subscription of a Discord channel at 08:30 UTC, made by U1; fields can be overridden. */
export function discordSubscription(channelId: string, overrides: Partial<Subscription> = {}): Subscription {
  return {
    key: `discord:${channelId}`,
    platform: 'discord',
    channelId,
    time: '08:30',
    timezone: 'UTC',
    quiet: false,
    createdBy: 'U1',
    createdAt: '2025-03-27T00:00:00.000Z',
    pausedReason: null,
    ...overrides,
  };
}

/**
 * Writes a state file holding 60 Discord digest subscriptions, then damages one of its data pages,
 * as a disk fault would. Returns the damaged bytes, so a test can check they were never written over.
 */
export async function writeDamagedStateFile(path: string): Promise<Buffer> {
  const store = StateStore.open(path);
  for (let n = 10; n < 70; n++) await store.saveSubscription(discordSubscription(`11000000000000000${n}`));
  await store.close();
  const bytes = readFileSync(path);
  bytes.fill(0xab, 2 * 4096, 3 * 4096);
  writeFileSync(path, bytes);
  return bytes;
}
