/**
 * Calendar dates at the precision a text gives them: "20 February 2025" is a day, "March 2025" a
 * month, "2022" a year. Nothing is made more precise than written (March is never 1 March).
 */

export type Precision = 'day' | 'month' | 'year';

export interface CalendarDate {
  year: number;
  /** 1-12, when known. */
  month?: number;
  /** 1-31, when the month is known too. */
  day?: number;
}

export function precisionOf(date: CalendarDate): Precision {
  return date.day !== undefined ? 'day' : date.month !== undefined ? 'month' : 'year';
}

const pad = (value: number): string => String(value).padStart(2, '0');

/** ISO 8601 at the date's precision: `2025-02-20`, `2025-02` or `2025`. */
export function toIso(date: CalendarDate): string {
  if (date.month === undefined) return String(date.year);
  if (date.day === undefined) return `${date.year}-${pad(date.month)}`;
  return `${date.year}-${pad(date.month)}-${pad(date.day)}`;
}

/** Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; undefined when it is not a real date. */
export function parseIso(text: string): CalendarDate | undefined {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text.trim());
  if (!match) return undefined;
  const date: CalendarDate = { year: Number(match[1]) };
  if (match[2] !== undefined) date.month = Number(match[2]);
  if (match[3] !== undefined) date.day = Number(match[3]);
  if (date.month !== undefined && (date.month < 1 || date.month > 12)) return undefined;
  if (date.day !== undefined && (date.day < 1 || date.day > daysIn(date.year, date.month!))) return undefined;
  return date;
}

/** Days in a month (1-12) of a year. */
export function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** First day the date covers, as a comparable number (yyyymmdd). */
export function firstDay(date: CalendarDate): number {
  return date.year * 10_000 + (date.month ?? 1) * 100 + (date.day ?? 1);
}

/** Last day the date covers, as a comparable number (yyyymmdd). */
export function lastDay(date: CalendarDate): number {
  const month = date.month ?? 12;
  return date.year * 10_000 + month * 100 + (date.day ?? daysIn(date.year, month));
}

/** Orders dates by the first day they cover, then the more precise first. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return firstDay(a) - firstDay(b) || lastDay(a) - lastDay(b);
}

/** English month names, January first. */
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** A date for people, at its precision: "20 February 2025", "March 2025", "2022", with "~" when approximate. */
export function dateLabel(date: CalendarDate, approximate = false): string {
  const text =
    date.month === undefined
      ? String(date.year)
      : `${date.day !== undefined ? `${date.day} ` : ''}${MONTH_NAMES[date.month - 1]} ${date.year}`;
  return approximate ? `~${text}` : text;
}

/** Noon UTC of a day: a reference instant that no time zone moves to another day. */
export function toNoonUtc(date: CalendarDate): Date {
  return new Date(Date.UTC(date.year, (date.month ?? 1) - 1, date.day ?? 1, 12));
}
