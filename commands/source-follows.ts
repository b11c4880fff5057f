/**
 * What /sources needs from the running bot, as an interface so commands stay free of fetching and
 * storage: the sources a channel (and its workspace) follows, and adding or removing one.
 */
import type { FollowedSource } from '../src/reply/reply.js';
import type { Origin } from './origin.js';

export type { FollowedSource };

export interface AddSource {
  everyMinutes: number;
  /** Follow it in every channel of the workspace (admins only). */
  workspace: boolean;
}

export interface ChannelSources {
  /** Follows a URL; throws UserError when it cannot be fetched or read. */
  add(origin: Origin, url: string, options: AddSource): Promise<FollowedSource>;
  /** False when the channel (or workspace) did not follow it. */
  remove(origin: Origin, url: string, workspace: boolean): Promise<boolean>;
  list(origin: Origin): Promise<FollowedSource[]>;
}
