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
/** What a word of a name may hold besides letters and digits ("O'Neill", "U.S.", "AT&T", "Russia-Ukraine"). */
const NAME_CHAR = /[\p{L}\p{N}'\u2019.&-]/u;
const CAPITAL = /^\p{Lu}/u;

/**
 * Adds to `found` the initials, in capitals, of every run of two or more capitalised words with
 * only spaces and small words between them: punctuation ends a run ("In Scotland, Parliament met"
 * holds no "SP") and so does "and" ("Ukraine and Russia"). Of each run, the initials of the whole
 * ("Federal Bureau of Investigation": FBI) and of every stretch of two or more capitalised words no
 * small word interrupts ("United States Congress": US, SC, USC), but none across a small word
 * inside ("Special Envoy for Ukraine" holds no "EU"). One pass over the words: a long "word" of
 * junk costs its length, where a regular expression over the text would retry at each letter.
 */
export function collectInitials(text: string, found: Set<string>): void {
  /** The run so far: a name's initial, or '' for a small word. */
  let run: string[] = [];
  const flush = (): void => {
    if (run.length > 1) addRun(run, found);
    run = [];
  };
  for (const word of text.split(/\s+/u)) {
    let start = 0;
    let end = word.length;
    while (start < end && !NAME_CHAR.test(word[start]!)) start++;
    while (end > start && !NAME_CHAR.test(word[end - 1]!)) end--;
    if (start > 0) flush(); // "(Scottish" opens a name
    const core = word.slice(start, end);
    if (CONNECTORS.has(core.toLowerCase()) && (run.length > 0 || CAPITAL.test(core))) run.push('');
    else if (CAPITAL.test(core) && [...core].every((character) => NAME_CHAR.test(character))) run.push(core[0]!);
    else flush();
    if (end < word.length) flush(); // "Parliament," closes one
  }
  flush();
}

function addRun(run: readonly string[], found: Set<string>): void {
  const whole = run.join('');
  if (whole.length >= 2) found.add(whole);
  let stretch = '';
  for (const initial of [...run, '']) {
    if (initial) {
      stretch += initial;
      continue;
    }
    for (let from = 0; from + 2 <= stretch.length; from++)
      for (let to = from + 2; to <= Math.min(stretch.length, from + MAX_WORDS); to++)
        found.add(stretch.slice(from, to));
    stretch = '';
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
