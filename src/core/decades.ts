/**
 * Decades as people write them in a question ("the 70's", "the '80s", "the nineties") and as
 * documents write them ("the 1970s"): the terms differ ("70" against "1970"), so the short forms
 * get the century's years as alternatives. A two-digit decade up to the 20s may be either century.
 */
import { toTerm } from './terms.js';

const DECADE_WORDS: Readonly<Record<string, string>> = {
  twenties: '20',
  thirties: '30',
  forties: '40',
  fifties: '50',
  sixties: '60',
  seventies: '70',
  eighties: '80',
  nineties: '90',
};

/** Two-digit decades ("70s", "70's", "'70s") and decades in words, not "1970s" (already the year's term). */
const DECADE =
  /(?<![\p{L}\p{N}])['\u2018\u2019]?(\d0)['\u2019]?s(?![\p{L}\p{N}])|\b(twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b/giu;

/** Words before a decade that make it an age ("in his 30s", "in her late twenties"). */
const AGE_BEFORE = /\b(?:his|her|their|my|your|our)\s+(?:(?:early|mid|late)[\s-]+)?$/i;

/** The question's decade terms, each with the four-digit years it may stand for ("70" -> 1970). */
export function decadeAlternatives(question: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const match of question.matchAll(DECADE)) {
    const [written, digits, word] = match;
    if (AGE_BEFORE.test(question.slice(0, match.index))) continue;
    const decade = digits ?? DECADE_WORDS[word!.toLowerCase()]!;
    const term = toTerm(digits ?? written);
    if (term === null || found.has(term)) continue;
    const years = [`19${decade}`];
    if (digits !== undefined && Number(decade) <= 20) years.push(`20${decade}`);
    found.set(term, years);
  }
  return found;
}
