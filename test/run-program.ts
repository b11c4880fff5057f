/** Runs the real program (`npm start`, `npm run cli`) as a user would, with piped input. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TSX = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));

export interface ProgramRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `src/<entry>.ts` with arguments and stdin; resolves when it exits. */
export function runProgram(
  entry: 'main' | 'cli' | 'slack-manifest',
  args: string[],
  input = '',
  env: Record<string, string> = {},
): Promise<ProgramRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [`src/${entry}.ts`, ...args], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: '', LOG_LEVEL: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** The JSON objects of a JSON-lines output. */
export function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
