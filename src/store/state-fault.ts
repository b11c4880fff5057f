/**
 * What is wrong with the state file, in a sentence an operator can act on: a damaged or emptied
 * file, a folder the bot cannot write, a full disk, a lock held too long. The bot keeps answering
 * /ask and /timeline meanwhile; only digests wait.
 */
import { dirname } from 'node:path';

/** SQLite result codes meaning the file's content can no longer be trusted. */
const DAMAGE = new Set([
  'SQLITE_NOTADB',
  'SQLITE_CORRUPT',
  'SQLITE_CORRUPT_VTAB',
  'SQLITE_CORRUPT_SEQUENCE',
  'SQLITE_CORRUPT_INDEX',
]);

/** A state file whose content failed SQLite's own check. */
export class StateDamage extends Error {
  override readonly name = 'StateDamage';
  readonly code = 'SQLITE_CORRUPT';
}

/** A state file that exists but holds nothing (0 bytes): what it held is gone. */
export class EmptyStateFile extends Error {
  override readonly name = 'EmptyStateFile';
  readonly code = 'EMPTY_STATE_FILE';
}

const codeOf = (error: unknown): string => String((error as { code?: unknown }).code ?? '');

/** Whether an error means the file is damaged, so that it must not be written again. */
export function isDamage(error: unknown): boolean {
  const code = codeOf(error);
  return DAMAGE.has(code) || code.startsWith('SQLITE_CORRUPT') || code === 'EMPTY_STATE_FILE';
}

/** Whether an error came from SQLite or the file system (and not from a bug of ours). */
export function isStateError(error: unknown): boolean {
  const code = codeOf(error);
  return code.startsWith('SQLITE_') || code === 'EMPTY_STATE_FILE' || /^E[A-Z]+$/.test(code);
}

/** The problem, what it means for subscriptions, and how to fix it. */
export function describeStateFault(error: unknown, path: string): string {
  const code = codeOf(error);
  const detail = error instanceof Error ? error.message : String(error);
  const restart = 'then restart the bot';
  if (code === 'EMPTY_STATE_FILE') {
    return (
      `the state file ${path} is empty (0 bytes), so its subscriptions are gone (a truncated copy or a full disk?). ` +
      `It is left as it is. Restore it from a backup, or delete it to start with no subscriptions; ${restart}.`
    );
  }
  if (isDamage(error)) {
    return (
      `the state file ${path} is damaged (${detail}). It is left untouched, subscriptions included: the bot ` +
      `will not write to it. Restore it from a backup, recover it (sqlite3 ${path} ".recover" | sqlite3 repaired.sqlite, ` +
      `then put repaired.sqlite in its place), or move it aside to start with no subscriptions; ${restart}.`
    );
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return (
      `the disk holding ${path} is full (${detail})` +
      ': free some space; subscriptions are kept and digests resume by themselves.'
    );
  }
  if (['SQLITE_READONLY', 'SQLITE_CANTOPEN', 'EACCES', 'EPERM', 'EROFS'].some((prefix) => code.startsWith(prefix))) {
    return (
      `the bot cannot write the state file ${path} (${code}: ${detail}): give it write access to ${dirname(path)} ` +
      '(digests then resume by themselves), or set STATE_DIR to a folder it can write and restart the bot.'
    );
  }
  if (code === 'ENOTDIR' || code === 'EEXIST') {
    const folder = dirname(path);
    return (
      `the state folder ${folder} is not a folder (${code}): set STATE_DIR to a folder the bot can write ` +
      `and restart the bot, or make ${folder} a folder (digests then resume by themselves).`
    );
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return `the state file ${path} is locked by another process (${detail}); digests resume once it is released.`;
  }
  return `the state file ${path} cannot be used (${code || 'error'}: ${detail}); digests are tried again as long as the bot runs.`;
}
