/**
 * The shape of a command: one definition drives dispatch, /help, the console and CLI, Discord
 * registration and the Slack manifest. Nothing about a command is written twice.
 */
import type { z } from 'zod';
import type { Corpus } from '../src/core/corpus.js';
import type { LoadingStatus } from '../src/corpus-loading.js';
import type { Reply } from '../src/reply/reply.js';
import type { DocumentScope } from '../src/core/scope.js';
import type { DigestSubscriptions } from './digest-subscriptions.js';
import type { Origin } from './origin.js';
import type { ChannelSources } from './source-follows.js';

/** What a command can use while it runs. */
export interface CommandContext {
  corpus: Corpus;
  /** Every command, for /help. */
  commands: readonly CommandDefinition[];
  /** Digest subscriptions and previews, when the bot runs with its state. */
  digests?: DigestSubscriptions;
  /** The channel and user a command comes from, when the adapter knows them. */
  origin?: Origin;
  /** When each document arrived, when known (for /sources). */
  arrivedAt?: (documentId: string) => Date | undefined;
  /** The sources channels follow, when the bot runs with its state. */
  sources?: ChannelSources;
  /** Why the state cannot keep digests or sources, when the bot has a state store it cannot use. */
  stateProblem?: string;
  /**
   * The documents a request may read: the shared folder plus what its channel (and workspace)
   * follows. Undefined: every document.
   */
  scopeOf?: (origin: Origin | undefined) => DocumentScope | undefined;
  /**
   * While start-up still opens the documents (the platforms connect first): how far it is. Every
   * command but those that need no documents answers with it instead of running.
   */
  loading?: () => LoadingStatus | undefined;
}

export interface CommandDefinition<Options extends z.ZodObject = z.ZodObject> {
  /** Name without slash, lower case. */
  name: string;
  /** One line, shown by /help and the platforms' command pickers (<= 100 characters). */
  description: string;
  /** Options, validated before `run`; each option's `.describe()` is its help text. */
  options: Options;
  /** The option that takes the free text typed after the command (`/ask what is ...`). */
  textOption?: keyof z.infer<Options> & string;
  /** Example invocations, as a user types them. */
  examples: string[];
  /**
   * Its work grows with the corpus or with what is new (a timeline of every document, a digest of a
   * channel that never had one): adapters with a first-response deadline (Discord's 3 s) acknowledge
   * the request before it runs, whatever the corpus.
   */
  mayTakeLong?: boolean;
  /** Runs without the documents (/help), so it answers while they still load. */
  needsNoDocuments?: boolean;
  /** Runs with validated options; throws UserError for mistakes the user can fix. */
  run(context: CommandContext, options: z.infer<Options>): Reply | Promise<Reply>;
}

/** Keeps the literal option types of a definition while checking its shape. */
export function defineCommand<Options extends z.ZodObject>(
  definition: CommandDefinition<Options>,
): CommandDefinition<Options> {
  return definition;
}
