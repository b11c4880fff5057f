/**
 * The platform-neutral reply every command returns. Renderers (plain text, JSON, and later
 * Discord embeds and Slack blocks) turn it into what a platform shows; nothing else formats.
 */
import type { AskResult } from '../core/ask.js';
import type { TimelineResult } from '../core/timeline/timeline.js';

/** One loaded document, for /sources. */
export interface SourceSummary {
  id: string;
  title: string;
  claims: number;
  source: string | null;
  url: string | null;
  published: string | null;
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
  | { kind: 'sources'; documents: SourceSummary[]; claims: number; version: string }
  | { kind: 'help'; commands: HelpEntry[] }
  | {
      kind: 'error';
      /** Stable code: a UserErrorCode, or INTERNAL for a bug. */
      code: string;
      /** What went wrong and what to do, for the asker only. */
      message: string;
      /** The text the user sent, when there was one. */
      input?: string;
    };
