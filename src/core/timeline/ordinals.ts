/** English ordinals as numbers: "third" -> 3, "21st" -> 21. */

const WORDS = [
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
  'eleventh',
  'twelfth',
  'thirteenth',
  'fourteenth',
  'fifteenth',
  'sixteenth',
  'seventeenth',
  'eighteenth',
  'nineteenth',
  'twentieth',
];

/** Pattern source matching one ordinal word or number. */
export const ORDINAL = String.raw`(?:${WORDS.join('|')}|\d{1,3}(?:st|nd|rd|th))`;

/** The number an ordinal stands for, or undefined. */
export function ordinalValue(word: string): number | undefined {
  const index = WORDS.indexOf(word.toLowerCase());
  if (index >= 0) return index + 1;
  const match = /^(\d{1,3})(?:st|nd|rd|th)$/i.exec(word);
  return match ? Number(match[1]) : undefined;
}
