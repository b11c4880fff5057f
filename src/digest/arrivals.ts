/** When each document of the corpus arrived, kept in the state file so restarts do not make old news new. */
import type { Corpus } from '../core/corpus.js';
import type { StateStore } from '../store/state-store.js';

export class ArrivalLog {
  private readonly times = new Map<string, Date>();

  /** Records every document already in the corpus (new ones arrive now, known ones keep their time). */
  constructor(
    private readonly store: StateStore,
    private readonly corpus: Corpus,
    private readonly clock: () => Date = () => new Date(),
  ) {
    store.batch(() => {
      for (const document of corpus.documents) this.record(document.id);
    });
  }

  /** When a document arrived (its current version), if it is in the corpus. */
  readonly arrivedAt = (documentId: string): Date | undefined => this.times.get(documentId);

  /** Notes a document added or changed. */
  record(documentId: string): void {
    const hash = this.corpus.hashOf(documentId);
    if (hash) this.times.set(documentId, this.store.arrival(documentId, hash, this.clock()));
  }

  /** Forgets a removed document. */
  forget(documentId: string): void {
    this.times.delete(documentId);
    this.store.forgetArrival(documentId);
  }
}
