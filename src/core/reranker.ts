/**
 * The attention re-ranker: a small network over the word vectors that re-scores the first few
 * claims of the learned ranker (ranker.ts). Each question word attends to the claim's words, so a
 * claim that says the question in other words ("get" / "offering ... a promise") can be told from
 * one that shares its subject only. Its score is added to the ranker's: it learns what the ranker
 * misses. Trained by scripts/train-reranker.py (PyTorch, on SQuAD train only) into
 * models/reranker.json; run here over flat typed arrays.
 *
 * For question words q (at most QUESTION_WORDS) and claim words s, with unit word vectors:
 *   q' = tanh(P q + p + o_q), s' = tanh(P s + p + o_s)
 *   a_ij = softmax_j(alpha q'_i . s'_j + beta cos(q_i, s_j)),  c_i = sum_j a_ij s'_j
 *   u_i = w2 . relu(W1 [q'_i * c_i, |q'_i - c_i|, max_j cos(q_i, s_j), g_i] + b1) + b2
 *   score = sum_i softmax_i(v . q'_i + gamma g_i) u_i
 * where g_i is the question word's general-English weight (from its frequency rank) and o_w a learned
 * offset of the word's own for the most frequent words (what the vectors miss about its part in a
 * question: "who" asks for a name), 0 for the rest and in files without offsets. With a head,
 *   score += w_o . relu(W_h [x, score] + b_h) + b_o
 * where x are the ranker's standardised features of the claim (its kind, place, answer type...), so
 * the attention score can count for more or less by what the claim is. With context, each question
 * word also sees its neighbours ("what YEAR" names the kind of answer, "did Tesla DIE" its subject):
 *   k_i = tanh(L q'_{i-1} + l + R q'_{i+1})  (zeros past either end of the question)
 * adds C k_i to the MLP's hidden sums of word i and t . k_i to its importance.
 */
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { descendingBy } from './descending.js';
import { projectFile } from './project-file.js';
import { FEATURE_COUNT } from './ranking-features.js';
import { CLAIM_WORDS, QUESTION_WORDS } from './reranker-words.js';
import type { WordVectors } from './word-vectors.js';

const numbers = z.array(z.number().finite());

const fileSchema = z.object({
  trainedOn: z.string(),
  /** How many of the ranker's best claims are re-scored. */
  top: z.number().int().min(1).max(64),
  dimensions: z.number().int().min(1),
  hidden: z.number().int().min(1),
  mlp: z.number().int().min(1),
  projection: numbers,
  projectionBias: numbers,
  alpha: z.number(),
  beta: z.number(),
  mlpWeights: numbers,
  mlpBias: numbers,
  outputWeights: numbers,
  outputBias: z.number(),
  importance: numbers,
  gamma: z.number(),
  /** Claims with the attention scores the training script gave them: tests check ours match. */
  check: z
    .array(z.object({ question: z.array(z.number().int()), claim: z.array(z.number().int()), attention: z.number() }))
    .optional(),
  context: z
    .object({
      left: numbers,
      bias: numbers,
      right: numbers,
      importance: numbers,
      mlp: numbers,
    })
    .optional(),
  head: z
    .object({
      hidden: z.number().int().min(1),
      weights: numbers,
      bias: numbers,
      outputWeights: numbers,
      outputBias: z.number(),
    })
    .optional(),
  /**
   * Learned offsets to the projection of the most frequent words (rows 0..words-1), h per word: one
   * signed byte per value (base64) times its word's scale. So stored, the file parses and checks in
   * 26 ms the first time in a process; with the offsets as JSON numbers it took 108 ms.
   */
  wordOffsets: z.object({ words: z.number().int().min(1), scales: numbers, bytes: z.base64() }).optional(),
});
export type RerankerWeights = z.infer<typeof fileSchema>;

export const RERANKER_PATH = projectFile('models/reranker.json');

/**
 * Word offsets from their bytes: byte times the word's scale, the scale read as a 32-bit float as
 * PyTorch holds it, so the product rounds to the same float32 the training script scored with.
 */
