/**
 * The learned ranker: a small network over the candidate features (ranking-features.ts) that scores
 * each claim for a question, and a logistic abstention model that says whether the best claim
 * answers at all. The weights are learned from SQuAD train by scripts/train-ranker.ts and stored in
 * models/ranker.json, one model with word vectors and one for the lexical fallback.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { projectFile } from './project-file.js';
import { FEATURE_COUNT, FEATURES } from './ranking-features.js';

const numbers = z.array(z.number().finite());

const modelSchema = z.object({
  features: z.array(z.string()),
  mean: numbers,
  scale: numbers,
  hidden: z.number().int().min(0),
  hiddenWeights: numbers,
  hiddenBias: numbers,
  outputWeights: numbers,
  linear: numbers,
  /**
   * Abstention: the probability that the best claim answers, from [standardised features of the
   * best claim, abstentionContext()] (not the ranker's score: a softmax
   * ranker's scores have no fixed level; the re-ranker's is a residual learned over claims of
   * answerable questions): a logistic unit over a linear term and a hidden layer.
   */
  abstain: z.object({
    hidden: z.number().int().min(0),
    hiddenWeights: numbers,
    hiddenBias: numbers,
    outputWeights: numbers,
    weights: numbers,
    bias: z.number(),
    threshold: z.number(),
  }),
  /** Runner-up snippets need at least this share of the best one's softmax probability. */
  runnerUpShare: z.number().min(0).max(1),
});
export type RankerWeights = z.infer<typeof modelSchema>;

const fileSchema = z.object({ semantic: modelSchema, lexical: modelSchema, trainedOn: z.string() });
export type RankerFile = z.infer<typeof fileSchema>;

/**
 * Beside the best claim's features, abstention reads how the first claims compare: the best one's
 * softmax share and re-ranker score, the runner-up's share and score and the third's score (a
 * question whose answer is shown second or third is still answered; one that nothing matches
 * leaves every claim's score low); and whether the question names something no document names
 * (Candidates.missingName): a question puts a common word in other words, rarely a name; and the
 * answerability network's best logit over the first claims shown (answerability.ts), whose level,
 * unlike the re-ranker's, compares questions; and how much of the question is in words the vector
 * vocabulary lacks, alone and times that logit: the networks read vectors only, so they cannot see
 * a name such as "Smardan" ("What is Smardan?" reads to them as "what is"), and abstention learns
 * how far to trust their verdict.
 */
export const ABSTAIN_CONTEXT = 9;
export const ABSTAIN_INPUTS = FEATURE_COUNT + ABSTAIN_CONTEXT;

/**
 * Abstention's context from the final scores and re-ranker scores of the claims, best first.
 * A missing runner-up has no share and the score of the last claim there is.
 */
export function abstentionContext(
  scores: readonly number[],
  evidence: readonly number[],
  missingName: number,
  answerability: number,
  unseenGeneral: number,
): Float64Array {
  const context = new Float64Array(ABSTAIN_CONTEXT);
  context[5] = missingName;
  context[6] = answerability;
  context[7] = unseenGeneral;
  context[8] = answerability * unseenGeneral;
  if (scores.length === 0) return context;
  const top = scores[0]!;
  let total = 0;
  for (const score of scores) total += Math.exp(score - top);
  const share = (k: number): number => (k < scores.length ? Math.exp(scores[k]! - top) / total : 0);
  const evidenceAt = (k: number): number => evidence[Math.min(k, evidence.length - 1)]!;
  context[0] = share(0);
  context[1] = evidenceAt(0);
  context[2] = share(1);
  context[3] = evidenceAt(1);
  context[4] = evidenceAt(2);
  return context;
}

export const RANKER_PATH = pathToFileURL(projectFile('models/ranker.json'));

export class Ranker {
  private readonly mean: Float32Array;
  private readonly scale: Float32Array;
  private readonly hiddenWeights: Float32Array;
  private readonly hiddenBias: Float32Array;
  private readonly outputWeights: Float32Array;
  private readonly linear: Float32Array;
  private readonly abstainWeights: Float32Array;
  private readonly abstainHiddenWeights: Float32Array;
  private readonly abstainHiddenBias: Float32Array;
  private readonly abstainOutputWeights: Float32Array;
  private readonly abstainHidden: number;
  private readonly standard = new Float32Array(FEATURE_COUNT);
  private readonly abstainInput = new Float32Array(ABSTAIN_INPUTS);
  readonly abstainBias: number;
  readonly threshold: number;
  readonly runnerUpShare: number;
  readonly hidden: number;

