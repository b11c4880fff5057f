/** Percentiles and timing helpers for the benchmarks. */

/** The p-th percentile (0-100) of samples, nearest-rank. */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

/** Milliseconds each call of `task` over `inputs` takes, `rounds` times over. */
export function timeEach<T>(inputs: readonly T[], rounds: number, task: (input: T) => unknown): number[] {
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const input of inputs) {
      const start = performance.now();
      task(input);
      samples.push(performance.now() - start);
    }
  }
  return samples;
}

export const ms = (value: number): string => `${value.toFixed(value < 10 ? 2 : 0)} ms`;
