/** A followed source in two plain lines (what it is; how it is doing), shared by every renderer. */
import type { FollowedSource } from './reply.js';

function interval(minutes: number): string {
  return minutes % 60 === 0 ? `${minutes / 60}h` : `${minutes}m`;
}

export function followedLines(source: FollowedSource): [string, string] {
  const what = `${source.kind}, every ${interval(source.everyMinutes)}${source.through === 'workspace' ? ', whole workspace' : ''}`;
  const state =
    source.status === 'failing'
      ? `failing: ${source.lastError ?? 'unknown error'} (add it again to retry)`
      : source.status === 'retrying'
        ? `retrying after an error: ${source.lastError ?? 'unknown error'}`
        : 'ok';
  const documents = `${source.documents} ${source.documents === 1 ? 'document' : 'documents'}`;
  const fetched = source.lastFetchedAt ? `; last fetch ${source.lastFetchedAt.slice(0, 16).replace('T', ' ')} UTC` : '';
  const next = source.nextPollAt ? `; next poll ${source.nextPollAt.slice(0, 16).replace('T', ' ')} UTC` : '';
  return [
    `${source.title ? `${source.title}: ` : ''}${source.url} (${what})`,
    `${state}; ${documents}${fetched}${next}`,
  ];
}