function wordOffsetsOf(bytes: Buffer, scales: readonly number[], h: number): Float32Array {
  const signed = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  const out = new Float32Array(signed.length);
  for (let i = 0; i < signed.length; i++) out[i] = signed[i]! * Math.fround(scales[Math.floor(i / h)]!);
  return out;
}

/** General-English weight of a word from its vector row (rows follow word frequency). */
export function wordWeight(id: number): number {
  return Math.log(1 + id / 50) / 7;
}

export class Reranker {
  readonly top: number;
  private readonly h: number;
  private readonly mlp: number;
  private readonly projection: Float32Array;
  private readonly projectionBias: Float32Array;
  private readonly mlpWeights: Float32Array;
  private readonly mlpBias: Float32Array;
  private readonly outputWeights: Float32Array;
  private readonly importance: Float32Array;
  private readonly alpha: number;
  private readonly beta: number;
  private readonly outputBias: number;
  /** mlpPair's two running sums: kept in locals, V8 boxed them on every addition. */
  private readonly pairSums = new Float64Array(2);
  private readonly gamma: number;
  /** Projected rows, computed on first use of a word (h floats each). */
  private projected: Float32Array | null = null;
  private projectedDone: Uint8Array | null = null;
  private projectedFor: WordVectors | null = null;
  private readonly unit: Float32Array;
  /** The question words' view of their neighbours: null without one. */
  private readonly context: {
    left: Float32Array;
    bias: Float32Array;
    right: Float32Array;
    importance: Float32Array;
    mlp: Float32Array;
  } | null;
  /** Offsets added to the projection of rows below offsetWords (an empty array without them). */
  private readonly wordOffsets: Float32Array;
  private readonly offsetWords: number;
  /** The head over the ranker's features: null without one. */
  private readonly head: {
    hidden: number;
    weights: Float32Array;
    bias: Float32Array;
    outputWeights: Float32Array;
    outputBias: number;
  } | null;

  constructor(weights: RerankerWeights) {
    const { hidden: h, mlp, dimensions: d } = weights;
    const m = 2 * h + 2;
    const sizes: [number[], number][] = [
      [weights.projection, h * d],
      [weights.projectionBias, h],
      [weights.mlpWeights, mlp * m],
      [weights.mlpBias, mlp],
      [weights.outputWeights, mlp],
      [weights.importance, h],
    ];
    const context = weights.context;
    if (context)
      sizes.push(
        [context.left, h * h],
        [context.bias, h],
        [context.right, h * h],
        [context.importance, h],
        [context.mlp, mlp * h],
      );
    const offsetBytes = weights.wordOffsets ? Buffer.from(weights.wordOffsets.bytes, 'base64') : Buffer.alloc(0);
    if (weights.wordOffsets) {
      sizes.push([weights.wordOffsets.scales, weights.wordOffsets.words]);
      if (offsetBytes.length !== weights.wordOffsets.words * h)
        throw new Error('word offsets of the wrong size for its hidden size');
    }
    const head = weights.head;
    if (head)
      sizes.push(
        [head.weights, head.hidden * (FEATURE_COUNT + 1)],
        [head.bias, head.hidden],
        [head.outputWeights, head.hidden],
      );
    if (sizes.some(([values, size]) => values.length !== size))
      throw new Error('arrays of the wrong size for its hidden sizes');
    this.context = context
      ? {
          left: Float32Array.from(context.left),
          bias: Float32Array.from(context.bias),
          right: Float32Array.from(context.right),
          importance: Float32Array.from(context.importance),
          mlp: Float32Array.from(context.mlp),
        }
      : null;
    this.head = head
      ? {
          hidden: head.hidden,
          weights: Float32Array.from(head.weights),
          bias: Float32Array.from(head.bias),
          outputWeights: Float32Array.from(head.outputWeights),
          outputBias: head.outputBias,
        }
      : null;
    this.wordOffsets = weights.wordOffsets
      ? wordOffsetsOf(offsetBytes, weights.wordOffsets.scales, h)
      : new Float32Array(0);
    this.offsetWords = weights.wordOffsets?.words ?? 0;
    this.top = weights.top;
    this.h = h;
    this.mlp = mlp;
    this.projection = Float32Array.from(weights.projection);
    this.projectionBias = Float32Array.from(weights.projectionBias);
    this.mlpWeights = Float32Array.from(weights.mlpWeights);
    this.mlpBias = Float32Array.from(weights.mlpBias);
    this.outputWeights = Float32Array.from(weights.outputWeights);
    this.importance = Float32Array.from(weights.importance);
    this.alpha = weights.alpha;
    this.beta = weights.beta;
    this.outputBias = weights.outputBias;
    this.gamma = weights.gamma;
    this.unit = new Float32Array(d);
  }

