/**
 * The Slack app manifest, generated from the command definitions: slash commands with their
 * descriptions and usage hints, the bot scopes and the app_mention subscription. Creating the app
 * is one paste at api.slack.com/apps.
 */
import type { CommandDefinition } from '../../../commands/command.js';
import { usageOf } from '../../../commands/usage.js';

/**
 * Scopes the bot needs: slash commands, posting and hearing @mentions; reading channel info (who
 * created it: they manage its digest) and history (finding a digest posted before a crash).
 */
export const SLACK_BOT_SCOPES = [
  'commands',
  'chat:write',
  'files:write',
  'app_mentions:read',
  'channels:read',
  'groups:read',
  'channels:history',
  'groups:history',
];

export interface ManifestOptions {
  /** Public base URL of the bot in HTTP mode (Bolt serves /slack/events there); omit for Socket Mode. */
  baseUrl?: string;
  name?: string;
}

export function slackManifest(
  commands: readonly CommandDefinition[],
  { baseUrl, name = 'briefbot' }: ManifestOptions = {},
): Record<string, unknown> {
  const requestUrl = baseUrl ? `${baseUrl.replace(/\/+$/, '')}/slack/events` : undefined;
  return {
    display_information: {
      name,
      description: 'Cited answers from the documents your team follows',
      background_color: '#2f6fde',
    },
    features: {
      bot_user: { display_name: name, always_online: true },
      slash_commands: commands.map((definition) => ({
        command: `/${definition.name}`,
        description: definition.description.slice(0, 100),
        usage_hint:
          usageOf(definition)
            .replace(/^\/\S+\s*/, '')
            .slice(0, 100) || undefined,
        should_escape: false,
        ...(requestUrl ? { url: requestUrl } : {}),
      })),
    },
    oauth_config: { scopes: { bot: SLACK_BOT_SCOPES } },
    settings: {
      event_subscriptions: {
        ...(requestUrl ? { request_url: requestUrl } : {}),
        bot_events: ['app_mention', 'app_uninstalled', 'tokens_revoked'],
      },
      org_deploy_enabled: false,
      socket_mode_enabled: requestUrl === undefined,
      token_rotation_enabled: false,
    },
  };
}
