/** How a platform adapter posts scheduled digests, as the scheduler sees it. */
import type { Reply } from '../reply/reply.js';

/**
 * A platform refused a post. `permanent`: the bot can no longer post in that channel. `timedOut`:
 * the call was abandoned without an answer, so the post may or may not have landed.
 */
export class PostError extends Error {
  override readonly name = 'PostError';
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly timedOut = false,
  ) {
    super(message);
  }
}

export interface DigestPoster {
  /**
   * Posts a digest reply (carrying `marker`) to a channel; resolves with the message's reference.
   * Throws PostError. `signal` aborts the call (the scheduler's timeout, or shutdown). `workspaceId`
   * says whose token to post with when the bot serves many Slack workspaces.
   */
  post(channelId: string, reply: Reply, signal?: AbortSignal, workspaceId?: string): Promise<string>;
  /** The reference of a recent message in the channel carrying `marker`, if the bot posted one (crash recovery). */
  findPosted(
    channelId: string,
    marker: string,
    signal?: AbortSignal,
    workspaceId?: string,
  ): Promise<string | undefined>;
}
