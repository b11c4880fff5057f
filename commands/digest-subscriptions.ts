/**
 * What /digest needs from the running bot, as an interface so commands stay free of storage and
 * platforms: subscriptions, status and previews for the channel a command comes from.
 */
import type { DigestResult } from '../src/core/digest/build-digest.js';
import type { Origin } from './origin.js';

export interface DigestSettings {
  /** HH:MM, local. */
  time: string;
  /** IANA time zone. */
  timezone: string;
  /** Post nothing on days without news (instead of a one-line "nothing new"). */
  quiet: boolean;
}

export interface DigestStatus {
  subscribed: (DigestSettings & { pausedReason: string | null }) | undefined;
  /** ISO instant and local date of the next digest. */
  next: { instant: string; date: string } | undefined;
  /** The last digest posted here. */
  last: { date: string; postedAt: string } | undefined;
  /** Documents that arrived since the last digest (what the next one will cover). */
  pendingDocuments: number;
  /** Whether this channel's platform can receive scheduled digests (the console and CLI cannot). */
  canSubscribe: boolean;
}

export interface DigestSubscriptions {
  /**
   * Subscribes the origin's channel; a setting not given keeps the channel's current one (else its
   * default: 08:00 UTC, not quiet). Rejects with UserError when the platform cannot receive digests.
   */
  subscribe(origin: Origin, settings: Partial<DigestSettings>): Promise<DigestStatus>;
  /** True when there was a subscription to remove. */
  unsubscribe(origin: Origin): Promise<boolean>;
  status(origin: Origin): Promise<DigestStatus>;
  /**
   * Today's digest for the channel: what arrived since its last digest (or since `since`). It may
   * cover every document, so it takes time and shares the event loop while it works.
   */
  preview(origin: Origin, since?: Date): Promise<DigestResult>;
}
