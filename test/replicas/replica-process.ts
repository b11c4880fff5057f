/**
 * A bot replica as an operator runs it (`npm start`), one real node process per replica, so that a
 * test can SIGKILL it. Its JSON log lines are collected for assertions.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A port free on 127.0.0.1 now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export class Replica {
  readonly child: ChildProcess;
  logs = '';
  readonly exited: Promise<number | null>;

  constructor(
    readonly name: string,
    env: Record<string, string>,
  ) {
    // node itself (not the tsx wrapper), so a signal reaches the bot and SIGKILL kills it.
    this.child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stderr!.on('data', (chunk: Buffer) => (this.logs += chunk.toString()));
    this.child.stdout!.on('data', (chunk: Buffer) => (this.logs += chunk.toString()));
    this.exited = new Promise((resolve) => this.child.on('close', (code) => resolve(code)));
  }

  /** The log entries (JSON lines) whose message matches. */
  entries(message: RegExp): Record<string, unknown>[] {
    return this.logs
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((entry) => message.test(String(entry.msg)));
  }

  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }
}
