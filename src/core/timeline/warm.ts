/**
 * Computes every document's dated mentions ahead of the first /timeline or digest, a document at
 * a time, yielding to the event loop in between so the bot keeps answering meanwhile. A document
 * that fails is reported and skipped: the others are still warmed.
 */
import type { Corpus } from '../corpus.js';
import { datedClaimsOf } from './events.js';

export async function warmTimeline(corpus: Corpus, onError?: (documentId: string, error: unknown) => void): Promise<void> {
  for (const document of corpus.documents) {
    try {
      datedClaimsOf(corpus, document);
    } catch (error) {
      onError?.(document.id, error);
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
