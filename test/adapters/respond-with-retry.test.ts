/** A slash command's answer through response_url: retried like Web API calls, and never lost silently. */
import { describe, expect, it } from 'vitest';
import { respondWithRetry } from '../../src/adapters/slack/respond-with-retry.js';
import { createLogger } from '../../src/logger.js';

class RespondError extends Error {
  constructor(readonly statusCode: number) {
    super(`Failed to respond to the response_url: ${statusCode}`);
  }
}

function setup(failures: (number | 'network')[]) {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger('warn', {
    write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>),
  });
  const waits: number[] = [];
  let attempts = 0;
  const respond = async (): Promise<never | undefined> => {
    attempts++;
    const failure = failures.shift();
    if (failure === 'network') throw new TypeError('fetch failed');
    if (failure !== undefined) throw new RespondError(failure);
    return undefined;
  };
  const send = () =>
    respondWithRetry(
      respond as never,
      { text: 'The NATO condition is…', response_type: 'in_channel' },
      log,
      { command: 'ask', user: 'U0ANALYST' },
      { sleep: async (ms) => void waits.push(ms) },
    );
  return { send, lines, waits, attempts: () => attempts };
}

describe('answers through response_url', () => {
  it('GIVEN 503, a network error and 429 THEN it retries with growing waits and delivers', async () => {
    const { send, waits, attempts } = setup([503, 'network', 429]);
    expect(await send()).toBe(true);
    expect(attempts()).toBe(4);
    expect(waits).toEqual([500, 2_000, 8_000]);
  });

  it('GIVEN a response_url that keeps failing THEN after the retries it logs what was lost, with the asker', async () => {
    const { send, lines, attempts } = setup([500, 500, 500, 500, 500]);
    expect(await send()).toBe(false);
    expect(attempts()).toBe(4);
    const lost = lines.find((line) => line.msg === 'answer lost: the response_url post kept failing');
    expect(lost).toMatchObject({
      command: 'ask',
      user: 'U0ANALYST',
      attempts: 4,
      lost: { text: 'The NATO condition is…', responseType: 'in_channel' },
    });
  });

  it('GIVEN an expired response_url (404) THEN it does not retry in vain and logs the loss at once', async () => {
    const { send, lines, attempts } = setup([404]);
    expect(await send()).toBe(false);
    expect(attempts()).toBe(1);
    expect(lines.some((line) => line.msg === 'answer lost: the response_url post kept failing')).toBe(true);
  });
});
