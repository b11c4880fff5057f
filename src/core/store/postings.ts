/**
 * The inverted index as typed arrays: for each term id, the keys of the claims holding it and how
 * often, in key order. The bulk lives in one compressed-row block (offsets, keys, frequencies: what
 * a snapshot stores and loads without parsing); claims added later go to a small per-term overlay,
 * and removed claims are flagged dead until the next compaction. Keys only grow, so every list
 * stays sorted by key.
 */
import { Growable } from './growable.js';
import { MaxScoreWalk, type Overlay, type PostingsBlock, type ScoredKey, type WalkScoring } from './postings-walk.js';

/** BM25+ as minisearch computes it (k, b, d), so candidates are chosen as they were before. */
const K = 1.2;
const B = 0.7;
const D = 0.5;
/** Highest per-claim score a term can reach whatever its frequency and the claim's length. */
const TF_BOUND = D + K + 1;

export type { PostingsBlock, ScoredKey } from './postings-walk.js';

export class Postings implements WalkScoring {
  private block: PostingsBlock = {
    offsets: new Uint32Array(1),
    keys: new Uint32Array(0),
    frequencies: new Uint8Array(0),
  };
  private readonly overlay = new Map<number, Overlay>();
  private overlaySize = 0;
  /** Live claims holding each term. */
  private frequency: Growable<Uint32Array> = new Growable(Uint32Array);
  /** Terms per claim (repeats counted), 0 for a dead or unknown key. */
  private lengths: Growable<Uint16Array> = new Growable(Uint16Array);
  private alive: Growable<Uint8Array> = new Growable(Uint8Array);
  private liveClaims = 0;
  private totalLength = 0;
  private deadSinceCompaction = 0;

  /** Restores postings from a snapshot's block and per-claim lengths (every claim alive). */
  static of(block: PostingsBlock, lengths: Uint16Array, frequency: Uint32Array): Postings {
    const postings = new Postings();
    postings.block = block;
    postings.frequency = Growable.of(Uint32Array, frequency);
    postings.lengths = Growable.of(Uint16Array, lengths);
    postings.alive = Growable.of(Uint8Array, new Uint8Array(lengths.length).fill(1));
    for (let key = 0; key < lengths.length; key++) postings.totalLength += lengths[key]!;
    postings.liveClaims = lengths.length;
    return postings;
  }

  get claimCount(): number {
    return this.liveClaims;
  }

  /** In how many live claims a term id occurs. */
  documentFrequency(term: number): number {
    return term < this.frequency.length ? this.frequency.get(term) : 0;
  }

  /** Files one claim under its terms (ids, repeats kept). Keys must exceed every key added before. */
  add(key: number, terms: ArrayLike<number>): void {
    const counts = new Map<number, number>();
    for (let i = 0; i < terms.length; i++) counts.set(terms[i]!, (counts.get(terms[i]!) ?? 0) + 1);
    for (const [term, count] of counts) {
      let list = this.overlay.get(term);
      if (!list) this.overlay.set(term, (list = { keys: [], frequencies: [] }));
      list.keys.push(key);
      list.frequencies.push(Math.min(count, 255));
      this.frequency.set(term, this.documentFrequency(term) + 1);
    }
    this.overlaySize += counts.size;
    const length = Math.min(terms.length, 65_535);
    this.lengths.set(key, length);
    this.alive.set(key, 1);
    this.liveClaims++;
    this.totalLength += length;
  }

  /** Flags a claim dead and forgets its terms' counts (its distinct term ids). */
  remove(key: number, distinctTerms: Iterable<number>): void {
    if (!this.isAlive(key)) return;
    this.alive.set(key, 0);
    for (const term of distinctTerms) this.frequency.set(term, this.documentFrequency(term) - 1);
    this.liveClaims--;
    this.totalLength -= this.lengths.get(key);
    this.deadSinceCompaction++;
  }

  isAlive(key: number): boolean {
    return key < this.alive.length && this.alive.get(key) === 1;
  }

  /** Whether enough was added or removed since the last compaction to make one worth its cost. */
  get untidy(): boolean {
    return this.overlaySize + this.deadSinceCompaction > Math.max(50_000, this.block.keys.length / 4);
  }

  /** Merges the overlay into the block and drops dead claims. */
  compact(termCount: number): void {
    const counts = new Uint32Array(termCount + 1);
    for (let term = 0; term < termCount; term++) counts[term + 1] = this.documentFrequency(term);
    for (let term = 0; term < termCount; term++) counts[term + 1]! += counts[term]!;
    const keys = new Uint32Array(counts[termCount]!);
    const frequencies = new Uint8Array(keys.length);
    for (let term = 0; term < termCount; term++) {
      let at = counts[term]!;
      this.forEachPosting(term, (key, frequency) => {
        keys[at] = key;
        frequencies[at++] = frequency;
      });
    }
    this.block = { offsets: counts, keys, frequencies };
    this.overlay.clear();
    this.overlaySize = 0;
    this.deadSinceCompaction = 0;
  }

  /**
   * Per-claim lengths when the block holds every claim ever added and nothing else (no overlay,
   * no claim removed): then the block is what a full build over the same claims gives.
   */
  completeLengths(): Uint16Array | undefined {
    return this.overlaySize === 0 && this.liveClaims === this.lengths.length ? this.lengths.view() : undefined;
  }

