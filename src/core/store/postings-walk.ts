/**
 * The search walk over postings (see Postings.search): the rarest terms' lists scored one at a
 * time, then MaxScore, document at a time, over the rest, with the best `limit` kept in a heap.
 */
export interface PostingsBlock {
  /** termCount + 1 offsets into keys/frequencies. */
  offsets: Uint32Array;
  keys: Uint32Array;
  frequencies: Uint8Array;
}

export interface Overlay {
  keys: number[];
  frequencies: number[];
}

/** One scored claim. */
export interface ScoredKey<Term = number> {
  key: number;
  score: number;
  /** The terms it holds: indexes into the query's terms, or what the search's `label` makes of them. */
  matched: Term[];
}

/** What the walk reads of the postings besides their lists: the BM25+ parts. */
export interface WalkScoring {
  readonly averageLength: number;
  idf(term: number): number;
  upperBound(idf: number): number;
  termScore(idf: number, frequency: number, key: number, averageLength: number): number;
  frequencyIn(term: number, key: number): number;
}

/** Postings of the rarest terms scored one term at a time before the walk (see MaxScoreWalk.seed). */
const SEED_POSTINGS = 20_000;

/** Past every key. */
const NO_KEY = 0xffffffff;

/**
 * One search's walk over its terms' lists (see Postings.search). A term's list is its block range
 * followed by its overlay (keys only grow, so the whole is in key order); `at[t]` is the cursor.
 */
export class MaxScoreWalk {
  private readonly n: number;
  private readonly idfs: Float64Array;
  private readonly bounds: Float64Array;
  private readonly starts: Uint32Array;
  private readonly blockLengths: Uint32Array;
  private readonly lengths: Uint32Array;
  private readonly at: Uint32Array;
  private readonly overlays: (Overlay | undefined)[];
  /** Term indexes by upper bound, lowest first: the non-essential ones are a prefix of it. */
  private readonly byBound: Int32Array;
  /** Best score a claim can reach holding only the first k terms of byBound (index k). */
  private readonly reachBelow: Float64Array;
  private readonly frequencies: Uint32Array;
  private readonly required: Uint8Array;
  private readonly averageLength: number;
  /** The lists seed() has marked claims of: the first `marked` terms. */
  private marked = 0;

  constructor(
    private readonly postings: WalkScoring,
    private readonly block: PostingsBlock,
    overlay: ReadonlyMap<number, Overlay>,
    private readonly alive: Uint8Array,
    /** One mark per key, all clear: claims already scored (cleared again after the search). */
    private readonly seen: Uint8Array,
    private readonly terms: readonly number[],
    private readonly accept: ((key: number) => boolean) | undefined,
  ) {
    const n = (this.n = terms.length);
    this.averageLength = postings.averageLength;
    this.idfs = new Float64Array(n);
    this.bounds = new Float64Array(n);
    this.starts = new Uint32Array(n);
    this.blockLengths = new Uint32Array(n);
    this.lengths = new Uint32Array(n);
    this.at = new Uint32Array(n);
    this.frequencies = new Uint32Array(n);
    this.required = new Uint8Array(n);
    this.overlays = [];
    const { offsets } = block;
    for (let t = 0; t < n; t++) {
      const term = terms[t]!;
      this.idfs[t] = postings.idf(term);
      this.bounds[t] = postings.upperBound(this.idfs[t]!);
      const inBlock = term + 1 < offsets.length;
      this.starts[t] = inBlock ? offsets[term]! : 0;
      this.blockLengths[t] = inBlock ? offsets[term + 1]! - offsets[term]! : 0;
      const list = overlay.get(term);
      this.overlays.push(list);
      this.lengths[t] = this.blockLengths[t]! + (list ? list.keys.length : 0);
    }
    this.byBound = Int32Array.from({ length: n }, (_, t) => t).sort(
      (a, b) => this.bounds[a]! - this.bounds[b]! || a - b,
    );
    this.reachBelow = new Float64Array(n + 1);
    let sum = 0;
    for (let k = 1; k <= n; k++) {
      sum += this.bounds[this.byBound[k - 1]!]!;
      this.reachBelow[k] = sum * k;
    }
  }

  /** The key at a place of term t's list. */
  private keyAt(t: number, place: number): number {
    const inBlock = this.blockLengths[t]!;
    return place < inBlock ? this.block.keys[this.starts[t]! + place]! : this.overlays[t]!.keys[place - inBlock]!;
  }

