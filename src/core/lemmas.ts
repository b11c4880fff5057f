/**
 * Irregular English forms mapped to their base word ("won" -> "win", "oldest" -> "old",
 * "children" -> "child"), from WordNet's exception lists as packaged by wink-lexicon. The Porter
 * stemmer only strips regular suffixes; these lists join what it cannot.
 */
import adjectiveExceptions from 'wink-lexicon/src/wn-adjective-exceptions.js';
import nounExceptions from 'wink-lexicon/src/wn-noun-exceptions.js';
import verbExceptions from 'wink-lexicon/src/wn-verb-exceptions.js';

const EXCEPTIONS: readonly Record<string, string>[] = [verbExceptions, adjectiveExceptions, nounExceptions];

/** The base form of an irregular word, or the word itself. */
export function baseForm(word: string): string {
  for (const exceptions of EXCEPTIONS) {
    const base = exceptions[word];
    if (typeof base === 'string' && Object.hasOwn(exceptions, word)) return base;
  }
  return word;
}
