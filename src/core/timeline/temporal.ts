/**
 * Temporal expressions in a sentence, normalised against the document's reference date, with the
 * precision the text supports: "February 20, 2025" is a day, "in March" a month, "in 2022" a
 * year. chrono-node parses the expressions; this module decides precision and honesty.
 */
// Only the English parsers: the full package loads every locale (about 0.3 s at start-up).
import * as chrono from 'chrono-node/en';
import type { Component, ParsedComponents } from 'chrono-node';
import { type CalendarDate, daysIn, firstDay, lastDay, toNoonUtc } from './calendar.js';
import { anchoredMentions } from './anchored.js';
import type { Reference, TemporalMention } from './mention.js';
import { forecastsAt, modalityOf } from './modality.js';

export type { Reference, TemporalMention } from './mention.js';

// Cheap test before running the parser: most sentences hold no date at all.
const MAY_HOLD_DATE =
  /\d|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b(mon|tues|wednes|thurs|fri|satur|sun)day\b|yesterday|today|tonight|tomorrow|\bago\b|\bweek|\bmonth|\byear|anniversary/i;
const RELATIVE = /\b(yesterday|today|tonight|tomorrow|ago|last|this|next|past|coming|earlier|later)\b/i;
const VAGUE = /\bago\b|\bweek(end)?\b|\bearlier\b|\blater\b/i;
// Minutes and hours are not timeline dates; decades and quarters have no honest precision here.
const TOO_FINE_OR_VAGUE = /\b(minutes?|hours?|seconds?|quarter|\d0s|decades?)\b/i;
const COUNTED_FROM_ELSEWHERE = /\b(after|before|later|earlier|from now)\b/i;
// "the past few days", "within 10 weeks", "his last months": spans, not dates ("two years ago" is kept).
const SPAN = /\bpast\b|\b(days|weeks|months|years)\b(?!\s+ago)/i;
// "for a week", "within a day", "the next day", "that same day": a length of time, or a day counted
// from some other event in the story, not a date read against the report.
const DURATION_OR_NARRATIVE =
  /^(?:for|within|in|over|during)\s+(?:just\s+|only\s+)?(?:a|an|one|the)\b|\b(?:next|following|same|this|that|previous)\s+day\b/i;
