/**
 * The one place that reads the environment: a zod schema parsed once at start-up. A bad value
 * stops the bot with a message naming the variable and what to set it to.
 */
import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { projectFile } from './core/project-file.js';

/**
 * The folder a path typed on the command line is relative to: the shell's. `npm run cli` runs in the
 * project folder, so there it is the folder npm was run from (npm passes it as INIT_CWD).
 */
export function commandLineFolder(env: NodeJS.ProcessEnv = process.env): string {
  const invokedFrom = env.INIT_CWD;
  return env.npm_lifecycle_event === 'cli' && invokedFrom && isAbsolute(invokedFrom) ? invokedFrom : process.cwd();
}

/** The bundled documents, used when neither --data nor DATA_DIR says otherwise. */
export const BUNDLED_DATA_DIR = projectFile('data/');
/** Where state lives unless STATE_DIR says otherwise: a git-ignored folder of the project. */
export const DEFAULT_STATE_DIR = projectFile('state/');

const DEFAULT_DISCORD_API = 'https://discord.com/api';
const DEFAULT_SLACK_API = 'https://slack.com/api/';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** An empty variable (`DATA_DIR=` in .env) counts as unset. */
const unsetIfEmpty = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const SHARDS_ERROR = 'must be auto or a number of shards from 1 to 1024';

const snowflake = (what: string) =>
  z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .trim()
      .regex(/^\d{17,20}$/, { error: `must be the ${what} (17-20 digits; Developer Portal)` })
      .optional(),
  );

const environmentSchema = z.object({
  DATA_DIR: z.preprocess(unsetIfEmpty, z.string().trim().optional()),
  LOG_LEVEL: z.preprocess(
    unsetIfEmpty,
    z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).optional(),
  ),
  DISCORD_TOKEN: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .trim()
      .min(20, { error: 'must be the bot token from the Developer Portal (Bot > Reset Token)' })
      .optional(),
  ),
  DISCORD_APPLICATION_ID: snowflake('application id'),
  DISCORD_GUILD_ID: snowflake('server (guild) id'),
  DISCORD_SHARDS: z.preprocess(
    unsetIfEmpty,
    z
      // The union's error covers only a value neither branch takes; a number out of range needs its own.
      .union(
        [
          z.literal('auto'),
          z.coerce
            .number()
            .int({ error: SHARDS_ERROR })
            .min(1, { error: SHARDS_ERROR })
            .max(1024, { error: SHARDS_ERROR }),
        ],
        { error: SHARDS_ERROR },
      )
      .optional(),
  ),
  DISCORD_API_URL: z.preprocess(
    unsetIfEmpty,
    z.url({ error: 'must be a URL such as https://discord.com/api' }).optional(),
  ),
  SLACK_BOT_TOKEN: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .trim()
      .startsWith('xoxb-', { error: 'must be the bot token (xoxb-...) from OAuth & Permissions' })
      .optional(),
  ),
  SLACK_SIGNING_SECRET: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .trim()
      .regex(/^[0-9a-f]{16,}$/i, { error: 'must be the Signing Secret from Basic Information (hex)' })
      .optional(),
  ),
  SLACK_APP_TOKEN: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .trim()
      .startsWith('xapp-', { error: 'must be an app-level token (xapp-...) with connections:write, for Socket Mode' })
      .optional(),
  ),
  SLACK_API_URL: z.preprocess(
    unsetIfEmpty,
    z.url({ error: 'must be a URL such as https://slack.com/api/' }).optional(),
  ),
  SLACK_ADMIN_USER_IDS: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(/^\s*[UW][A-Z0-9]+(\s*,\s*[UW][A-Z0-9]+)*\s*$/, {
        error: 'must be Slack user ids separated by commas, like U0123ABC,U0456DEF',
      })
      .optional(),
  ),
  SLACK_CLIENT_ID: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .trim()
      .regex(/^\d+\.\d+$/, { error: 'must be the Client ID from Basic Information (digits.digits)' })
      .optional(),
  ),
  SLACK_CLIENT_SECRET: z.preprocess(
    unsetIfEmpty,
    z.string().trim().min(8, { error: 'must be the Client Secret from Basic Information' }).optional(),
  ),
  SLACK_STATE_SECRET: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .trim()
      .min(16, { error: 'must be a random secret of at least 16 characters (it signs the OAuth state)' })
      .optional(),
  ),
  STATE_DIR: z.preprocess(unsetIfEmpty, z.string().trim().optional()),
  DIGEST_CHECK_SECONDS: z.preprocess(
    unsetIfEmpty,
    z.coerce
      .number({ error: 'must be a number of seconds from 1 to 60' })
      .int({ error: 'must be a whole number of seconds from 1 to 60' })
      .min(1, { error: 'must be a number of seconds from 1 to 60' })
      .max(60, { error: 'must be a number of seconds from 1 to 60' })
      .optional(),
  ),
  DIGEST_STALE_SECONDS: z.preprocess(
    unsetIfEmpty,
    z.coerce
      .number({ error: 'must be a number of seconds, at least 5' })
      .int({ error: 'must be a whole number of seconds, at least 5' })
      .min(5, { error: 'must be a number of seconds, at least 5' })
      .optional(),
  ),
  DATABASE_URL: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .trim()
      .regex(/^postgres(ql)?:\/\/\S+$/, {
        error:
          'must be a PostgreSQL URL such as postgres://user:password@host:5432/briefbot (or unset for the SQLite file in STATE_DIR)',
      })
      .optional(),
  ),
  SOURCES_ALLOW_PRIVATE: z.preprocess(
    unsetIfEmpty,
    z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
  ),
  PORT: z.preprocess(
    unsetIfEmpty,
    z.coerce
      .number({ error: 'must be a port number' })
      .int()
      .min(1, { error: 'must be a port from 1 to 65535' })
      .max(65_535, { error: 'must be a port from 1 to 65535' })
      .optional(),
  ),
});

