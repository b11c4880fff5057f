/**
 * The one entry every adapter calls: find the command, validate its options, run it, and turn
 * every failure into a reply. A user's mistake gets its code and what to fix; a bug gets a generic
 * reply and an error log.
 */
import type { z } from 'zod';
import { type ErrorCode, errorMessage, isUserErrorCode, UserError, type UserErrorCode } from '../src/core/errors.js';
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

/** An option's error code: the one its schema attached (`params.code`, as the question's), else BAD_OPTION. */
function codeFor(issue: z.core.$ZodIssue): UserErrorCode {
  const attached = issue.code === 'custom' ? (issue.params as { code?: unknown } | undefined)?.code : undefined;
  return isUserErrorCode(attached) ? attached : 'BAD_OPTION';
}

function errorReply(command: string, code: ErrorCode, message: string, input?: string): Reply {
  return { kind: 'error', command, code, message, ...(input !== undefined ? { input } : {}) };
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
export async function dispatch(
  request: DispatchRequest,
  context: CommandContext,
  log: DispatchLogger,
  hooks: DispatchHooks = {},
): Promise<Reply> {
  const definition = findCommand(context.commands, request.name);
  // The text typed after the command (a question, a topic, "add URL"), for an error to echo.
  const typed = definition?.textOption ? request.options[definition.textOption] : undefined;
  const input = typeof typed === 'string' ? typed : undefined;
  if (!definition) {
    const known = context.commands.map((command) => command.name);
    return errorReply(request.name, 'UNKNOWN_COMMAND', errorMessage('UNKNOWN_COMMAND', request.name, known));
  }
  const loading = definition.needsNoDocuments ? undefined : context.loading?.();
  if (loading) {
    const message = errorMessage('STILL_LOADING', loading.done, loading.total, loading.phase);
    return errorReply(definition.name, 'STILL_LOADING', message, input);
  }
  const parsed = definition.options.safeParse(request.options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return errorReply(definition.name, codeFor(issue), issue.message, input);
  }
  try {
    await hooks.beforeRun?.(definition);
    return await definition.run(context, parsed.data);
  } catch (error) {
    if (error instanceof UserError) return errorReply(definition.name, error.code, error.message, input);
    log.error({ err: error, command: definition.name }, 'command failed');
    return errorReply(definition.name, 'INTERNAL', errorMessage('INTERNAL', definition.name));
  }
}
