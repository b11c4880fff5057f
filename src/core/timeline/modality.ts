/**
 * Whether a dated claim reports something that happened, predicts it, or makes it conditional:
 * "Moscow would soon declare victory by the third anniversary" is a prediction, "if Russia
 * violates the agreement" a condition.
 */

export type Modality = 'reported' | 'prediction' | 'conditional';

const CONDITION = /\b(if|unless|provided that|in case)\b/i;
export const FORECAST =
  /\b(will|would|shall|could|might|may|expected|expects? to|plans? to|planned to|set to|scheduled to|due to|likely to|aims? to|intends? to|predict\w*|forecast\w*|project(ed|s)? to)\b/i;
const DEADLINE = /\b(by|until|before|no later than)\s+$/i;

/**
 * Modality of a date mention within a sentence: a date after the reference, or a deadline after a
 * forecast word ("would ... by the third anniversary"), is a prediction; a report of what someone
 * said on a past date stays a report.
 */
export function modalityOf(sentence: string, mentionStart: number, future: boolean): Modality {
  const before = sentence.slice(0, mentionStart);
  if (CONDITION.test(before) && FORECAST.test(sentence)) return 'conditional';
  // A date after the report's own date can only be expected, whatever the wording.
  if (future || (FORECAST.test(before) && DEADLINE.test(before.slice(-40)))) return 'prediction';
  return 'reported';
}
