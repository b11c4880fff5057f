/**
 * Typo tolerance by symmetric deletion (the SymSpell method): every known term is filed under
 * itself and each form with one letter deleted; a query term looks up itself and its own
 * one-letter deletions. Matching keys find every neighbour one insertion, deletion, substitution
 * or swap away, and those two edits away with one letter dropped on each side; a check of the real
 * edit distance keeps only true neighbours. Lookups cost a few map reads, not a walk over the
 * whole vocabulary.
 */

/** Shortest known term worth filing; shorter words are too ambiguous to correct. */
const MIN_LENGTH = 4;

function deletions(term: string): string[] {
  const forms: string[] = [];
  for (let i = 0; i < term.length; i++) forms.push(term.slice(0, i) + term.slice(i + 1));
  return forms;
}

/** Edit distance with adjacent swaps counted as one edit (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const columns = b.length + 1;
  const d: number[] = new Array(rows * columns).fill(0);
  for (let i = 0; i < rows; i++) d[i * columns] = i;
  for (let j = 0; j < columns; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < columns; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[(i - 1) * columns + j]! + 1, d[i * columns + j - 1]! + 1, d[(i - 1) * columns + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[(i - 2) * columns + j - 2]! + 1);
      d[i * columns + j] = best;
    }
  }
  return d[rows * columns - 1]!;
}

export class SpellingIndex {
  private readonly byForm = new Map<string, string[]>();

  /** Files a term that just became known. */
  add(term: string): void {
    if (term.length < MIN_LENGTH) return;
    for (const form of new Set([term, ...deletions(term)])) {
      const terms = this.byForm.get(form);
      if (terms) terms.push(term);
      else this.byForm.set(form, [term]);
    }
  }

  /** Forgets a term no claim holds any more. */
  remove(term: string): void {
    if (term.length < MIN_LENGTH) return;
    for (const form of new Set([term, ...deletions(term)])) {
      const terms = this.byForm.get(form)?.filter((known) => known !== term);
      if (terms && terms.length > 0) this.byForm.set(form, terms);
      else this.byForm.delete(form);
    }
  }

  /** Known terms within `maxDistance` edits (at most 2) of a term, nearest first, itself excluded. */
  neighbours(term: string, maxDistance: number): string[] {
    const found = new Map<string, number>();
    for (const form of [term, ...deletions(term)]) {
      for (const known of this.byForm.get(form) ?? []) {
        if (known === term || found.has(known)) continue;
        const distance = editDistance(term, known);
        if (distance <= maxDistance) found.set(known, distance);
      }
    }
    return [...found].sort((a, b) => a[1] - b[1]).map(([known]) => known);
  }
}
