/** How a platform adapter posts scheduled digests, as the scheduler sees it. */
import type { Reply } from '../reply/reply.js';

/** A platform refused a post. `permanent`: the bot can no longer post in that channel. */
export class PostError extends Error {
  override readonly name = 'PostError';
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

export interface DigestPoster {
  /** Posts a digest reply (carrying `marker`) to a channel; resolves with the message's reference. Throws PostError. */
  post(channelId: string, reply: Reply): Promise<string>;
  /** The reference of a recent message in the channel carrying `marker`, if the bot posted one (crash recovery). */
  findPosted(channelId: string, marker: string): Promise<string | undefined>;
}
