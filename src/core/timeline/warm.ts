/**
 * Computes every document's dated mentions ahead of the first /timeline or digest, a document at
 * a time, yielding to the event loop in between so the bot keeps answering meanwhile.
 */
import type { Corpus } from '../corpus.js';
import { datedClaimsOf } from './events.js';

export async function warmTimeline(corpus: Corpus): Promise<void> {
  for (const document of corpus.documents) {
    datedClaimsOf(corpus, document);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
