/** Suggestions for the `topic` option while a user types: document titles and the acronyms they define. */
import type { Corpus } from '../../core/corpus.js';
import { fold } from '../../core/fold.js';
import { truncatePlain } from '../../reply/plain-text.js';

/** Discord shows at most 25 suggestions, each at most 100 characters. */
const MAX_CHOICES = 25;
const MAX_LENGTH = 100;

export interface Choice {
  name: string;
  value: string;
}

/** Up to 25 suggestions containing what was typed (all when nothing is typed yet). */
export function topicChoices(corpus: Corpus, typed: string): Choice[] {
  const wanted = fold(typed.trim());
  const candidates = [...new Set([...corpus.documents.map((document) => document.title), ...corpus.aliasNames()])];
  return candidates
    .filter((candidate) => fold(candidate).includes(wanted))
    .sort((a, b) => Number(!fold(a).startsWith(wanted)) - Number(!fold(b).startsWith(wanted)) || a.localeCompare(b))
    .slice(0, MAX_CHOICES)
    .map((candidate) => {
      const text = truncatePlain(candidate, MAX_LENGTH);
      return { name: text, value: text };
    });
}
