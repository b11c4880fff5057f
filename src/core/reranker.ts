/**
 * The attention re-ranker: a small network over the word vectors that re-scores the first few
 * claims of the learned ranker (ranker.ts). Each question word attends to the claim's words, so a
 * claim that says the question in other words ("get" / "offering ... a promise") can be told from
 * one that shares its subject only. Its score is added to the ranker's: it learns what the ranker
 * misses. Trained by scripts/train-reranker.py (PyTorch, on SQuAD train only) into
 * models/reranker.json; run here over flat typed arrays.
 *
 * For question words q (at most QUESTION_WORDS) and claim words s, with unit word vectors:
 *   q' = tanh(P q + p), s' = tanh(P s + p)
 *   a_ij = softmax_j(alpha q'_i . s'_j + beta cos(q_i, s_j)),  c_i = sum_j a_ij s'_j
 *   u_i = w2 . relu(W1 [q'_i * c_i, |q'_i - c_i|, max_j cos(q_i, s_j), g_i] + b1) + b2
 *   score = sum_i softmax_i(v . q'_i + gamma g_i) u_i
 * where g_i is the question word's general-English weight (from its frequency rank).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { projectFile } from './project-file.js';
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
});
export type RerankerWeights = z.infer<typeof fileSchema>;

export const RERANKER_PATH = projectFile('models/reranker.json');

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
  private readonly gamma: number;
  /** Projected rows, computed on first use of a word (h floats each). */
  private projected: Float32Array | null = null;
  private projectedDone: Uint8Array | null = null;
  private projectedFor: WordVectors | null = null;
  private readonly unit: Float32Array;

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
    if (sizes.some(([values, size]) => values.length !== size))
      throw new Error('models/reranker.json has arrays of the wrong size: run scripts/train-reranker.py');
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
      const row = k * d;
      for (let i = 0; i < d; i++) sum += this.projection[row + i]! * this.unit[i]!;
      out[at + k] = Math.tanh(sum);
    }
    this.projectedDone![id] = 1;
    return at;
  }

  /** Score of a claim (its word rows) for a question (its word rows); 0 when either has none. */
  score(vectors: WordVectors, question: Int32Array, claim: Int32Array): number {
    const m = Math.min(question.length, QUESTION_WORDS);
    const n = Math.min(claim.length, CLAIM_WORDS);
    if (m === 0 || n === 0) return 0;
    const h = this.h;
    const width = 2 * h + 2;
    const { claimAt, logits, input, aligned, importances, units } = this.buffers();
    for (let j = 0; j < n; j++) claimAt[j] = this.project(vectors, claim[j]!);
    const projected = this.projected!;
    let importanceMax = -Infinity;
    for (let i = 0; i < m; i++) {
      const qAt = this.project(vectors, question[i]!);
      let maxCosine = -1;
      let top = -Infinity;
      for (let j = 0; j < n; j++) {
        const sAt = claimAt[j]!;
        let dot = 0;
        for (let k = 0; k < h; k++) dot += projected[qAt + k]! * projected[sAt + k]!;
        const cosine = vectors.cosine(question[i]!, claim[j]!);
        if (cosine > maxCosine) maxCosine = cosine;
        const logit = this.alpha * dot + this.beta * cosine;
        logits[j] = logit;
        if (logit > top) top = logit;
      }
      aligned.fill(0);
      let total = 0;
      for (let j = 0; j < n; j++) {
        const e = Math.exp(logits[j]! - top);
        total += e;
        const sAt = claimAt[j]!;
        for (let k = 0; k < h; k++) aligned[k]! += e * projected[sAt + k]!;
      }
      const weight = wordWeight(question[i]!);
      for (let k = 0; k < h; k++) {
        const c = aligned[k]! / total;
        const qk = projected[qAt + k]!;
        input[k] = qk * c;
        input[h + k] = Math.abs(qk - c);
      }
      input[2 * h] = maxCosine;
      input[2 * h + 1] = weight;
      let u = this.outputBias;
      for (let r = 0; r < this.mlp; r++) {
        let sum = this.mlpBias[r]!;
        const row = r * width;
        for (let k = 0; k < width; k++) sum += this.mlpWeights[row + k]! * input[k]!;
        if (sum > 0) u += this.outputWeights[r]! * sum;
      }
      units[i] = u;
      let z = this.gamma * weight;
      for (let k = 0; k < h; k++) z += this.importance[k]! * projected[qAt + k]!;
      importances[i] = z;
      if (z > importanceMax) importanceMax = z;
    }
    let score = 0;
    let total = 0;
    for (let i = 0; i < m; i++) {
      const e = Math.exp(importances[i]! - importanceMax);
      total += e;
      score += e * units[i]!;
    }
    return score / total;
  }

  private scratch: ReturnType<Reranker['makeBuffers']> | undefined;

  private buffers(): ReturnType<Reranker['makeBuffers']> {
    this.scratch ??= this.makeBuffers();
    return this.scratch;
  }

  private makeBuffers() {
    const h = this.h;
    return {
      claimAt: new Int32Array(CLAIM_WORDS),
      logits: new Float32Array(CLAIM_WORDS),
      input: new Float32Array(2 * h + 2),
      aligned: new Float32Array(h),
      importances: new Float32Array(QUESTION_WORDS),
      units: new Float32Array(QUESTION_WORDS),
    };
  }
}

let shipped: Reranker | null | undefined;

/** The shipped re-ranker, read on first use; null when the file is absent (the ranker alone orders). */
export function shippedReranker(): Reranker | null {
  if (shipped === undefined) {
    let text: string;
    try {
      text = readFileSync(RERANKER_PATH, 'utf8');
    } catch {
      shipped = null;
      return shipped;
    }
    shipped = new Reranker(fileSchema.parse(JSON.parse(text)));
  }
  return shipped;
}

/** Parses a re-ranker file (the training script checks its output with it). */
export function parseReranker(text: string): Reranker {
  return new Reranker(fileSchema.parse(JSON.parse(text)));
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
): Ordered {
  const order = Array.from({ length: rankerScores.length }, (_, i) => i).sort(
    (a, b) => rankerScores[b]! - rankerScores[a]!,
  );
  if (!reranker || !vectors) return { order, scores: order.map((i) => rankerScores[i]!), evidence: order.map(() => 0) };
  const question = questionWords();
  const kept = order.slice(0, reranker.top);
  const evidence = kept.map((i) => reranker.score(vectors, question, claimWords(i)));
  const final = kept.map((i, k) => rankerScores[i]! + evidence[k]!);
  const byFinal = kept.map((_, k) => k).sort((a, b) => final[b]! - final[a]!);
  return {
    order: byFinal.map((k) => kept[k]!),
    scores: byFinal.map((k) => final[k]!),
    evidence: byFinal.map((k) => evidence[k]!),
  };
}
