/**
 * Tokenising and term processing: the one place that decides what a "term" is, for indexing
 * and for questions alike. Terms are folded, stop words dropped, and Porter-stemmed.
 */
import { stemmer } from 'stemmer';
import { fold } from './fold.js';
import { baseForm } from './lemmas.js';
import { STOP_WORDS } from './stop-words.js';

/** A word as written in the text, with where it stands. */
export interface Token {
  /** The word exactly as written (dots of "U.S." kept). */
  surface: string;
  /** Offset of the first character in the source text. */
  start: number;
}

// Dotted acronyms ("U.S.", "U.S") first, then names joined by an ampersand ("AT&T", "V&A",
// "S&P": split, their letters are stop words or nothing), then numbers with separators, then words
// with inner apostrophes or hyphens split apart by the plain word rule.
const TOKEN =
  /(?<![\p{L}\p{N}])\p{L}(?:\.\p{L}(?![\p{L}\p{N}]))+\.?|(?<![\p{L}\p{N}&])\p{Lu}\p{L}{0,3}(?:&\p{Lu}\p{L}{0,3})+(?:['\u2019]s)?(?![\p{L}\p{N}&])|\p{N}+(?:[.,]\p{N}+)*|[\p{L}\p{N}]+(?:['\u2019]\p{L}+)*/gu;

/** Splits text into word tokens. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  // A replace callback rather than matchAll: no match array per word (half the collections, measured
  // tokenising BBC sentences).
  text.replace(TOKEN, (surface: string, start: number) => {
    tokens.push({ surface, start });
    return '';
  });
  return tokens;
}

function stem(word: string): string {
  return /\p{N}/u.test(word) ? word : stemmer(word);
}

/** True when a word is written in capitals ("US", "IT", "WHO"): then it is a name, not a stop word. */
export function isAllCaps(surface: string): boolean {
  return surface.length >= 2 && /^[\p{Lu}.]+$/u.test(surface) && /\p{Lu}.*\p{Lu}/u.test(surface);
}

const termCache = new Map<string, string | null>();

/**
 * Longest word indexed as a term: longer "words" are hashes, base64 or junk, and a long string
 * costs every map it enters (V8 hashes strings over 16,383 characters by length alone).
 */
export const MAX_TERM_LENGTH = 40;

/** The index term for a surface word, or null when the word carries no meaning (a stop word). */
export function toTerm(surface: string): string | null {
  if (surface.length > MAX_TERM_LENGTH) return null;
  let term = termCache.get(surface);
  if (term === undefined) {
    term = computeTerm(surface);
    if (termCache.size > 500_000) termCache.clear();
    termCache.set(surface, term);
  }
  return term;
}

function computeTerm(surface: string): string | null {
  const folded = fold(surface);
  // "1,000" and "1000" are one number; "U.S." and "US" one word; "1.5" keeps its point.
  let word = /^\p{N}/u.test(folded) ? folded.replace(/,/g, '') : folded.replace(/\./g, '');
  word = word.replace(/'s$/, '').replace(/'$/, '');
  if (word.length === 0) return null;
  if (STOP_WORDS.has(word) && !isAllCaps(surface)) return null;
  if (word.length === 1 && !/\p{N}/u.test(word)) return null;
  if (word.includes('&')) return word; // a name ("m&s"): stemming would cut its letters
  return stem(baseForm(word.replace(/'/g, '')));
}

/** The terms of a text, in order, repeats kept. */
export function termsOf(text: string): string[] {
  const terms: string[] = [];
  for (const token of tokenize(text)) {
    const term = toTerm(token.surface);
    if (term !== null) terms.push(term);
  }
  return terms;
}