  /** Dimensions of the word vectors the network was trained on. */
  get dimensions(): number {
    return this.unit.length;
  }

  /** q' or s' of one word: computed once per word and kept. */
  private project(vectors: WordVectors, id: number): number {
    if (this.projectedFor !== vectors) {
      if (vectors.dimensions !== this.unit.length)
        throw new Error('models/reranker.json was trained on word vectors of another size: retrain it');
      this.projected = new Float32Array(vectors.size * this.h);
      this.projectedDone = new Uint8Array(vectors.size);
      this.projectedFor = vectors;
    }
    const at = id * this.h;
    if (this.projectedDone![id]) return at;
    const d = vectors.unitRow(id, this.unit);
    const out = this.projected!;
    for (let k = 0; k < this.h; k++) {
      let sum = this.projectionBias[k]!;
      if (id < this.offsetWords) sum += this.wordOffsets[at + k]!;
      const row = k * d;
      for (let i = 0; i < d; i++) sum += this.projection[row + i]! * this.unit[i]!;
      out[at + k] = Math.tanh(sum);
    }
    this.projectedDone![id] = 1;
    return at;
  }

  /** Whether a claim's score reads its standardised ranker features (the file has a head). */
  get readsFeatures(): boolean {
    return this.head !== null;
  }

  /**
   * Score of a claim (its word rows) for a question (its word rows), with the claim's standardised
   * ranker features when readsFeatures; 0 from the attention when either has no known word.
   */
  score(vectors: WordVectors, question: Int32Array, claim: Int32Array, features?: Float32Array): number {
    return this.withHead(this.scoreClaims(vectors, question, [claim])[0]!, features);
  }

  /** A claim's attention score with the head's part added (unchanged without a head). */
  withHead(attention: number, features?: Float32Array): number {
    const head = this.head;
    if (!head) return attention;
    if (!features) throw new Error('this re-ranker reads the ranker features of the claim');
    const width = FEATURE_COUNT + 1;
    let out = head.outputBias;
    for (let r = 0; r < head.hidden; r++) {
      const row = r * width;
      let sum = head.bias[r]! + head.weights[row + FEATURE_COUNT]! * attention;
      for (let k = 0; k < FEATURE_COUNT; k++) sum += head.weights[row + k]! * features[k]!;
      if (sum > 0) out += head.outputWeights[r]! * sum;
    }
    return attention + out;
  }

