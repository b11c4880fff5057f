/**
 * The one pino import. Logs go to stderr so that stdout stays the user's (console replies, CLI
 * JSON); secrets are redacted by configuration, not by care.
 */
import { type DestinationStream, pino, type Logger } from 'pino';

export type { Logger };

/** Field paths whose values never reach a log. */
export const REDACTED_PATHS = [
  'token',
  '*.token',
  'config.token',
  'headers.authorization',
  '*.headers.authorization',
  'DISCORD_TOKEN',
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
];

/** A logger writing JSON lines to stderr (or to `destination`, for tests). */
export function createLogger(
  level: string,
  destination: DestinationStream = pino.destination({ fd: 2, sync: true }),
): Logger {
  return pino({ name: 'briefbot', level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, destination);
}