  private frequencyAt(t: number, place: number): number {
    const inBlock = this.blockLengths[t]!;
    return place < inBlock
      ? this.block.frequencies[this.starts[t]! + place]!
      : this.overlays[t]!.frequencies[place - inBlock]!;
  }

  /** Moves term t's cursor to its first key at or after `key` (galloping, then binary search). */
  private seek(t: number, key: number): void {
    const length = this.lengths[t]!;
    let low = this.at[t]!;
    if (low >= length || this.keyAt(t, low) >= key) return;
    let step = 1;
    let high = low + 1;
    while (high < length && this.keyAt(t, high) < key) {
      low = high;
      step *= 2;
      high = low + step;
    }
    if (high > length) high = length;
    // keyAt(low) < key; the answer is in (low, high].
    low++;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.keyAt(t, middle) < key) low = middle + 1;
      else high = middle;
    }
    this.at[t] = low;
  }

  /** The best `limit` claims, best first, each matched term index passed through `label` (one object per claim). */
  run<Term>(limit: number, label: (term: number) => Term): ScoredKey<Term>[] {
    const { n } = this;
    const best = new TopK(limit, n);
    if (n === 0 || limit <= 0) return best.sorted(label);
    // The rarest terms' claims first, one term at a time: they fill the best `limit` with claims
    // that are hard to beat, so the walk below starts with a high threshold.
    try {
      const seeded = this.seed(best, this.seen);
      if (seeded < 0) return best.sorted(label);
      return this.walk(best, seeded, label);
    } finally {
      this.clearSeen();
    }
  }

  /**
   * Clears the marks seed() set by reading its lists again, rather than keeping a list of the
   * marked keys that grows by one number for every claim it scores (up to SEED_POSTINGS a search).
   */
  private clearSeen(): void {
    const { seen } = this;
    for (let t = 0; t < this.marked; t++)
      for (let place = 0; place < this.lengths[t]!; place++) seen[this.keyAt(t, place)] = 0;
  }

  /** The walk after the seeded terms (see run), claims marked seen already scored. */
  private walk<Term>(best: TopK, seeded: number, label: (term: number) => Term): ScoredKey<Term>[] {
    const { n, byBound, bounds, idfs, at, lengths, frequencies, alive, accept, seen } = this;
    // Which other terms bring claims: at first all (their union); then the essential ones (a
    // claim holding only the others cannot enter); once some terms are each held by every claim
    // that can still enter, only claims holding all of those (their intersection).
    const drives = new Uint8Array(n);
    for (let t = seeded; t < n; t++) drives[t] = 1;
    let intersect = false;
    let essentialFrom = 0;
    let requiredCount = 0;
    /** Updates the driving terms for the current threshold; false when no claim left can enter. */
    const steer = (last: number): boolean => {
      if (!best.full) return true;
      const threshold = best.threshold;
      const required = this.requiredFor(threshold);
      let count = 0;
      for (let t = 0; t < n; t++)
        if (required[t] === 1) {
          // Every claim that can still enter holds a term whose claims were all scored already.
          if (t < seeded) return false;
          count++;
        }
      const before = essentialFrom;
      while (essentialFrom < n && this.reachBelow[essentialFrom + 1]! < threshold) essentialFrom++;
      if (count === requiredCount && essentialFrom === before) return true;
      requiredCount = count;
      intersect = count > 0;
      for (let e = 0; e < n; e++) {
        const t = byBound[e]!;
        const drive = t >= seeded && (intersect ? required[t] === 1 : e >= essentialFrom);
        drives[t] = drive ? 1 : 0;
        // A term that brings claims from now on starts after the last claim taken.
        if (drive) this.seek(t, last + 1);
      }
      return true;
    };
    const parts = new Float64Array(n);
    // Reused for every claim: `array.length = 0` would drop its storage and each claim would allocate anew.
    const matched = new Int32Array(n);
    for (let going = steer(-1); going; ) {
      const key = intersect ? this.nextInAll(drives) : this.nextInAny(drives);
      if (key === NO_KEY) break;
      // The driving terms at this key (their cursors move past it), then the others, highest
      // bound first, while the claim can still enter the best `limit`.
      let known = 0;
      let count = 0;
      let unknown = 0;
      let unknownCount = 0;
      for (let t = 0; t < n; t++) {
        frequencies[t] = 0;
        if (drives[t] === 1) {
          if (at[t]! < lengths[t]! && this.keyAt(t, at[t]!) === key) frequencies[t] = this.frequencyAt(t, at[t]!++);
        } else {
          unknown += bounds[t]!;
          unknownCount++;
        }
      }
      if (seen[key] === 1 || alive[key] !== 1 || (accept && !accept(key))) continue;
      for (let t = 0; t < n; t++)
        if (frequencies[t] !== 0) {
          parts[t] = this.postings.termScore(idfs[t]!, frequencies[t]!, key, this.averageLength);
          known += parts[t]!;
          count++;
        }
      let dropped = false;
      for (let e: number = n - 1; e >= 0 && unknownCount > 0; e--) {
        const t = byBound[e]!;
        if (drives[t] === 1) continue;
        if (best.full && (known + unknown) * (count + unknownCount) < best.threshold) {
          dropped = true;
          break;
        }
        unknown -= bounds[t]!;
        unknownCount--;
        this.seek(t, key);
        if (at[t]! < lengths[t]! && this.keyAt(t, at[t]!) === key) {
          frequencies[t] = this.frequencyAt(t, at[t]!);
          parts[t] = this.postings.termScore(idfs[t]!, frequencies[t]!, key, this.averageLength);
          known += parts[t]!;
          count++;
        }
      }
      if (dropped) continue;
      let first = 0;
      while (frequencies[first] === 0) first++;
      // The score as the walk in query order sums it: from the claim's first term in the query on.
      let score = parts[first]!;
      let held = 0;
      matched[held++] = first;
      for (let t = first + 1; t < n; t++)
        if (frequencies[t] !== 0) {
          score += parts[t]!;
          matched[held++] = t;
        }
      if (best.offer(key, score * held, first * 2 ** 32 + key, matched, held)) going = steer(key);
    }
    return best.sorted(label);
  }

  /**
   * Scores every claim of the first terms in query order, a whole list at a time, as long as the
   * lists read stay within SEED_POSTINGS postings; each claim at the first of them it holds (a
   * mark per key), the other terms looked up by binary search. Stops early when no claim first
   * met at the next term can enter the best `limit`. Returns how many terms it took, or -1 when
   * nothing is left to find.
   */
  private seed(best: TopK, seen: Uint8Array): number {
    const { n, idfs, bounds, alive, accept } = this;
    let rest = 0;
    for (let t = 0; t < n; t++) rest += bounds[t]!;
    let postings = 0;
    const matched = new Int32Array(n);
    for (let t = 0; t < n; t++) {
      // A claim first met at term t holds at most terms t..: its best possible score.
      if (best.full && rest * (n - t) < best.threshold) return -1;
      rest -= bounds[t]!;
      postings += this.lengths[t]!;
      if (postings > SEED_POSTINGS) return t;
      this.marked = t + 1;
      for (let place = 0; place < this.lengths[t]!; place++) {
        const key = this.keyAt(t, place);
        if (seen[key] === 1 || alive[key] !== 1 || (accept && !accept(key))) continue;
        seen[key] = 1;
        let score = this.postings.termScore(idfs[t]!, this.frequencyAt(t, place), key, this.averageLength);
        let count = 0;
        matched[count++] = t;
        for (let other = t + 1; other < n; other++) {
          const frequency = this.postings.frequencyIn(this.terms[other]!, key);
          if (frequency === 0) continue;
          score += this.postings.termScore(idfs[other]!, frequency, key, this.averageLength);
          matched[count++] = other;
        }
        best.offer(key, score * count, t * 2 ** 32 + key, matched, count);
      }
    }
    return -1;
  }

  /** Flags the terms each held by every claim that can still enter: without t, a claim holds at most the other n - 1. */
  private requiredFor(threshold: number): Uint8Array {
    const { n, bounds, required } = this;
    let total = 0;
    for (let t = 0; t < n; t++) total += bounds[t]!;
    for (let t = 0; t < n; t++) required[t] = (total - bounds[t]!) * (n - 1) < threshold ? 1 : 0;
    return required;
  }

  /** The lowest key under any driving term, or NO_KEY. */
  private nextInAny(drives: Uint8Array): number {
    const { n, at, lengths } = this;
    let key = NO_KEY;
    for (let t = 0; t < n; t++)
      if (drives[t] === 1 && at[t]! < lengths[t]!) {
        const next = this.keyAt(t, at[t]!);
        if (next < key) key = next;
      }
    return key;
  }

  /** The lowest key under every driving term (their cursors moved onto it), or NO_KEY. */
  private nextInAll(drives: Uint8Array): number {
    const { n, at, lengths } = this;
    let key = 0;
    for (let agreed = 0, t = 0; agreed < n; t = (t + 1) % n) {
      if (drives[t] === 0) {
        agreed++;
        continue;
      }
      this.seek(t, key);
      if (at[t]! >= lengths[t]!) return NO_KEY;
      const next = this.keyAt(t, at[t]!);
      if (next === key) agreed++;
      else {
        key = next;
        agreed = 1;
      }
    }
    return key;
  }
}

