/** The running bot's side of /sources: a request's origin turned into the scopes it follows and reads. */
import type { Origin } from '../../commands/origin.js';
import type { ChannelSources } from '../../commands/source-follows.js';
import type { DocumentScope } from '../core/scope.js';
import { userError } from '../core/errors.js';
import { type LiveSources, SourceProblem } from './live-sources.js';

/** A channel's scope key (the same as its digest subscription's). */
export const channelScope = (origin: Pick<Origin, 'platform' | 'channelId'>): string =>
  `${origin.platform}:${origin.channelId}`;

/** A workspace's (Slack workspace, Discord server) scope key. */
export const workspaceScope = (platform: string, workspaceId: string): string => `${platform}:workspace:${workspaceId}`;

export interface ChannelCollections {
  sources: ChannelSources;
  scopeOf: (origin: Origin | undefined) => DocumentScope | undefined;
  /** A channel's collection by its subscription key, for scheduled digests. */
  scopeForKey: (key: string) => DocumentScope | undefined;
}

export function channelCollections(live: LiveSources): ChannelCollections {
  // A channel's workspace, learned from its requests, so its scheduled digest reads the workspace's sources too.
  const workspaceOf = new Map<string, string>();
  const scopesOf = (origin: Origin): string[] => {
    const channel = channelScope(origin);
    if (origin.workspaceId) workspaceOf.set(channel, workspaceScope(origin.platform, origin.workspaceId));
    const workspace = workspaceOf.get(channel);
    return workspace ? [channel, workspace] : [channel];
  };
  const sources: ChannelSources = {
    async add(origin, url, { everyMinutes, workspace }) {
      const scopes = scopesOf(origin);
      const scope = workspace ? scopes[1] : scopes[0];
      if (!scope)
        throw userError('SOURCE_FAILED', 'this conversation belongs to no workspace; add it to the channel instead.');
      try {
        const view = await live.add(url, scope, origin.userId, everyMinutes);
        return (await live.list(scopes)).find((source) => source.url === view.url) ?? view;
      } catch (error) {
        if (error instanceof SourceProblem) throw userError('SOURCE_FAILED', error.message);
        throw error;
      }
    },
    async remove(origin, url, workspace) {
      const scope = scopesOf(origin)[workspace ? 1 : 0];
      return scope ? live.remove(url, scope) : false;
    },
    list: (origin) => live.list(scopesOf(origin)),
  };
  return {
    sources,
    scopeOf: (origin) => live.scopeOf(origin ? scopesOf(origin) : []),
    scopeForKey: (key) => live.scopeOf([key, ...(workspaceOf.has(key) ? [workspaceOf.get(key)!] : [])]),
  };
}
