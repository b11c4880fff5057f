/**
 * Aliases learned from the documents themselves: an acronym defined next to its long form,
 * "North Atlantic Treaty Organization (NATO)" or "NATO (North Atlantic Treaty Organization)",
 * makes either form find the other. The initials must match, so "(2025)" or "(left)" teach nothing.
 */

/** An acronym and the long form a document defines it with. */
export interface Alias {
  /** The acronym as written ("NATO"). */
  short: string;
  /** The long form as written ("North Atlantic Treaty Organization"). */
  long: string;
}

const CONNECTORS = new Set(['of', 'for', 'and', 'the', 'on', 'in', 'to', 'de', 'du', 'des', 'la', 'le', '&']);
const ACRONYM = String.raw`[\p{Lu}][\p{Lu}\p{N}&]{1,9}`;
const PARENTHESISED_ACRONYM = new RegExp(String.raw`\((${ACRONYM})s?\)`, 'gu');
/** How far before "(NATO)" its long form may start. */
const LONG_FORM_REACH = 160;
const SHORT_THEN_LONG = new RegExp(String.raw`(?<![\p{L}\p{N}])(${ACRONYM})\s+\(([^()]{3,120})\)`, 'gu');

function letters(acronym: string): string {
  return acronym.replace(/[^\p{Lu}]/gu, '');
}

/** Words split at spaces and hyphens, possessives dropped ("NATO’s" -> "NATO"). */
function wordsOf(text: string): string[] {
  return text
    .split(/[\s\-\u2010-\u2015]+/u)
    .map((word) => word.replace(/['\u2019]s$/u, '').replace(/^[^\p{L}\p{N}&]+|[^\p{L}\p{N}&]+$/gu, ''))
    .filter(Boolean);
}

function initialsOf(words: string[]): string {
  return words
    .filter((word) => !CONNECTORS.has(word.toLowerCase()))
    .map((word) => word[0]!.toUpperCase())
    .join('');
}

/** The shortest run of words ending the text whose initials spell the acronym, if any. */
function longFormBefore(text: string, acronym: string): string | undefined {
  const words = wordsOf(text);
  const wanted = letters(acronym);
  for (let count = wanted.length; count <= Math.min(words.length, wanted.length * 2 + 2); count++) {
    const run = words.slice(words.length - count);
    if (CONNECTORS.has(run[0]!.toLowerCase())) continue;
    if (!/^\p{Lu}/u.test(run[0]!)) continue;
    if (initialsOf(run) === wanted) return run.join(' ');
  }
  return undefined;
}

/** Every acronym definition in a text. */
export function findAliases(text: string): Alias[] {
  const aliases: Alias[] = [];
  if (!text.includes('(')) return aliases;
  for (const match of text.matchAll(PARENTHESISED_ACRONYM)) {
    const before = text.slice(Math.max(0, match.index - LONG_FORM_REACH), match.index);
    const long = longFormBefore(before.slice(before.lastIndexOf(')') + 1), match[1]!);
    if (long) aliases.push({ short: match[1]!, long });
  }
  for (const match of text.matchAll(SHORT_THEN_LONG)) {
    const words = wordsOf(match[2]!);
    if (words.length >= 2 && initialsOf(words) === letters(match[1]!))
      aliases.push({ short: match[1]!, long: words.join(' ') });
  }
  return aliases;
}
