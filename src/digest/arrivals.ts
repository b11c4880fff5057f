/**
 * When each document of the corpus arrived, kept in the state store so restarts do not make old
 * news new. When the store cannot be used, times are kept in memory (and the problem is logged
 * once): the documents still load and answer.
 */
import type { Corpus } from '../core/corpus.js';
import type { Logger } from '../logger.js';
import type { StateStore } from '../store/state-store.js';

export class ArrivalLog {
  private readonly times = new Map<string, Date>();
  private reported = false;

  private constructor(
    private readonly store: StateStore,
    private readonly corpus: Corpus,
    private readonly clock: () => Date,
    private readonly log?: Logger,
  ) {}

  /** Records every document already in the corpus (new ones arrive now, known ones keep their time). */
  static async open(
    store: StateStore,
    corpus: Corpus,
    clock: () => Date = () => new Date(),
    log?: Logger,
  ): Promise<ArrivalLog> {
    const arrivals = new ArrivalLog(store, corpus, clock, log);
    await arrivals.recordAll(corpus.documents.map((document) => document.id));
    return arrivals;
  }

  /** When a document arrived (its current version), if it is in the corpus. */
  readonly arrivedAt = (documentId: string): Date | undefined => this.times.get(documentId);

  /** Notes a document added or changed. */
  record(documentId: string): Promise<void> {
    return this.recordAll([documentId]);
  }

  /** Notes documents added or changed, in one transaction. */
  async recordAll(documentIds: readonly string[]): Promise<void> {
    const documents = documentIds.flatMap((id) => {
      const hash = this.corpus.hashOf(id);
      return hash ? [{ id, hash }] : [];
    });
    if (documents.length === 0) return;
    try {
      const times = await this.store.arrivals(documents, this.clock());
      for (const { id } of documents) this.times.set(id, times.get(id) ?? this.clock());
    } catch (error) {
      this.report(error);
      for (const { id } of documents) this.times.set(id, this.clock());
    }
  }

  /** Forgets a removed document. */
  async forget(documentId: string): Promise<void> {
    this.times.delete(documentId);
    try {
      await this.store.forgetArrival(documentId);
    } catch (error) {
      this.report(error);
    }
  }

  private report(error: unknown): void {
    if (this.reported) return;
    this.reported = true;
    this.log?.warn({ err: error }, 'document arrival times are kept in memory only: the state store cannot be used');
  }
}
