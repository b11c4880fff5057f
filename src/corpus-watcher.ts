/**
 * Keeps the corpus in step with the data folder while the bot runs: a file added, changed or
 * removed is noticed (file watching, debounced), the index is updated for that document only, and
 * its arrival is recorded. A document that becomes unreadable or invalid keeps its last good
 * version indexed, with a warning.
 */
import { type FSWatcher, watch } from 'node:fs';
import { join, sep } from 'node:path';
import { type Corpus, documentHash } from './core/corpus.js';
import type { LoadWarning } from './core/document.js';
import { findDocumentFiles, parseDocument, readDocumentFile, stampHolds, stampOf } from './core/load-documents.js';
import type { Logger } from './logger.js';
import { warningLine } from './open-data.js';

export interface WatcherOptions {
  dataDir: string;
  corpus: Corpus;
  log: Logger;
  /** Called for a document added or changed (to record its arrival, or share it) and removed. */
  onChange?: (change: FolderChange) => void | Promise<void>;
  /**
   * Whether a document of the corpus came from this folder (default: all do). Only those are
   * removed when their file goes: documents that reached the corpus another way (from another
   * replica) stay.
   */
  fromFolder?: (documentId: string) => boolean;
  /** Quiet time before a burst of file events is acted on. */
  debounceMs?: number;
  /** How long to wait before looking again for a data folder that went away. */
  retryMs?: number;
}

/** A document added, changed or removed in the data folder. */
export interface FolderChange {
  documentId: string;
  kind: 'added' | 'changed' | 'removed';
  /** Its path in the folder and the bytes read (added or changed). */
  file?: string;
  bytes?: Uint8Array;
}

export class CorpusWatcher {
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private scanning: Promise<void> = Promise.resolve();
  private retry: NodeJS.Timeout | undefined;
  /** Folder warnings already logged ("x.md: is a link out of the data folder"): each once, not every rescan. */
  private readonly warned = new Set<string>();
  private watching = false;

  constructor(private readonly options: WatcherOptions) {}

  start(): void {
    this.watching = true;
    this.watcher = watch(this.options.dataDir, { recursive: true }, () => this.schedule());
    this.watcher.on('error', (error) => this.options.log.error({ err: error }, 'watching the data folder failed'));
  }

  stop(): void {
    this.watching = false;
    clearTimeout(this.timer);
    clearTimeout(this.retry);
    this.retry = undefined;
    this.watcher?.close();
  }

  /**
   * A folder that went away (deleted, a volume unmounted) sends no more events, even once it is
   * back: look for it again now and then, and watch it anew when it is there.
   */
  private watchAgainLater(): void {
    if (!this.watching || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.watcher?.close();
      try {
        this.start();
      } catch {
        this.watchAgainLater(); // still gone
        return;
      }
      this.schedule(); // what changed while it was gone
    }, this.options.retryMs ?? 5000);
    this.retry.unref();
  }

  /** Resolves once any pending rescan has run (for tests and shutdown). */
  async settled(): Promise<void> {
    await this.scanning;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.scanning = this.scanning
        .then(() => this.rescan())
        .catch((error: unknown) => this.options.log.error({ err: error }, 'rescan failed'));
    }, this.options.debounceMs ?? 300);
  }

  /** Brings the corpus in line with the folder, re-indexing only the documents that changed. */
  async rescan(): Promise<void> {
    const { corpus, dataDir, log } = this.options;
    let files: string[];
    try {
      const listing = await findDocumentFiles(dataDir);
      files = listing.files;
      this.warnOnce(listing.warnings);
    } catch (error) {
      log.warn({ err: error }, 'data folder unreadable; keeping the documents already loaded');
      this.watchAgainLater();
      return;
    }
    const present = new Set<string>();
    // A file whose size and time are those it was read with is not read again: an edit to one of
    // 20,000 files re-read all of them (4.9 s).
    const byPath = new Map(corpus.records().map((record) => [record.document.path, record]));
    for (const file of files) {
      const record = byPath.get(sep === '/' ? file : file.split(sep).join('/'));
      if (record?.file && stampHolds(join(dataDir, file), record.file)) {
        present.add(record.document.id);
        continue;
      }
      const read = await readDocumentFile(join(dataDir, file), file);
      if ('problem' in read) {
        // Being written or unreadable: keep the last good version, if any.
        log.warn({ file, problem: read.problem }, `${file} ${read.problem}; keeping its last good version`);
        present.add(file.replace(/\.[^.]+$/, ''));
        continue;
      }
      const parsed = parseDocument(file, read.bytes, (warning) => log.warn(warning, warningLine(warning)));
      if ('problem' in parsed) {
        log.warn(
          { file, problem: parsed.problem },
          `skipped ${file}: it ${parsed.problem}; keeping its last good version`,
        );
        present.add(file.replace(/\.[^.]+$/, ''));
        continue;
      }
      present.add(parsed.id);
      const before = corpus.hashOf(parsed.id);
      if (before === documentHash(parsed)) continue;
      // One document that fails to index (or to record) is logged; the others still go in.
      try {
        corpus.add(parsed, { file: stampOf(read) });
      } catch (error) {
        log.error({ err: error, file }, `cannot index ${file}; keeping its last good version`);
        continue;
      }
      log.info({ document: parsed.id }, before ? 'document changed' : 'document added');
      await this.notify({ documentId: parsed.id, kind: before ? 'changed' : 'added', file, bytes: read.bytes });
    }
    const fromFolder = this.options.fromFolder ?? (() => true);
    for (const document of corpus.documents) {
      if (present.has(document.id) || !fromFolder(document.id)) continue;
      corpus.remove(document.id);
      log.info({ document: document.id }, 'document removed');
      await this.notify({ documentId: document.id, kind: 'removed' });
    }
  }

  /** Logs the walk's warnings (a link out of the folder, a FIFO) the first time each is met. */
  private warnOnce(warnings: readonly LoadWarning[]): void {
    for (const warning of warnings) {
      const key = `${warning.file}\n${warning.problem}`;
      if (this.warned.has(key)) continue;
      this.warned.add(key);
      this.options.log.warn(warning, warningLine(warning));
    }
  }

  private async notify(change: FolderChange): Promise<void> {
    try {
      await this.options.onChange?.(change);
    } catch (error) {
      this.options.log.error({ err: error, document: change.documentId }, 'recording a document change failed');
    }
  }
}
