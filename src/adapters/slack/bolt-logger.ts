/** Bolt's logger interface over our pino logger, so Bolt's own messages are structured and redacted too. */
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../logger.js';

export function boltLogger(log: Logger): BoltLogger {
  let level = LogLevel.INFO;
  const text = (parts: unknown[]): string =>
    parts.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join(' ');
  return {
    debug: (...parts: unknown[]) => log.debug({ source: 'bolt' }, text(parts)),
    info: (...parts: unknown[]) => log.info({ source: 'bolt' }, text(parts)),
    warn: (...parts: unknown[]) => log.warn({ source: 'bolt' }, text(parts)),
    error: (...parts: unknown[]) => log.error({ source: 'bolt' }, text(parts)),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
