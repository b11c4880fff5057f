import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BUNDLED_DATA_DIR, DEFAULT_STATE_DIR, loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';

const TOKEN = 'MTEwMDAwMDAwMDAwMDAwMDAwMQ.fake.token-value';

describe('configuration from the environment', () => {
  it('GIVEN nothing set THEN the bundled documents are served and no platform runs', () => {
    expect(loadConfig({}, {})).toEqual({
      dataDir: BUNDLED_DATA_DIR,
      stateDir: DEFAULT_STATE_DIR,
      databaseUrl: undefined,
      port: undefined,
      digestTiming: { checkEverySeconds: undefined, staleAfterSeconds: undefined },
      logLevel: undefined,
      discord: undefined,
      slack: undefined,
      sourcesAllowPrivate: false,
    });
  });

  it('GIVEN DATABASE_URL THEN the state goes to PostgreSQL; a URL of another kind is refused, naming the variable', () => {
    expect(loadConfig({}, { DATABASE_URL: 'postgres://bot:pw@db:5432/briefbot' }).databaseUrl).toBe(
      'postgres://bot:pw@db:5432/briefbot',
    );
    expect(() => loadConfig({}, { DATABASE_URL: 'mysql://db/briefbot' })).toThrow(
      /DATABASE_URL must be a PostgreSQL URL such as postgres:\/\//,
    );
  });

  it('GIVEN SLACK_CLIENT_ID with its secrets THEN Slack serves many workspaces by OAuth; incomplete or mixed settings are refused', () => {
    const oauth = {
      SLACK_CLIENT_ID: '1111111111.2222222222',
      SLACK_CLIENT_SECRET: 'client-secret-1',
      SLACK_STATE_SECRET: 'state-secret-of-16+',
      SLACK_SIGNING_SECRET: 'abc123abc123abc123',
    };
    expect(loadConfig({}, oauth).slack).toMatchObject({
      botToken: undefined,
      oauth: { clientId: '1111111111.2222222222', clientSecret: 'client-secret-1', stateSecret: 'state-secret-of-16+' },
    });
    expect(() => loadConfig({}, { ...oauth, SLACK_STATE_SECRET: '' })).toThrow(
      /SLACK_STATE_SECRET must be set with SLACK_CLIENT_ID/,
    );
    expect(() => loadConfig({}, { ...oauth, SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(
      /cannot be combined with SLACK_BOT_TOKEN/,
    );
  });

  it('GIVEN DISCORD_SHARDS THEN it is auto or a whole number of shards; anything else is refused', () => {
    const discord = { DISCORD_TOKEN: 'x'.repeat(30), DISCORD_APPLICATION_ID: '1100000000000000001' };
    expect(loadConfig({}, { ...discord, DISCORD_SHARDS: 'auto' }).discord?.shards).toBe('auto');
    expect(loadConfig({}, { ...discord, DISCORD_SHARDS: '4' }).discord?.shards).toBe(4);
    expect(loadConfig({}, discord).discord?.shards).toBeUndefined();
    expect(() => loadConfig({}, { ...discord, DISCORD_SHARDS: 'many' })).toThrow(
      /DISCORD_SHARDS must be auto or a number/,
    );
    // A number out of range says what to set too, not zod's bare "Too small".
    for (const shards of ['0', '1025', '2.5'])
      expect(() => loadConfig({}, { ...discord, DISCORD_SHARDS: shards })).toThrow(
        /DISCORD_SHARDS must be auto or a number of shards from 1 to 1024/,
      );
  });

  it('GIVEN DISCORD_TOKEN and DISCORD_APPLICATION_ID THEN Discord is configured with the public API by default', () => {
    const config = loadConfig({}, { DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: '1100000000000000001' });
    expect(config.discord).toEqual({
      token: TOKEN,
      applicationId: '1100000000000000001',
      guildId: undefined,
      apiUrl: 'https://discord.com/api',
    });
  });

  it('GIVEN a Slack bot token and signing secret THEN Slack runs in HTTP mode on PORT with the public API', () => {
    expect(
      loadConfig({}, { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'abc123abc123abc123', PORT: '8080' }).slack,
    ).toEqual({
      botToken: 'xoxb-1',
      signingSecret: 'abc123abc123abc123',
      appToken: undefined,
      port: 8080,
      apiUrl: 'https://slack.com/api/',
      adminUserIds: [],
    });
  });

  it('GIVEN SLACK_APP_TOKEN THEN Slack runs in Socket Mode without a signing secret, and SLACK_API_URL gets its trailing slash', () => {
    const slack = loadConfig(
      {},
      { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_API_URL: 'https://slack-gov.com/api' },
    ).slack;
    expect(slack).toMatchObject({ appToken: 'xapp-1', signingSecret: undefined, apiUrl: 'https://slack-gov.com/api/' });
  });

  it.each([
    [{ DISCORD_TOKEN: TOKEN }, /DISCORD_APPLICATION_ID must be set with DISCORD_TOKEN/],
    [{ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: 'my-bot' }, /DISCORD_APPLICATION_ID must be the application id/],
    [
      { DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: '1100000000000000001', DISCORD_GUILD_ID: '12' },
      /DISCORD_GUILD_ID must be the server \(guild\) id/,
    ],
    [
      { DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: '1100000000000000001', DISCORD_API_URL: 'discord' },
      /DISCORD_API_URL must be a URL/,
    ],
    [{ DISCORD_TOKEN: 'short' }, /DISCORD_TOKEN must be the bot token/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
    [{ SOURCES_ALLOW_PRIVATE: 'yes' }, /SOURCES_ALLOW_PRIVATE must be true or false/],
    [{ SLACK_BOT_TOKEN: 'xoxp-user-token' }, /SLACK_BOT_TOKEN must be the bot token \(xoxb-/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, /SLACK_SIGNING_SECRET must be set with SLACK_BOT_TOKEN/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xoxb-2' }, /SLACK_APP_TOKEN must be an app-level token/],
    [
      { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'abc123abc123abc123', PORT: '99999' },
      /PORT must be a port from 1 to 65535/,
    ],
  ])('GIVEN %j THEN start-up stops with a message naming the variable', (environment, message) => {
    expect(() => loadConfig({}, environment)).toThrow(message);
  });
});

describe('logs', () => {
  it('GIVEN a token in a logged object THEN the log shows it redacted', () => {
    let written = '';
    const sink = new Writable({ write: (chunk, _encoding, done) => ((written += String(chunk)), done()) });
    createLogger('info', sink).info(
      { config: { token: TOKEN }, token: TOKEN, headers: { authorization: `Bot ${TOKEN}` } },
      'starting',
    );
    expect(written).toContain('starting');
    expect(written).not.toContain(TOKEN);
    expect(written).toContain('[redacted]');
  });
});
