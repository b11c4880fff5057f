/**
 * The one entry every adapter calls: find the command, validate its options, run it, and turn
 * every failure into a reply. A user's mistake gets its code and what to fix; a bug gets a generic
 * reply and an error log.
 */
import type { z } from 'zod';
import { UserError, type UserErrorCode } from '../src/core/errors.js';
import type { Reply } from '../src/reply/reply.js';
import type { CommandContext, CommandDefinition } from './command.js';

/** Where dispatch reports bugs (a pino logger fits). */
export interface DispatchLogger {
  error(fields: object, message: string): void;
}

export interface DispatchRequest {
  /** Command name without slash. */
  name: string;
  /** Options as received (strings from text, typed values from Discord). */
  options: Record<string, unknown>;
}

function codeFor(issue: z.core.$ZodIssue): UserErrorCode {
  if (issue.path[0] !== 'question') return 'BAD_OPTION';
  return issue.code === 'too_big' ? 'QUESTION_TOO_LONG' : 'EMPTY_QUESTION';
}

/** Finds a command by name. */
export function findCommand(commands: readonly CommandDefinition[], name: string): CommandDefinition | undefined {
  return commands.find((definition) => definition.name === name.toLowerCase());
}

export interface DispatchHooks {
  /**
   * Runs after the options are valid and before the command runs: where an adapter acknowledges a
   * request that may take long (a command's work can hold the event loop, so timers cannot).
   */
  beforeRun?: (definition: CommandDefinition) => Promise<void>;
}

/** Runs one command and always returns a reply. */
export async function dispatch(request: DispatchRequest, context: CommandContext, log: DispatchLogger, hooks: DispatchHooks = {}): Promise<Reply> {
  const input = typeof request.options.question === 'string' ? request.options.question : undefined;
  const definition = findCommand(context.commands, request.name);
  if (!definition) {
    const known = context.commands.map((command) => `/${command.name}`).join(', ');
    return { kind: 'error', code: 'UNKNOWN_COMMAND', message: `There is no /${request.name} command. Try one of ${known}.` };
  }
  const parsed = definition.options.safeParse(request.options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { kind: 'error', code: codeFor(issue), message: issue.message, ...(input !== undefined ? { input } : {}) };
  }
  try {
    await hooks.beforeRun?.(definition);
    return await definition.run(context, parsed.data);
  } catch (error) {
    if (error instanceof UserError) return { kind: 'error', code: error.code, message: error.message, ...(input !== undefined ? { input } : {}) };
    log.error({ err: error, command: definition.name }, 'command failed');
    return { kind: 'error', code: 'INTERNAL', message: `Something went wrong while running /${definition.name}; it has been logged. Please try again.` };
  }
}
