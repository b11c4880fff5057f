/**
 * Dates documents' claims ahead of the work that needs them (the first /timeline, a digest, the
 * warm-up at start), a document at a time, giving the event loop a turn every few milliseconds so
 * the bot keeps answering meanwhile. Documents already dated cost nothing. A document that fails
 * is reported and skipped: the others are still dated.
 */
import { createCheckpoint } from '../cooperative.js';
import type { Corpus } from '../corpus.js';
import type { DocumentInfo } from '../document.js';
import { datedClaimsOf } from './events.js';

export interface WarmOptions {
  /** The documents to date (default every document). */
  documents?: readonly DocumentInfo[];
  /** Told about a document whose dating failed; without it the failure is thrown. */
  onError?: (documentId: string, error: unknown) => void;
}

/** Computes (and caches) the dated mentions of the documents. */
export async function warmDates(
  corpus: Corpus,
  { documents = corpus.documents, onError }: WarmOptions = {},
): Promise<void> {
  const checkpoint = createCheckpoint();
  for (const document of documents) {
    await checkpoint();
    try {
      datedClaimsOf(corpus, document);
    } catch (error) {
      if (!onError) throw error;
      onError(document.id, error);
    }
  }
}

/** Dates every document in the background after start-up, ahead of the first /timeline or digest. */
export const warmTimeline = (corpus: Corpus, onError?: (documentId: string, error: unknown) => void): Promise<void> =>
  warmDates(corpus, onError ? { onError } : {});
