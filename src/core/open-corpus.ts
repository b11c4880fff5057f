/**
 * Loads a data folder into a ready corpus: the one call adapters and tools make at start-up.
 * With a state folder, the corpus is saved there as a snapshot (one per data folder) and loaded
 * from it next time: only documents whose files changed (size or modification time, then content
 * hash) are read again, new ones added and removed ones dropped. A damaged or older snapshot is
 * rebuilt, with a note saying so. It also loads the word vectors /ask ranks with, so a missing or
 * corrupt vectors file is one warning here.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, realpathSync } from 'node:fs';
import { basename, join, resolve, sep } from 'node:path';
import { createCheckpoint } from './cooperative.js';
import { Corpus } from './corpus.js';
import { loadSnapshotInTurns, saveSnapshot, saveSnapshotInTurns } from './corpus-snapshot.js';
import type { LoadWarning, SourceDocument } from './document.js';
import {
  findDocumentFiles,
  noDocumentsError,
  readDocuments,
  stampHolds,
  type FileStamp,
  type ReadDocument,
} from './load-documents.js';
import { semanticData } from './semantic-data.js';
import { SnapshotError } from './store/snapshot-file.js';

/**
 * How far start-up has come: opening the snapshot (`total` the files found), checking files
 * against it, reading files, or indexing them.
 */
export interface OpenProgress {
  phase: 'snapshot' | 'checking' | 'reading' | 'indexing';
  done: number;
  total: number;
}

export interface OpenOptions {
  /** Folder for the snapshot; without one the corpus is built from the files every time. */
  stateDir?: string;
  onProgress?: (progress: OpenProgress) => void;
}

/** What happened to the snapshot at this start. */
export interface SnapshotReport {
  path: string;
  /** The corpus came from the snapshot (with `changes` applied) rather than a full build. */
  loaded: boolean;
  changes: { added: number; changed: number; removed: number };
  /** Why an existing snapshot was not used (damaged, older format), for a warning. */
  problem?: string;
  /** Size of the snapshot written, when one was. */
  savedBytes?: number;
  /** Why saving failed, for a warning (the corpus is served anyway). */
  saveProblem?: string;
}

export interface OpenedCorpus {
  corpus: Corpus;
  /** Files skipped or cut, one warning each, for the caller to log. */
  warnings: LoadWarning[];
  snapshot?: SnapshotReport;
}

/** Where the snapshot of a data folder lives in a state folder: one file per data folder. */
export function snapshotPath(stateDir: string, dataDir: string): string {
  let folder = resolve(dataDir);
  try {
    folder = realpathSync(folder);
  } catch {
    // A missing folder fails later, with its own message.
  }
  const key = createHash('sha256').update(folder).digest('hex').slice(0, 16);
  const name =
    basename(folder)
      .replace(/[^\w.-]+/g, '_')
      .slice(0, 40) || 'data';
  return join(stateDir, 'snapshots', `${name}-${key}.snapshot`);
}

/** A file's path as records keep it, with `/` (as it already is where `/` separates). */
const withPath = (file: string): string => (sep === '/' ? file : file.split(sep).join('/'));

/**
 * Loads and indexes every document of a folder; throws a UserError when none loads. Long steps
 * give the event loop a turn every few milliseconds, so a bot that connected first keeps
 * answering (with how far loading is) while a large corpus builds or loads.
 */
export async function openCorpus(dataDir: string, options: OpenOptions = {}): Promise<OpenedCorpus> {
  const listing = await findDocumentFiles(dataDir);
  const warnings = [...listing.warnings];
  const progress = options.onProgress;
  if (options.stateDir === undefined) {
    const corpus = await buildCorpus(dataDir, listing.files, warnings, progress);
    return { corpus, warnings: withSemantic(sorted(warnings)) };
  }
  const path = snapshotPath(options.stateDir, dataDir);
  const report: SnapshotReport = { path, loaded: false, changes: { added: 0, changed: 0, removed: 0 } };
  let corpus: Corpus | undefined;
  try {
    progress?.({ phase: 'snapshot', done: 0, total: listing.files.length });
    corpus = await loadSnapshotInTurns(path);
  } catch (error) {
    if (!(error instanceof SnapshotError)) throw error;
    if (error.reason !== 'missing')
      report.problem = `The snapshot ${path} ${error.message}: rebuilding it from the documents.`;
  }
  let save = true;
  if (corpus) {
    report.loaded = true;
    const { changes, touched } = await refresh(corpus, dataDir, listing.files, warnings, progress);
    report.changes = changes;
    if (corpus.records().length === 0) throw noDocumentsError(dataDir, sorted(warnings));
    save = touched + changes.added + changes.changed + changes.removed > 0;
  } else {
    corpus = await buildCorpus(dataDir, listing.files, warnings, progress);
  }
  if (save) await saveTo(corpus, report);
  return { corpus, warnings: withSemantic(sorted(warnings)), snapshot: report };
}