/** The best `limit` (score, then order met) seen so far, as a binary min-heap. */
class TopK {
  // Typed columns and a heap of slots: an entry that enters and is pushed out again allocates
  // nothing (entry objects were about 7% of an ask's garbage).
  private readonly keys: Uint32Array;
  private readonly scores: Float64Array;
  private readonly orders: Float64Array;
  private readonly counts: Uint16Array;
  private readonly matched: Int32Array;
  /** Slots in heap order, worst first. */
  private readonly heap: Int32Array;
  private size = 0;

  constructor(
    private readonly limit: number,
    /** Most matched terms an entry holds (the query's term count). */
    private readonly width: number,
  ) {
    const slots = Math.max(limit, 0);
    this.keys = new Uint32Array(slots);
    this.scores = new Float64Array(slots);
    this.orders = new Float64Array(slots);
    this.counts = new Uint16Array(slots);
    this.matched = new Int32Array(slots * width);
    this.heap = new Int32Array(slots);
  }

  get full(): boolean {
    return this.size >= this.limit;
  }

  /** The score a claim must beat to enter. */
  get threshold(): number {
    return this.size > 0 ? this.scores[this.heap[0]!]! : 0;
  }

  /** Offers a claim; its first `count` matched terms are copied only when it enters. Whether it entered. */
  offer(key: number, score: number, order: number, matched: Int32Array, count: number): boolean {
    // Kept small so that it inlines into the walk: most claims offered do not enter, and a call
    // that is not inlined boxes its score and order (it doubled the walk's garbage when it did not inline).
    if (this.size >= this.limit && (this.limit <= 0 || !this.worse(this.heap[0]!, score, order))) return false;
    this.enter(key, score, order, matched, count);
    return true;
  }

