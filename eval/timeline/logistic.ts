/**
 * Logistic regression with L2 regularisation, fitted by full-batch gradient descent: small,
 * deterministic and dependency-free, which is all a ten-feature date model needs.
 */
import type { DateModel } from '../../src/core/timeline/date-model.js';

export interface Example {
  features: number[];
  /** 1 for a gold date, 0 otherwise. */
  label: number;
  /** How much the example counts (each timeline weighs the same in all). */
  weight: number;
}

/**
 * Fits the weights; `nonNegative[j]` keeps weight j at zero or above (projected gradient), for a
 * feature that can only speak for an example, never against it.
 */
export function fitLogistic(
  examples: readonly Example[],
  { l2 = 0.01, steps = 3000, rate = 0.5, nonNegative = [] as readonly boolean[] } = {},
): DateModel {
  const width = examples[0]!.features.length;
  const weights = new Array<number>(width).fill(0);
  let bias = 0;
  const total = examples.reduce((sum, example) => sum + example.weight, 0);
  for (let step = 0; step < steps; step++) {
    const gradient = new Array<number>(width).fill(0);
    let gradientBias = 0;
    for (const { features, label, weight } of examples) {
      let z = bias;
      for (let j = 0; j < width; j++) z += features[j]! * weights[j]!;
      const error = (1 / (1 + Math.exp(-z)) - label) * weight;
      for (let j = 0; j < width; j++) gradient[j]! += error * features[j]!;
      gradientBias += error;
    }
    for (let j = 0; j < width; j++) {
      weights[j]! -= rate * (gradient[j]! / total + l2 * weights[j]!);
      if (nonNegative[j] && weights[j]! < 0) weights[j] = 0;
    }
    bias -= rate * (gradientBias / total);
  }
  return { weights, bias };
}
