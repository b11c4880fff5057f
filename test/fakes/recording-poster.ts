/**
 * An in-memory platform for scheduled digests: it records posts, can fail like a platform does
 * (transient errors, lost access), and finds a posted digest by its marker, as the real posters do.
 */
import { type DigestPoster, PostError } from '../../src/digest/poster.js';
import type { Reply } from '../../src/reply/reply.js';

export interface RecordedPost {
  channelId: string;
  reply: Extract<Reply, { kind: 'digest' }>;
  ref: string;
}

export class RecordingPlatform {
  readonly posts: RecordedPost[] = [];
  /** Transient failures still to return before posts succeed. */
  failuresLeft = 0;
  /** Channels the bot lost access to. */
  readonly lostChannels = new Set<string>();
  /** Time each post takes (lets concurrent processes overlap). */
  delayMs = 0;

  poster(): DigestPoster {
    return {
      post: async (channelId: string, reply: Reply): Promise<string> => {
        if (this.delayMs) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
        if (this.lostChannels.has(channelId)) throw new PostError('Missing Access', true);
        if (this.failuresLeft > 0) {
          this.failuresLeft--;
          throw new PostError('503 Service Unavailable', false);
        }
        if (reply.kind !== 'digest') throw new Error('only digests are scheduled');
        const ref = `ref-${this.posts.length + 1}`;
        this.posts.push({ channelId, reply, ref });
        return ref;
      },
      findPosted: async (channelId: string, marker: string): Promise<string | undefined> =>
        this.posts.find((post) => post.channelId === channelId && post.reply.marker === marker)?.ref,
    };
  }
}
