/** Posts scheduled digests to Slack channels (chat.postMessage), and finds them again after a crash. */
import type { App } from '@slack/bolt';
import { type DigestPoster, PostError } from '../../digest/poster.js';
import { renderSlack } from '../../reply/render-slack.js';
import type { Reply } from '../../reply/reply.js';

/** Slack errors meaning the bot can no longer post in the channel. */
const LOST_ACCESS = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'account_inactive',
  'invalid_auth',
  'token_revoked',
  'missing_scope',
  'restricted_action',
]);

/**
 * `tokenFor` gives a workspace's bot token when the bot serves many workspaces (OAuth); without it,
 * the client's own token is used.
 */
export function slackPoster(
  client: App['client'],
  version: () => string,
  tokenFor?: (workspaceId: string | undefined) => Promise<string | undefined>,
): DigestPoster {
  const token = async (workspaceId: string | undefined): Promise<{ token?: string }> => {
    if (!tokenFor) return {};
    const found = await tokenFor(workspaceId);
    if (!found)
      throw new PostError(`Slack refused: the app is not installed in workspace ${workspaceId ?? '(unknown)'}`, true);
    return { token: found };
  };
  return {
    async post(channelId: string, reply: Reply, _signal?: AbortSignal, workspaceId?: string): Promise<string> {
      const message = renderSlack(reply, { version: version() });
      const auth = await token(workspaceId);
      try {
        const posted = await client.chat.postMessage({
          ...auth,
          channel: channelId,
          text: message.text,
          blocks: message.blocks,
        });
        return `slack:${channelId}:${posted.ts}`;
      } catch (error) {
        const code = (error as { data?: { error?: string } }).data?.error;
        if (code && LOST_ACCESS.has(code)) throw new PostError(`Slack refused: ${code}`, true);
        throw new PostError(
          `Slack post failed: ${code ?? (error instanceof Error ? error.message : String(error))}`,
          false,
        );
      }
    },
    async findPosted(
      channelId: string,
      marker: string,
      _signal?: AbortSignal,
      workspaceId?: string,
    ): Promise<string | undefined> {
      const history = await client.conversations.history({
        ...(await token(workspaceId)),
        channel: channelId,
        limit: 50,
      });
      const found = (history.messages ?? []).find(
        (message) => JSON.stringify(message.blocks ?? []).includes(marker) || message.text?.includes(marker),
      );
      return found?.ts ? `slack:${channelId}:${found.ts}` : undefined;
    },
  };
}
