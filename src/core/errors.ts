/**
 * Mistakes a user can fix (a bad question, a folder without documents) carry a stable code and a
 * message that says what to do. Anything else is a bug and is reported generically by the caller.
 */
export type UserErrorCode =
  | 'EMPTY_QUESTION'
  | 'QUESTION_TOO_LONG'
  | 'BAD_OPTION'
  | 'UNKNOWN_COMMAND'
  | 'NO_DOCUMENTS'
  | 'DATA_DIR_MISSING'
  | 'NOT_ALLOWED'
  | 'NOT_AVAILABLE';

export class UserError extends Error {
  override readonly name = 'UserError';
  /**
   * @param code stable identifier, safe to match on in adapters and tests
   * @param message what went wrong and how to fix it, shown to the user as written
   */
  constructor(
    readonly code: UserErrorCode,
    message: string,
  ) {
    super(message);
  }
}
