/**
 * The platform-neutral reply every command returns. Renderers (plain text, JSON, Discord embeds
 * and Slack blocks) turn it into what a platform shows; nothing else formats.
 */
import type { AskResult } from '../core/ask.js';
import type { DigestResult } from '../core/digest/build-digest.js';
import type { ErrorCode } from '../core/errors.js';
import type { TimelineResult } from '../core/timeline/timeline.js';

/** One loaded document, for /sources. */
export interface SourceSummary {
  id: string;
  title: string;
  claims: number;
  /** ISO instant the document arrived, when known. */
  arrivedAt: string | null;
  source: string | null;
  url: string | null;
  published: string | null;
}

/** A web source (article or feed) a channel follows, for /sources. */
export interface FollowedSource {
  url: string;
  kind: 'article' | 'feed';
  title: string | null;
  /** `ok`, `retrying` (backing off after errors) or `failing` (given up; add it again to retry). */
  status: 'ok' | 'retrying' | 'failing';
  lastError: string | null;
  lastFetchedAt: string | null;
  /** Null while failing (it is not polled). */
  nextPollAt: string | null;
  everyMinutes: number;
  documents: number;
  /** Followed by this channel, or by the whole workspace (server). */
  through: 'channel' | 'workspace';
}

/** One command, for /help. */
export interface HelpEntry {
  name: string;
  description: string;
  /** Usage line, e.g. `/ask <question> [limit:N]`. */
  usage: string;
  examples: string[];
}

export type Reply =
  | { kind: 'answer'; result: AskResult }
  | { kind: 'timeline'; result: TimelineResult }
  | {
      kind: 'digest';
      result: DigestResult;
      /** Identifies a scheduled digest in the channel ("briefbot digest 2025-03-29"), to find it after a crash. */
      marker?: string;
    }
  | { kind: 'notice'; title: string; lines: string[] }
  | {
      kind: 'sources';
      documents: SourceSummary[];
      claims: number;
      version: string;
      /** The web sources this channel follows (empty when none, or without state). */
      followed: FollowedSource[];
      /** Why the followed sources cannot be listed (an unusable state file), when so. */
      followedProblem?: string;
    }
  | { kind: 'help'; commands: HelpEntry[] }
  | {
      kind: 'error';
      /** The command that failed, without slash (as typed, for an unknown one). */
      command: string;
      /** Stable code from the catalogue (src/core/errors.ts): a user's mistake, or INTERNAL for a bug. */
      code: ErrorCode;
      /** What went wrong and what to do, for the asker only. */
      message: string;
      /** The text the user sent, when there was one. */
      input?: string;
    };
