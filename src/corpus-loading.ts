/**
 * How far start-up has come opening the documents. With Discord or Slack the adapters connect
 * before a large corpus is built or loaded, and a command sent meanwhile is answered at once with
 * how far loading is ("still loading 4,000 of 10,000 documents"), instead of timing out.
 */
import type { OpenProgress } from './core/open-corpus.js';

/** Where loading is: a phase of openCorpus and its counts, or `starting` before the first count. */
export interface LoadingStatus {
  phase: OpenProgress['phase'] | 'starting';
  done: number;
  total: number;
}

export class CorpusLoading {
  private status: LoadingStatus | undefined = { phase: 'starting', done: 0, total: 0 };

  /** Records openCorpus's progress (until finished). */
  readonly update = (progress: OpenProgress): void => {
    if (this.status) this.status = { phase: progress.phase, done: progress.done, total: progress.total };
  };

  /** Loading is over (loaded or failed): commands run from now on. */
  finish(): void {
    this.status = undefined;
  }

  /** Where loading is, or undefined once it is over. */
  readonly current = (): LoadingStatus | undefined => this.status;
}
