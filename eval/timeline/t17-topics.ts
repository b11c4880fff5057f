/**
 * The public Timeline17 topics as the date-selection model sees them: for each gold timeline, its
 * window (first to last gold date), K, the gold dates, the articles published in the window (the
 * input the news timeline summarisation protocol allows: nothing published after the last gold
 * date), and the features of every candidate day in the window. Shared by the training script and
 * the evaluation, so both read the same data.
 */
import { readFileSync } from 'node:fs';
import { Corpus } from '../../src/core/corpus.js';
import type { SourceDocument } from '../../src/core/document.js';
import { loadDocuments } from '../../src/core/load-documents.js';
import { type CalendarDate, parseIso, toIso } from '../../src/core/timeline/calendar.js';
import { dateFeatures, type DateFeatures } from '../../src/core/timeline/date-features.js';
import { datedClaimsFor } from '../../src/core/timeline/timeline.js';
import { SHARED } from '../golden.js';

export const TOPICS = ['egypt', 'haiti', 'finan', 'iraq'] as const;

interface GoldFile {
  source: string;
  timeline: [string, string[]][];
}

/** One gold timeline and what the model needs to rank its window's days. */
export interface GoldTimeline {
  topic: string;
  source: string;
  from: CalendarDate;
  to: CalendarDate;
  k: number;
  gold: ReadonlySet<string>;
  /** The articles published from `from` to `to`, indexed: the timeline's only input. */
  corpus: Corpus;
  /** Every candidate day in the window (ISO) with its features. */
  candidates: Map<string, DateFeatures>;
}

export interface Topic {
  name: string;
  documents: SourceDocument[];
  timelines: GoldTimeline[];
}

/** Loads one topic; for each gold timeline, indexes its window's articles and computes the features. */
export async function loadTopic(name: string): Promise<Topic> {
  const { documents } = await loadDocuments(`${SHARED}datasets/t17/${name}/docs`);
  const files = JSON.parse(readFileSync(`${SHARED}datasets/t17/${name}/gold-timelines.json`, 'utf8')) as GoldFile[];
  const timelines = files.map((file): GoldTimeline => {
    const dates = file.timeline.map(([date]) => date).sort();
    const from = parseIso(dates[0]!)!;
    const to = parseIso(dates.at(-1)!)!;
    const gold = new Set(dates);
    const published = (document: SourceDocument): string => document.published?.slice(0, 10) ?? '';
    const window = Corpus.from(
      documents.filter((document) => published(document) >= toIso(from) && published(document) <= toIso(to)),
    );
    return {
      topic: name,
      source: file.source,
      from,
      to,
      k: gold.size,
      gold,
      corpus: window,
      candidates: dateFeatures(window, datedClaimsFor(window, { from, to })),
    };
  });
  return { name, documents, timelines };
}
