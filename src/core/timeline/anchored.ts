/**
 * Dates a sentence gives only relative to something else: "the third anniversary of the
 * invasion" is a date three years after the invasion, "as the conflict enters its fourth year" the
 * year three years after the conflict began. Each is one mention, on the date the sentence is
 * about (the anniversary, the year entered; approximate, at year precision), labelled with its
 * anchor and the anchor's own date. Words like "soon" or "recent" give no date and are left out
 * rather than invented.
 */
import { modalityOf } from './modality.js';
import { ORDINAL, ordinalValue } from './ordinals.js';
import type { Reference, TemporalMention } from './mention.js';

const ANNIVERSARY = new RegExp(
  String.raw`\b(?:the\s+)?(${ORDINAL})\s+anniversary\s+of\s+(?:the\s+)?((?:[\p{L}'’-]+\s+){0,3}?[\p{L}'’-]+)(?=\s*[,.;:!?)]|\s+(?:which|that|is|was|and|as|set|in|on|when|will|would)\b|\s*$)`,
  'giu',
);
const NTH_YEAR = new RegExp(
  String.raw`\b(?:(?:the|its|their|this)\s+([\p{L}-]+)\s+)?(?:enters?|entering|entered|is in|was in|in)\s+(?:its|their|the)\s+(${ORDINAL})\s+year\b`,
  'giu',
);

/** Anchored dates in a sentence, each labelled with what it is the date of and its anchor. */
export function anchoredMentions(sentence: string, reference: Reference): TemporalMention[] {
  const mentions: TemporalMention[] = [];
  const referenceYear = reference.date.year;
  for (const match of sentence.matchAll(ANNIVERSARY)) {
    const years = ordinalValue(match[1]!);
    if (!years) continue;
    const what = match[2]!.toLowerCase();
    mentions.push({
      date: { year: referenceYear },
      approximate: true,
      expression: match[0].trim(),
      index: match.index + match[0].indexOf(match[1]!),
      // An anniversary is named ahead of time: "approach", "by" or "would" make it expected.
      modality: modalityOf(
        sentence,
        match.index,
        /\b(approach\w*|coming|upcoming|next)\b/i.test(sentence.slice(0, match.index)),
      ),
      label: `the ${match[1]!.toLowerCase()} anniversary of the ${what} (the ${what} ~${referenceYear - years})`,
    });
  }
  for (const match of sentence.matchAll(NTH_YEAR)) {
    const nth = ordinalValue(match[2]!);
    if (!nth) continue;
    const subject = match[1] ? `the ${match[1].toLowerCase()}` : 'it';
    mentions.push({
      date: { year: referenceYear },
      approximate: true,
      expression: match[0].trim(),
      index: match.index,
      modality: 'reported',
      label: `the ${match[2]!.toLowerCase()} year of ${subject} (begun ~${referenceYear - (nth - 1)})`,
    });
  }
  return mentions;
}