  constructor(weights: RankerWeights) {
    const n = FEATURE_COUNT;
    const m = ABSTAIN_INPUTS;
    if (weights.features.join() !== FEATURES.join())
      throw new Error('models/ranker.json was trained on other features: run npm run train');
    const sizes: [number[], number][] = [
      [weights.mean, n],
      [weights.scale, n],
      [weights.hiddenWeights, weights.hidden * n],
      [weights.hiddenBias, weights.hidden],
      [weights.outputWeights, weights.hidden],
      [weights.linear, n],
      [weights.abstain.weights, m],
      [weights.abstain.hiddenWeights, weights.abstain.hidden * m],
      [weights.abstain.hiddenBias, weights.abstain.hidden],
      [weights.abstain.outputWeights, weights.abstain.hidden],
    ];
    if (sizes.some(([values, size]) => values.length !== size))
      throw new Error('models/ranker.json has arrays of the wrong size: run npm run train');
    this.hidden = weights.hidden;
    this.mean = Float32Array.from(weights.mean);
    this.scale = Float32Array.from(weights.scale);
    this.hiddenWeights = Float32Array.from(weights.hiddenWeights);
    this.hiddenBias = Float32Array.from(weights.hiddenBias);
    this.outputWeights = Float32Array.from(weights.outputWeights);
    this.linear = Float32Array.from(weights.linear);
    this.abstainWeights = Float32Array.from(weights.abstain.weights);
    this.abstainHidden = weights.abstain.hidden;
    this.abstainHiddenWeights = Float32Array.from(weights.abstain.hiddenWeights);
    this.abstainHiddenBias = Float32Array.from(weights.abstain.hiddenBias);
    this.abstainOutputWeights = Float32Array.from(weights.abstain.outputWeights);
    this.abstainBias = weights.abstain.bias;
    this.threshold = weights.abstain.threshold;
    this.runnerUpShare = weights.runnerUpShare;
  }

  /** The candidate's features as the ranker reads them (standardised), into `out`. */
  standardise(features: Float32Array, offset: number, out: Float32Array): void {
    for (let i = 0; i < FEATURE_COUNT; i++) out[i] = (features[offset + i]! - this.mean[i]!) / this.scale[i]!;
  }

  /** Score of the candidate whose features start at `offset`. */
  score(features: Float32Array, offset: number): number {
    const n = FEATURE_COUNT;
    const x = this.standard;
    for (let i = 0; i < n; i++) x[i] = (features[offset + i]! - this.mean[i]!) / this.scale[i]!;
    let score = 0;
    for (let i = 0; i < n; i++) score += this.linear[i]! * x[i]!;
    const weights = this.hiddenWeights;
    const bias = this.hiddenBias;
    const output = this.outputWeights;
    let h = 0;
    // Four hidden units at a time: four independent sums the CPU overlaps, each added in the same
    // order as one at a time, so the score is the same to the last bit.
    for (; h + 4 <= this.hidden; h += 4) {
      let sum0 = bias[h]!;
      let sum1 = bias[h + 1]!;
      let sum2 = bias[h + 2]!;
      let sum3 = bias[h + 3]!;
      const row0 = h * n;
      const row1 = row0 + n;
      const row2 = row1 + n;
      const row3 = row2 + n;
      for (let i = 0; i < n; i++) {
        const value = x[i]!;
        sum0 += weights[row0 + i]! * value;
        sum1 += weights[row1 + i]! * value;
        sum2 += weights[row2 + i]! * value;
        sum3 += weights[row3 + i]! * value;
      }
      score += output[h]! * Math.tanh(sum0);
      score += output[h + 1]! * Math.tanh(sum1);
      score += output[h + 2]! * Math.tanh(sum2);
      score += output[h + 3]! * Math.tanh(sum3);
    }
    for (; h < this.hidden; h++) {
      let sum = bias[h]!;
      const row = h * n;
      for (let i = 0; i < n; i++) sum += weights[row + i]! * x[i]!;
      score += output[h]! * Math.tanh(sum);
    }
    return score;
  }

  /**
   * Scores of `count` candidates whose features follow one another from offset 0: two candidates
   * at a time share each weight read (each score summed in score()'s order: the same bits).
   */
  scores(features: Float32Array, count: number): number[] {
    const out = new Array<number>(count);
    let c = 0;
    for (; c + 2 <= count; c += 2) this.scorePair(features, c, out);
    if (c < count) out[c] = this.score(features, c * FEATURE_COUNT);
    return out;
  }

