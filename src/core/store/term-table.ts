/** Terms interned once: every index structure refers to a term by a small integer id. */
export class TermTable {
  private readonly ids = new Map<string, number>();
  private readonly strings: string[] = [];

  /** Restores a table from its terms in id order (a loaded snapshot). */
  static of(terms: readonly string[]): TermTable {
    const table = new TermTable();
    for (const term of terms) table.intern(term);
    return table;
  }

  get size(): number {
    return this.strings.length;
  }

  /** The id of a term, adding it when new. */
  intern(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(term);
      this.ids.set(term, id);
    }
    return id;
  }

  /** The id of a known term, or undefined. */
  idOf(term: string): number | undefined {
    return this.ids.get(term);
  }

  term(id: number): string {
    return this.strings[id]!;
  }

  /** Every term, in id order. */
  all(): readonly string[] {
    return this.strings;
  }
}
