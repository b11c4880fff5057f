/** Posts scheduled digests to Discord channels over REST, and finds them again after a crash. */
import { DiscordAPIError, type REST, Routes } from 'discord.js';
import { type DigestPoster, PostError } from '../../digest/poster.js';
import { renderDiscord } from '../../reply/render-discord.js';
import type { Reply } from '../../reply/reply.js';

/** Discord errors meaning the bot can no longer post there: Unknown Channel, Missing Access, Missing Permissions. */
const LOST_ACCESS = new Set([10003, 50001, 50013]);

interface PostedMessage {
  id: string;
  content?: string;
  embeds?: { footer?: { text?: string } }[];
}

export function discordPoster(rest: REST, version: () => string): DigestPoster {
  return {
    async post(channelId: string, reply: Reply, signal?: AbortSignal): Promise<string> {
      const message = renderDiscord(reply, { version: version() });
      try {
        const posted = (await rest.post(Routes.channelMessages(channelId), {
          body: { content: message.content, embeds: message.embeds, allowed_mentions: { parse: [] } },
          ...(signal ? { signal } : {}),
        })) as PostedMessage;
        return `discord:${channelId}:${posted.id}`;
      } catch (error) {
        if (error instanceof DiscordAPIError && typeof error.code === 'number' && LOST_ACCESS.has(error.code))
          throw new PostError(`Discord refused: ${error.message}`, true);
        throw new PostError(`Discord post failed: ${error instanceof Error ? error.message : String(error)}`, false);
      }
    },
    async findPosted(channelId: string, marker: string, signal?: AbortSignal): Promise<string | undefined> {
      const query = new URLSearchParams({ limit: '50' });
      const recent = (await rest.get(Routes.channelMessages(channelId), {
        query,
        ...(signal ? { signal } : {}),
      })) as PostedMessage[];
      const found = recent.find(
        (message) =>
          (message.embeds ?? []).some((embed) => embed.footer?.text?.includes(marker)) ||
          message.content?.includes(marker),
      );
      return found ? `discord:${channelId}:${found.id}` : undefined;
    },
  };
}