// "the Sun" (a newspaper), "sat" (a verb): an abbreviated weekday alone is not a date.
const BARE_WEEKDAY_ABBREVIATION = /^(?:on\s+)?(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?$/i;
// A weekday with a word that says which week ("last Monday", "next Friday"): chrono reads it right.
const WEEK_NAMED = /\b(?:last|next|this|coming|past|previous)\b/i;
const EXPLICIT_DATE = /\b(1[6-9]|20)\d{2}\b|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d/i;
// "last week" is only known to the month it falls in; "last month" to its month; "two years ago" to its year.
const WEEK_LEVEL = /\bweek(end)?s?\b/i;
const MONTH_LEVEL = /\bmonths?\b/i;
const YEAR_LEVEL = /\byears?\b/i;
const YEAR_ONLY =
  /\b(?:in|since|by|until|till|during|from|through|throughout|of|before|after|early|late|mid-?)\s+((?:1[6-9]|20)\d{2})\b(?![-–]?\s*(?:\d|%|per ?cent|people|protesters|troops|soldiers|dead|killed|members|votes|seats))/gi;
// "the weekend", "every weekend": two days, not one; "last weekend" is read at its month (WEEK_LEVEL).
const WEEKEND = /\bweekends?\b/i;
const MONTH_WORD =
  /\b(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b/;

/** The coarsest unit a relative expression speaks in, when it is coarser than a day. */
function levelOf(text: string): 'month' | 'year' | undefined {
  if (WEEK_LEVEL.test(text) || MONTH_LEVEL.test(text)) return 'month';
  if (YEAR_LEVEL.test(text)) return 'year';
  return undefined;
}

function componentsOf(
  component: ParsedComponents,
  reference: Reference | undefined,
  relative: boolean,
  level: 'month' | 'year' | undefined,
): { date: CalendarDate; yearImplied: boolean } | undefined {
  const certain = (unit: Component): boolean => component.isCertain(unit);
  const year = component.get('year');
  const month = component.get('month');
  const day = component.get('day');
  if (year === null || month === null || day === null) return undefined;
  const dayKnown = (certain('day') || certain('weekday') || relative) && !level;
  const monthKnown = dayKnown || (level !== 'year' && (certain('month') || level === 'month'));
  if (!monthKnown && !certain('year') && level !== 'year') return undefined;
  const date: CalendarDate = { year };
  if (monthKnown) date.month = month;
  if (dayKnown) date.day = day;
  const yearImplied = !certain('year') && !relative;
  if (yearImplied && !reference) return undefined;
  return { date, yearImplied };
}

/** "on Monday", "Monday night": a weekday without a day number or a word that says which week. */
function isBareWeekday(component: ParsedComponents, text: string): boolean {
  return component.isCertain('weekday') && !component.isCertain('day') && !WEEK_NAMED.test(text) && !/\d/.test(text);
}

/**
 * The day a bare weekday names in a report: news writes "on Monday" for the last Monday on or
 * before its own date ("the G4 tabled a resolution on Monday", written on a Friday), and for the
 * next one on or after it only when it forecasts ("will meet on Monday"). chrono takes the nearest Monday, which
 * puts half the week's past events into the future.
 */
function weekdayAround(reference: CalendarDate, weekday: number, forecast: boolean): CalendarDate {
  const noon = toNoonUtc(reference);
  const today = noon.getUTCDay();
  // News names today's weekday too: "will meet the king later Thursday", written on a Thursday, is that day.
  const offset = forecast ? (weekday - today + 7) % 7 : -((today - weekday + 7) % 7);
  const day = new Date(noon.getTime() + offset * 86_400_000);
  return { year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate() };
}

/** The year nearest to the date's own (same, then a year either way) in which it falls on the weekday. */
function yearOfWeekday(date: CalendarDate, weekday: number): number {
  for (const year of [date.year, date.year + 1, date.year - 1]) {
    if (new Date(Date.UTC(year, date.month! - 1, date.day!)).getUTCDay() === weekday) return year;
  }
  return date.year;
}

/**
 * The year of a date written without one, in a passage that has just given a full date of another
 * year ("On February 14 2003 he reported ... his final report, on March 7, ..."): the year that puts
 * it nearest that date, as a reader carries the year of the story being told. A report does not
 * date a past event after its own date, so a report's date still bounds it.
 */
function yearNear(date: CalendarDate, narrative: CalendarDate): number {
  const distance = (year: number): number =>
    Math.abs(toNoonUtc({ ...date, year }).getTime() - toNoonUtc({ ...narrative, day: narrative.day ?? 15 }).getTime());
  return [narrative.year - 1, narrative.year, narrative.year + 1].reduce((best, year) =>
    distance(year) < distance(best) ? year : best,
  );
}

/** A date whose year the words give, precise to its month or day: it sets the year of the passage. */
const setsNarrativeYear = (component: ParsedComponents): boolean =>
  component.isCertain('year') && component.isCertain('month');

function narrativeDate(component: ParsedComponents): CalendarDate {
  const date: CalendarDate = { year: component.get('year')!, month: component.get('month')! };
  if (component.isCertain('day')) date.day = component.get('day')!;
  return date;
}

// "On March 3, 12 people were killed": a number of one or two digits after "Month Day," counts
// something; it is not the year 2012.
const COUNT_AFTER_DAY = /^(.*\d)\s*,\s*\d{1,2}$/;

/**
 * "USA Today", "the Today programme": "Today" with a capital inside a sentence is a name. A sentence,
 * quote or clause may still open with it ("\"Today we mourn\"").
 */
function isTitleWord(sentence: string, index: number, text: string): boolean {
  return /^Today\b/.test(text) && index > 0 && !/(?:^|[.!?:;"'“‘(\-–—]\s*)$/.test(sentence.slice(0, index));
}

/** "the Sunday Times", "the Monday Club": a weekday after "the" and before a capitalised word is a name. */
function isWeekdayInName(sentence: string, index: number, text: string): boolean {
  if (!/^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day$/.test(text)) return false;
  const after = sentence.slice(index + text.length);
  return (
    /\bthe\s+$/i.test(sentence.slice(0, index)) && /^\s+[A-Z][a-z]/.test(after) && !MONTH_WORD.test(after.slice(0, 12))
  );
}

type Parse = Pick<chrono.ParsedResult, 'text' | 'index' | 'start' | 'end'>;

/** The parse of a date without the count chrono took for its year; the parse itself otherwise. */
function withoutCountAsYear(result: Parse, parse: (text: string) => Parse[]): Parse | undefined {
  const match = COUNT_AFTER_DAY.exec(result.text);
  if (!match || !result.start.isCertain('year') || !result.start.isCertain('day')) return result;
  const [reparsed] = parse(match[1]!);
  if (reparsed?.index !== 0) return undefined;
  return { text: reparsed.text, index: result.index, start: reparsed.start, end: reparsed.end };
}

/** Whether a match starts or ends inside a run of digits of the sentence. */
function cutsANumber(sentence: string, index: number, text: string): boolean {
  const digit = /\d/;
  const end = index + text.length;
  return (
    (digit.test(text.at(-1) ?? '') && digit.test(sentence[end] ?? '')) ||
    (digit.test(text[0] ?? '') && digit.test(sentence[index - 1] ?? ''))
  );
}

function chronoMentions(
  sentence: string,
  reference: Reference | undefined,
  context: NarrativeContext,
): TemporalMention[] {
  const instant = reference ? toNoonUtc(reference.date) : new Date(Date.UTC(2000, 0, 1, 12));
  const parser = reference ? chrono.casual : chrono.strict;
  const mentions: TemporalMention[] = [];
  const options = { forwardDate: false };
  for (const parsed of parser.parse(sentence, { instant, timezone: 'UTC' }, options)) {
    const result = withoutCountAsYear(parsed, (text) => parser.parse(text, { instant, timezone: 'UTC' }, options));
    if (!result) continue;
    const text = result.text;
    // "12 March 12025" is not 12 March 1202: a date cut out of a longer number is no date.
    if (cutsANumber(sentence, result.index, text)) continue;
    if (setsNarrativeYear(result.start)) context.date = narrativeDate(result.start);
    if (/^(now|right now|currently|the moment|tonight)$/i.test(text) || TOO_FINE_OR_VAGUE.test(text)) continue;
    if (DURATION_OR_NARRATIVE.test(text) || BARE_WEEKDAY_ABBREVIATION.test(text.trim())) continue;
    if (WEEKEND.test(text) && !RELATIVE.test(text)) continue;
    if (isTitleWord(sentence, result.index, text) || isWeekdayInName(sentence, result.index, text)) continue;
    // "a week after I arrived", "60 years after": counted from some other event, not from the reference.
    if ((COUNTED_FROM_ELSEWHERE.test(text) || SPAN.test(text)) && !EXPLICIT_DATE.test(text)) continue;
    const relative = RELATIVE.test(text) || (result.start.isCertain('weekday') && !result.start.isCertain('day'));
    // A bare month must be written as a name with a capital ("in March"), not the verb "march".
    if (!result.start.isCertain('day') && !relative && result.start.isCertain('month') && !MONTH_WORD.test(text))
      continue;
    const level = relative ? levelOf(text) : undefined;
    const start = componentsOf(result.start, reference, relative, level);
    if (!start) continue;
    // A dateline or timestamp ("Tuesday 1 February 2005 00.01 GMT") dates the report, not an event.
    if (result.start.isCertain('hour') && reference && firstDay(start.date) === firstDay(reference.date) && !relative)
      continue;
    // Without a year, news means the latest such date ("in July" written in April is last July),
    // unless it forecasts ("he would not run in September" is the next September).
    if (start.yearImplied && reference) {
      const forecast = forecastsAt(sentence, result.index);
      const narrative = context.date && context.date.year !== reference.date.year ? context.date : undefined;
      if (narrative) start.date.year = yearNear(start.date, narrative);
      else if (forecast && lastDay(start.date) < firstDay(reference.date)) start.date.year += 1;
      if (!forecast && firstDay(start.date) > lastDay(reference.date)) start.date.year -= 1;
      // "the end of February" moved from a leap year to another ends on the 28th.
      if (start.date.day !== undefined && start.date.month !== undefined)
        start.date.day = Math.min(start.date.day, daysIn(start.date.year, start.date.month));
      // "Thursday, July 21" names its year too: the nearest year in which July 21 is a Thursday.
      if (result.start.isCertain('weekday') && start.date.day !== undefined)
        start.date.year = yearOfWeekday(start.date, result.start.get('weekday')!);
    }
    if (reference && isBareWeekday(result.start, text)) {
      const forecast = forecastsAt(sentence, result.index);
      start.date = weekdayAround(reference.date, result.start.get('weekday')!, forecast);
    }
    const end = result.end ? componentsOf(result.end, reference, relative, level) : undefined;
    // "May 16 - 27": an end without its own year is in the start's year as read above (or the next
    // one, for "December 28 - January 3"), never a year apart because the start was moved.
    if (end?.yearImplied) {
      end.date.year += start.date.year - result.start.get('year')!;
      if (lastDay(end.date) < firstDay(start.date)) end.date.year += 1;
    }
    const approximate = VAGUE.test(text) || (Boolean(reference?.inferred) && (relative || start.yearImplied));
    mentions.push({
      date: start.date,
      approximate,
      ...(end ? { end: end.date } : {}),
      expression: text,
      index: result.index,
      modality: modalityOf(
        sentence,
        result.index,
        reference !== undefined && firstDay(start.date) > lastDay(reference.date),
      ),
    });
  }
  return mentions;
}

function yearMentions(sentence: string, reference: Reference | undefined, taken: TemporalMention[]): TemporalMention[] {
  const mentions: TemporalMention[] = [];
  for (const match of sentence.matchAll(YEAR_ONLY)) {
    const index = match.index + match[0].length - match[1]!.length;
    if (taken.some((mention) => index >= mention.index && index < mention.index + mention.expression.length)) continue;
    const date = { year: Number(match[1]) };
    const future = reference !== undefined && date.year > reference.date.year;
    mentions.push({
      date,
      approximate: false,
      expression: match[1]!,
      index,
      modality: modalityOf(sentence, index, future),
    });
  }
  return mentions;
}

/**
 * What earlier sentences of the passage tell about the dates of the next one: the last full date
 * given with its year. Pass the same object for the sentences of one paragraph, in order.
 */
export interface NarrativeContext {
  date?: CalendarDate;
}

/** Every dated expression of a sentence, in order of appearance. */
export function mentionsIn(
  sentence: string,
  reference: Reference | undefined,
  context: NarrativeContext = {},
): TemporalMention[] {
  if (!MAY_HOLD_DATE.test(sentence)) return [];
  const parsed = chronoMentions(sentence, reference, context);
  const mentions = [
    ...parsed,
    ...yearMentions(sentence, reference, parsed),
    ...(reference ? anchoredMentions(sentence, reference) : []),
  ];
  return mentions.sort((a, b) => a.index - b.index);
}
