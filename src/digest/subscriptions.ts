/** The running bot's side of /digest: channel subscriptions kept in the state store, their status, and previews. */
import type { DigestSettings, DigestStatus, DigestSubscriptions } from '../../commands/digest-subscriptions.js';
import type { Origin } from '../../commands/origin.js';
import type { Corpus } from '../core/corpus.js';
import { buildDigest, type DigestResult } from '../core/digest/build-digest.js';
import type { DocumentScope } from '../core/scope.js';
import { userError } from '../core/errors.js';
import type { StateStore } from '../store/state-store.js';
import { nextDue } from './schedule.js';

export interface SubscriptionsOptions {
  store: StateStore;
  corpus: Corpus;
  arrivedAt: (documentId: string) => Date | undefined;
  /** Platforms that can receive scheduled digests. */
  platforms: readonly string[];
  clock?: () => Date;
  /** A channel's collection; undefined: every document. */
  scopeOf?: (origin: Origin) => DocumentScope | undefined;
}

const keyOf = (origin: Origin): string => `${origin.platform}:${origin.channelId}`;

/** A new subscription's settings where /digest subscribe names none. */
const DEFAULT_SETTINGS: DigestSettings = { time: '08:00', timezone: 'UTC', quiet: false };

export function createDigestSubscriptions({
  store,
  corpus,
  arrivedAt,
  platforms,
  clock = () => new Date(),
  scopeOf,
}: SubscriptionsOptions): DigestSubscriptions {
  const since = async (origin: Origin): Promise<Date> => {
    const [last, subscription] = await Promise.all([
      store.lastPosted(keyOf(origin)),
      store.subscription(keyOf(origin)),
    ]);
    return new Date(last?.postedAt ?? subscription?.createdAt ?? 0);
  };
  const preview = async (origin: Origin, from?: Date): Promise<DigestResult> => {
    const scope = scopeOf?.(origin);
    return buildDigest(corpus, {
      since: from ?? (await since(origin)),
      until: clock(),
      arrivedAt,
      ...(scope ? { scope } : {}),
    });
  };
  const status = async (origin: Origin): Promise<DigestStatus> => {
    const [subscription, last, from] = await Promise.all([
      store.subscription(keyOf(origin)),
      store.lastPosted(keyOf(origin)),
      since(origin),
    ]);
    const next = subscription ? nextDue(subscription.time, subscription.timezone, clock()) : undefined;
    const scope = scopeOf?.(origin);
    const pending = subscription
      ? corpus.documents.filter(
          (document) => (!scope || scope.has(document.id)) && (arrivedAt(document.id) ?? new Date(0)) > from,
        ).length
      : 0;
    return {
      subscribed: subscription
        ? {
            time: subscription.time,
            timezone: subscription.timezone,
            quiet: subscription.quiet,
            pausedReason: subscription.pausedReason,
          }
        : undefined,
      next: next ? { instant: next.instant.toISOString(), date: next.date } : undefined,
      last,
      pendingDocuments: pending,
      canSubscribe: platforms.includes(origin.platform),
    };
  };
  return {
    async subscribe(origin: Origin, settings: DigestSettings): Promise<DigestStatus> {
      if (!platforms.includes(origin.platform)) {
        throw userError('NOT_AVAILABLE');
      }
      const existing = await store.subscription(keyOf(origin));
      await store.saveSubscription({
        key: keyOf(origin),
        platform: origin.platform,
        channelId: origin.channelId,
        time: settings.time ?? existing?.time ?? DEFAULT_SETTINGS.time,
        timezone: settings.timezone ?? existing?.timezone ?? DEFAULT_SETTINGS.timezone,
        quiet: settings.quiet ?? existing?.quiet ?? DEFAULT_SETTINGS.quiet,
        createdBy: origin.userId,
        ...(origin.workspaceId ? { workspaceId: origin.workspaceId } : {}),
        createdAt: existing?.createdAt ?? clock().toISOString(),
        pausedReason: null,
      });
      return status(origin);
    },
    unsubscribe: (origin) => store.removeSubscription(keyOf(origin)),
    status,
    preview,
  };
}
