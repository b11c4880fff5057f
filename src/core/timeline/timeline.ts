/**
 * /timeline: the dated events of the documents, oldest first, each with its cited sentence.
 * With a limit, the most important days are chosen first by a small learned model of how the
 * documents refer to them (date-model.ts), then listed in date order.
 */
import { claimsMatching } from '../ask.js';
import { citationOf, type Citation } from '../citation.js';
import type { Corpus } from '../corpus.js';
import type { DocumentScope } from '../scope.js';
import { type CalendarDate, compareDates, firstDay, lastDay, type Precision, precisionOf, toIso } from './calendar.js';
import { dateFeatures } from './date-features.js';
import { type DateModel, scoreDates } from './date-model.js';
import { type DatedClaim, datedClaimsOf, type DatedEvent, mergeIntoEvents } from './events.js';
import { keptEventsOf } from './kept-events.js';

export interface TimelineOptions {
  /** Only events whose claims answer this topic (the same search as /ask). */
  topic?: string;
  /** Only dates wholly on or after this one. */
  from?: CalendarDate;
  /** Only dates wholly on or before this one. */
  to?: CalendarDate;
  /** Only this many most important dates, one event each. */
  limit?: number;
  /** The date-selection model for `limit` (default: the shipped weights); the evaluation passes held-out ones. */
  model?: DateModel;
  /** Only these documents (a channel's collection); default every document. */
  scope?: DocumentScope;
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
 * Picks the `limit` most important days by the learned model (how the documents refer to each
 * day), keeping each day's most reported event. A month or a year cannot tell which day
 * mattered: those compete only for the places the days leave.
 */
function mostImportant(
  corpus: Corpus,
  dated: readonly DatedClaim[],
  events: DatedEvent[],
  limit: number,
  model: DateModel | undefined,
): DatedEvent[] {
  const scores = scoreDates(dateFeatures(corpus, dated), model);
  const best = new Map<string, DatedEvent>();
  for (const event of events) {
    const key = toIso(event.date);
    const current = best.get(key);
    if (
      !current ||
      event.documents > current.documents ||
      (event.documents === current.documents && event.claims.length > current.claims.length)
    )
      best.set(key, event);
  }
  const score = (event: DatedEvent): number => scores.get(toIso(event.date)) ?? Number.NEGATIVE_INFINITY;
  return [...best.values()]
    .sort(
      (a, b) =>
        score(b) - score(a) ||
        b.documents - a.documents ||
        b.claims.length - a.claims.length ||
        compareDates(a.date, b.date),
    )
    .slice(0, limit);
}

function toTimelineEvent(corpus: Corpus, event: DatedEvent): TimelineEvent {
  let citations: Citation[] | undefined;
  // Made when shown: a timeline of every event holds tens of thousands, a reply shows a few.
  const cite = (): Citation[] => {
    const seen = new Set<string>();
    return event.claims
      .map(({ entry }) => citationOf(entry.claim, corpus.document(entry.claim.documentId)))
      .filter((citation) => !seen.has(citation.claim) && seen.add(citation.claim));
  };
  return {
    date: toIso(event.date),
    precision: precisionOf(event.date),
    approximate: event.approximate,
    end: event.end ? toIso(event.end) : null,
    modality: event.modality,
    label: event.label ?? null,
    get text(): string {
      return event.claims[0]!.entry.claim.text;
    },
    get citations(): Citation[] {
      citations ??= cite();
      return citations;
    },
    documents: event.documents,
  };
}

/** Recent timelines per corpus, by its version and the options: the same /timeline again is read, not rebuilt. */
const recent = new WeakMap<Corpus, { version: string; results: Map<string, TimelineResult> }>();
const RECENT_TIMELINES = 16;

/** The timeline of the corpus, oldest first (the same result object for the same corpus version and options). */
export function buildTimeline(corpus: Corpus, options: TimelineOptions = {}): TimelineResult {
  // A caller's own model (the evaluation's held-out weights) is never cached.
  if (options.model) return computeTimeline(corpus, options);
  const version = corpus.version;
  let cache = recent.get(corpus);
  if (cache?.version !== version) recent.set(corpus, (cache = { version, results: new Map() }));
  const key = JSON.stringify([
    options.scope?.key ?? null,
    options.topic ?? null,
    options.from ?? null,
    options.to ?? null,
    options.limit ?? null,
  ]);
  const known = cache.results.get(key);
  if (known) return known;
  const result = computeTimeline(corpus, options);
  if (cache.results.size >= RECENT_TIMELINES) cache.results.delete(cache.results.keys().next().value!);
  cache.results.set(key, result);
  return result;
}

/** The dated claims a timeline request covers: about its topic, wholly within its dates. */
export function datedClaimsFor(
  corpus: Corpus,
  options: Pick<TimelineOptions, 'topic' | 'from' | 'to' | 'scope'> = {},
): DatedClaim[] {
  const { scope } = options;
  const documents = scope ? corpus.documents.filter((document) => scope.has(document.id)) : corpus.documents;
  let dated = documents.flatMap((document) => datedClaimsOf(corpus, document));
  if (options.topic !== undefined) {
    const matching = claimsMatching(corpus, options.topic, undefined, scope);
    dated = dated.filter(({ entry }) => matching.has(entry.key));
  }
  const { from, to } = options;
  return dated.filter(
    ({ mention }) =>
      (!from || firstDay(mention.date) >= firstDay(from)) && (!to || lastDay(mention.date) <= lastDay(to)),
  );
}

function computeTimeline(corpus: Corpus, options: TimelineOptions): TimelineResult {
  // Every document's events are kept (and saved in the snapshot); a narrower request merges its own claims.
  const everything =
    options.topic === undefined && options.from === undefined && options.to === undefined && !options.scope;
  const dated = everything && options.limit === undefined ? undefined : datedClaimsFor(corpus, options);
  const events = everything
    ? [...keptEventsOf(corpus)]
    : mergeIntoEvents(dated!, (term) => corpus.index.documentFrequency(term));
  const chosen =
    options.limit !== undefined ? mostImportant(corpus, dated!, events, options.limit, options.model) : events;
  chosen.sort((a, b) => compareDates(a.date, b.date) || b.documents - a.documents);
  const shown = chosen.map((event) => toTimelineEvent(corpus, event));
  return { events: shown, matched: events.length, note: noteFor(shown.length, events.length, options) };
}

function noteFor(shown: number, matched: number, options: TimelineOptions): string {
  if (matched === 0) {
    const narrowed = options.topic !== undefined || options.from !== undefined || options.to !== undefined;
    return narrowed
      ? 'No dated events in the documents match this topic or date range.'
      : 'The documents date no events.';
  }
  const events = `${shown} dated ${shown === 1 ? 'event' : 'events'}`;
  return shown < matched ? `${events}, the most important of ${matched}, oldest first.` : `${events}, oldest first.`;
}