  /**
   * Attention scores of several claims for one question (without the head: see withHead): the
   * question's side (its words' projections and importances) is computed once, and the attention
   * logit of a question word and a claim word once per pair of words, however many of the claims
   * hold the word.
   */
  scoreClaims(vectors: WordVectors, question: Int32Array, claims: readonly Int32Array[]): number[] {
    const m = Math.min(question.length, QUESTION_WORDS);
    if (m === 0) return claims.map(() => 0);
    const s = this.buffers(vectors);
    const h = this.h;
    const { questionAt, weights, shares } = s;
    for (let i = 0; i < m; i++) questionAt[i] = this.project(vectors, question[i]!);
    this.questionContext(m, s);
    let importanceMax = -Infinity;
    for (let i = 0; i < m; i++) {
      const qAt = questionAt[i]!;
      const weight = wordWeight(question[i]!);
      weights[i] = weight;
      let z = this.gamma * weight + s.contextImportance[i]!;
      for (let k = 0; k < h; k++) z += this.importance[k]! * this.projected![qAt + k]!;
      s.importances[i] = z;
      if (z > importanceMax) importanceMax = z;
    }
    let shareTotal = 0;
    for (let i = 0; i < m; i++) {
      const e = Math.exp(s.importances[i]! - importanceMax);
      shares[i] = e;
      shareTotal += e;
    }
    if (s.generation === 0xffffffff) {
      s.wordStamp.fill(0);
      s.generation = 0;
    }
    s.generation++;
    s.pairsUsed = 0;
    // A word the question repeats ("the", "of") gets the same u_i: computed once, at its first place
    // (with context, each place has neighbours of its own).
    const { distinct, sameAs } = s;
    let distinctCount = 0;
    for (let i = 0; i < m; i++) {
      let first = i;
      for (let p = 0; p < i && !this.context; p++)
        if (question[p] === question[i]) {
          first = p;
          break;
        }
      sameAs[i] = first;
      if (first === i) distinct[distinctCount++] = i;
    }
    s.distinctCount = distinctCount;
    return claims.map((claim) => {
      const n = Math.min(claim.length, CLAIM_WORDS);
      if (n === 0) return 0;
      for (let j = 0; j < n; j++) s.claimPair[j] = this.pairsOf(vectors, question, claim[j]!);
      const { input, second, units } = s;
      let d = 0;
      for (; d + 2 <= distinctCount; d += 2) {
        const a = distinct[d]!;
        const b = distinct[d + 1]!;
        this.attend(a, n, input);
        this.attend(b, n, second);
        this.mlpPair(input, second, units, a, b);
      }
      if (d < distinctCount) {
        const a = distinct[d]!;
        this.attend(a, n, input);
        units[a] = this.mlpOutput(input, a);
      }
      let score = 0;
      for (let i = 0; i < m; i++) score += shares[i]! * units[sameAs[i]!]!;
      return score / shareTotal;
    });
  }

  /**
   * Per question place: the MLP's hidden biases (b1, plus C k_i with context) and the importance
   * t . k_i that its neighbours add (0 without context).
   */
  private questionContext(m: number, s: ReturnType<Reranker['makeBuffers']>): void {
    const { mlp, h } = this;
    const { positionBias, contextImportance } = s;
    const context = this.context;
    for (let i = 0; i < m; i++) positionBias.set(this.mlpBias, i * mlp);
    if (!context) {
      contextImportance.fill(0, 0, m);
      return;
    }
    const projected = this.projected!;
    const k = s.neighbours;
    for (let i = 0; i < m; i++) {
      const left = i > 0 ? s.questionAt[i - 1]! : -1;
      const right = i + 1 < m ? s.questionAt[i + 1]! : -1;
      for (let o = 0; o < h; o++) {
        let sum = context.bias[o]!;
        const row = o * h;
        if (left >= 0) for (let x = 0; x < h; x++) sum += context.left[row + x]! * projected[left + x]!;
        if (right >= 0) for (let x = 0; x < h; x++) sum += context.right[row + x]! * projected[right + x]!;
        k[o] = Math.tanh(sum);
      }
      let importance = 0;
      for (let o = 0; o < h; o++) importance += context.importance[o]! * k[o]!;
      contextImportance[i] = importance;
      for (let r = 0; r < mlp; r++) {
        let sum = 0;
        const row = r * h;
        for (let o = 0; o < h; o++) sum += context.mlp[row + o]! * k[o]!;
        positionBias[i * mlp + r]! += sum;
      }
    }
  }

