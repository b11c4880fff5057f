/**
 * The shapes of dated expressions, shared by the parsers of dates (temporal.ts) and of anchored
 * dates (anchored.ts), so neither imports the other's types.
 */
import type { CalendarDate } from './calendar.js';
import type { Modality } from './modality.js';

/** The date every relative expression of a document is read against. */
export interface Reference {
  date: CalendarDate;
  /** True when the document has no `published` date and this one was inferred from its text. */
  inferred: boolean;
}

/** One dated expression in a sentence. */
export interface TemporalMention {
  date: CalendarDate;
  /** The date is an estimate: relative to an inferred reference, or derived ("its fourth year"). */
  approximate: boolean;
  /** Last date of a range ("January 25 to February 11"), at its own precision. */
  end?: CalendarDate;
  /** The words that gave the date. */
  expression: string;
  /** Offset of the expression in the sentence. */
  index: number;
  modality: Modality;
  /** What a derived date is of ("the start of the conflict"); absent when the sentence is dated directly. */
  label?: string;
}
