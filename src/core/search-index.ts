/**
 * The full-text index over claims. It stores terms that terms.ts already folded, stop-worded and
 * stemmed, so indexing and querying cannot disagree; it keeps document frequencies so callers can
 * weigh terms, and a spelling index for typo tolerance. Terms are interned once and postings are
 * typed arrays (store/postings.ts); minisearch, which this index replaced, needed over a gigabyte
 * at 10,000 documents and cannot be saved in parts (see the README's scale section).
 */
import { SpellingIndex, type SpellingBlock } from './spelling.js';
import { Postings, type PostingsBlock } from './store/postings.js';
import { TermTable } from './store/term-table.js';

/** One claim that matched a query. */
export interface IndexHit {
  key: number;
  /** BM25+ score times the number of query terms matched (as minisearch scores an OR query). */
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

/** What a snapshot keeps of the index: every part a typed array or the list of terms. */
export interface IndexParts {
  terms: readonly string[];
  postings: PostingsBlock;
  /** Terms per claim, repeats counted, by key. */
  lengths: Uint16Array;
  /** Live claims per term id. */
  frequency: Uint32Array;
  spelling: SpellingBlock;
}

/**
 * Builds index parts in two passes over the claims' term ids: counts, then postings in place, so
 * a full build never holds a posting as a JS value.
 */
export function buildIndexParts(
  terms: readonly string[],
  claimCount: number,
  termIdsOf: (key: number) => ArrayLike<number>,
): IndexParts {
  const steps = indexPartSteps(terms, claimCount, termIdsOf);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** buildIndexParts, tens of thousands of claims at a time: each `yield` is a point where other work may run. */
export function* indexPartSteps(
  terms: readonly string[],
  claimCount: number,
  termIdsOf: (key: number) => ArrayLike<number>,
): Generator<void, IndexParts> {
  const termCount = terms.length;
  const lengths = new Uint16Array(claimCount);
  const frequency = new Uint32Array(termCount);
  const tf = new Uint32Array(termCount);
  for (let key = 0; key < claimCount; key++) {
    if (key % 50_000 === 49_999) yield;
    const ids = termIdsOf(key);
    lengths[key] = Math.min(ids.length, 65_535);
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (tf[id] === 0) frequency[id] = frequency[id]! + 1;
      tf[id] = tf[id]! + 1;
    }
    for (let i = 0; i < ids.length; i++) tf[ids[i]!] = 0;
  }
  const offsets = new Uint32Array(termCount + 1);
  for (let id = 0; id < termCount; id++) offsets[id + 1] = offsets[id]! + frequency[id]!;
  const keys = new Uint32Array(offsets[termCount]!);
  const frequencies = new Uint8Array(keys.length);
  const next = offsets.slice(0, termCount);
  for (let key = 0; key < claimCount; key++) {
    if (key % 50_000 === 49_999) yield;
    const ids = termIdsOf(key);
    for (let i = 0; i < ids.length; i++) tf[ids[i]!] = tf[ids[i]!]! + 1;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (tf[id] === 0) continue;
      keys[next[id]!] = key;
      frequencies[next[id]!++] = Math.min(tf[id]!, 255);
      tf[id] = 0;
    }
  }
  yield;
  const spelling = new SpellingIndex((id) => terms[id]!);
  spelling.rebuild(termCount, (id) => frequency[id]! > 0);
  return { terms, postings: { offsets, keys, frequencies }, lengths, frequency, spelling: spelling.compacted };
}

export class ClaimIndex {
  readonly terms: TermTable;
  private postings: Postings;
  private spelling: SpellingIndex;

  constructor(parts?: IndexParts) {
    this.terms = parts ? TermTable.of(parts.terms) : new TermTable();
    this.postings = parts ? Postings.of(parts.postings, parts.lengths, parts.frequency) : new Postings();
    const termOf = (id: number): string => this.terms.term(id);
    this.spelling = parts ? SpellingIndex.of(parts.spelling, termOf) : new SpellingIndex(termOf);
  }

  /** Number of claims indexed. */
  get size(): number {
    return this.postings.claimCount;
  }

  /** In how many indexed claims a term occurs (0 when unknown). */
  documentFrequency(term: string): number {
    const id = this.terms.idOf(term);
    return id === undefined ? 0 : this.postings.documentFrequency(id);
  }

  /** In how many indexed claims a term id occurs. */
  frequencyOfId(id: number): number {
    return this.postings.documentFrequency(id);
  }

  /** Calls back the key of each indexed claim holding a term id. */
  forEachClaimWith(id: number, visit: (key: number) => void): void {
    this.postings.forEachPosting(id, visit);
  }

