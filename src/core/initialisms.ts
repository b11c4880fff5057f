/**
 * Initialisms the documents imply without defining them: a run of capitalised words such as
 * "Scottish Parliament" or "American Automobile Association" lets a question say "SP" or "AAA".
 * Unlike an acronym defined in parentheses (aliases.ts) this proves nothing about what the letters
 * stand for, so it only keeps a name written in capitals from counting as one no document uses,
 * and only the claims found for the question are read (candidates.ts): no state is kept.
 */
import { toTerm } from './terms.js';

/** Small words a name may hold without giving a letter ("Bank of England": BE). */
const CONNECTORS = new Set(['of', 'for', 'the', 'on', 'in', 'to', 'de', 'du', 'des', 'la', 'le']);
/** Longest stretch of capitalised words read; longer ones are lists of names, not one name. */
const MAX_WORDS = 6;
/**
 * Two or more capitalised words, only spaces and small words between them: punctuation ends a name
 * ("In Scotland, Parliament met" holds no "SP") and so does "and" ("Ukraine and Russia").
 */
const NAME = String.raw`\p{Lu}[\p{L}\p{N}'\u2019.&-]*`;
const SMALL_WORD = [...CONNECTORS].join('|');
const RUN = new RegExp(String.raw`${NAME}(?:\s+(?:(?:${SMALL_WORD})\s+)*${NAME})+`, 'gu');

/**
 * Adds to `found` the initials, in capitals, of every run of capitalised words in a text: of the
 * whole run ("Federal Bureau of Investigation": FBI) and of every stretch of two or more capitalised
 * words no small word interrupts ("United States Congress": US, SC, USC), but none across a small
 * word inside ("Special Envoy for Ukraine" holds no "EU").
 */
export function collectInitials(text: string, found: Set<string>): void {
  for (const match of text.matchAll(RUN)) {
    const words = match[0].split(/\s+/u);
    let whole = '';
    let stretch = '';
    for (const word of [...words, '']) {
      if (word !== '' && !CONNECTORS.has(word.toLowerCase())) {
        whole += word[0];
        stretch += word[0];
        continue;
      }
      for (let start = 0; start + 2 <= stretch.length; start++)
        for (let end = start + 2; end <= Math.min(stretch.length, start + MAX_WORDS); end++)
          found.add(stretch.slice(start, end));
      stretch = '';
    }
    if (whole.length >= 2) found.add(whole);
  }
}

/** The initials as terms, the form a question's "AAA" or "U.S." takes. */
export function initialismTerms(initials: Iterable<string>): string[] {
  const terms = new Set<string>();
  for (const letters of initials) {
    const term = toTerm(letters);
    if (term !== null) terms.add(term);
  }
  return [...terms];
}

/** The initialisms (as terms) of every run of capitalised words in a text. */
export function initialismsOf(text: string): string[] {
  const found = new Set<string>();
  collectInitials(text, found);
  return initialismTerms(found);
}
