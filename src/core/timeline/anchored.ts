/**
 * Dates a sentence gives only relative to something else: "the third anniversary of the
 * invasion" places the invasion three years before the reference date, "as the conflict enters its
 * fourth year" places its start three years before. Both are approximate, at year precision.
 * Words like "soon" or "recent" give no date and are left out rather than invented.
 */
import { modalityOf } from './modality.js';
import { ORDINAL, ordinalValue } from './ordinals.js';
import type { Reference, TemporalMention } from './mention.js';

const ANNIVERSARY = new RegExp(String.raw`\b(?:the\s+)?(${ORDINAL})\s+anniversary\s+of\s+(?:the\s+)?((?:[\p{L}'’-]+\s+){0,3}?[\p{L}'’-]+)(?=\s*[,.;:!?)]|\s+(?:which|that|is|was|and|as|set|in|on|when|will|would)\b|\s*$)`, 'giu');
const NTH_YEAR = new RegExp(String.raw`\b(?:(?:the|its|their|this)\s+([\p{L}-]+)\s+)?(?:enters?|entering|entered|is in|was in|in)\s+(?:its|their|the)\s+(${ORDINAL})\s+year\b`, 'giu');

/** Anchored dates in a sentence, each with a label saying what it is the date of. */
export function anchoredMentions(sentence: string, reference: Reference): TemporalMention[] {
  const mentions: TemporalMention[] = [];
  const referenceYear = reference.date.year;
  for (const match of sentence.matchAll(ANNIVERSARY)) {
    const years = ordinalValue(match[1]!);
    if (!years) continue;
    const what = match[2]!.toLowerCase();
    const anniversaryIndex = match.index + match[0].indexOf(match[1]!);
    mentions.push({
      date: { year: referenceYear - years },
      approximate: true,
      expression: match[0].trim(),
      index: match.index,
      modality: 'reported',
      label: `the ${what} (${match[1]} anniversary ~${referenceYear})`,
    });
    mentions.push({
      date: { year: referenceYear },
      approximate: true,
      expression: match[0].trim(),
      index: anniversaryIndex,
      modality: modalityOf(sentence, match.index, true),
      label: `the ${match[1]} anniversary of the ${what}`,
    });
  }
  for (const match of sentence.matchAll(NTH_YEAR)) {
    const nth = ordinalValue(match[2]!);
    if (!nth) continue;
    const subject = match[1] ? `the ${match[1].toLowerCase()}` : 'it';
    mentions.push({
      date: { year: referenceYear - (nth - 1) },
      approximate: true,
      expression: match[0].trim(),
      index: match.index,
      modality: 'reported',
      label: `the start of ${subject} (its ${match[2]} year ~${referenceYear})`,
    });
  }
  return mentions;
}
