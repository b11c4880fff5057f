/**
 * Whether a dated claim reports something that happened, predicts it, or makes it conditional:
 * "Moscow would soon declare victory by the third anniversary" is a prediction, "if Russia
 * violates the agreement" a condition.
 */

export type Modality = 'reported' | 'prediction' | 'conditional';

const CONDITION = /\b(if|unless|provided that|in case)\b/i;
export const FORECAST = /\b(will|would|shall|could|might|may|expected|expects? to|plans? to|planned to|set to|scheduled to|due to|likely to|aims? to|intends? to|predict\w*|forecast\w*|project(ed|s)? to)\b/i;
const DEADLINE = /\b(by|until|before|no later than)\s+$/i;

/**
 * Modality of a date mention within a sentence. Forecast words make it a prediction only when the
 * date lies ahead of the reference or is a deadline ("by the third anniversary"); a report of
 * what someone said on a past date stays a report.
 */
export function modalityOf(sentence: string, mentionStart: number, future: boolean): Modality {
  const before = sentence.slice(0, mentionStart);
  if (CONDITION.test(before) && FORECAST.test(sentence)) return 'conditional';
  if (FORECAST.test(before) && (future || DEADLINE.test(before.slice(-40)))) return 'prediction';
  return 'reported';
}
