/** Dispatches a line as a person types it (`/ask what is ...`, or a bare question) to its command. */
import type { Reply } from '../src/reply/reply.js';
import type { CommandContext } from './command.js';
import { dispatch, findCommand, type DispatchLogger } from './dispatch.js';
import { parseCommandText, splitCommandLine } from './parse-text.js';

/** The command a bare line (no slash) runs. */
export const DEFAULT_COMMAND = 'ask';

/** Runs a typed line; `extra` options (from CLI flags, say) override what the text sets. */
export async function dispatchText(
  line: string,
  context: CommandContext,
  log: DispatchLogger,
  extra: Record<string, unknown> = {},
): Promise<Reply> {
  const { name = DEFAULT_COMMAND, text } = splitCommandLine(line);
  const definition = findCommand(context.commands, name);
  const options = definition ? { ...parseCommandText(definition, text), ...extra } : {};
  return dispatch({ name, options }, context, log);
}