  /**
   * Offset in the pair tables of a claim word's logits and cosines against every question word,
   * computed the first time the question meets the word.
   */
  private pairsOf(vectors: WordVectors, question: Int32Array, word: number): number {
    const s = this.scratch!;
    if (s.wordStamp[word] === s.generation) return s.wordPairs[word]!;
    if ((s.pairsUsed + 1) * QUESTION_WORDS > s.pairLogits.length) {
      const logits = new Float64Array(2 * s.pairLogits.length);
      const cosines = new Float64Array(2 * s.pairCosines.length);
      const wordAt = new Int32Array(2 * s.wordAt.length);
      logits.set(s.pairLogits);
      cosines.set(s.pairCosines);
      wordAt.set(s.wordAt);
      s.pairLogits = logits;
      s.pairCosines = cosines;
      s.wordAt = wordAt;
    }
    const at = s.pairsUsed++ * QUESTION_WORDS;
    const sAt = this.project(vectors, word);
    const projected = this.projected!;
    const h = this.h;
    for (let d = 0; d < s.distinctCount; d++) {
      const i = s.distinct[d]!;
      const qAt = s.questionAt[i]!;
      let dot = 0;
      for (let k = 0; k < h; k++) dot += projected[qAt + k]! * projected[sAt + k]!;
      const cosine = vectors.cosine(question[i]!, word);
      s.pairLogits[at + i] = this.alpha * dot + this.beta * cosine;
      s.pairCosines[at + i] = cosine;
    }
    s.wordStamp[word] = s.generation;
    s.wordPairs[word] = at;
    s.wordAt[at / QUESTION_WORDS] = sAt;
    return at;
  }

  /**
   * The MLP input of question word i against the claim whose n words' pair offsets are in
   * claimPair: its attention over the claim's words.
   */
  private attend(i: number, n: number, input: Float32Array): void {
    const s = this.scratch!;
    const { claimPair, logits, aligned, pairLogits, pairCosines, wordAt } = s;
    const projected = this.projected!;
    const h = this.h;
    let maxCosine = -1;
    let top = -Infinity;
    for (let j = 0; j < n; j++) {
      const at = claimPair[j]! + i;
      const cosine = pairCosines[at]!;
      if (cosine > maxCosine) maxCosine = cosine;
      const logit = pairLogits[at]!;
      logits[j] = logit;
      if (logit > top) top = logit;
    }
    aligned.fill(0);
    let total = 0;
    for (let j = 0; j < n; j++) {
      const e = Math.exp(logits[j]! - top);
      total += e;
      const sAt = wordAt[claimPair[j]! / QUESTION_WORDS]!;
      for (let k = 0; k < h; k++) aligned[k]! += e * projected[sAt + k]!;
    }
    const qAt = s.questionAt[i]!;
    for (let k = 0; k < h; k++) {
      const c = aligned[k]! / total;
      const qk = projected[qAt + k]!;
      input[k] = qk * c;
      input[h + k] = Math.abs(qk - c);
    }
    input[2 * h] = maxCosine;
    input[2 * h + 1] = s.weights[i]!;
  }

  /** mlpOutput of two inputs into units[a] and units[b], sharing each weight read (same bits). */
  private mlpPair(x: Float32Array, y: Float32Array, units: Float32Array, a: number, b: number): void {
    const width = 2 * this.h + 2;
    const weights = this.mlpWeights;
    const bias = this.scratch!.positionBias;
    const biasX = a * this.mlp;
    const biasY = b * this.mlp;
    const output = this.outputWeights;
    const sums = this.pairSums;
    sums[0] = this.outputBias;
    sums[1] = this.outputBias;
    let r = 0;
    for (; r + 4 <= this.mlp; r += 4) {
      let x0 = bias[biasX + r]!;
      let x1 = bias[biasX + r + 1]!;
      let x2 = bias[biasX + r + 2]!;
      let x3 = bias[biasX + r + 3]!;
      let y0 = bias[biasY + r]!;
      let y1 = bias[biasY + r + 1]!;
      let y2 = bias[biasY + r + 2]!;
      let y3 = bias[biasY + r + 3]!;
      const row0 = r * width;
      const row1 = row0 + width;
      const row2 = row1 + width;
      const row3 = row2 + width;
      for (let k = 0; k < width; k++) {
        const xk = x[k]!;
        const yk = y[k]!;
        const w0 = weights[row0 + k]!;
        const w1 = weights[row1 + k]!;
        const w2 = weights[row2 + k]!;
        const w3 = weights[row3 + k]!;
        x0 += w0 * xk;
        x1 += w1 * xk;
        x2 += w2 * xk;
        x3 += w3 * xk;
        y0 += w0 * yk;
        y1 += w1 * yk;
        y2 += w2 * yk;
        y3 += w3 * yk;
      }
      sums[0] += output[r]! * Math.max(x0, 0);
      sums[0] += output[r + 1]! * Math.max(x1, 0);
      sums[0] += output[r + 2]! * Math.max(x2, 0);
      sums[0] += output[r + 3]! * Math.max(x3, 0);
      sums[1] += output[r]! * Math.max(y0, 0);
      sums[1] += output[r + 1]! * Math.max(y1, 0);
      sums[1] += output[r + 2]! * Math.max(y2, 0);
      sums[1] += output[r + 3]! * Math.max(y3, 0);
    }
    for (; r < this.mlp; r++) {
      let sumX = bias[biasX + r]!;
      let sumY = bias[biasY + r]!;
      const row = r * width;
      for (let k = 0; k < width; k++) {
        sumX += weights[row + k]! * x[k]!;
        sumY += weights[row + k]! * y[k]!;
      }
      sums[0] += output[r]! * Math.max(sumX, 0);
      sums[1] += output[r]! * Math.max(sumY, 0);
    }
    units[a] = sums[0]!;
    units[b] = sums[1]!;
  }

