/**
 * The inverted index as typed arrays: for each term id, the keys of the claims holding it and how
 * often, in key order. The bulk lives in one compressed-row block (offsets, keys, frequencies: what
 * a snapshot stores and loads without parsing); claims added later go to a small per-term overlay,
 * and removed claims are flagged dead until the next compaction. Keys only grow, so every list
 * stays sorted by key.
 */
import { Growable } from './growable.js';

/** BM25+ as minisearch computes it (k, b, d), so candidates are chosen as they were before. */
const K = 1.2;
const B = 0.7;
const D = 0.5;
/** Highest per-claim score a term can reach whatever its frequency and the claim's length. */
const TF_BOUND = D + K + 1;

export interface PostingsBlock {
  /** termCount + 1 offsets into keys/frequencies. */
  offsets: Uint32Array;
  keys: Uint32Array;
  frequencies: Uint8Array;
}

interface Overlay {
  keys: number[];
  frequencies: number[];
}

/** One scored claim. */
export interface ScoredKey {
  key: number;
  score: number;
  /** Indexes (into the query's terms) of the terms it holds. */
  matched: number[];
}

export class Postings {
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

  private idf(term: number): number {
    const frequency = this.documentFrequency(term);
    return Math.log(1 + (this.liveClaims - frequency + 0.5) / (frequency + 0.5));
  }

  private termScore(idf: number, frequency: number, key: number, averageLength: number): number {
    return idf * (D + (frequency * (K + 1)) / (frequency + K * (1 - B + (B * this.lengths.get(key)) / averageLength)));
  }

  /**
   * The `limit` best claims for a set of term ids, scored as minisearch scores an OR query (the
   * BM25+ sum times the number of terms matched), ties going to the claim first met in query
   * order. A score-ordered walk in the MaxScore manner: terms are taken from the highest upper
   * bound down; once the best `limit` found are out of reach of claims holding only the remaining
   * terms, those terms are no longer walked, only looked up for the claims already in play.
   */
  search(terms: readonly number[], limit: number, accept?: (key: number) => boolean): ScoredKey[] {
    const averageLength = this.liveClaims > 0 ? this.totalLength / this.liveClaims : 1;
    const idfs = terms.map((term) => this.idf(term));
    const bounds = idfs.map((idf) => idf * TF_BOUND);
    // Terms walked in query order (that is the tie order); `rest[i]` bounds what terms after i add.
    const rest = new Array<number>(terms.length + 1).fill(0);
    for (let i = terms.length - 1; i >= 0; i--) rest[i] = rest[i + 1]! + bounds[i]!;
    // Claims already scored, as a mark per key (cleared on the way out): no map entry or array per
    // claim met, only for the few that enter the best `limit`.
    const seen = this.seenMarks();
    const met: number[] = [];
    const matched: number[] = [];
    const best = new TopK(limit);
    const { offsets, keys, frequencies } = this.block;
    const alive = this.alive.view();
    const visit = (i: number, key: number, frequency: number): void => {
      if (seen[key] === 1 || (accept && !accept(key))) return;
      seen[key] = 1;
      met.push(key);
      let score = this.termScore(idfs[i]!, frequency, key, averageLength);
      matched.length = 0;
      matched.push(i);
      for (let j = i + 1; j < terms.length; j++) {
        const other = this.frequencyIn(terms[j]!, key);
        if (other === 0) continue;
        score += this.termScore(idfs[j]!, other, key, averageLength);
        matched.push(j);
      }
      best.offer(key, score * matched.length, met.length, matched);
    };
    try {
      for (let i = 0; i < terms.length; i++) {
        // A claim first met at term i holds at most terms i.. : its best possible score.
        const reachable = rest[i]! * (terms.length - i);
        if (best.full && reachable < best.threshold) break;
        const term = terms[i]!;
        if (term + 1 < offsets.length)
          for (let at = offsets[term]!; at < offsets[term + 1]!; at++)
            if (alive[keys[at]!] === 1) visit(i, keys[at]!, frequencies[at]!);
        const list = this.overlay.get(term);
        if (list)
          for (let at = 0; at < list.keys.length; at++)
            if (alive[list.keys[at]!] === 1) visit(i, list.keys[at]!, list.frequencies[at]!);
      }
    } finally {
      for (const key of met) seen[key] = 0;
    }
    return best.sorted();
  }

  private marks = new Uint8Array(0);

  /** One mark per key, all clear, kept between searches. */
  private seenMarks(): Uint8Array {
    if (this.marks.length < this.alive.length)
      this.marks = new Uint8Array(Math.max(this.alive.length, 2 * this.marks.length));
    return this.marks;
  }
}

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

/** One claim in the best `limit`. */
interface Ranked {
  key: number;
  score: number;
  order: number;
  matched: number[];
}

/** The best `limit` (score, then order met) seen so far, as a binary min-heap. */
class TopK {
  private readonly heap: Ranked[] = [];

  constructor(private readonly limit: number) {}

  get full(): boolean {
    return this.heap.length >= this.limit;
  }

  /** The score a claim must beat to enter. */
  get threshold(): number {
    return this.heap[0]?.score ?? 0;
  }

  /** Offers a claim; `matched` is copied only when it enters. */
  offer(key: number, score: number, order: number, matched: readonly number[]): void {
    if (this.limit <= 0) return;
    if (!this.full) {
      this.heap.push({ key, score, order, matched: [...matched] });
      this.up(this.heap.length - 1);
    } else if (worse(this.heap[0]!, score, order)) {
      this.heap[0] = { key, score, order, matched: [...matched] };
      this.down(0);
    }
  }

  sorted(): ScoredKey[] {
    return [...this.heap]
      .sort((a, b) => b.score - a.score || a.order - b.order)
      .map(({ key, score, matched }) => ({ key, score, matched }));
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const item = this.heap[i]!;
      if (!worse(item, this.heap[parent]!.score, this.heap[parent]!.order)) break;
      [this.heap[i], this.heap[parent]] = [this.heap[parent]!, item];
      i = parent;
    }
  }

  private down(i: number): void {
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let worst = i;
      const { heap } = this;
      if (left < heap.length && worse(heap[left]!, heap[worst]!.score, heap[worst]!.order)) worst = left;
      if (right < heap.length && worse(heap[right]!, heap[worst]!.score, heap[worst]!.order)) worst = right;
      if (worst === i) return;
      [heap[i], heap[worst]] = [heap[worst]!, heap[i]!];
      i = worst;
    }
  }
}

/** Whether a ranks below a claim of this score met in this order: a lower score, or the same met later. */
function worse(a: { score: number; order: number }, score: number, order: number): boolean {
  return a.score < score || (a.score === score && a.order > order);
}
