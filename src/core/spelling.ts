/**
 * Typo tolerance by symmetric deletion (the SymSpell method): every known term is filed under
 * itself and each form with one letter deleted; a query term looks up itself and its own
 * one-letter deletions. Matching keys find every neighbour one insertion, deletion, substitution
 * or swap away, and those two edits away with one letter dropped on each side; a check of the real
 * edit distance keeps only true neighbours. Lookups cost a few map reads, not a walk over the
 * whole vocabulary. Only terms up to MAX_SPELLING_LENGTH letters are filed, each form as a hash
 * in a typed array, so the structure costs a few bytes a form (see formCount and blockBytes).
 */

/** Shortest known term worth filing; shorter words are too ambiguous to correct. */
const MIN_LENGTH = 4;
/** Longest known term filed under its deletions: longer ones are only found as written. */
export const MAX_SPELLING_LENGTH = 24;
/** Term ids share a 53-bit number with a 31-bit hash of the form: ids up to 2^22. */
const ID_BITS = 22;
const MAX_ID = 2 ** ID_BITS;

function deletions(term: string): string[] {
  const forms: string[] = [];
  for (let i = 0; i < term.length; i++) forms.push(term.slice(0, i) + term.slice(i + 1));
  return forms;
}

/** 31-bit FNV-1a hash of a form; a collision only costs one more edit-distance check. */
function hashOf(form: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < form.length; i++) {
    hash ^= form.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 1) & 0x7fffffff;
}

function formsOf(term: string): Set<string> {
  return new Set([term, ...deletions(term)]);
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
      let best = Math.min(
        d[(i - 1) * columns + j]! + 1,
        d[i * columns + j - 1]! + 1,
        d[(i - 1) * columns + j - 1]! + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[(i - 2) * columns + j - 2]! + 1);
      d[i * columns + j] = best;
    }
  }
  return d[rows * columns - 1]!;
}

/** The filed forms as two sorted columns: form hashes and the term ids filed under them. */
export interface SpellingBlock {
  hashes: Uint32Array;
  ids: Uint32Array;
}

/**
 * Filed forms are hashes, not strings: a sorted block of (hash, term id) pairs, plus a small map for
 * terms learned since the block was built. A term no claim holds any more is not unfiled; the
 * caller's `known` test drops it, and the next rebuild forgets it.
 */
export class SpellingIndex {
  private block: SpellingBlock = { hashes: new Uint32Array(0), ids: new Uint32Array(0) };
  private readonly recent = new Map<number, number[]>();
  private recentForms = 0;

  /** @param termOf the term an id stands for */
  constructor(private readonly termOf: (id: number) => string) {}

  static of(block: SpellingBlock, termOf: (id: number) => string): SpellingIndex {
    const index = new SpellingIndex(termOf);
    index.block = block;
    return index;
  }

  /** Forms filed (block and recent), to measure the structure. */
  get formCount(): number {
    return this.block.hashes.length + this.recentForms;
  }

  /** Bytes of the typed-array block. */
  get blockBytes(): number {
    return this.block.hashes.byteLength + this.block.ids.byteLength;
  }

  /** Files a term that just became known. */
  add(id: number): void {
    const term = this.termOf(id);
    if (!fileable(term, id)) return;
    for (const form of formsOf(term)) {
      const hash = hashOf(form);
      const ids = this.recent.get(hash);
      if (ids) ids.push(id);
      else this.recent.set(hash, [id]);
      this.recentForms++;
    }
  }

  /** Rebuilds the block from the terms `known` still holds. */
  rebuild(termCount: number, known: (id: number) => boolean): void {
    const packed: number[] = [];
    for (let id = 0; id < termCount && id < MAX_ID; id++) {
      if (!known(id)) continue;
      const term = this.termOf(id);
      if (!fileable(term, id)) continue;
      for (const form of formsOf(term)) packed.push(hashOf(form) * MAX_ID + id);
    }
    const sorted = Float64Array.from(packed).sort();
    const hashes = new Uint32Array(sorted.length);
    const ids = new Uint32Array(sorted.length);
    for (let i = 0; i < sorted.length; i++) {
      hashes[i] = Math.floor(sorted[i]! / MAX_ID);
      ids[i] = sorted[i]! % MAX_ID;
    }
    this.block = { hashes, ids };
    this.recent.clear();
    this.recentForms = 0;
  }

  /** Whether every filed form is in the block (none filed since it was built). */
  get settled(): boolean {
    return this.recentForms === 0;
  }

  get compacted(): SpellingBlock {
    return this.block;
  }

  /** Known term ids within `maxDistance` edits (at most 2) of a term, nearest first, itself excluded. */
  neighbours(term: string, maxDistance: number, known: (id: number) => boolean): number[] {
    const found = new Map<number, number>();
    const consider = (id: number): void => {
      if (found.has(id) || !known(id)) return;
      const candidate = this.termOf(id);
      if (candidate === term) return;
      const distance = editDistance(term, candidate);
      if (distance <= maxDistance) found.set(id, distance);
    };
    for (const form of formsOf(term)) {
      const hash = hashOf(form);
      for (
        let i = lowerBound(this.block.hashes, hash);
        i < this.block.hashes.length && this.block.hashes[i] === hash;
        i++
      )
        consider(this.block.ids[i]!);
      for (const id of this.recent.get(hash) ?? []) consider(id);
    }
    return [...found].sort((a, b) => a[1] - b[1]).map(([id]) => id);
  }
}

function fileable(term: string, id: number): boolean {
  return term.length >= MIN_LENGTH && term.length <= MAX_SPELLING_LENGTH && id < MAX_ID;
}

function lowerBound(values: Uint32Array, wanted: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle]! < wanted) low = middle + 1;
    else high = middle;
  }
  return low;
}
