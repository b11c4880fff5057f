/**
 * `npm run eval:timeline-headroom`: how far the date-selection features can carry on Timeline17,
 * for two sets of candidate days: the days the articles mention (what /timeline ranks), and those
 * plus the days articles were published on in the window (a day reported on without being named).
 * For each set it prints, per topic, the date-F1 of the K best-scored candidate days with weights
 * fitted leave-one-topic-out (as `npm run eval:timeline`, but on the days alone), and the F1 the
 * best single weight vector found for all four topics at once reaches (fitted on the topics it
 * scores, so an upper bound of what reweighting these features can give, not a result).
 */
import { toIso } from '../src/core/timeline/calendar.js';
import { COUNTS_DOCUMENTS, dateFeatures } from '../src/core/timeline/date-features.js';
import { type DateModel, scoreDates, standardise } from '../src/core/timeline/date-model.js';
import { datedClaimsFor } from '../src/core/timeline/timeline.js';
import { type GoldTimeline, loadTopic, TOPICS } from './timeline/t17-topics.js';
import { trainDateModel } from './timeline/train.js';

const topics = await Promise.all(TOPICS.map(loadTopic));
const baseline = (timeline: GoldTimeline): string[] => {
  const published = new Map<string, number>();
  for (const document of timeline.corpus.documents) {
    const day = document.published?.slice(0, 10);
    if (day && day >= toIso(timeline.from) && day <= toIso(timeline.to))
      published.set(day, (published.get(day) ?? 0) + 1);
  }
  return [...published]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, timeline.k)
    .map(([day]) => day);
};

/** The same timeline with publication days of its window added to its candidates. */
function withPublicationDays(timeline: GoldTimeline): GoldTimeline {
  const days = baseline({ ...timeline, k: Number.POSITIVE_INFINITY });
  const dated = datedClaimsFor(timeline.corpus, { from: timeline.from, to: timeline.to });
  return { ...timeline, candidates: dateFeatures(timeline.corpus, dated, days) };
}

function f1(chosen: readonly string[], timeline: GoldTimeline): number {
  const hits = chosen.filter((day) => timeline.gold.has(day)).length;
  return hits === 0 ? 0 : (2 * hits) / (chosen.length + timeline.k);
}

/** The K candidate days with the highest scores (ties to the earlier day). */
function topK(scores: ReadonlyMap<string, number>, k: number): string[] {
  return [...scores]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, k)
    .map(([day]) => day);
}

/**
 * The best mean F1 one weight vector gives over all the timelines: random vectors, then random
 * steps from the best (deterministic seed), weights of counts kept at zero or above as in training.
 */
function bestSingleVector(timelines: readonly GoldTimeline[]): { mean: number; f1s: number[] } {
  const prepared = timelines.map((timeline) => {
    const days = [...timeline.candidates.keys()];
    return { timeline, days, rows: standardise(days.map((day) => timeline.candidates.get(day)!)) };
  });
  const evaluate = (weights: readonly number[]): number[] =>
    prepared.map(({ timeline, days, rows }) => {
      const scores = new Map(days.map((day, i) => [day, rows[i]!.reduce((sum, v, j) => sum + v * weights[j]!, 0)]));
      return f1(topK(scores, timeline.k), timeline);
    });
  let seed = 1;
  const random = (): number => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  const width = COUNTS_DOCUMENTS.length;
  const bounded = (value: number, j: number): number => (COUNTS_DOCUMENTS[j] ? Math.max(0, value) : value);
  let best = { mean: -1, f1s: [] as number[], weights: [] as number[] };
  const consider = (weights: number[]): void => {
    const f1s = evaluate(weights);
    const mean = f1s.reduce((sum, value) => sum + value, 0) / f1s.length;
    if (mean >= best.mean) best = { mean, f1s, weights };
  };
  for (let i = 0; i < 3000; i++) consider(Array.from({ length: width }, (_, j) => bounded(random() * 4 - 2, j)));
  for (let i = 0; i < 4000; i++)
    consider(best.weights.map((w, j) => bounded(random() < 0.3 ? w + (random() - 0.5) * 0.4 : w, j)));
  return best;
}

const mean = (values: readonly number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;
const baselines = topics.flatMap((topic) => topic.timelines.map((timeline) => f1(baseline(timeline), timeline)));
console.log(
  `published-count baseline: ${baselines.map((value) => value.toFixed(3)).join(' ')} (mean ${mean(baselines).toFixed(3)})`,
);
for (const [name, candidatesOf] of [
  ['mentioned days', (timeline: GoldTimeline) => timeline],
  ['mentioned and publication days', withPublicationDays],
] as const) {
  const sets = topics.map((topic) => topic.timelines.map(candidatesOf));
  const heldOut = sets.flatMap((timelines, t) => {
    const model: DateModel = trainDateModel(sets.filter((_, other) => other !== t).flat());
    return timelines.map((timeline) => f1(topK(scoreDates(timeline.candidates, model), timeline.k), timeline));
  });
  const all = sets.flat();
  const best = bestSingleVector(all);
  const reach = all.map((timeline) => {
    const mentioned = [...timeline.candidates.keys()].filter((day) => timeline.gold.has(day)).length;
    return (2 * mentioned) / (Math.min(timeline.k, timeline.candidates.size) + timeline.k);
  });
  const row = (values: readonly number[]): string =>
    `${values.map((value) => value.toFixed(3)).join(' ')} (mean ${mean(values).toFixed(3)}, ${mean(values) >= mean(baselines) ? '+' : ''}${(mean(values) - mean(baselines)).toFixed(3)})`;
  console.log(
    `${name} (${all.map((timeline) => timeline.candidates.size).join(' ')} candidates; ${TOPICS.join(' ')}):`,
  );
  console.log(`  held out (leave-one-topic-out): ${row(heldOut)}`);
  console.log(`  best single weight vector, fitted on all four: ${row(best.f1s)}`);
  console.log(`  reachable: ${row(reach)}`);
}
