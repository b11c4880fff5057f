/**
 * When a subscription's digest is due: its local time of day in its IANA time zone, computed by
 * croner so daylight-saving changes move the instant, not the local time.
 */
import { Cron } from 'croner';
import { localDate } from '../core/time-zone.js';

/** One scheduled digest: the instant it is due and the local date it is for. */
export interface DueDigest {
  instant: Date;
  /** YYYY-MM-DD in the subscription's time zone. */
  date: string;
}

function cronFor(time: string, timezone: string): Cron {
  const [hours, minutes] = time.split(':').map(Number);
  return new Cron(`${minutes} ${hours} * * *`, { timezone, paused: true });
}

/** The latest digest due at or before `now`, looking back at most two days. */
export function latestDue(time: string, timezone: string, now: Date): DueDigest | undefined {
  const cron = cronFor(time, timezone);
  let cursor = new Date(now.getTime() - 2 * 24 * 3_600_000);
  let latest: Date | undefined;
  for (let next = cron.nextRun(cursor); next && next <= now; next = cron.nextRun(cursor)) {
    latest = next;
    cursor = next;
  }
  return latest ? { instant: latest, date: localDate(latest, timezone) } : undefined;
}

/** The next digest due after `now`. */
export function nextDue(time: string, timezone: string, now: Date): DueDigest | undefined {
  const next = cronFor(time, timezone).nextRun(now);
  return next ? { instant: next, date: localDate(next, timezone) } : undefined;
}
