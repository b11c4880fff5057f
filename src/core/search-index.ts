/**
 * The full-text index over claims: the only module that imports minisearch. It stores terms that
 * terms.ts already folded, stop-worded and stemmed, so indexing and querying cannot disagree, and
 * it keeps document frequencies so callers can weigh terms and decide when typo tolerance is due.
 */
import MiniSearch, { type SearchResult } from 'minisearch';

/** What the index stores for one claim. */
export interface IndexEntry {
  /** The claim's position in the corpus, unique while it is indexed. */
  key: number;
  /** The claim's processed terms (terms.ts), repeats kept. */
  terms: readonly string[];
}

/** One claim that matched a query. */
export interface IndexHit {
  key: number;
  /** BM25 score with fuzzy matches discounted. */
  score: number;
  /** Query terms that matched exactly. */
  exact: string[];
  /** Query terms that matched only through typo tolerance. */
  fuzzy: string[];
  /** The index terms that matched, exactly or not (for highlighting). */
  matched: string[];
}

/** Edit distance allowed for a query term: none for short words, more for long ones. */
export function typoTolerance(term: string, known: boolean): number {
  if (/\p{N}/u.test(term) || term.length < 5) return 0;
  if (known) return term.length >= 7 ? 1 : 0; // name variants: Zelensky / Zelenskyy
  return term.length >= 8 ? 2 : 1;
}

export class ClaimIndex {
  private readonly engine = new MiniSearch<IndexEntry>({
    idField: 'key',
    fields: ['terms'],
    extractField: (entry, field) => (field === 'key' ? String(entry.key) : entry.terms.join(' ')),
    tokenize: (text) => (text === '' ? [] : text.split(' ')),
    processTerm: (term) => term,
    searchOptions: { combineWith: 'OR', weights: { fuzzy: 0.7, prefix: 0 } },
  });
  private readonly frequencies = new Map<string, number>();

  /** Number of claims indexed. */
  get size(): number {
    return this.engine.documentCount;
  }

  /** In how many indexed claims a term occurs (0 when unknown). */
  documentFrequency(term: string): number {
    return this.frequencies.get(term) ?? 0;
  }

  /** Indexes claims; keys must not already be indexed. */
  add(entries: readonly IndexEntry[]): void {
    this.engine.addAll(entries);
    for (const entry of entries) this.count(entry.terms, 1);
  }

  /** Removes claims previously added (the same entries). */
  remove(entries: readonly IndexEntry[]): void {
    for (const entry of entries) {
      this.engine.discard(String(entry.key)); // ids are stored as extractField returns them: strings
      this.count(entry.terms, -1);
    }
  }

  /** Claims matching any of the terms, best BM25 first, at most `limit`. */
  search(terms: readonly string[], limit: number): IndexHit[] {
    if (terms.length === 0) return [];
    const results = this.engine.search(terms.join(' '), {
      tokenize: (text) => text.split(' '),
      fuzzy: (term) => typoTolerance(term, this.frequencies.has(term)) || false,
      maxFuzzy: 2,
    });
    return results.slice(0, limit).map((result) => this.toHit(result));
  }

  private toHit(result: SearchResult): IndexHit {
    const exact = result.queryTerms.filter((term) => term in result.match);
    const fuzzy = result.queryTerms.filter((term) => !(term in result.match));
    return { key: Number(result.id), score: result.score, exact, fuzzy, matched: result.terms };
  }

  private count(terms: readonly string[], delta: 1 | -1): void {
    for (const term of new Set(terms)) {
      const next = (this.frequencies.get(term) ?? 0) + delta;
      if (next > 0) this.frequencies.set(term, next);
      else this.frequencies.delete(term);
    }
  }
}
