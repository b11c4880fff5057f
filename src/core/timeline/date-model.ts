/**
 * The learned date-selection model: a logistic score over the features of each day (see
 * date-features.ts), standardised over the candidate days of one request so that the weights
 * carry over from a 20-day story to a year-long one. The weights are learned on the public
 * Timeline17 topics by `npm run train:timeline` and shipped in date-weights.json.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { projectFile } from '../project-file.js';
import { type DateFeatures, FEATURE_NAMES } from './date-features.js';

/** A linear model over standardised features. */
export interface DateModel {
  /** One weight per feature, in FEATURE_NAMES order. */
  weights: number[];
  bias: number;
}

const weightsFile = z.object({
  features: z.array(z.string()),
  weights: z.array(z.number()),
  bias: z.number(),
});

let shipped: DateModel | undefined;

/** The shipped model, read once; a file that does not fit the features is a build error. */
export function shippedDateModel(): DateModel {
  if (!shipped) {
    const file = weightsFile.parse(
      JSON.parse(readFileSync(projectFile('src/core/timeline/date-weights.json'), 'utf8')),
    );
    if (file.features.join('|') !== FEATURE_NAMES.join('|'))
      throw new Error('date-weights.json was trained on other features: run npm run train:timeline');
    shipped = { weights: file.weights, bias: file.bias };
  }
  return shipped;
}

/** Each feature standardised over the candidates (mean 0, unit deviation; a constant feature is 0). */
export function standardise(rows: readonly DateFeatures[]): DateFeatures[] {
  if (rows.length === 0) return [];
  const width = rows[0]!.length;
  const mean = Array.from({ length: width }, (_, j) => rows.reduce((sum, row) => sum + row[j]!, 0) / rows.length);
  const deviation = mean.map((m, j) => Math.sqrt(rows.reduce((sum, row) => sum + (row[j]! - m) ** 2, 0) / rows.length));
  return rows.map((row) => row.map((value, j) => (deviation[j]! > 1e-9 ? (value - mean[j]!) / deviation[j]! : 0)));
}

/** Scores of the candidate days (higher is more likely a day a journalist would pick). */
export function scoreDates(
  candidates: ReadonlyMap<string, DateFeatures>,
  model: DateModel = shippedDateModel(),
): Map<string, number> {
  const days = [...candidates.keys()];
  const rows = standardise(days.map((day) => candidates.get(day)!));
  return new Map(
    days.map((day, i) => [day, rows[i]!.reduce((sum, value, j) => sum + value * model.weights[j]!, model.bias)]),
  );
}
