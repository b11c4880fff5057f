/**
 * `npm run eval:timeline`: date selection of /timeline on Timeline17 (egypt, haiti, finan, iraq),
 * with the news timeline summarisation protocol: for each gold timeline, K = its number of dates,
 * from/to = its first and last date, and the input = the articles published from/to; precision,
 * recall and F1 of the K dates chosen.
 * Leave-one-topic-out: the model that picks a topic's dates is fitted on the other topics only.
 * Beside it, from the same run, the baseline that picks the K days with the most published articles,
 * and the best F1 any K of the days the articles mention could reach (a gold day no article in the
 * window dates cannot be picked from the text).
 */
import { buildTimeline } from '../src/core/timeline/timeline.js';
import { toIso } from '../src/core/timeline/calendar.js';
import { loadTopic, TOPICS } from './timeline/t17-topics.js';
import { trainDateModel } from './timeline/train.js';

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

const fmt = (scores: Scores): string =>
  `P ${scores.precision.toFixed(2)} R ${scores.recall.toFixed(2)} F1 ${scores.f1.toFixed(2)}`;
const ours: number[] = [];
const baseline: number[] = [];
const reachable: number[] = [];

const started = performance.now();
const topics = await Promise.all(TOPICS.map(loadTopic));
console.error(`  (${topics.length} topics loaded and dated in ${Math.round(performance.now() - started)} ms)`);
for (const topic of topics) {
  const model = trainDateModel(topics.filter((other) => other !== topic).flatMap((other) => other.timelines));
  for (const gold of topic.timelines) {
    const { from, to, k } = gold;
    const timeline = buildTimeline(gold.corpus, { from, to, limit: k, model });
    const chosen = timeline.events.map((event) => event.date);
    const published = new Map<string, number>();
    for (const document of topic.documents) {
      const day = document.published?.slice(0, 10);
      if (day && day >= toIso(from) && day <= toIso(to)) published.set(day, (published.get(day) ?? 0) + 1);
    }
    const byPublication = [...published]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, k)
      .map(([day]) => day);
    const mentioned = [...gold.candidates.keys()].filter((day) => gold.gold.has(day)).length;
    const picks = Math.min(k, gold.candidates.size);
    reachable.push((2 * Math.min(mentioned, picks)) / (picks + k));
    const mine = score(chosen, gold.gold);
    const theirs = score(byPublication, gold.gold);
    ours.push(mine.f1);
    baseline.push(theirs.f1);
    console.log(
      `${topic.name}/${gold.source.padEnd(12)} K=${String(k).padStart(3)} articles=${String(gold.corpus.documents.length).padStart(3)}  briefbot (held out) ${fmt(mine)}   published-count baseline ${fmt(theirs)}   reachable from mentioned days F1 ${reachable.at(-1)!.toFixed(2)}`,
    );
  }
}

const mean = (values: number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;
const difference = mean(ours) - mean(baseline);
console.log(
  `mean date-F1 over ${ours.length} timelines, leave-one-topic-out: briefbot ${mean(ours).toFixed(3)}, published-count baseline ${mean(baseline).toFixed(3)} (${difference >= 0 ? '+' : ''}${difference.toFixed(3)}); reachable from mentioned days ${mean(reachable).toFixed(3)}`,
);
