/**
 * Start-up as an operator meets it: a state file that cannot be used leaves the console answering
 * (/ask and /timeline need no state) and /digest saying what is wrong; a refused Slack token or a
 * port in use stops start-up with one sentence saying what to fix, not a stack trace.
 */
import { createServer, type Server } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_APPLICATION_ID, FakeDiscord } from './fakes/fake-discord.js';
import { FAKE_BOT_TOKEN, FAKE_SIGNING_SECRET, FakeSlack } from './fakes/fake-slack.js';
import { dataFolder, writeDamagedStateFile } from './helpers.js';
import { runProgram } from './run-program.js';

const STACK_LINE = /^\s+at .+\(.+:\d+:\d+\)$/m;
const SLOW = 60_000;

/** A port something else listens on. */
async function takenPort(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
  return { server, port: (server.address() as { port: number }).port };
}

describe('start-up faults', () => {
  const slack = new FakeSlack();
  const discord = new FakeDiscord();
  beforeAll(() => Promise.all([slack.start(), discord.start()]));
  afterAll(() => Promise.all([slack.stop(), discord.stop()]));

  it('GIVEN a damaged state file THEN the console answers /ask and /timeline, and /digest says what is wrong and how to fix it', {
    timeout: SLOW,
  }, async () => {
    const stateDir = dataFolder({});
    const path = join(stateDir, 'briefbot.sqlite');
    const bytes = await writeDamagedStateFile(path);

    const run = await runProgram('main', [], '/ask what is the NATO condition\n/timeline limit:2\n/digest status\n', {
      STATE_DIR: stateDir,
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('instant entry to the North Atlantic Treaty Organization');
    expect(run.stdout).toMatch(/February 2025/);
    expect(run.stdout).toMatch(
      /Digests are unavailable: the state file .*briefbot\.sqlite is damaged .*Restore it from a backup/,
    );
    expect(run.stderr).toMatch(/Digests are unavailable: the state file .* is damaged/);
    expect(run.stderr).not.toMatch(STACK_LINE);
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it('GIVEN a state file emptied to 0 bytes THEN /digest says its subscriptions are gone instead of starting afresh silently', {
    timeout: SLOW,
  }, async () => {
    const stateDir = dataFolder({ 'briefbot.sqlite': '' });
    const run = await runProgram('main', [], '/ask what is the NATO condition\n/digest status\n', {
      STATE_DIR: stateDir,
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('instant entry to the North Atlantic Treaty Organization');
    expect(run.stdout).toMatch(/is empty \(0 bytes\), so its subscriptions are gone/);
    expect(readFileSync(join(stateDir, 'briefbot.sqlite'))).toHaveLength(0);
  });

  it('GIVEN a Slack token Slack refuses THEN start-up stops with a sentence naming the variable, no stack', {
    timeout: SLOW,
  }, async () => {
    const { server, port } = await takenPort();
    server.close();
    const run = await runProgram('main', [], '', {
      SLACK_BOT_TOKEN: 'xoxb-not-the-right-token',
      SLACK_SIGNING_SECRET: FAKE_SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      PORT: String(port),
      STATE_DIR: dataFolder({}),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/briefbot: Slack refused the token \(invalid_auth\): check SLACK_BOT_TOKEN/);
    expect(run.stderr).not.toMatch(STACK_LINE);
  });

  it('GIVEN PORT already in use THEN start-up stops with a sentence saying to pick another, no stack', {
    timeout: SLOW,
  }, async () => {
    const { server, port } = await takenPort();
    try {
      const run = await runProgram('main', [], '', {
        SLACK_BOT_TOKEN: FAKE_BOT_TOKEN,
        SLACK_SIGNING_SECRET: FAKE_SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        PORT: String(port),
        STATE_DIR: dataFolder({}),
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(new RegExp(`briefbot: port ${port} is already in use.*set PORT to a free port`));
      expect(run.stderr).not.toMatch(STACK_LINE);
    } finally {
      server.close();
    }
  });

  it('GIVEN a Discord token Discord refuses THEN start-up stops with a sentence naming the variable, no stack', {
    timeout: SLOW,
  }, async () => {
    const run = await runProgram('main', [], '', {
      DISCORD_TOKEN: 'not-the-token-discord-knows',
      DISCORD_APPLICATION_ID: FAKE_APPLICATION_ID,
      DISCORD_API_URL: discord.apiUrl,
      STATE_DIR: dataFolder({}),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/briefbot: the platform refused the token .*check DISCORD_TOKEN/);
    expect(run.stderr).not.toMatch(STACK_LINE);
  });

  it('GIVEN a damaged state file THEN the CLI digest prints the one error shape saying what is wrong, and exits 1', {
    timeout: SLOW,
  }, async () => {
    const stateDir = dataFolder({ 'briefbot.sqlite': 'this is not an SQLite file, it is plain text '.repeat(200) });
    const run = await runProgram('cli', ['digest', '--json'], '', { STATE_DIR: stateDir });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({
      command: 'digest',
      input: null,
      code: 'STATE_UNAVAILABLE',
      error: expect.stringMatching(/^Digests are unavailable: the state file .* is damaged \(file is not a database\)/),
    });
    // /sources add says the same, not that the bot must be run with its state (it is).
    const added = await runProgram('cli', ['sources', '--json', 'add', 'https://example.org/rss.xml'], '', {
      STATE_DIR: stateDir,
    });
    expect(added.code).toBe(1);
    expect(JSON.parse(added.stdout)).toMatchObject({
      code: 'SOURCES_UNAVAILABLE',
      error: expect.stringMatching(/^Followed sources are unavailable: the state file .* is damaged/),
    });
    // The list says so too, rather than an empty list that reads as "follows nothing".
    const listed = await runProgram('cli', ['sources', '--json'], '', { STATE_DIR: stateDir });
    expect(JSON.parse(listed.stdout)).toMatchObject({
      followed: [],
      followedProblem: expect.stringMatching(/^Followed sources are unavailable: the state file .* is damaged/),
    });
  });
});