/** The OAuth install flow, for many workspaces: each workspace's bot token comes from its installation. */
export interface SlackOAuthConfig {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
}

/** Slack settings, present when SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID (many) is set. */
export interface SlackConfig {
  /** The one workspace's bot token; undefined with OAuth. */
  botToken: string | undefined;
  /** Many workspaces through Slack's OAuth install flow (HTTP mode). */
  oauth?: SlackOAuthConfig | undefined;
  /** Verifies HTTP requests; not needed in Socket Mode. */
  signingSecret: string | undefined;
  /** Socket Mode when set; HTTP mode (Bolt's /slack/events on PORT) otherwise. */
  appToken: string | undefined;
  /** HTTP mode port. */
  port: number;
  /** Web API base, `https://slack.com/api/` unless (for instance) a GovSlack workspace needs another. */
  apiUrl: string;
  /** Users who may change any channel's digest (besides each channel's creator). */
  adminUserIds: string[];
}

/** Discord settings, present when DISCORD_TOKEN is set. */
export interface DiscordConfig {
  token: string;
  applicationId: string;
  /** Register commands in this server only (instant; for development). */
  guildId: string | undefined;
  /** REST base, `https://discord.com/api` unless a proxy or a test fake stands in. */
  apiUrl: string;
  /** Gateway shards run by discord.js's ShardingManager, one process each (DISCORD_SHARDS); unset: one client in-process. */
  shards?: 'auto' | number | undefined;
}

