/**
 * Irregular English forms mapped to their base word ("won" -> "win", "oldest" -> "old",
 * "children" -> "child"), from WordNet's exception lists as packaged by wink-lexicon. The Porter
 * stemmer only strips regular suffixes; these lists join what it cannot.
 */
import adjectiveExceptions from 'wink-lexicon/src/wn-adjective-exceptions.js';
import nounExceptions from 'wink-lexicon/src/wn-noun-exceptions.js';
import verbExceptions from 'wink-lexicon/src/wn-verb-exceptions.js';

const EXCEPTIONS: readonly Record<string, string>[] = [verbExceptions, adjectiveExceptions, nounExceptions];

/**
 * Regular forms that the Porter stemmer cuts apart from their base word: "died"/"dies" -> "di" but
 * "die" -> "die", "tried" -> "tri" but "try" -> "try", "added" -> "ad", "exceed" -> "exce" but
 * "exceeded" -> "exceed". Found by stemming every inflected verb of an English lexicon beside its
 * base (wink-lexicon) and keeping the pairs that differ, less those whose "base" is another word
 * ("rating" is not a form of "rat"). The lexicon lists few "-ing" forms, so the "-ed", "-ing" and "-s"
 * forms of every verb it lists were also made by rule and checked the same way ("suing", "staffed").
 */
const REGULAR_FORMS: Readonly<Record<string, readonly string[]>> = {
  add: ['added', 'adding'],
  butt: ['butted', 'butting'],
  cry: ['cried', 'cries'],
  die: ['died', 'dies'],
  do: ['does'],
  dry: ['dried', 'dries'],
  exceed: ['exceeded', 'exceeding'],
  experience: ['experienced', 'experiencing'],
  fly: ['flies'],
  focus: ['focused', 'focuses', 'focusing'],
  go: ['goes'],
  interfere: ['interfered', 'interfering'],
  lie: ['lied', 'lies'],
  proceed: ['proceeded', 'proceeding'],
  sacrifice: ['sacrificed', 'sacrificing'],
  shy: ['shied', 'shies'],
  spy: ['spied', 'spies'],
  staff: ['staffed', 'staffing'],
  stuff: ['stuffed', 'stuffing'],
  succeed: ['succeeded', 'succeeding'],
  sue: ['sued', 'suing'],
  tie: ['tied', 'ties'],
  try: ['tried', 'tries'],
  vie: ['vied'],
  warehouse: ['warehoused', 'warehousing'],
};
const REGULAR_BASES: ReadonlyMap<string, string> = new Map(
  Object.entries(REGULAR_FORMS).flatMap(([base, forms]) => forms.map((form) => [form, base] as const)),
);

/** The base form of an irregular word, or the word itself. */
export function baseForm(word: string): string {
  const regular = REGULAR_BASES.get(word);
  if (regular !== undefined) return regular;
  for (const exceptions of EXCEPTIONS) {
    const base = exceptions[word];
    if (typeof base === 'string' && Object.hasOwn(exceptions, word)) return base;
  }
  return word;
}
