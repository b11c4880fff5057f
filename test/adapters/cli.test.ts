import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { dataFolder } from '../helpers.js';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { jsonLines, runProgram } from '../run-program.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

describe('the JSON CLI, run as a user runs it', () => {
  it('GIVEN ask --json with a question THEN stdout is exactly one JSON object of the documented shape', async () => {
    const run = await runProgram('cli', ['ask', '--json', 'what is the NATO condition']);
    expect(run.code).toBe(0);
    const lines = jsonLines(run.stdout);
    expect(lines).toHaveLength(1);
    const [reply] = lines as [
      {
        query: string;
        answers: { text: string; score: number; terms: string[]; citation: Record<string, unknown> }[];
        note: string;
      },
    ];
    expect(reply.query).toBe('what is the NATO condition');
    expect(reply.answers[0]?.text).toContain('instant entry to the North Atlantic Treaty Organization');
    expect(typeof reply.answers[0]?.score).toBe('number');
    expect(reply.answers[0]?.terms).toContain('NATO');
    expect(reply.answers[0]?.citation).toMatchObject({
      document: 'ukraine-nato-deal',
      title: 'Ukraine-NATO Deal: Instant Entry If Russia Violates Peace Agreement',
      paragraph: 4,
      sentence: 2,
      url: null,
      attribution: 'NBC News',
    });
    expect(typeof reply.note).toBe('string');
  });

  it('GIVEN questions on stdin THEN every non-blank line gets exactly one JSON object, an invalid one an error', async () => {
    const input = `What does Article 5 say?\n\n   \nWhat is the price of coffee in Brazil?\n?!\n${'why '.repeat(130)}\nbargaining chip\n`;
    const run = await runProgram('cli', ['ask', '--json'], input);
    expect(run.code).toBe(0);
    const lines = jsonLines(run.stdout) as {
      query?: string;
      input?: string;
      answers: { text: string }[];
      note: string;
      error?: string;
    }[];
    const asked = lines.map((line) => (line.query ?? line.input ?? '').slice(0, 24));
    expect(asked).toEqual([
      'What does Article 5 say?',
      'What is the price of cof',
      '?!',
      'why why why why why why ',
      'bargaining chip',
    ]);
    expect(lines[0]?.answers[0]?.text).toContain('an attack on one member is considered an attack on all');
    expect(lines[1]).toMatchObject({ answers: [], note: 'Nothing in the documents answers this.' });
    expect(lines[1]?.error).toBeUndefined();
    expect(lines[2]).toEqual({
      command: 'ask',
      input: '?!',
      code: 'QUESTION_WITHOUT_WORDS',
      error: expect.stringMatching(/no words/),
    });
    expect(lines[3]).toMatchObject({
      command: 'ask',
      code: 'QUESTION_TOO_LONG',
      error: expect.stringMatching(/too long/),
    });
    expect(lines[4]?.answers[0]?.text).toContain('potential bargaining chip');
  });

  it('GIVEN a lone carriage return inside a line (and CRLF endings) THEN each input line is still one question, one object', async () => {
    const run = await runProgram('cli', ['ask', '--json'], 'who is Keith\rKellogg\r\nbargaining chip\r\n');
    expect(run.code).toBe(0);
    const lines = jsonLines(run.stdout) as { query: string }[];
    expect(lines.map((line) => line.query)).toEqual(['who is Keith\rKellogg', 'bargaining chip']);
  });

  it('GIVEN a reader that closes stdout after the first answer (| head -1) THEN the CLI exits 0 without an EPIPE trace', async () => {
    const child = spawn(TSX, ['src/cli.ts', 'ask', '--json'], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: '', LOG_LEVEL: '' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.stdin.write('what is the NATO condition\n');
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    child.stdin.end('who is Keith Kellogg\n'.repeat(50));
    expect(await exited).toBe(0);
    expect(stderr).not.toMatch(/EPIPE|Error/);
  });

  it('GIVEN --data with a folder holding a broken file THEN answers come from that folder and the warning goes to stderr', async () => {
    const folder = dataFolder({
      'meeting.md':
        '---\ntitle: Summit notes\nurl: https://example.com/summit\n---\n\nThe ministers met in Oslo on February 20 to discuss grain exports.',
      'broken.md': '',
    });
    const run = await runProgram('cli', ['ask', '--json', '--data', folder, 'who met on February 20?']);
    expect(run.code).toBe(0);
    const [reply] = jsonLines(run.stdout) as [{ answers: { text: string; citation: { url: string } }[] }];
    expect(reply.answers[0]).toMatchObject({
      text: 'The ministers met in Oslo on February 20 to discuss grain exports.',
      citation: { url: 'https://example.com/summit' },
    });
    expect(run.stderr).toMatch(/skipped broken\.md: it is empty/);
  });

  it('GIVEN an empty folder THEN the CLI exits 1 with a message that says what to do, and prints no JSON', async () => {
    const run = await runProgram('cli', ['ask', '--json', '--data', dataFolder({}), 'anything']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/No documents to serve .*add \.md or \.txt files/);
  });

  it('GIVEN an empty question on the command line THEN it is an error object, exit 1, not a wait for stdin', async () => {
    const run = await runProgram('cli', ['ask', '--json', '']);
    expect(run.code).toBe(1);
    expect(jsonLines(run.stdout)).toEqual([expect.objectContaining({ command: 'ask', code: 'EMPTY_QUESTION' })]);
  });

  it('GIVEN an unknown command or no command THEN the CLI exits 2 and says what to give', async () => {
    const unknown = await runProgram('cli', ['frob', '--json']);
    expect(unknown.code).toBe(2);
    expect(jsonLines(unknown.stdout)).toEqual([expect.objectContaining({ code: 'UNKNOWN_COMMAND' })]);
    const none = await runProgram('cli', []);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/Give a command[\s\S]*Usage: npm run cli/);
  });

  it('GIVEN an unknown flag THEN the CLI exits 2 with the usage', async () => {
    const run = await runProgram('cli', ['ask', '--jsn', 'x']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Unknown option '--jsn'[\s\S]*Usage: npm run cli/);
  });

  it('GIVEN timeline --json with --from, --to and --limit THEN stdout is one object of the documented shape', async () => {
    const run = await runProgram('cli', [
      'timeline',
      '--json',
      '--from',
      '2025-01-01',
      '--to',
      '2025-12-31',
      '--limit',
      '5',
    ]);
    expect(run.code).toBe(0);
    const [reply] = jsonLines(run.stdout) as [{ events: Record<string, unknown>[]; note: string }];
    expect(reply.events.map((event) => event.date)).toEqual(['2025', '2025-02-20']);
    expect(reply.events[0]).toMatchObject({
      precision: 'year',
      approximate: true,
      label: expect.stringMatching(/~2022\)$/),
    });
    expect(reply.events[1]).toEqual(
      expect.objectContaining({
        date: '2025-02-20',
        precision: 'day',
        approximate: false,
        text: expect.stringContaining('February 20, 2025'),
        citations: [expect.objectContaining({ document: 'ukraine-nato-deal', paragraph: 3, sentence: 1 })],
      }),
    );
    expect(reply.note).toMatch(/2 dated events/);
  });

  it('GIVEN timeline --png FILE THEN the list is printed and FILE holds the timeline picture', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'briefbot-png-'));
    const file = join(folder, 'timeline.png');
    const run = await runProgram('cli', ['timeline', '--png', file]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('20 February 2025');
    const image = PNG.sync.read(readFileSync(file));
    expect(image.width).toBeGreaterThan(800);
    const refused = await runProgram('cli', ['ask', '--png', file, 'what is the NATO condition']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--png FILE goes with the timeline command only');
  }, 90_000); // two runs of the program, one drawing: slow on a busy machine

  it('GIVEN timeline with a bad --from THEN the CLI exits 2 (a bad command line) with the one error shape every command uses', async () => {
    const run = await runProgram('cli', ['timeline', '--json', '--from', 'last-week']);
    expect(run.code).toBe(2);
    expect(jsonLines(run.stdout)).toEqual([
      {
        command: 'timeline',
        input: null,
        code: 'BAD_OPTION',
        error: expect.stringMatching(/from must be a date like 2025-02-20/),
      },
    ]);
  });

  it('GIVEN digest --json --since THEN stdout is one digest object citing what arrived', async () => {
    const state = dataFolder({});
    const run = await runProgram('cli', ['digest', '--json', '--since', '2025-02-20'], '', { STATE_DIR: state });
    expect(run.code).toBe(0);
    const [digest] = jsonLines(run.stdout) as [
      {
        since: string;
        sections: { document: string; items: { text: string; citation: { paragraph: number } }[] }[];
        note: string;
      },
    ];
    expect(digest.since).toBe('2025-02-20T00:00:00.000Z');
    expect(digest.sections[0]).toMatchObject({
      document: 'ukraine-nato-deal',
      items: expect.arrayContaining([expect.objectContaining({ citation: expect.objectContaining({ paragraph: 1 }) })]),
    });
    expect(digest.note).toMatch(/^1 new document/);
  });

  it('GIVEN digest status where digests cannot be posted THEN it says where they can, not a command that fails here', async () => {
    const state = dataFolder({});
    const status = await runProgram('cli', ['digest', 'status'], '', { STATE_DIR: state });
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('Daily digests are posted to Discord and Slack channels; here, /digest now shows');
    expect(status.stdout).not.toContain('Subscribe with');
    const subscribe = await runProgram('cli', ['digest', '--json', 'subscribe'], '', { STATE_DIR: state });
    expect(jsonLines(subscribe.stdout)).toEqual([expect.objectContaining({ code: 'NOT_AVAILABLE' })]);
  });

  it('GIVEN digest --since a day that does not exist THEN it is refused, not rolled into the next month', async () => {
    const run = await runProgram('cli', ['digest', '--json', '--since', '2025-02-30'], '', {
      STATE_DIR: dataFolder({}),
    });
    expect(run.code).toBe(2);
    expect(jsonLines(run.stdout)).toEqual([
      expect.objectContaining({
        code: 'BAD_OPTION',
        error: expect.stringMatching(/since must be a date like 2025-02-20/),
      }),
    ]);
  });

  it('GIVEN sources add with scope workspace where there is no workspace THEN it says to leave it out', async () => {
    const run = await runProgram(
      'cli',
      ['sources', '--json', '--scope', 'workspace', 'add', 'https://example.org/rss.xml'],
      '',
      { STATE_DIR: dataFolder({}) },
    );
    expect(run.code).toBe(2);
    expect(jsonLines(run.stdout)).toEqual([
      expect.objectContaining({
        code: 'BAD_OPTION',
        error: expect.stringMatching(/scope:workspace is for a Discord server/),
      }),
    ]);
  });

  it('GIVEN a bad option with text after the command THEN the error echoes that text as input', async () => {
    const run = await runProgram('cli', ['timeline', '--json', '--from', '2025-13-01', 'NATO']);
    expect(jsonLines(run.stdout)).toEqual([
      expect.objectContaining({ command: 'timeline', input: 'NATO', code: 'BAD_OPTION' }),
    ]);
  });

  it('GIVEN sources --json THEN the loaded documents are listed with their claim counts', async () => {
    const run = await runProgram('cli', ['sources', '--json']);
    expect(jsonLines(run.stdout)[0]).toMatchObject({
      documents: [{ id: 'ukraine-nato-deal', claims: 21 }],
      claims: 21,
    });
  });

  it('GIVEN DATA_DIR set to a bad value THEN the error names the variable', async () => {
    const run = await runProgram('cli', ['sources'], '', { LOG_LEVEL: 'loud' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/LOG_LEVEL must be one of/);
  });

  it('GIVEN npm run cli from another folder with a relative --data and --png THEN both are read from that folder, not the project', async () => {
    const folder = dataFolder({ 'harbour.md': '# Harbour\n\nThe harbour reopened on 2 March 2025 after the storm.\n' });
    const shell = dirname(folder);
    // What npm sets for `npm run cli` started in `shell`: the script itself runs in the project folder.
    const npmRun = { npm_lifecycle_event: 'cli', INIT_CWD: shell };
    const run = await runProgram('cli', ['--data', basename(folder), 'timeline', '--png', 'harbour.png'], '', npmRun);
    expect(run.stdout).toContain('The harbour reopened on 2 March 2025');
    expect(readFileSync(join(shell, 'harbour.png')).subarray(1, 4).toString()).toBe('PNG');
  });
});
