/**
 * `npm run eval:timeline`: date selection of /timeline on Timeline17 (egypt, haiti, finan, iraq),
 * with the news timeline summarisation protocol: for each gold timeline, K = its number of dates
 * and from/to = its first and last date; precision, recall and F1 of the K dates chosen. Beside
 * it, from the same run, the baseline that picks the K days with the most published articles.
 */
import { readFileSync } from 'node:fs';
import { Corpus } from '../src/core/corpus.js';
import { loadDocuments } from '../src/core/load-documents.js';
import { parseIso } from '../src/core/timeline/calendar.js';
import { buildTimeline } from '../src/core/timeline/timeline.js';
import { SHARED } from './golden.js';

const TOPICS = ['egypt', 'haiti', 'finan', 'iraq'];

interface GoldTimeline {
  source: string;
  timeline: [string, string[]][];
}

interface Scores {
  precision: number;
  recall: number;
  f1: number;
}

function score(chosen: readonly string[], gold: ReadonlySet<string>): Scores {
  const hits = chosen.filter((date) => gold.has(date)).length;
  const precision = chosen.length ? hits / chosen.length : 0;
  const recall = gold.size ? hits / gold.size : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

const fmt = (scores: Scores): string => `P ${scores.precision.toFixed(2)} R ${scores.recall.toFixed(2)} F1 ${scores.f1.toFixed(2)}`;
const ours: number[] = [];
const baseline: number[] = [];

for (const topic of TOPICS) {
  const { documents } = await loadDocuments(`${SHARED}datasets/t17/${topic}/docs`);
  const started = performance.now();
  const corpus = Corpus.from(documents);
  const golds = JSON.parse(readFileSync(`${SHARED}datasets/t17/${topic}/gold-timelines.json`, 'utf8')) as GoldTimeline[];
  for (const gold of golds) {
    const dates = gold.timeline.map(([date]) => date).sort();
    const goldSet = new Set(dates);
    const [from, to] = [dates[0]!, dates.at(-1)!];
    const k = goldSet.size;
    const timeline = buildTimeline(corpus, { from: parseIso(from)!, to: parseIso(to)!, limit: k });
    const chosen = timeline.events.map((event) => event.date);
    const published = new Map<string, number>();
    for (const document of documents) {
      const day = document.published?.slice(0, 10);
      if (day && day >= from && day <= to) published.set(day, (published.get(day) ?? 0) + 1);
    }
    const byPublication = [...published].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, k).map(([day]) => day);
    const mine = score(chosen, goldSet);
    const theirs = score(byPublication, goldSet);
    ours.push(mine.f1);
    baseline.push(theirs.f1);
    console.log(`${topic}/${gold.source.padEnd(12)} K=${String(k).padStart(3)}  briefbot ${fmt(mine)}   published-count baseline ${fmt(theirs)}`);
  }
  console.error(`  (${topic}: ${documents.length} documents, ${corpus.claimCount} claims, ${Math.round(performance.now() - started)} ms)`);
}

const mean = (values: number[]): string => (values.reduce((sum, value) => sum + value, 0) / values.length).toFixed(3);
console.log(`mean date-F1 over ${ours.length} timelines: briefbot ${mean(ours)}, published-count baseline ${mean(baseline)}`);