export interface Config {
  /** Folder of documents to serve. */
  dataDir: string;
  /** Folder of the state file (subscriptions, digest ledger, document arrivals). */
  stateDir: string;
  /** PostgreSQL instead of the state file, for several replicas (DATABASE_URL). */
  databaseUrl: string | undefined;
  /** HTTP port (PORT): Slack's receiver in HTTP mode, and the health checks /healthz and /readyz. */
  port: number | undefined;
  /**
   * How often due digests are checked (DIGEST_CHECK_SECONDS, default 60), and after how long a
   * reservation not renewed is taken for abandoned by a dead process (DIGEST_STALE_SECONDS, default 600).
   */
  digestTiming?: { checkEverySeconds: number | undefined; staleAfterSeconds: number | undefined };
  /** Log level, when set; each entry point picks its own default. */
  logLevel: (typeof LOG_LEVELS)[number] | undefined;
  /** Discord, when DISCORD_TOKEN is set. */
  discord: DiscordConfig | undefined;
  /** Slack, when SLACK_BOT_TOKEN is set. */
  slack: SlackConfig | undefined;
  /** Let followed sources reach loopback, private and link-local addresses (tests, intranets). */
  sourcesAllowPrivate?: boolean;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads `.env` (when present) and the environment; throws ConfigError naming each bad variable. */
export function loadConfig(overrides: Partial<Config> = {}, environment: NodeJS.ProcessEnv = process.env): Config {
  if (environment === process.env && existsSync('.env')) process.loadEnvFile('.env');
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    throw new ConfigError(
      `Invalid environment: ${problems.join('; ')}. Fix it in your shell or .env (see .env.example).`,
    );
  }
  const env = parsed.data;
  if (env.DISCORD_TOKEN && !env.DISCORD_APPLICATION_ID) {
    throw new ConfigError(
      'Invalid environment: DISCORD_APPLICATION_ID must be set with DISCORD_TOKEN (Developer Portal > General Information > Application ID).',
    );
  }
  if (env.SLACK_CLIENT_ID) {
    const missing = (['SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET', 'SLACK_SIGNING_SECRET'] as const).filter(
      (name) => !env[name],
    );
    if (missing.length > 0)
      throw new ConfigError(
        `Invalid environment: ${missing.join(', ')} must be set with SLACK_CLIENT_ID for the OAuth install flow (Basic Information; the state secret is any random string of 16+ characters).`,
      );
    if (env.SLACK_BOT_TOKEN || env.SLACK_APP_TOKEN)
      throw new ConfigError(
        'Invalid environment: SLACK_CLIENT_ID (many workspaces, HTTP mode) cannot be combined with SLACK_BOT_TOKEN or SLACK_APP_TOKEN (one workspace): unset one or the other.',
      );
  }
  if (env.SLACK_BOT_TOKEN && !env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) {
    throw new ConfigError(
      'Invalid environment: SLACK_SIGNING_SECRET must be set with SLACK_BOT_TOKEN for HTTP mode (Basic Information > Signing Secret), or set SLACK_APP_TOKEN for Socket Mode.',
    );
  }
  return {
    dataDir: overrides.dataDir ?? env.DATA_DIR ?? BUNDLED_DATA_DIR,
    stateDir: overrides.stateDir ?? env.STATE_DIR ?? DEFAULT_STATE_DIR,
    databaseUrl: overrides.databaseUrl ?? env.DATABASE_URL,
    port: overrides.port ?? env.PORT,
    digestTiming: { checkEverySeconds: env.DIGEST_CHECK_SECONDS, staleAfterSeconds: env.DIGEST_STALE_SECONDS },
    logLevel: overrides.logLevel ?? env.LOG_LEVEL,
    sourcesAllowPrivate: overrides.sourcesAllowPrivate ?? env.SOURCES_ALLOW_PRIVATE === 'true',
    discord: env.DISCORD_TOKEN
      ? {
          token: env.DISCORD_TOKEN,
          applicationId: env.DISCORD_APPLICATION_ID!,
          guildId: env.DISCORD_GUILD_ID,
          apiUrl: env.DISCORD_API_URL ?? DEFAULT_DISCORD_API,
          ...(env.DISCORD_SHARDS !== undefined ? { shards: env.DISCORD_SHARDS } : {}),
        }
      : undefined,
    slack:
      env.SLACK_BOT_TOKEN || env.SLACK_CLIENT_ID
        ? {
            botToken: env.SLACK_BOT_TOKEN,
            ...(env.SLACK_CLIENT_ID
              ? {
                  oauth: {
                    clientId: env.SLACK_CLIENT_ID,
                    clientSecret: env.SLACK_CLIENT_SECRET!,
                    stateSecret: env.SLACK_STATE_SECRET!,
                  },
                }
              : {}),
            signingSecret: env.SLACK_SIGNING_SECRET,
            appToken: env.SLACK_APP_TOKEN,
            port: env.PORT ?? 3000,
            apiUrl: (env.SLACK_API_URL ?? DEFAULT_SLACK_API).replace(/\/?$/, '/'),
            adminUserIds: (env.SLACK_ADMIN_USER_IDS ?? '')
              .split(',')
              .map((id) => id.trim())
              .filter(Boolean),
          }
        : undefined,
  };
}
