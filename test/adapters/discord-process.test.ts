/**
 * `npm start` with DISCORD_TOKEN set, as an operator runs it: the process starts the Discord
 * adapter (gateway URL taken from DISCORD_API_URL's /gateway/bot), answers, and on SIGTERM
 * finishes and exits cleanly.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_APPLICATION_ID, FAKE_TOKEN, FakeDiscord } from '../fakes/fake-discord.js';
import { visibleText } from '../scenarios.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

describe('npm start with Discord configured', () => {
  const fake = new FakeDiscord();
  beforeAll(() => fake.start());
  afterAll(() => fake.stop());

  it('GIVEN DISCORD_TOKEN THEN the bot answers in Discord, keeps the token out of its logs, and exits 0 on SIGTERM', async () => {
    const child = spawn(TSX, ['src/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        DISCORD_TOKEN: FAKE_TOKEN,
        DISCORD_APPLICATION_ID: FAKE_APPLICATION_ID,
        DISCORD_API_URL: fake.apiUrl,
        DATA_DIR: '',
        LOG_LEVEL: 'info',
      },
    });
    let logs = '';
    child.stderr.on('data', (chunk: Buffer) => (logs += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await expect.poll(() => logs, { timeout: 15_000, interval: 100 }).toContain('discord ready');

    const answer = await fake.answerTo(fake.sendInteraction({ name: 'ask', options: { question: 'bargaining chip' } }));
    expect(visibleText(answer.message.embeds?.[0]?.description ?? '')).toContain('potential bargaining chip');
    await expect
      .poll(() => logs, { timeout: 5_000, interval: 50 })
      .toMatch(/"command":"ask".*"ms":\d+.*interaction answered/);
    // Fully started (scheduler and watcher too), so the signal meets an idle event loop: tsx gives
    // the program only a few milliseconds to acknowledge a signal before it kills it.
    await expect.poll(() => logs, { timeout: 15_000, interval: 100 }).toContain('briefbot running');

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(logs).toContain('shutting down');
    expect(logs).not.toContain(FAKE_TOKEN);
  });
});
