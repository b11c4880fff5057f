/**
 * A channel's collection: which documents of the one shared corpus a command may read. The corpus
 * (claims, index) is shared by every channel; a scope only filters, so fifty channels following the
 * same feeds index their articles once.
 */
import type { Corpus } from './corpus.js';

export interface DocumentScope {
  /** Changes whenever what the scope admits does (part of cache keys). */
  readonly key: string;
  has(documentId: string): boolean;
}

/** A claim-key filter for the index, deciding once per document. */
export function claimFilter(corpus: Corpus, scope: DocumentScope): (key: number) => boolean {
  const decided = new Map<number, boolean>();
  return (key) => {
    const slot = corpus.documentSlotOf(key);
    let admitted = decided.get(slot);
    if (admitted === undefined) {
      admitted = scope.has(corpus.contextOf(key).document.id);
      decided.set(slot, admitted);
    }
    return admitted;
  };
}
