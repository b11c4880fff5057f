/**
 * How a story's documents refer to each day: the signals the date-selection model weighs (how
 * many documents mention the day, in their lead or further down, written after it or before it,
 * and how many are published on it or the day after; and whether it is a weekend day, when less of
 * what news reports happens). Counts are of documents, so one long article cannot outvote a dozen
 * short ones; each is log-scaled.
 */
import type { Corpus } from '../corpus.js';
import { parseIso, precisionOf, toIso } from './calendar.js';
import type { DatedClaim } from './events.js';

/** The features of one day, in the order of FEATURE_NAMES. */
export type DateFeatures = number[];

/** Names of the features, in order: the weights file lists its weights under these names. */
export const FEATURE_NAMES = [
  'documents mentioning it in their lead',
  'documents mentioning it only further down',
  'documents mentioning it, published later',
  'documents mentioning it, published before',
  'documents published on it',
  'documents published the day after',
  'mentioning documents, a lead counting double and an estimate or prediction half',
  'a Saturday or Sunday',
] as const;

/**
 * Which features count documents: more documents referring to a day can never make it less
 * important, so the training keeps their weights at zero or above (the others may go either way).
 */
export const COUNTS_DOCUMENTS: readonly boolean[] = FEATURE_NAMES.map((name) => name !== 'a Saturday or Sunday');

/** A news report puts its main event first: its first claims are its lead. */
export const LEAD_CLAIMS = 3;

interface DayCounts {
  mentioning: Set<string>;
  lead: Set<string>;
  later: Set<string>;
  before: Set<string>;
  /** Each document's strongest mention: 2 in its lead, 1 further down, halved for an estimate. */
  strength: Map<string, number>;
}

const emptyCounts = (): DayCounts => ({
  mentioning: new Set(),
  lead: new Set(),
  later: new Set(),
  before: new Set(),
  strength: new Map(),
});

function dayOf(iso: string, offset = 0): Date {
  const date = parseIso(iso)!;
  return new Date(Date.UTC(date.year, date.month! - 1, date.day! + offset));
}

const nextDay = (iso: string): string => dayOf(iso, 1).toISOString().slice(0, 10);
const isWeekend = (iso: string): boolean => dayOf(iso).getUTCDay() % 6 === 0;

/** How many documents are published on each day (ISO). */
function publicationDays(corpus: Corpus): Map<string, number> {
  const days = new Map<string, number>();
  for (const document of corpus.documents) {
    const day = document.published?.slice(0, 10);
    if (day && parseIso(day)) days.set(day, (days.get(day) ?? 0) + 1);
  }
  return days;
}

/**
 * The features of every day that the dated claims mention at day precision, by ISO day, and of
 * the `extraDays` given (days no claim need mention, such as the days reports were published on:
 * their mention counts are zero).
 * Publication counts come from the whole corpus: a day many reports were filed on matters
 * whatever the request narrows to.
 */
export function dateFeatures(
  corpus: Corpus,
  dated: readonly DatedClaim[],
  extraDays: Iterable<string> = [],
): Map<string, DateFeatures> {
  const counts = new Map<string, DayCounts>();
  for (const { mention, entry } of dated) {
    if (precisionOf(mention.date) !== 'day' || mention.end) continue;
    const iso = toIso(mention.date);
    const day = counts.get(iso) ?? emptyCounts();
    const id = entry.claim.documentId;
    const published = corpus.document(id)?.published?.slice(0, 10);
    const lead = entry.position < LEAD_CLAIMS;
    day.mentioning.add(id);
    if (lead) day.lead.add(id);
    if (published && published > iso) day.later.add(id);
    if (published && published < iso) day.before.add(id);
    const strength = (lead ? 2 : 1) * (mention.approximate || mention.modality !== 'reported' ? 0.5 : 1);
    day.strength.set(id, Math.max(day.strength.get(id) ?? 0, strength));
    counts.set(iso, day);
  }
  for (const iso of extraDays) if (!counts.has(iso)) counts.set(iso, emptyCounts());
  const published = publicationDays(corpus);
  const log = (value: number): number => Math.log1p(value);
  const features = new Map<string, DateFeatures>();
  for (const [iso, day] of counts) {
    features.set(iso, [
      log(day.lead.size),
      log(day.mentioning.size - day.lead.size),
      log(day.later.size),
      log(day.before.size),
      log(published.get(iso) ?? 0),
      log(published.get(nextDay(iso)) ?? 0),
      log([...day.strength.values()].reduce((sum, value) => sum + value, 0)),
      isWeekend(iso) ? 1 : 0,
    ]);
  }
  return features;
}
