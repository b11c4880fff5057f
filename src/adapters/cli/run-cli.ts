/**
 * The CLI adapter: `cli <command> [--json] [--data DIR] [--limit N] [text]`. With --json each
 * question prints exactly one JSON object on a line of stdout; logs go to stderr. `ask` without
 * a question reads one question a line from stdin, and every non-blank line gets one answer; an
 * empty question given on the command line (`ask ""`) is an error, not a wait for stdin.
 */
import { writeFile } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import type { CommandContext, CommandDefinition } from '../../../commands/command.js';
import { dispatchText } from '../../../commands/dispatch-text.js';
import type { DispatchLogger } from '../../../commands/dispatch.js';
import { jsonLine, renderJson } from '../../reply/render-json.js';
import { watchReader } from '../reader-gone.js';
import { inputLines } from './input-lines.js';
import { renderText } from '../../reply/render-text.js';
import type { Reply } from '../../reply/reply.js';

/** Every option any command declares becomes a `--name value` flag; the definitions are the source. */
function commandFlags(commands: readonly CommandDefinition[]): string[] {
  return [...new Set(commands.flatMap((definition) => Object.keys(definition.options.shape)))];
}

/** The usage text, with each command's options from its definition. */
export function cliUsage(commands: readonly CommandDefinition[]): string {
  const lines = commands.map((definition) => {
    const flags = Object.keys(definition.options.shape)
      .filter((name) => name !== definition.textOption)
      .map((name) => ` [--${name} ${name.toUpperCase()}]`);
    const text = definition.textOption ? ` [${definition.textOption}]` : '';
    return `  ${definition.name}${text}${flags.join('')}\n      ${definition.description}`;
  });
  return [
    'Usage: npm run cli -- <command> [--json] [--data DIR] [options] [text]',
    ...lines,
    '  --json        one JSON object per question (or per command) on stdout; logs go to stderr',
    '  --data DIR    serve the documents in DIR (default: DATA_DIR, else the bundled data/)',
    '  --png FILE    timeline only: also write the timeline as a PNG picture to FILE',
    '  ask without a question reads one question a line from stdin.',
  ].join('\n');
}

export interface CliArguments {
  command: string;
  text: string;
  /** Whether the command line gave text at all: `ask ""` is an empty question, `ask` reads stdin. */
  textGiven: boolean;
  json: boolean;
  dataDir: string | undefined;
  /** Command options given as flags (`--limit 5`), not yet validated. */
  options: Record<string, string>;
  /** `timeline --png FILE`: also write the timeline picture there. */
  png: string | undefined;
}

/**
 * Parses argv; throws an Error whose message says what is wrong (print it with the usage). `help`
 * when asked for it, `usage` when no command was given.
 */
export function parseCliArguments(
  argv: string[],
  commands: readonly CommandDefinition[],
): CliArguments | 'help' | 'usage' {
  const flags = Object.fromEntries(commandFlags(commands).map((name) => [name, { type: 'string' as const }]));
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      ...flags,
      json: { type: 'boolean', default: false },
      data: { type: 'string' },
      png: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...words] = positionals;
  if (values.help === true) return 'help';
  if (command === undefined) return 'usage';
  const { json, data, png, help: _help, ...rest } = values;
  const options = Object.fromEntries(
    Object.entries(rest).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
  const name = command.replace(/^\//, '');
  if (typeof png === 'string' && (name !== 'timeline' || png.trim() === ''))
    throw new Error('--png FILE goes with the timeline command only, and needs a file name');
  return {
    command: name,
    text: words.join(' '),
    textGiven: words.length > 0,
    json: json === true,
    dataDir: typeof data === 'string' ? data : undefined,
    options,
    png: typeof png === 'string' ? png : undefined,
  };
}

export interface CliIo {
  stdin: Readable;
  stdout: Writable;
  /** Where a failure to write the --png file is reported (default process.stderr). */
  stderr?: Writable;
  log: DispatchLogger;
}

function print(reply: Reply, json: boolean, stdout: Writable): void {
  stdout.write(json ? `${jsonLine(renderJson(reply))}\n` : `${renderText(reply)}\n\n`);
}

/**
 * Runs one CLI invocation; resolves to the process exit code. When the reader of stdout goes away
 * (`| head -1`), it stops reading questions and ends quietly (exit 0).
 */
export async function runCli(
  args: CliArguments,
  context: CommandContext,
  { stdin, stdout, log, stderr = process.stderr }: CliIo,
): Promise<number> {
  const extra = args.options;
  const line = (text: string): string => `/${args.command} ${text}`;
  if (args.command === 'ask' && !args.textGiven) {
    const reader = watchReader(stdout);
    for await (const question of inputLines(stdin)) {
      if (reader.gone()) break;
      if (question.trim() === '') continue;
      const reply = await dispatchText(line(question), context, log, extra);
      if (reader.gone()) break;
      print(reply, args.json, stdout);
    }
    return 0;
  }
  watchReader(stdout);
  const reply = await dispatchText(line(args.text), context, log, extra);
  print(reply, args.json, stdout);
  if (reply.kind === 'timeline' && args.png !== undefined) {
    try {
      // Loaded only when asked for: the chart libraries would slow every other command's start.
      const { timelinePng } = await import('../../reply/timeline-image/render-png.js');
      await writeFile(args.png, await timelinePng(reply.result.events));
    } catch (error) {
      stderr.write(
        `Could not write the timeline picture to ${args.png}: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      return 1;
    }
  }
  return exitCodeOf(reply);
}

/** Codes of a reply that mean the command line itself was wrong. */
const COMMAND_LINE_ERRORS: ReadonlySet<string> = new Set(['UNKNOWN_COMMAND', 'BAD_OPTION']);

/** 0 answered (or nothing found), 2 a bad command line (unknown command, bad option value), 1 any other error. */
function exitCodeOf(reply: Reply): number {
  if (reply.kind !== 'error') return 0;
  return COMMAND_LINE_ERRORS.has(reply.code) ? 2 : 1;
}
