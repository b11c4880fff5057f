/**
 * /timeline: the dated events of the documents, oldest first, each with its cited sentence.
 * With a limit, the most important dates are chosen first (how many documents report them, in
 * their lead or further down, stated outright rather than estimated), then listed in date order.
 */
import { claimsMatching } from '../ask.js';
import { citationOf, type Citation } from '../citation.js';
import type { Corpus } from '../corpus.js';
import { type CalendarDate, compareDates, firstDay, lastDay, type Precision, precisionOf, toIso } from './calendar.js';
import { datedClaimsOf, type DatedEvent, mergeIntoEvents } from './events.js';

export interface TimelineOptions {
  /** Only events whose claims answer this topic (the same search as /ask). */
  topic?: string;
  /** Only dates wholly on or after this one. */
  from?: CalendarDate;
  /** Only dates wholly on or before this one. */
  to?: CalendarDate;
  /** Only this many most important dates, one event each. */
  limit?: number;
}

/** One line of a timeline. */
export interface TimelineEvent {
  /** ISO 8601 at its precision: `2025-02-20`, `2025-02` or `2025`. */
  date: string;
  precision: Precision;
  /** An estimate (relative to an inferred date, or derived from "its fourth year"). */
  approximate: boolean;
  /** Last date of a range, ISO at its precision. */
  end: string | null;
  /** `reported`, `prediction` or `conditional`. */
  modality: DatedEvent['modality'];
  /** What a derived date is of ("the start of the conflict"); null when the sentence dates itself. */
  label: string | null;
  /** The representative sentence, verbatim. */
  text: string;
  /** Every claim that reports the event, the representative one first. */
  citations: Citation[];
  /** How many documents report it. */
  documents: number;
}

export interface TimelineResult {
  events: TimelineEvent[];
  /** Events that matched before `limit` chose among them. */
  matched: number;
  note: string;
}

/**
 * How much one document's report of an event counts toward the importance of its date: a date
 * stated outright counts fully, an estimate or a prediction half; a month or a year, which cannot
 * tell which day mattered, does not compete with days.
 */
function reportWeight(event: DatedEvent): number {
  if (precisionOf(event.date) !== 'day') return 0;
  return event.approximate || event.modality !== 'reported' ? 0.5 : 1;
}

/** A news report puts its main event first: a date stated in its first claims (the lead) counts double. */
const LEAD_CLAIMS = 3;
const LEAD_WEIGHT = 2;

interface DateSlot {
  /** Each reporting document's weight: a document counts once per date. */
  weights: Map<string, number>;
  /** The date's most reported event. */
  best: DatedEvent;
}

/** Picks the `limit` most reported dates, keeping each date's most reported event. */
function mostImportant(events: DatedEvent[], limit: number): DatedEvent[] {
  const byDate = new Map<string, DateSlot>();
  for (const event of events) {
    const key = toIso(event.date);
    const slot = byDate.get(key) ?? { weights: new Map<string, number>(), best: event };
    for (const { entry } of event.claims) {
      const document = entry.claim.documentId;
      const central = entry.position < LEAD_CLAIMS ? LEAD_WEIGHT : 1;
      slot.weights.set(document, Math.max(slot.weights.get(document) ?? 0, reportWeight(event) * central));
    }
    if (event.documents > slot.best.documents || (event.documents === slot.best.documents && event.claims.length > slot.best.claims.length)) slot.best = event;
    byDate.set(key, slot);
  }
  const importance = (slot: DateSlot): number => [...slot.weights.values()].reduce((sum, weight) => sum + weight, 0);
  return [...byDate.values()]
    .sort((a, b) => importance(b) - importance(a) || b.best.claims.length - a.best.claims.length || compareDates(a.best.date, b.best.date))
    .slice(0, limit)
    .map((slot) => slot.best);
}

function toTimelineEvent(corpus: Corpus, event: DatedEvent): TimelineEvent {
  const seen = new Set<string>();
  const citations = event.claims
    .map(({ entry }) => citationOf(entry.claim, corpus.document(entry.claim.documentId)))
    .filter((citation) => !seen.has(citation.claim) && seen.add(citation.claim));
  return {
    date: toIso(event.date),
    precision: precisionOf(event.date),
    approximate: event.approximate,
    end: event.end ? toIso(event.end) : null,
    modality: event.modality,
    label: event.label ?? null,
    text: event.claims[0]!.entry.claim.text,
    citations,
    documents: event.documents,
  };
}

/** Recent timelines per corpus, by its version and the options: the same /timeline again is read, not rebuilt. */
const recent = new WeakMap<Corpus, { version: string; results: Map<string, TimelineResult> }>();
const RECENT_TIMELINES = 16;

/** The timeline of the corpus, oldest first (the same result object for the same corpus version and options). */
export function buildTimeline(corpus: Corpus, options: TimelineOptions = {}): TimelineResult {
  const version = corpus.version;
  let cache = recent.get(corpus);
  if (cache?.version !== version) recent.set(corpus, (cache = { version, results: new Map() }));
  const key = JSON.stringify([options.topic ?? null, options.from ?? null, options.to ?? null, options.limit ?? null]);
  const known = cache.results.get(key);
  if (known) return known;
  const result = computeTimeline(corpus, options);
  if (cache.results.size >= RECENT_TIMELINES) cache.results.delete(cache.results.keys().next().value!);
  cache.results.set(key, result);
  return result;
}

function computeTimeline(corpus: Corpus, options: TimelineOptions): TimelineResult {
  let dated = corpus.documents.flatMap((document) => datedClaimsOf(corpus, document));
  if (options.topic !== undefined) {
    const matching = claimsMatching(corpus, options.topic);
    dated = dated.filter(({ entry }) => matching.has(entry.key));
  }
  const { from, to } = options;
  dated = dated.filter(({ mention }) => (!from || firstDay(mention.date) >= firstDay(from)) && (!to || lastDay(mention.date) <= lastDay(to)));
  const events = mergeIntoEvents(dated, (term) => corpus.index.documentFrequency(term));
  const chosen = options.limit !== undefined ? mostImportant(events, options.limit) : events;
  chosen.sort((a, b) => compareDates(a.date, b.date) || b.documents - a.documents);
  const shown = chosen.map((event) => toTimelineEvent(corpus, event));
  return { events: shown, matched: events.length, note: noteFor(shown.length, events.length, options) };
}

function noteFor(shown: number, matched: number, options: TimelineOptions): string {
  if (matched === 0) {
    const narrowed = options.topic !== undefined || options.from !== undefined || options.to !== undefined;
    return narrowed ? 'No dated events in the documents match this topic or date range.' : 'The documents date no events.';
  }
  const events = `${shown} dated ${shown === 1 ? 'event' : 'events'}`;
  return shown < matched ? `${events}, the most reported of ${matched}.` : `${events}, oldest first.`;
}
