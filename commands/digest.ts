/** /digest: subscribe a channel to a daily cited digest of what is new, see its status, or preview it. */
import { z } from 'zod';
import { errorMessage, userError } from '../src/core/errors.js';
import { parseIso } from '../src/core/timeline/calendar.js';
import { isTimeZone } from '../src/core/time-zone.js';
import type { Reply } from '../src/reply/reply.js';
import { defineCommand } from './command.js';
import type { DigestStatus } from './digest-subscriptions.js';

const ACTIONS = ['now', 'status', 'subscribe', 'unsubscribe'] as const;

const SINCE = /^(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** A real day (2025-02-30 is not one: Date.parse would roll it into March), with a time or not. */
function isSinceDate(text: string): boolean {
  const match = SINCE.exec(text);
  return match !== null && parseIso(match[1]!)?.day !== undefined && !Number.isNaN(Date.parse(text));
}

function statusLines(status: DigestStatus): string[] {
  if (!status.subscribed)
    return status.canSubscribe
      ? ['This channel has no daily digest. Subscribe with /digest subscribe time:08:30 timezone:Europe/Kyiv']
      : [errorMessage('NOT_AVAILABLE')];
  const { time, timezone, quiet, pausedReason } = status.subscribed;
  return [
    `Daily digest at ${time} ${timezone}${quiet ? ', silent on days without news' : ''}.`,
    ...(pausedReason ? [`Paused: ${pausedReason}. Subscribe again once the bot can post here.`] : []),
    ...(status.next ? [`Next digest: ${status.next.date} (${status.next.instant}).`] : []),
    status.last ? `Last digest: ${status.last.date}.` : 'No digest posted yet.',
    `It will cover ${status.pendingDocuments} new ${status.pendingDocuments === 1 ? 'document' : 'documents'} so far.`,
  ];
}

export const digestCommand = defineCommand({
  name: 'digest',
  description: 'Daily digest of what is new: subscribe, unsubscribe, status, or now (preview)',
  options: z.object({
    action: z
      .preprocess(
        (value) => (typeof value === 'string' ? value.trim().toLowerCase() : value),
        z.enum(ACTIONS, { error: `action must be one of ${ACTIONS.join(', ')}` }),
      )
      .default('now')
      .describe('subscribe, unsubscribe, status, or now (default)'),
    time: z
      .string()
      .trim()
      .regex(/^([01]?\d|2[0-3]):[0-5]\d$/, { error: 'time must be a time of day like 08:30 (24-hour)' })
      .transform((time) => time.padStart(5, '0'))
      .optional()
      .describe('Time of day for subscribe, HH:MM (24-hour); default: the current one, else 08:00'),
    timezone: z
      .string()
      .trim()
      .refine(isTimeZone, { error: 'timezone must be an IANA time zone like Europe/Kyiv or America/New_York' })
      .transform((zone) => (zone.toUpperCase() === 'UTC' ? 'UTC' : zone)) // as status shows it
      .optional()
      .describe('IANA time zone for subscribe, like Europe/Kyiv; default: the current one, else UTC'),
    quiet: z
      .enum(['yes', 'no'], { error: 'quiet must be yes or no' })
      .transform((value) => value === 'yes')
      .optional()
      .describe('yes: post nothing on days without news'),
    since: z
      .string()
      .trim()
      .refine(isSinceDate, { error: 'since must be a date like 2025-02-20, or a time like 2025-02-20T08:00Z' })
      .optional()
      .describe('For now: cover what arrived since this date (default: the last digest)'),
  }),
  textOption: 'action',
  mayTakeLong: true,
  examples: [
    '/digest subscribe time:08:30 timezone:Europe/Kyiv',
    '/digest status',
    '/digest now',
    '/digest unsubscribe',
  ],
  run: async ({ digests, origin }, { action, time, timezone, quiet, since }): Promise<Reply> => {
    if (!digests || !origin) throw userError('NEEDS_STATE');
    if ((action === 'subscribe' || action === 'unsubscribe') && !(await origin.canManage())) {
      throw userError('NOT_ALLOWED', origin.platform);
    }
    switch (action) {
      case 'subscribe': {
        // Settings not given keep the channel's current ones: "time:09:00" alone keeps its time zone.
        const status = await digests.subscribe(origin, {
          ...(time !== undefined ? { time } : {}),
          ...(timezone !== undefined ? { timezone } : {}),
          ...(quiet !== undefined ? { quiet } : {}),
        });
        return { kind: 'notice', title: 'Subscribed to the daily digest', lines: statusLines(status) };
      }
      case 'unsubscribe':
        return (await digests.unsubscribe(origin))
          ? { kind: 'notice', title: 'Unsubscribed', lines: ['This channel will get no more daily digests.'] }
          : { kind: 'notice', title: 'Not subscribed', lines: ['This channel had no daily digest.'] };
      case 'status':
        return { kind: 'notice', title: 'Daily digest', lines: statusLines(await digests.status(origin)) };
      case 'now': {
        const from = since ? new Date(parseIso(since) ? `${since}T00:00:00Z` : since) : undefined;
        return { kind: 'digest', result: await digests.preview(origin, from) };
      }
    }
  },
});
