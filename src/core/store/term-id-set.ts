/**
 * A set of terms read straight from a run of term ids in the claim columns (a claim's terms, or a
 * whole paragraph's): membership is a scan of a few dozen integers, with no strings or Set built;
 * iterating (rarer: similarity between claims) builds the Set once.
 */
import type { TermTable } from './term-table.js';

export class TermIdSet implements ReadonlySet<string> {
  private built: Set<string> | undefined;

  constructor(
    private readonly table: TermTable,
    /** The run of term ids (repeats kept), for callers that work on ids. */
    readonly ids: Uint32Array,
  ) {}

  has(term: string): boolean {
    if (this.ids.length === 0) return false;
    const id = this.table.idOf(term);
    return id !== undefined && this.ids.includes(id);
  }

  /** The term an id of this set stands for. */
  termOf(id: number): string {
    return this.table.term(id);
  }

  /** Distinct ids, counted without building the set (ranking asks every candidate's size). */
  get size(): number {
    const { ids } = this;
    // A scan per id is quadratic: long runs (a paragraph, an overlong sentence) build the set.
    if (this.built || ids.length > 64) return this.set().size;
    let distinct = 0;
    for (let i = 0; i < ids.length; i++) if (ids.indexOf(ids[i]!) === i) distinct++;
    return distinct;
  }

  forEach(visit: (value: string, key: string, set: ReadonlySet<string>) => void, thisArg?: unknown): void {
    for (const term of this.set()) visit.call(thisArg, term, term, this);
  }

  entries(): ReturnType<Set<string>['entries']> {
    return this.set().entries();
  }

  keys(): ReturnType<Set<string>['keys']> {
    return this.set().keys();
  }

  values(): ReturnType<Set<string>['values']> {
    return this.set().values();
  }

  [Symbol.iterator](): ReturnType<Set<string>['values']> {
    return this.set().values();
  }

  private set(): Set<string> {
    if (!this.built) {
      this.built = new Set<string>();
      for (const id of this.ids) this.built.add(this.table.term(id));
    }
    return this.built;
  }
}