  private enter(key: number, score: number, order: number, matched: Int32Array, count: number): void {
    if (this.size < this.limit) {
      const slot = this.size;
      this.write(slot, key, score, order, matched, count);
      this.heap[this.size++] = slot;
      this.up(slot);
    } else {
      this.write(this.heap[0]!, key, score, order, matched, count);
      this.down(0);
    }
  }

  sorted<Term>(label: (term: number) => Term): ScoredKey<Term>[] {
    const slots = Array.from(this.heap.subarray(0, this.size)).sort((a, b) =>
      this.worse(a, this.scores[b]!, this.orders[b]!) ? 1 : this.worse(b, this.scores[a]!, this.orders[a]!) ? -1 : 0,
    );
    return slots.map((slot) => {
      const count = this.counts[slot]!;
      const matched = new Array<Term>(count);
      for (let i = 0; i < count; i++) matched[i] = label(this.matched[slot * this.width + i]!);
      return { key: this.keys[slot]!, score: this.scores[slot]!, matched };
    });
  }

  private write(slot: number, key: number, score: number, order: number, matched: Int32Array, count: number): void {
    this.keys[slot] = key;
    this.scores[slot] = score;
    this.orders[slot] = order;
    this.counts[slot] = count;
    const at = slot * this.width;
    for (let i = 0; i < count; i++) this.matched[at + i] = matched[i]!;
  }

  /** Whether slot a ranks below a claim of this score met in this order: a lower score, or the same met later. */
  private worse(a: number, score: number, order: number): boolean {
    const own = this.scores[a]!;
    return own < score || (own === score && this.orders[a]! > order);
  }

  private up(i: number): void {
    const { heap } = this;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const item = heap[i]!;
      const above = heap[parent]!;
      if (!this.worse(item, this.scores[above]!, this.orders[above]!)) break;
      heap[i] = above;
      heap[parent] = item;
      i = parent;
    }
  }

  private down(i: number): void {
    const { heap } = this;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let worst = i;
      if (left < this.size && this.worse(heap[left]!, this.scores[heap[worst]!]!, this.orders[heap[worst]!]!))
        worst = left;
      if (right < this.size && this.worse(heap[right]!, this.scores[heap[worst]!]!, this.orders[heap[worst]!]!))
        worst = right;
      if (worst === i) return;
      const item = heap[i]!;
      heap[i] = heap[worst]!;
      heap[worst] = item;
      i = worst;
    }
  }
}
