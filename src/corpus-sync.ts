/**
 * Several replicas, one collection. With a shared state store (PostgreSQL), every document a
 * replica reads from its data folder is published there, and every replica applies the changes
 * others published: a document added, changed or removed through one replica's folder is answered
 * by all within about a second (each polls the collection's version, one indexed MAX query, and
 * reads only the changes after the version it has). Since all replicas index the same documents,
 * they answer from the same corpus version, the one /sources shows.
 *
 * A replica's watcher removes only documents that came from its own folder: documents another
 * replica published stay until that replica removes them.
 */
import { join } from 'node:path';
import { type Corpus, documentHash } from './core/corpus.js';
import { listDocumentFiles, parseDocument, readDocumentFile } from './core/load-documents.js';
import type { FolderChange } from './corpus-watcher.js';
import type { ArrivalLog } from './digest/arrivals.js';
import type { Logger } from './logger.js';
import type { SharedDocument, StateStore } from './store/state-store.js';

export interface CorpusSyncOptions {
  store: StateStore;
  corpus: Corpus;
  dataDir: string;
  log: Logger;
  arrivals?: ArrivalLog | undefined;
  /** How often the collection's version is checked. */
  pollMs?: number;
}

/** How many changes are read per query while catching up. */
const BATCH = 100;

export class CorpusSync {
  /** The collection version this replica has applied. */
  private version = 0;
  /** Ids of the documents read from this replica's own folder. */
  private readonly local = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private pulling: Promise<void> | undefined;
  private reported = false;
  /** The first exchange with the collection is done (it is retried at each poll until it is). */
  joined = false;

  constructor(private readonly options: CorpusSyncOptions) {}

  /** Whether a document came from this replica's folder (the watcher removes only those). */
  readonly fromFolder = (documentId: string): boolean => this.local.has(documentId);

  /** The collection version applied here. */
  get appliedVersion(): number {
    return this.version;
  }

  /**
   * Publishes the folder's documents the collection lacks (or holds in another version), takes the
   * collection's documents this replica lacks, then polls for changes.
   */
  async start(): Promise<void> {
    const every = this.options.pollMs ?? 1_000;
    this.timer = setInterval(() => void this.poll(), every);
    this.timer.unref();
    await this.poll();
  }

  private async join(): Promise<void> {
    const { store, corpus, dataDir, log } = this.options;
    const version = await store.sharedDocumentsVersion();
    const shared = await store.sharedDocumentHashes();
    let published = 0;
    for (const file of await listDocumentFiles(dataDir).catch(() => [] as string[])) {
      const read = await readDocumentFile(join(dataDir, file), file);
      if ('problem' in read) continue;
      const parsed = parseDocument(file, read.bytes);
      if ('problem' in parsed) continue;
      this.local.add(parsed.id);
      const hash = documentHash(parsed);
      // Only what this replica indexed (the watcher reports later edits).
      if (shared.get(parsed.id) === hash || corpus.hashOf(parsed.id) !== hash) continue;
      await store.publishDocument({ id: parsed.id, file, hash, bytes: read.bytes });
      shared.set(parsed.id, hash);
      published++;
    }
    const missing = [...shared].filter(([id, hash]) => corpus.hashOf(id) !== hash).map(([id]) => id);
    for (const document of await store.sharedDocuments(missing)) await this.apply(document.id, document);
    this.version = version;
    await this.pull();
    this.joined = true;
    log.info({ published, taken: missing.length, version: this.version }, 'shared collection in step');
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.pulling;
  }

  /** A change in this replica's folder: published for the others. */
  async folderChanged(change: FolderChange): Promise<void> {
    const { store, corpus } = this.options;
    if (change.kind === 'removed') {
      this.local.delete(change.documentId);
      await store.unpublishDocument(change.documentId);
      return;
    }
    this.local.add(change.documentId);
    const hash = corpus.hashOf(change.documentId);
    if (!hash || !change.file || !change.bytes) return;
    await store.publishDocument({ id: change.documentId, file: change.file, hash, bytes: change.bytes });
  }

  /** Checks the version, and applies the changes when it moved; one check at a time. */
  poll(): Promise<void> {
    this.pulling ??= (this.joined ? this.pullIfMoved() : this.join())
      .then(
        () => {
          this.reported = false;
        },
        (error: unknown) => {
          if (!this.reported) this.options.log.warn({ err: error }, 'cannot read the shared collection; retrying');
          this.reported = true;
        },
      )
      .finally(() => {
        this.pulling = undefined;
      });
    return this.pulling;
  }

  private async pullIfMoved(): Promise<void> {
    if ((await this.options.store.sharedDocumentsVersion()) > this.version) await this.pull();
  }

  private async pull(): Promise<void> {
    for (;;) {
      const changes = await this.options.store.sharedDocumentChanges(this.version, BATCH);
      for (const change of changes) {
        await this.apply(change.id, change.document);
        this.version = change.version;
      }
      if (changes.length < BATCH) return;
    }
  }

  /** Brings one document of the corpus in line with the collection. */
  private async apply(id: string, document: SharedDocument | undefined): Promise<void> {
    const { corpus, log, arrivals } = this.options;
    if (!document) {
      if (!corpus.document(id)) return;
      corpus.remove(id);
      this.local.delete(id);
      await arrivals?.forget(id);
      log.info({ document: id }, 'document removed by another replica');
      return;
    }
    if (corpus.hashOf(id) === document.hash) return;
    const parsed = parseDocument(document.file, document.bytes);
    if ('problem' in parsed) {
      log.warn({ document: id, problem: parsed.problem }, 'a shared document cannot be read; skipped');
      return;
    }
    try {
      corpus.add(parsed);
    } catch (error) {
      log.error({ err: error, document: id }, 'cannot index a shared document; skipped');
      return;
    }
    await arrivals?.record(id);
    log.info({ document: id }, 'document added by another replica');
  }
}
