/** Loads a data folder into a ready corpus: the one call adapters and tools make at start-up. */
import { Corpus } from './corpus.js';
import type { LoadWarning } from './document.js';
import { loadDocuments } from './load-documents.js';

export interface OpenedCorpus {
  corpus: Corpus;
  /** Files skipped, one warning each, for the caller to log. */
  warnings: LoadWarning[];
}

/** Loads and indexes every document of a folder; throws a UserError when none loads. */
export async function openCorpus(dataDir: string): Promise<OpenedCorpus> {
  const { documents, warnings } = await loadDocuments(dataDir);
  return { corpus: Corpus.from(documents), warnings };
}
