/**
 * The CLI adapter: `cli <command> [--json] [--data DIR] [--limit N] [text]`. With --json each
 * question prints exactly one JSON object on a line of stdout; logs go to stderr. `ask` without
 * a question reads one question a line from stdin, and every non-blank line gets one answer.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import type { CommandContext } from '../../../commands/command.js';
import { dispatchText } from '../../../commands/dispatch-text.js';
import type { DispatchLogger } from '../../../commands/dispatch.js';
import { renderJson } from '../../reply/render-json.js';
import { renderText } from '../../reply/render-text.js';
import type { Reply } from '../../reply/reply.js';

export const CLI_USAGE = `Usage: npm run cli -- <command> [--json] [--data DIR] [--limit N] [text]
  ask "question"        answer one question (without it, one question a line from stdin)
  sources               list the documents
  help                  list the commands
  --json                one JSON object per question on stdout
  --data DIR            serve the documents in DIR (default: DATA_DIR, else the bundled data/)
  --limit N             most cited sentences per answer (1-10, default 3)`;

export interface CliArguments {
  command: string;
  text: string;
  json: boolean;
  dataDir: string | undefined;
  limit: string | undefined;
}

/** Parses argv; throws an Error whose message says what is wrong (print it with the usage). */
export function parseCliArguments(argv: string[]): CliArguments | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: 'boolean', default: false },
      data: { type: 'string' },
      limit: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...words] = positionals;
  if (values.help || command === undefined) return 'help';
  return { command: command.replace(/^\//, ''), text: words.join(' '), json: values.json, dataDir: values.data, limit: values.limit };
}

export interface CliIo {
  stdin: Readable;
  stdout: Writable;
  log: DispatchLogger;
}

function print(reply: Reply, json: boolean, stdout: Writable): void {
  stdout.write(json ? `${JSON.stringify(renderJson(reply))}\n` : `${renderText(reply)}\n\n`);
}

/** Runs one CLI invocation; resolves to the process exit code. */
export async function runCli(args: CliArguments, context: CommandContext, { stdin, stdout, log }: CliIo): Promise<number> {
  const extra = args.limit !== undefined ? { limit: args.limit } : {};
  const line = (text: string): string => `/${args.command} ${text}`;
  if (args.command === 'ask' && args.text.trim() === '') {
    for await (const question of createInterface({ input: stdin, crlfDelay: Infinity })) {
      if (question.trim() === '') continue;
      print(await dispatchText(line(question), context, log, extra), args.json, stdout);
    }
    return 0;
  }
  const reply = await dispatchText(line(args.text), context, log, extra);
  print(reply, args.json, stdout);
  return reply.kind === 'error' ? 1 : 0;
}
