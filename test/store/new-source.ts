/** A feed source as a store records it on first follow, for tests that write sources directly. */
import type { NewSource } from '../../src/store/source-store.js';

export const newSource = (url: string, at = '2025-02-21T08:00:00.000Z'): NewSource => ({
  url,
  kind: 'feed',
  title: null,
  everyMinutes: 15,
  status: 'ok',
  lastError: null,
  failures: 0,
  lastFetchedAt: null,
  nextPollAt: at,
  etag: null,
  lastModified: null,
  createdAt: at,
});
