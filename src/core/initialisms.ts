/**
 * Initialisms the documents imply without defining them: a run of capitalised words such as
 * "Scottish Parliament" or "American Automobile Association" lets a question say "SP" or "AAA".
 * Unlike an acronym defined in parentheses (aliases.ts) this proves nothing about what the letters
 * stand for, so it only keeps a name written in capitals from counting as one no document uses.
 */
import { toTerm } from './terms.js';

/** Small words a name may hold without giving a letter ("Bank of England" -> "BE"). */
const CONNECTORS = new Set(['of', 'for', 'and', 'the', 'on', 'in', 'to', 'de', 'du', 'des', 'la', 'le', '&']);
/** Longest run of capitalised words read; longer runs are lists of names, not one name. */
const MAX_WORDS = 6;
/** Punctuation that ends a name: "Scottish Parliament, Holyrood" holds no "SPH". */
const ENDS_NAME = /[,;:.!?)\]"”’]$/u;
const STARTS_NAME = /^[("“‘[]/u;

interface Word {
  core: string;
  capitalised: boolean;
  connector: boolean;
  breakBefore: boolean;
  breakAfter: boolean;
}

function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  for (const raw of text.split(/\s+/u)) {
    // "Russia-Ukraine" is two names; a possessive ("NATO’s") keeps its name.
    const parts = raw.split(/[-\u2010-\u2015]/u);
    parts.forEach((part, i) => {
      const core = part.replace(/['\u2019]s$/u, '').replace(/^[^\p{L}\p{N}&]+|[^\p{L}\p{N}&]+$/gu, '');
      if (!core) return;
      words.push({
        core,
        capitalised: /^\p{Lu}/u.test(core),
        connector: CONNECTORS.has(core),
        breakBefore: i === 0 && STARTS_NAME.test(part),
        breakAfter: i === parts.length - 1 && ENDS_NAME.test(part.replace(/['\u2019]s$/u, '')),
      });
    });
  }
  return words;
}

/** The initialisms (as terms) of every run of two or more capitalised words in a text. */
export function initialismsOf(text: string): string[] {
  const found = new Set<string>();
  const words = wordsOf(text);
  let run: Word[] = [];
  const flush = (): void => {
    addRun(run, found);
    run = [];
  };
  for (const word of words) {
    if (word.breakBefore) flush();
    if (word.capitalised || (word.connector && run.length > 0)) run.push(word);
    else flush();
    if (word.breakAfter) flush();
  }
  flush();
  return [...found];
}

/**
 * Adds the initials of a run: "and" parts names ("Ukraine and Russia"); of each part, the initials of
 * the whole ("Federal Bureau of Investigation": FBI) and of every stretch of two or more capitalised
 * words no small word interrupts ("United States Congress": US, SC, USC), but none across a small
 * word inside ("Special Envoy for Ukraine" holds no "EU").
 */
function addRun(run: readonly Word[], found: Set<string>): void {
  const add = (names: readonly Word[]): void => {
    const term = names.length >= 2 ? toTerm(names.map((word) => word.core[0]!.toUpperCase()).join('')) : null;
    if (term !== null) found.add(term);
  };
  let part: Word[] = [];
  const flushPart = (): void => {
    add(part.filter(isName));
    let stretch: Word[] = [];
    for (const word of [...part, null]) {
      if (word && isName(word)) {
        stretch.push(word);
        continue;
      }
      for (let start = 0; start < stretch.length; start++)
        for (let end = start + 2; end <= Math.min(stretch.length, start + MAX_WORDS); end++)
          add(stretch.slice(start, end));
      stretch = [];
    }
    part = [];
  };
  for (const word of run) {
    if (word.core === 'and' || word.core === '&') flushPart();
    else part.push(word);
  }
  flushPart();
}

function isName(word: Word): boolean {
  return word.capitalised && !CONNECTORS.has(word.core.toLowerCase());
}