  /** The compacted block and per-claim lengths, for a snapshot (compact first). */
  get compacted(): PostingsBlock {
    return this.block;
  }

  /** Calls back each live claim holding a term, in key order. */
  forEachPosting(term: number, visit: (key: number, frequency: number) => void): void {
    const { offsets, keys, frequencies } = this.block;
    if (term + 1 < offsets.length) {
      for (let i = offsets[term]!; i < offsets[term + 1]!; i++)
        if (this.alive.get(keys[i]!) === 1) visit(keys[i]!, frequencies[i]!);
    }
    const list = this.overlay.get(term);
    if (list)
      for (let i = 0; i < list.keys.length; i++)
        if (this.alive.get(list.keys[i]!) === 1) visit(list.keys[i]!, list.frequencies[i]!);
  }

  /** How many claims with keys in [from, to) hold a term (a live document's keys are all live). */
  countInRange(term: number, from: number, to: number): number {
    let count = 0;
    const { offsets, keys } = this.block;
    if (term + 1 < offsets.length)
      count +=
        lowerBound(keys, to, offsets[term]!, offsets[term + 1]!) -
        lowerBound(keys, from, offsets[term]!, offsets[term + 1]!);
    const list = this.overlay.get(term);
    if (list)
      count += lowerBound(list.keys, to, 0, list.keys.length) - lowerBound(list.keys, from, 0, list.keys.length);
    return count;
  }

  /** How often a term occurs in a claim (0 when it does not), by binary search. */
  frequencyIn(term: number, key: number): number {
    const { offsets, keys, frequencies } = this.block;
    if (term + 1 < offsets.length) {
      let low = offsets[term]!;
      let high = offsets[term + 1]! - 1;
      while (low <= high) {
        const middle = (low + high) >>> 1;
        const found = keys[middle]!;
        if (found === key) return frequencies[middle]!;
        if (found < key) low = middle + 1;
        else high = middle - 1;
      }
    }
    const list = this.overlay.get(term);
    if (!list) return 0;
    const at = binarySearch(list.keys, key);
    return at < 0 ? 0 : list.frequencies[at]!;
  }

  idf(term: number): number {
    const frequency = this.documentFrequency(term);
    return Math.log(1 + (this.liveClaims - frequency + 0.5) / (frequency + 0.5));
  }

  /** Highest contribution a term can make to any claim's score. */
  upperBound(idf: number): number {
    return idf * TF_BOUND;
  }

  /** BM25+ contribution of a term to a claim. */
  termScore(idf: number, frequency: number, key: number, averageLength: number): number {
    return idf * (D + (frequency * (K + 1)) / (frequency + K * (1 - B + (B * this.lengths.get(key)) / averageLength)));
  }

  /**
   * The `limit` best claims for a set of term ids, scored as minisearch scores an OR query (the
   * BM25+ sum times the number of terms matched), ties going to the claim first met in query
   * order (the claim's first term in the query, then its key). The rarest terms' claims are
   * scored first, a term at a time, while their lists are short; then MaxScore, document at a
   * time (postings-walk.ts): the other lists are walked together in key order; once the best
   * `limit` found are out of reach of claims holding only the terms of lowest upper bounds, those
   * lists are only searched forward (galloping) for the claims the others bring; once some terms
   * are each held by every claim that can still enter, only claims holding all of them are read
   * (the lists intersected); and a claim is dropped as soon as the terms it could still hold
   * cannot bring it in. The same claims, scores and order as scoring every claim.
   */
  search(terms: readonly number[], limit: number, accept?: (key: number) => boolean): ScoredKey[];
  /** The same, each claim's matched term indexes passed through `label` (no second object per claim). */
  search<Term>(
    terms: readonly number[],
    limit: number,
    accept: ((key: number) => boolean) | undefined,
    label: (term: number) => Term,
  ): ScoredKey<Term>[];
  search<Term>(
    terms: readonly number[],
    limit: number,
    accept?: (key: number) => boolean,
    label?: (term: number) => Term,
  ): ScoredKey<Term | number>[] {
    const walk = new MaxScoreWalk(this, this.block, this.overlay, this.alive.view(), this.seenMarks(), terms, accept);
    return walk.run<Term | number>(limit, label ?? identity);
  }

  private marks = new Uint8Array(0);

  /** One mark per key, all clear, kept between searches. */
  private seenMarks(): Uint8Array {
    if (this.marks.length < this.alive.length)
      this.marks = new Uint8Array(Math.max(this.alive.length, 2 * this.marks.length));
    return this.marks;
  }

  get averageLength(): number {
    return this.liveClaims > 0 ? this.totalLength / this.liveClaims : 1;
  }
}

const identity = (term: number): number => term;

/** First index in [low, high) whose value is >= wanted. */
function lowerBound(values: ArrayLike<number>, wanted: number, low: number, high: number): number {
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle]! < wanted) low = middle + 1;
    else high = middle;
  }
  return low;
}

function binarySearch(values: readonly number[], wanted: number): number {
  let low = 0;
  let high = values.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (values[middle] === wanted) return middle;
    if (values[middle]! < wanted) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}
