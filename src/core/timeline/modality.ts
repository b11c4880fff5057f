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

// A verb in the past after the forecast word: the date belongs to what was done ("You will say it
// was an accident that two men were bundled out on Wednesday", "'...,' said a commentary posted
// Monday"). A participle after "be", "been", "have" or "to" is still part of the forecast ("will be
// held", "would have arrived").
const PAST_AFTER =
  /\b(?:was|were|had|did|said|told|saw|went|came|(?<!\b(?:be|been|being|have|has|to)\s+)(?!(?:hundred|indeed|proceed|succeed|exceed)\b)[a-z]{3,}ed)\b/i;

/** Whether the words before the expression at `index` forecast it ("will meet on Monday"). */
export function forecastsAt(sentence: string, index: number): boolean {
  const before = sentence.slice(0, index);
  let last = -1;
  for (const match of before.matchAll(new RegExp(FORECAST.source, 'gi'))) last = match.index + match[0].length;
  return last >= 0 && !PAST_AFTER.test(before.slice(last));
}
