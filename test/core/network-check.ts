/** Shared by the re-ranker's and the answerability network's tests: a weights file scores as PyTorch did. */
import { expect } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Reranker } from '../../src/core/reranker.js';
import type { WordVectors } from '../../src/core/word-vectors.js';

/** The claims the training script scored (the file's `check`) get the same attention scores from `network`. */
export function expectTrainingScores(path: string, network: Reranker, vectors: WordVectors): void {
  const file = JSON.parse(readFileSync(path, 'utf8')) as {
    check?: { question: number[]; claim: number[]; attention: number }[];
  };
  expect(file.check?.length).toBeGreaterThanOrEqual(6);
  for (const { question, claim, attention } of file.check!) {
    const [score] = network.scoreClaims(vectors, Int32Array.from(question), [Int32Array.from(claim)]);
    expect(score).toBeCloseTo(attention, 4);
  }
}
