/**
 * The full-text index over claims: the only module that imports minisearch. It stores terms that
 * terms.ts already folded, stop-worded and stemmed, so indexing and querying cannot disagree; it
 * keeps document frequencies so callers can weigh terms, and a spelling index for typo tolerance.
 */
import MiniSearch, { type SearchResult } from 'minisearch';
import { SpellingIndex } from './spelling.js';

/** What the index stores for one claim. */
export interface IndexEntry {
  /** The claim's position in the corpus, unique while it is indexed. */
  key: number;
  /** The claim's processed terms (terms.ts), repeats kept. */
  terms: readonly string[];
  /** The same terms without repeats. */
  termSet: ReadonlySet<string>;
}

/** One claim that matched a query. */
export interface IndexHit {
  key: number;
  /** BM25 score. */
  score: number;
  /** The index terms that matched (for highlighting). */
  matched: string[];
}

/** About how many claim matches one lookup may read before it leaves out the commonest terms. */
const POSTINGS_BUDGET = 1_500;

/** Most spellings one query term may stand for. */
const MAX_CORRECTIONS = 3;

/** Below this many claims a known word is rare enough that its variant spellings are worth a look. */
const RARE_CLAIMS = 5;

/**
 * Edit distance allowed for a query term: none for short words or numbers, 1-2 for a long word
 * the index lacks (a typo), 1 for a rare long word it has (a name spelt two ways: Zelensky and
 * Zelenskyy). Common words get none: stemming already joins their forms, and expanding them
 * would cost time on large corpora for nothing.
 */
export function typoTolerance(term: string, frequency: number): number {
  if (/\p{N}/u.test(term) || term.length < 5) return 0;
  if (frequency === 0) return term.length >= 8 ? 2 : 1;
  return term.length >= 7 && frequency <= RARE_CLAIMS ? 1 : 0;
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
  private readonly spelling = new SpellingIndex();

  /** Number of claims indexed. */
  get size(): number {
    return this.engine.documentCount;
  }

  /** In how many indexed claims a term occurs (0 when unknown). */
  documentFrequency(term: string): number {
    return this.frequencies.get(term) ?? 0;
  }

  /** Known terms a query term may be a misspelling or variant of (see typoTolerance), nearest first. */
  corrections(term: string): string[] {
    const distance = typoTolerance(term, this.documentFrequency(term));
    return distance === 0 ? [] : this.spelling.neighbours(term, distance).slice(0, MAX_CORRECTIONS);
  }

  /** Indexes claims; keys must not already be indexed. */
  add(entries: readonly IndexEntry[]): void {
    this.engine.addAll(entries);
    for (const entry of entries) this.count(entry.termSet, 1);
  }

  /** Removes claims previously added (the same entries). */
  remove(entries: readonly IndexEntry[]): void {
    for (const entry of entries) {
      this.engine.discard(String(entry.key)); // ids are stored as extractField returns them: strings
      this.count(entry.termSet, -1);
    }
  }

  /**
   * Claims matching any of the terms, best BM25 first, at most `limit`. To bound the cost on large
   * corpora, the lookup reads the rarest terms first and stops adding common ones once about
   * POSTINGS_BUDGET claims are in play (keeping at least two terms): the caller's ranking still
   * weighs every term of the question, and an answer nearly always holds its rarer words.
   */
  search(terms: readonly string[], limit: number): IndexHit[] {
    const selective = this.selectiveTerms(terms);
    if (selective.length === 0) return [];
    const results = this.engine.search(selective.join(' '), {
      tokenize: (text) => text.split(' '),
    });
    return results.slice(0, limit).map((result) => this.toHit(result));
  }

  private selectiveTerms(terms: readonly string[]): string[] {
    const byRarity = [...new Set(terms)].sort((a, b) => this.documentFrequency(a) - this.documentFrequency(b));
    const chosen: string[] = [];
    let postings = 0;
    for (const term of byRarity) {
      const frequency = this.documentFrequency(term);
      if (chosen.length >= 2 && postings + frequency > POSTINGS_BUDGET) break;
      chosen.push(term);
      postings += frequency;
    }
    return chosen;
  }

  private toHit(result: SearchResult): IndexHit {
    return { key: Number(result.id), score: result.score, matched: result.terms };
  }

  private count(terms: ReadonlySet<string>, delta: 1 | -1): void {
    for (const term of terms) {
      const next = (this.frequencies.get(term) ?? 0) + delta;
      if (next > 0) this.frequencies.set(term, next);
      else this.frequencies.delete(term);
      if (next === 1 && delta === 1) this.spelling.add(term);
      if (next === 0) this.spelling.remove(term);
    }
  }
}
