/** IANA time zones and local dates, from the runtime's Intl data. */

/** True when `zone` is an IANA time zone this runtime knows ("Europe/Kyiv", "UTC"). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.includes('/') || zone.toUpperCase() === 'UTC';
  } catch {
    return false;
  }
}

/** The local calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(instant: Date, timezone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}