  /**
   * w2 . relu(W1 x + b1) + b2, four rows at a time (each row summed in order: the same bits). The
   * ReLU adds w2 * max(sum, 0) rather than branching: a branch around the sum made V8 keep it as a number
   * object, a few kilobytes of garbage per claim.
   */
  private mlpOutput(input: Float32Array, place: number): number {
    const width = 2 * this.h + 2;
    const weights = this.mlpWeights;
    const bias = this.scratch!.positionBias;
    const at = place * this.mlp;
    const output = this.outputWeights;
    let u = this.outputBias;
    let r = 0;
    for (; r + 4 <= this.mlp; r += 4) {
      let sum0 = bias[at + r]!;
      let sum1 = bias[at + r + 1]!;
      let sum2 = bias[at + r + 2]!;
      let sum3 = bias[at + r + 3]!;
      const row0 = r * width;
      const row1 = row0 + width;
      const row2 = row1 + width;
      const row3 = row2 + width;
      for (let k = 0; k < width; k++) {
        const x = input[k]!;
        sum0 += weights[row0 + k]! * x;
        sum1 += weights[row1 + k]! * x;
        sum2 += weights[row2 + k]! * x;
        sum3 += weights[row3 + k]! * x;
      }
      u += output[r]! * Math.max(sum0, 0);
      u += output[r + 1]! * Math.max(sum1, 0);
      u += output[r + 2]! * Math.max(sum2, 0);
      u += output[r + 3]! * Math.max(sum3, 0);
    }
    for (; r < this.mlp; r++) {
      let sum = bias[at + r]!;
      const row = r * width;
      for (let k = 0; k < width; k++) sum += weights[row + k]! * input[k]!;
      u += output[r]! * Math.max(sum, 0);
    }
    return u;
  }

  private scratch: ReturnType<Reranker['makeBuffers']> | undefined;

  private buffers(vectors: WordVectors): ReturnType<Reranker['makeBuffers']> {
    if (this.scratch?.size !== vectors.size) this.scratch = this.makeBuffers(vectors.size);
    return this.scratch;
  }

