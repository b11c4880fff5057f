/**
 * Fits the date-selection model on some Timeline17 topics as a ranking: for every pair of a gold
 * day and another candidate day of the same timeline, the gold day should score higher (logistic
 * loss on the difference of their features, each pair counting the same). Only what tells days
 * apart within a story is learned, so a timeline whose candidates are nearly all gold (egypt,
 * haiti) teaches little, as it should, and the other topics' many pairs decide.
 */
import { COUNTS_DOCUMENTS } from '../../src/core/timeline/date-features.js';
import type { DateModel } from '../../src/core/timeline/date-model.js';
import { standardise } from '../../src/core/timeline/date-model.js';
import { type Example, fitLogistic } from './logistic.js';
import type { GoldTimeline } from './t17-topics.js';

/** Pairs of one timeline, both ways round (so the model needs no bias): gold minus other is 1. */
function pairsOf(timeline: GoldTimeline): Example[] {
  const days = [...timeline.candidates.keys()];
  const rows = standardise(days.map((day) => timeline.candidates.get(day)!));
  const gold = rows.filter((_, i) => timeline.gold.has(days[i]!));
  const other = rows.filter((_, i) => !timeline.gold.has(days[i]!));
  return gold.flatMap((g) =>
    other.flatMap((o) => [
      { features: g.map((value, j) => value - o[j]!), label: 1, weight: 1 },
      { features: o.map((value, j) => value - g[j]!), label: 0, weight: 1 },
    ]),
  );
}

export function trainDateModel(timelines: readonly GoldTimeline[]): DateModel {
  // A day more documents refer to is never less important: those weights stay at zero or above.
  return { ...fitLogistic(timelines.flatMap(pairsOf), { nonNegative: COUNTS_DOCUMENTS }), bias: 0 };
}
