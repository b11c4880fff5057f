import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { slackManifest } from '../../src/adapters/slack/manifest.js';
import { runProgram } from '../run-program.js';

describe('the Slack app manifest', () => {
  it('GIVEN the command definitions THEN every command is a slash command with its description, usage hint and the request URL', () => {
    const manifest = slackManifest(commands, { baseUrl: 'https://bot.example.org/' }) as {
      features: { slash_commands: { command: string; description: string; usage_hint?: string; url?: string }[] };
      oauth_config: { scopes: { bot: string[] } };
      settings: { event_subscriptions: { request_url?: string; bot_events: string[] }; socket_mode_enabled: boolean };
    };
    expect(manifest.features.slash_commands.map((command) => command.command)).toEqual(
      commands.map((command) => `/${command.name}`),
    );
    expect(manifest.features.slash_commands[0]).toEqual({
      command: '/ask',
      description: 'Answer a question with cited sentences from the documents',
      usage_hint: '<question> [limit:<limit>]',
      should_escape: false,
      url: 'https://bot.example.org/slack/events',
    });
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining(['commands', 'chat:write', 'files:write', 'app_mentions:read']),
    );
    expect(manifest.settings.event_subscriptions).toEqual({
      request_url: 'https://bot.example.org/slack/events',
      bot_events: ['app_mention', 'app_uninstalled', 'tokens_revoked'],
    });
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });

  it('GIVEN npm run slack:manifest without --url THEN a Socket Mode manifest is printed as JSON', async () => {
    const run = await runProgram('slack-manifest', []);
    expect(run.code).toBe(0);
    const manifest = JSON.parse(run.stdout) as { settings: { socket_mode_enabled: boolean } };
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });
});
