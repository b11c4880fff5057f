/**
 * The error catalogue: every code a user can see, with its message, in one table. A mistake the
 * user can fix (a bad question, a folder without documents) carries its code and a message that
 * says what to do; anything else is a bug, reported as INTERNAL by dispatch.
 */

const QUESTION_EXAMPLE = '/ask what is the NATO condition';

const PHASES = { checking: 'checked against the saved index', reading: 'read', indexing: 'indexed' } as const;

/** Each code's message, from the details the code needs. */
export const ERROR_MESSAGES = {
  EMPTY_QUESTION: () => `The question is empty: ask something, for example ${QUESTION_EXAMPLE}`,
  QUESTION_WITHOUT_WORDS: () => 'The question has no words: ask with words, for example /ask who met on February 20?',
  QUESTION_TOO_LONG: (max: number) => `The question is too long: keep it to ${max} characters or fewer`,
  /** An option's own message (from its schema) says what is wrong and what to give instead. */
  BAD_OPTION: (problem: string) => problem,
  UNKNOWN_COMMAND: (name: string, known: readonly string[]) =>
    `There is no /${name} command. Try one of ${known.map((command) => `/${command}`).join(', ')}.`,
  DATA_DIR_MISSING: (dataDir: string, reason: string) =>
    `The data folder ${dataDir} ${reason}: point --data or DATA_DIR at a folder of .md or .txt documents.`,
  NO_DOCUMENTS: (dataDir: string, skipped: string) =>
    `No documents to serve in ${dataDir}${skipped}: add .md or .txt files, or point --data or DATA_DIR at another folder.`,
  /** `platform`: the asker's, so they read only the rule that applies to them. */
  NOT_ALLOWED: (platform?: string) =>
    `Only someone who manages this channel can change its digest or its sources (${onPlatform(platform, {
      discord: 'the Manage Channels permission',
      slack: 'an admin listed in SLACK_ADMIN_USER_IDS, or the channel creator',
    })}).`,
  NOT_ADMIN: (platform?: string) =>
    `Only a workspace admin can add or remove a workspace-wide source (${onPlatform(platform, {
      discord: 'the Manage Server permission',
      slack: 'a user listed in SLACK_ADMIN_USER_IDS',
    })}).`,
  SOURCE_FAILED: (problem: string) => `The source was not added: ${problem}`,
  NOT_AVAILABLE: () => 'Daily digests are posted to Discord and Slack channels; here, /digest now shows what is new.',
  NEEDS_STATE: () =>
    'Digests and sources need the bot running with its state (npm start); this tool cannot keep subscriptions.',
  /** The state file cannot be used: `problem` says what is wrong with it and how to fix it. */
  STATE_UNAVAILABLE: (problem: string) => `Digests are unavailable: ${problem}`,
  /** The same for /sources add and remove. */
  SOURCES_UNAVAILABLE: (problem: string) => `Followed sources are unavailable: ${problem}`,
  /** The documents are still being read or indexed at start-up (a large corpus takes a while). */
  STILL_LOADING: (done: number, total: number, phase: 'snapshot' | 'checking' | 'reading' | 'indexing' | 'starting') =>
    phase === 'starting'
      ? 'Still loading the documents; ask again in a moment.'
      : phase === 'snapshot'
        ? `Still loading ${total.toLocaleString('en-US')} documents (from the saved index); ask again in a moment.`
        : `Still loading ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} documents (${PHASES[phase]}); ask again in a moment.`,
  INTERNAL: (command: string) =>
    `Something went wrong while running /${command}; it has been logged. Please try again.`,
} as const satisfies Record<string, (...details: never[]) => string>;

/** A stable identifier, safe to match on in adapters, scripts and tests. */
export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** The rule of the asker's platform, or of both when it is neither ("Discord: ...; Slack: ..."). */
function onPlatform(platform: string | undefined, rules: { discord: string; slack: string }): string {
  if (platform === 'discord') return `on Discord: ${rules.discord}`;
  if (platform === 'slack') return `on Slack: ${rules.slack}`;
  return `Discord: ${rules.discord}; Slack: ${rules.slack}`;
}
/** The codes of mistakes a user can fix (every code but INTERNAL). */
export type UserErrorCode = Exclude<ErrorCode, 'INTERNAL'>;

/** The details a code's message needs. */
type Details<Code extends ErrorCode> = Parameters<(typeof ERROR_MESSAGES)[Code]>;

/** The message of `code` with its details. */
export function errorMessage<Code extends ErrorCode>(code: Code, ...details: Details<Code>): string {
  return (ERROR_MESSAGES[code] as (...args: typeof details) => string)(...details);
}

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

/** A UserError whose message comes from the catalogue. */
export function userError<Code extends UserErrorCode>(code: Code, ...details: Details<Code>): UserError {
  return new UserError(code, errorMessage(code, ...details));
}

/** Whether a string is a code of the catalogue (for codes carried through zod issues). */
export function isUserErrorCode(value: unknown): value is UserErrorCode {
  return typeof value === 'string' && value !== 'INTERNAL' && Object.hasOwn(ERROR_MESSAGES, value);
}