  private makeBuffers(size: number) {
    const h = this.h;
    const pairs = 256;
    return {
      size,
      claimPair: new Int32Array(CLAIM_WORDS),
      logits: new Float32Array(CLAIM_WORDS),
      input: new Float32Array(2 * h + 2),
      second: new Float32Array(2 * h + 2),
      units: new Float32Array(QUESTION_WORDS),
      /** The question's places holding a word for the first time, and each place's first one. */
      distinct: new Int32Array(QUESTION_WORDS),
      distinctCount: 0,
      sameAs: new Int32Array(QUESTION_WORDS),
      aligned: new Float32Array(h),
      questionAt: new Int32Array(QUESTION_WORDS),
      weights: new Float64Array(QUESTION_WORDS),
      importances: new Float32Array(QUESTION_WORDS),
      /** Per question place: the MLP's hidden biases and the importance its neighbours add. */
      positionBias: new Float32Array(QUESTION_WORDS * this.mlp),
      contextImportance: new Float32Array(QUESTION_WORDS),
      neighbours: new Float32Array(h),
      shares: new Float64Array(QUESTION_WORDS),
      /** Per vector row: the question (generation) that last met it and its offset in the pair tables. */
      generation: 0,
      wordStamp: new Uint32Array(size),
      wordPairs: new Int32Array(size),
      pairsUsed: 0,
      pairLogits: new Float64Array(pairs * QUESTION_WORDS),
      pairCosines: new Float64Array(pairs * QUESTION_WORDS),
      /** Projected offset of each met word, by its pair slot. */
      wordAt: new Int32Array(pairs),
    };
  }
}

/** Why a network file (re-ranker or answerability) cannot be used: missing, not JSON, or the wrong shape. */
export class NetworkFileError extends Error {}

/** A network file of this shape (re-ranker or answerability); throws NetworkFileError when it is unusable. */
export function loadNetworkFile(path: string): Reranker {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new NetworkFileError(
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'is missing'
        : `cannot be read (${(error as Error).message})`,
    );
  }
  return parseReranker(text);
}

/** A network file of this shape, or null when the file is absent (training runs that may go without one). */
export function readRerankerFile(path: string): Reranker | null {
  return existsSync(path) ? loadNetworkFile(path) : null;
}

/** Parses a network file; throws NetworkFileError for text that is not one. */
export function parseReranker(text: string): Reranker {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new NetworkFileError('is corrupt (not JSON)');
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new NetworkFileError(`is corrupt (${issue.path.join('.') || 'top level'}: ${issue.message})`);
  }
  try {
    return new Reranker(parsed.data);
  } catch (error) {
    throw new NetworkFileError(`is corrupt (${(error as Error).message})`);
  }
}

export interface Ordered {
  /** Candidate indexes, best first: with a re-ranker its first `top` claims only. */
  order: number[];
  /** Final score per entry of `order`. */
  scores: number[];
  /** The re-ranker's part of each score (zeros without a re-ranker). */
  evidence: number[];
}

/**
 * Orders candidates by the ranker's scores, then, with a re-ranker, keeps the first `top` and adds
 * the re-ranker's score to each (the rest are not shown: three snippets at most come from them).
 */
export function rerankedOrder(
  rankerScores: ArrayLike<number>,
  reranker: Reranker | null,
  vectors: WordVectors | null,
  questionWords: () => Int32Array,
  claimWords: (index: number) => Int32Array,
  claimFeatures?: (index: number, out: Float32Array) => void,
): Ordered {
  const order = Array.from({ length: rankerScores.length }, (_, i) => i).sort(descendingBy(rankerScores));
  if (!reranker || !vectors) return { order, scores: order.map((i) => rankerScores[i]!), evidence: order.map(() => 0) };
  const question = questionWords();
  const kept = order.slice(0, reranker.top);
  const attention = reranker.scoreClaims(
    vectors,
    question,
    kept.map((i) => claimWords(i)),
  );
  // Without claimFeatures a re-ranker with a head throws (withHead) rather than read made-up features.
  const standardised = reranker.readsFeatures && claimFeatures ? new Float32Array(FEATURE_COUNT) : undefined;
  const evidence = kept.map((i, k) => {
    if (standardised) claimFeatures!(i, standardised);
    return reranker.withHead(attention[k]!, standardised);
  });
  const final = kept.map((i, k) => rankerScores[i]! + evidence[k]!);
  const byFinal = kept.map((_, k) => k).sort(descendingBy(final));
  return {
    order: byFinal.map((k) => kept[k]!),
    scores: byFinal.map((k) => final[k]!),
    evidence: byFinal.map((k) => evidence[k]!),
  };
}
