/** Shared by the re-ranker's and the answerability network's tests: a weights file scores as PyTorch did. */
import { expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { AveragedNetworks, type ClaimScorer } from '../../src/core/reranker.js';
import type { WordVectors } from '../../src/core/word-vectors.js';

interface NetworkFile {
  check?: { question: number[]; claim: number[]; attention: number }[];
}

/**
 * The claims the training script scored (the file's `check`, each member's in an ensemble) get the
 * same attention scores from `scorer`'s network(s).
 */
export function expectTrainingScores(path: string, scorer: ClaimScorer, vectors: WordVectors): void {
  const file = JSON.parse(readFileSync(path, 'utf8')) as NetworkFile & { members?: NetworkFile[] };
  const pairs: [NetworkFile, ClaimScorer][] =
    scorer instanceof AveragedNetworks
      ? scorer.members.map((member, i) => [file.members![i]!, member])
      : [[file, scorer]];
  expect(pairs.length).toBe(file.members?.length ?? 1);
  for (const [network, member] of pairs) {
    expect(network.check?.length).toBeGreaterThanOrEqual(6);
    for (const { question, claim, attention } of network.check!) {
      const [score] = member.scoreClaims(vectors, Int32Array.from(question), [Int32Array.from(claim)]);
      expect(score).toBeCloseTo(attention, 4);
    }
  }
}
