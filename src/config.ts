/**
 * The one place that reads the environment: a zod schema parsed once at start-up. A bad value
 * stops the bot with a message naming the variable and what to set it to.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The bundled documents, used when neither --data nor DATA_DIR says otherwise. */
export const BUNDLED_DATA_DIR = fileURLToPath(new URL('../data/', import.meta.url));

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** An empty variable (`DATA_DIR=` in .env) counts as unset. */
const unsetIfEmpty = (value: unknown): unknown => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const environmentSchema = z.object({
  DATA_DIR: z.preprocess(unsetIfEmpty, z.string().trim().optional()),
  LOG_LEVEL: z.preprocess(unsetIfEmpty, z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).optional()),
});

export interface Config {
  /** Folder of documents to serve. */
  dataDir: string;
  /** Log level, when set; each entry point picks its own default. */
  logLevel: (typeof LOG_LEVELS)[number] | undefined;
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
    throw new ConfigError(`Invalid environment: ${problems.join('; ')}. Fix it in your shell or .env (see .env.example).`);
  }
  return {
    dataDir: overrides.dataDir ?? parsed.data.DATA_DIR ?? BUNDLED_DATA_DIR,
    logLevel: overrides.logLevel ?? parsed.data.LOG_LEVEL,
  };
}
