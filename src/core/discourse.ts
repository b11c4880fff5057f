/**
 * Links between neighbouring sentences that a claim's own words miss: "This condition is meant
 * to..." names what the sentence before it states, and "He is also the oldest..." is about the
 * person the sentence before it names.
 */
import { termsOf } from './terms.js';

const DEMONSTRATIVE = /^(?:this|that|these|those|such)\s+([\p{L}'’-]+)(?:\s+([\p{L}'’-]+))?/iu;
const OPENING_PRONOUN = /^(?:he|she|it|they|his|her|its|their|him|them)\b/i;
const NAME_INSIDE = /(?<=\S\s+)\p{Lu}[\p{L}'’-]*/gu;
const NAME_FIRST = /^\p{Lu}[\p{L}'’-]*/u;

/** Terms of the noun phrase the next sentence opens with, when it opens with a demonstrative. */
export function referredTerms(next: string | undefined): Set<string> {
  const match = next ? DEMONSTRATIVE.exec(next) : null;
  if (!match) return new Set();
  return new Set(termsOf([match[1], match[2]].filter(Boolean).join(' ')));
}

/** Terms of the names in the previous sentence, when this one opens with a pronoun. */
export function antecedentTerms(sentence: string, previous: string | undefined): Set<string> {
  if (!previous || !OPENING_PRONOUN.test(sentence)) return new Set();
  const names = [NAME_FIRST.exec(previous)?.[0] ?? '', ...[...previous.matchAll(NAME_INSIDE)].map((match) => match[0])];
  return new Set(termsOf(names.join(' ')));
}
