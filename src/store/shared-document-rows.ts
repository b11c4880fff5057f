/** How a `shared_documents` row maps to a SharedDocument, the same on both engines. */
import type { SharedDocument } from './state-store.js';

export interface SharedRow {
  id: string;
  file: string;
  hash: string | null;
  body: Buffer | null;
  /** PostgreSQL's BIGINT arrives as a string. */
  version: number | string;
}

/** The document a row holds; undefined for a removal (no hash, no body). */
export const toShared = (row: SharedRow): SharedDocument | undefined =>
  row.hash !== null && row.body !== null
    ? { id: row.id, file: row.file, hash: row.hash, bytes: new Uint8Array(row.body) }
    : undefined;