/** The word vectors' warning, if they cannot be used, after the documents' ones. */
function withSemantic(warnings: LoadWarning[]): LoadWarning[] {
  const { warning } = semanticData();
  return warning ? [...warnings, warning] : warnings;
}

/** Saves the corpus's snapshot now (after its dated mentions were computed, say); returns its size. */
export function saveCorpusSnapshot(corpus: Corpus, stateDir: string, dataDir: string): number {
  const path = snapshotPath(stateDir, dataDir);
  mkdirSync(join(stateDir, 'snapshots'), { recursive: true });
  corpus.mentionsAdded = false;
  return saveSnapshot(path, corpus);
}

async function saveTo(corpus: Corpus, report: SnapshotReport): Promise<void> {
  try {
    mkdirSync(join(report.path, '..'), { recursive: true });
    corpus.mentionsAdded = false;
    report.savedBytes = await saveSnapshotInTurns(report.path, corpus);
  } catch (error) {
    report.saveProblem = `The snapshot ${report.path} could not be saved (${(error as NodeJS.ErrnoException).code ?? String(error)}): the next start will read every document again.`;
  }
}

function sorted(warnings: LoadWarning[]): LoadWarning[] {
  return warnings.sort((a, b) => a.file.localeCompare(b.file));
}

async function buildCorpus(
  dataDir: string,
  files: string[],
  warnings: LoadWarning[],
  progress: OpenOptions['onProgress'],
): Promise<Corpus> {
  const read = await readDocuments(dataDir, files, (done) =>
    progress?.({ phase: 'reading', done, total: files.length }),
  );
  const items = loaded(read, warnings);
  if (items.length === 0) throw noDocumentsError(dataDir, sorted(warnings));
  const corpus = new Corpus();
  const checkpoint = createCheckpoint();
  for (let i = 0; i < items.length; i++) {
    const { document, ...facts } = items[i]!;
    corpus.add(document, facts, false);
    if (i % 100 === 99) progress?.({ phase: 'indexing', done: i + 1, total: items.length });
    await checkpoint();
  }
  corpus.indexAll();
  progress?.({ phase: 'indexing', done: items.length, total: items.length });
  return corpus;
}

function loaded(
  read: ReadDocument[],
  warnings: LoadWarning[],
): { document: SourceDocument; file?: FileStamp; warnings: LoadWarning[] }[] {
  const items: { document: SourceDocument; file?: FileStamp; warnings: LoadWarning[] }[] = [];
  for (const result of read) {
    warnings.push(...result.warnings);
    if (result.document)
      items.push({
        document: result.document,
        ...(result.stamp ? { file: result.stamp } : {}),
        warnings: result.warnings,
      });
  }
  return items;
}

/** Brings a loaded snapshot in line with the folder: re-reads changed files, adds new ones, drops removed ones. */
async function refresh(
  corpus: Corpus,
  dataDir: string,
  files: string[],
  warnings: LoadWarning[],
  progress: OpenOptions['onProgress'],
): Promise<{ changes: SnapshotReport['changes']; touched: number }> {
  const changes = { added: 0, changed: 0, removed: 0 };
  let touched = 0;
  const byPath = new Map(corpus.records().map((record) => [record.document.path, record]));
  const present = new Set<string>();
  const toRead: string[] = [];
  const checkpoint = createCheckpoint();
  const folder = resolve(dataDir) + sep; // joined by hand: path.join's normalising cost a third of 100k checks
  for (let i = 0; i < files.length; i++) {
    if (i % 256 === 0) await checkpoint(); // an await per file cost more than its stat
    const file = files[i]!;
    const path = withPath(file);
    present.add(path);
    const stamp = byPath.get(path)?.file;
    const same = stamp !== undefined && stampHolds(folder + file, stamp);
    if (same) warnings.push(...(byPath.get(path)!.warnings ?? []));
    else toRead.push(file);
    if (i % 1000 === 999) progress?.({ phase: 'checking', done: i + 1, total: files.length });
  }
  const read = await readDocuments(dataDir, toRead, (done) =>
    progress?.({ phase: 'reading', done, total: toRead.length }),
  );
  for (let i = 0; i < read.length; i++) {
    await checkpoint();
    const result = read[i]!;
    const path = withPath(toRead[i]!);
    const record = byPath.get(path);
    if (record && result.stamp && record.file && result.stamp.sha256 === record.file.sha256) {
      record.file = result.stamp; // touched, not changed
      touched++;
      warnings.push(...result.warnings);
      continue;
    }
    warnings.push(...result.warnings);
    if (result.document) {
      corpus.add(result.document, { ...(result.stamp ? { file: result.stamp } : {}), warnings: result.warnings });
      if (record) changes.changed++;
      else changes.added++;
    } else if (record) {
      corpus.remove(record.document.id); // broken now: a full build would skip it too
      changes.removed++;
    }
  }
  for (const [path, record] of byPath) {
    if (present.has(path)) continue;
    corpus.remove(record.document.id);
    changes.removed++;
  }
  corpus.tidy();
  return { changes, touched };
}
