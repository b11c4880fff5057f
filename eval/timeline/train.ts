/** Fits the date-selection model on some Timeline17 topics: each gold timeline weighs the same. */
import { COUNTS_DOCUMENTS } from '../../src/core/timeline/date-features.js';
import type { DateModel } from '../../src/core/timeline/date-model.js';
import { standardise } from '../../src/core/timeline/date-model.js';
import { type Example, fitLogistic } from './logistic.js';
import type { GoldTimeline } from './t17-topics.js';

/** Examples of one timeline: every candidate day, standardised as the product does, gold or not. */
function examplesOf(timeline: GoldTimeline): Example[] {
  const days = [...timeline.candidates.keys()];
  const rows = standardise(days.map((day) => timeline.candidates.get(day)!));
  return rows.map((features, i) => ({ features, label: timeline.gold.has(days[i]!) ? 1 : 0, weight: 1 / rows.length }));
}

export function trainDateModel(timelines: readonly GoldTimeline[]): DateModel {
  // A day more documents refer to is never less important: those weights stay at zero or above.
  return fitLogistic(timelines.flatMap(examplesOf), { nonNegative: COUNTS_DOCUMENTS });
}
