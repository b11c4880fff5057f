/**
 * The console adapter: a prompt where a person types `/ask ...`, `/sources`, `/help` or a bare
 * question. With piped input it answers each line and exits at the end of the input.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { CommandContext } from '../../../commands/command.js';
import { dispatchText } from '../../../commands/dispatch-text.js';
import type { DispatchLogger } from '../../../commands/dispatch.js';
import { renderText } from '../../reply/render-text.js';
import { watchReader } from '../reader-gone.js';

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  context: CommandContext;
  log: DispatchLogger;
  /** A person at a terminal: show a prompt, a banner and colours. */
  interactive: boolean;
}

const EXIT_WORDS = new Set(['exit', 'quit', '/exit', '/quit']);
const PROMPT = 'briefbot> ';

/** Runs until the input ends, the person types exit, or the reader of the output goes away (EPIPE). */
export async function runConsole({ input, output, context, log, interactive }: ConsoleOptions): Promise<void> {
  const reader = watchReader(output);
  const lines = createInterface({ input, ...(interactive ? { output, terminal: true } : {}), crlfDelay: Infinity });
  if (interactive) {
    const { documents } = context.corpus;
    const count = `${documents.length} ${documents.length === 1 ? 'document' : 'documents'}, ${context.corpus.claimCount} claims`;
    output.write(`briefbot: ${count}. Ask a question, or type /help. Ctrl-D or "exit" quits.\n`);
    lines.setPrompt(PROMPT);
    lines.prompt();
  }
  for await (const line of lines) {
    if (reader.gone() || EXIT_WORDS.has(line.trim().toLowerCase())) break;
    if (line.trim() !== '') {
      const reply = await dispatchText(line, context, log);
      output.write(`${renderText(reply, { color: interactive })}\n${interactive ? '\n' : '\n'}`);
    }
    if (interactive) lines.prompt();
  }
  lines.close();
  reader.stop();
}