  /** Known terms a query term may be a misspelling or variant of (see typoTolerance), nearest first. */
  corrections(term: string): string[] {
    const distance = typoTolerance(term, this.documentFrequency(term));
    if (distance === 0) return [];
    const known = (id: number): boolean => this.postings.documentFrequency(id) > 0;
    return this.spelling
      .neighbours(term, distance, known)
      .slice(0, MAX_CORRECTIONS)
      .map((id) => this.terms.term(id));
  }

  /** The ids of a claim's terms (interning new ones), in order, repeats kept. */
  intern(terms: readonly string[]): Uint32Array {
    return Uint32Array.from(terms, (term) => this.terms.intern(term));
  }

  /** Whether a key is indexed (its claim not removed). */
  isIndexed(key: number): boolean {
    return this.postings.isAlive(key);
  }

  /** How many claims with keys in [from, to) hold a term: a document's own count, its keys being a range. */
  countInRange(term: string, from: number, to: number): number {
    const id = this.terms.idOf(term);
    return id === undefined ? 0 : this.postings.countInRange(id, from, to);
  }

  /** Indexes every claim 0..claimCount-1 at once, replacing what was indexed (a full build). */
  rebuild(claimCount: number, termIdsOf: (key: number) => ArrayLike<number>): void {
    const parts = buildIndexParts(this.terms.all(), claimCount, termIdsOf);
    this.postings = Postings.of(parts.postings, parts.lengths, parts.frequency);
    this.spelling = SpellingIndex.of(parts.spelling, (id) => this.terms.term(id));
  }

  /** Indexes one claim by its term ids; keys must exceed every key indexed before. */
  add(key: number, termIds: ArrayLike<number>): void {
    const fresh = new Set<number>();
    for (let i = 0; i < termIds.length; i++)
      if (this.postings.documentFrequency(termIds[i]!) === 0) fresh.add(termIds[i]!);
    for (const id of fresh) this.spelling.add(id); // filed again if it comes back: neighbours() drops repeats
    this.postings.add(key, termIds);
  }

  /** Removes a claim previously added with these term ids. */
  remove(key: number, termIds: ArrayLike<number>): void {
    this.postings.remove(key, new Set(Array.from(termIds)));
  }

  /** Rebuilds the compact blocks when enough changed since the last time (cheap to call often). */
  tidy(force = false): void {
    if (!force && !this.postings.untidy) return;
    this.postings.compact(this.terms.size);
    this.spelling.rebuild(this.terms.size, (id) => this.postings.documentFrequency(id) > 0);
  }

  /** Parts for a snapshot (tidies first). */
  parts(lengths: Uint16Array): IndexParts {
    this.tidy(true);
    return this.partsWith(lengths);
  }

  /**
   * The parts as they are, when they are what buildIndexParts would give for claims 0..claimCount-1
   * (the postings hold those claims and no other, the spelling nothing filed since its build):
   * a snapshot of an unchanged corpus reuses them instead of building them again.
   */
  currentParts(claimCount: number): IndexParts | undefined {
    const lengths = this.postings.completeLengths();
    if (!lengths || lengths.length !== claimCount || !this.spelling.settled) return undefined;
    return this.partsWith(lengths);
  }

  /** The index's parts as they stand, with the claims' lengths given. */
  private partsWith(lengths: Uint16Array): IndexParts {
    const frequency = new Uint32Array(this.terms.size);
    for (let id = 0; id < frequency.length; id++) frequency[id] = this.postings.documentFrequency(id);
    return {
      terms: this.terms.all(),
      postings: this.postings.compacted,
      lengths,
      frequency,
      spelling: this.spelling.compacted,
    };
  }

  /** Size of the spelling structure, measured on its own. */
  spellingSize(): { forms: number; bytes: number } {
    return { forms: this.spelling.formCount, bytes: this.spelling.blockBytes };
  }

  /**
   * Claims matching any of the terms, best BM25 first, at most `limit`. To bound the cost on large
   * corpora, the lookup reads the rarest terms first and stops adding common ones once about
   * POSTINGS_BUDGET claims are in play (keeping at least two terms), and its walk stops once no
   * claim left can enter the best `limit` (store/postings.ts): the caller's ranking still weighs
   * every term of the question, and an answer nearly always holds its rarer words. `accept`
   * keeps only some claims (a channel's collection).
   */
  search(terms: readonly string[], limit: number, accept?: (key: number) => boolean): IndexHit[] {
    // Terms no claim holds still take their place among the rarest, as they did under minisearch.
    const selective = this.selectiveTerms(terms).filter((term) => this.documentFrequency(term) > 0);
    if (selective.length === 0) return [];
    const ids = selective.map((term) => this.terms.idOf(term)!);
    return this.postings.search(ids, limit, accept, (i) => selective[i]!);
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
}