  private readonly second = new Float32Array(FEATURE_COUNT);

  private scorePair(features: Float32Array, c: number, out: number[]): void {
    const n = FEATURE_COUNT;
    const x = this.standard;
    const y = this.second;
    const a = c * n;
    const b = a + n;
    for (let i = 0; i < n; i++) {
      x[i] = (features[a + i]! - this.mean[i]!) / this.scale[i]!;
      y[i] = (features[b + i]! - this.mean[i]!) / this.scale[i]!;
    }
    let scoreX = 0;
    let scoreY = 0;
    for (let i = 0; i < n; i++) {
      scoreX += this.linear[i]! * x[i]!;
      scoreY += this.linear[i]! * y[i]!;
    }
    const weights = this.hiddenWeights;
    const bias = this.hiddenBias;
    const output = this.outputWeights;
    let h = 0;
    for (; h + 4 <= this.hidden; h += 4) {
      let x0 = bias[h]!;
      let x1 = bias[h + 1]!;
      let x2 = bias[h + 2]!;
      let x3 = bias[h + 3]!;
      let y0 = x0;
      let y1 = x1;
      let y2 = x2;
      let y3 = x3;
      const row0 = h * n;
      const row1 = row0 + n;
      const row2 = row1 + n;
      const row3 = row2 + n;
      for (let i = 0; i < n; i++) {
        const xi = x[i]!;
        const yi = y[i]!;
        const w0 = weights[row0 + i]!;
        const w1 = weights[row1 + i]!;
        const w2 = weights[row2 + i]!;
        const w3 = weights[row3 + i]!;
        x0 += w0 * xi;
        x1 += w1 * xi;
        x2 += w2 * xi;
        x3 += w3 * xi;
        y0 += w0 * yi;
        y1 += w1 * yi;
        y2 += w2 * yi;
        y3 += w3 * yi;
      }
      scoreX += output[h]! * Math.tanh(x0);
      scoreX += output[h + 1]! * Math.tanh(x1);
      scoreX += output[h + 2]! * Math.tanh(x2);
      scoreX += output[h + 3]! * Math.tanh(x3);
      scoreY += output[h]! * Math.tanh(y0);
      scoreY += output[h + 1]! * Math.tanh(y1);
      scoreY += output[h + 2]! * Math.tanh(y2);
      scoreY += output[h + 3]! * Math.tanh(y3);
    }
    for (; h < this.hidden; h++) {
      let sumX = bias[h]!;
      let sumY = sumX;
      const row = h * n;
      for (let i = 0; i < n; i++) {
        sumX += weights[row + i]! * x[i]!;
        sumY += weights[row + i]! * y[i]!;
      }
      scoreX += output[h]! * Math.tanh(sumX);
      scoreY += output[h]! * Math.tanh(sumY);
    }
    out[c] = scoreX;
    out[c + 1] = scoreY;
  }

  /**
   * Probability that the best candidate answers the question (context: abstentionContext() of the
   * ranked claims; re-ranker scores are 0 without a re-ranker).
   */
  answerProbability(features: Float32Array, offset: number, context: Float64Array): number {
    const n = FEATURE_COUNT;
    const m = ABSTAIN_INPUTS;
    const x = this.abstainInput;
    for (let i = 0; i < n; i++) x[i] = (features[offset + i]! - this.mean[i]!) / this.scale[i]!;
    x.set(context, n);
    let z = this.abstainBias;
    for (let i = 0; i < m; i++) z += this.abstainWeights[i]! * x[i]!;
    for (let h = 0; h < this.abstainHidden; h++) {
      let sum = this.abstainHiddenBias[h]!;
      const row = h * m;
      for (let i = 0; i < m; i++) sum += this.abstainHiddenWeights[row + i]! * x[i]!;
      z += this.abstainOutputWeights[h]! * Math.tanh(sum);
    }
    return 1 / (1 + Math.exp(-z));
  }
}

let rankers: { semantic: Ranker; lexical: Ranker } | undefined;

/** The shipped rankers, read on first use. */
export function shippedRankers(): { semantic: Ranker; lexical: Ranker } {
  if (!rankers) {
    const file = fileSchema.parse(JSON.parse(readFileSync(RANKER_PATH, 'utf8')));
    rankers = { semantic: new Ranker(file.semantic), lexical: new Ranker(file.lexical) };
  }
  return rankers;
}
