/**
 * The reference date relative expressions of a document are read against: its `published` date,
 * or, when it has none, the latest date its text states in full (then marked as inferred, and
 * every date that depends on it becomes approximate).
 */
import type { Claim } from '../claim.js';
import type { DocumentInfo } from '../document.js';
import { compareDates, parseIso, precisionOf } from './calendar.js';
import { mentionsIn, type Reference } from './temporal.js';

/** The reference date of a document, or undefined when neither metadata nor text gives one. */
export function referenceOf(document: DocumentInfo, claims: readonly Claim[]): Reference | undefined {
  const published = document.published ? parseIso(document.published.slice(0, 10)) : undefined;
  if (published) return { date: published, inferred: false };
  const stated = claims
    .flatMap((claim) => mentionsIn(claim.text, undefined))
    .filter((mention) => mention.modality === 'reported')
    .map((mention) => mention.date)
    .sort((a, b) => {
      // The most precise of the latest: a full date beats the bare year it falls in.
      const rank = { day: 0, month: 1, year: 2 };
      return compareDates(b, a) || rank[precisionOf(a)] - rank[precisionOf(b)];
    });
  const latest = stated[0];
  return latest ? { date: latest, inferred: true } : undefined;
}
