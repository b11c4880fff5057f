/**
 * When each document of the corpus arrived, kept in the state file so restarts do not make old
 * news new. When the state file cannot be used, times are kept in memory (and the problem is
 * logged once): the documents still load and answer.
 */
import type { Corpus } from '../core/corpus.js';
import type { Logger } from '../logger.js';
import type { StateStore } from '../store/state-store.js';

export class ArrivalLog {
  private readonly times = new Map<string, Date>();
  private reported = false;

  /** Records every document already in the corpus (new ones arrive now, known ones keep their time). */
  constructor(
    private readonly store: StateStore,
    private readonly corpus: Corpus,
    private readonly clock: () => Date = () => new Date(),
    private readonly log?: Logger,
  ) {
    try {
      store.batch(() => {
        for (const document of corpus.documents) this.record(document.id);
      });
    } catch (error) {
      this.report(error);
      for (const document of corpus.documents) this.times.set(document.id, this.times.get(document.id) ?? clock());
    }
  }

  /** When a document arrived (its current version), if it is in the corpus. */
  readonly arrivedAt = (documentId: string): Date | undefined => this.times.get(documentId);

  /** Notes a document added or changed. */
  record(documentId: string): void {
    const hash = this.corpus.hashOf(documentId);
    if (!hash) return;
    try {
      this.times.set(documentId, this.store.arrival(documentId, hash, this.clock()));
    } catch (error) {
      this.report(error);
      this.times.set(documentId, this.clock());
    }
  }

  /** Forgets a removed document. */
  forget(documentId: string): void {
    this.times.delete(documentId);
    try {
      this.store.forgetArrival(documentId);
    } catch (error) {
      this.report(error);
    }
  }

  private report(error: unknown): void {
    if (this.reported) return;
    this.reported = true;
    this.log?.warn({ err: error }, 'document arrival times are kept in memory only: the state file cannot be used');
  }
}
