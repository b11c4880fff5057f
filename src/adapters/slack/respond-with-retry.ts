/**
 * Answers through a slash command's response_url, retried like Web API calls: Bolt's `respond()`
 * tries once, and a failed post would lose the answer. A 429, a 5xx or a network error is retried
 * with exponential backoff; anything else (an expired or invalid response_url) cannot succeed by
 * trying again. What still could not be delivered is logged with what it was, never dropped silently.
 */
import type { RespondArguments, RespondFn } from '@slack/bolt';
import type { Logger } from '../../logger.js';

export interface RespondRetryOptions {
  /** Retries after the first attempt. */
  retries?: number;
  /** Wait before the first retry; each next wait is `factor` times longer. */
  firstDelayMs?: number;
  factor?: number;
  /** Waits between attempts (instant in tests). */
  sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether another attempt may succeed: rate limits, server errors and network failures. */
function transient(error: unknown): boolean {
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status !== 'number' || status === 429 || status >= 500;
}

/** Posts the answer; true when delivered. Failures are logged (with what was lost), never thrown. */
export async function respondWithRetry(
  respond: RespondFn,
  message: RespondArguments,
  log: Logger,
  fields: Record<string, unknown>,
  options: RespondRetryOptions = {},
): Promise<boolean> {
  const { retries = 3, firstDelayMs = 500, factor = 4, sleep = wait } = options;
  let delay = firstDelayMs;
  for (let attempt = 0; ; attempt++) {
    try {
      await respond(message);
      return true;
    } catch (error) {
      if (attempt >= retries || !transient(error)) {
        const lost = {
          text: (message.text ?? '').slice(0, 300),
          blocks: 'blocks' in message && Array.isArray(message.blocks) ? message.blocks.length : 0,
          responseType: message.response_type,
        };
        log.error(
          { ...fields, err: error, attempts: attempt + 1, lost },
          'answer lost: the response_url post kept failing',
        );
        return false;
      }
      log.warn({ ...fields, err: error, attempt: attempt + 1, retryInMs: delay }, 'response_url post failed; retrying');
      await sleep(delay);
      delay *= factor;
    }
  }
}
