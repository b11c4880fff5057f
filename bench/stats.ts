/** Percentiles and timing helpers for the benchmarks. */
import { constants, type PerformanceEntry, PerformanceObserver } from 'node:perf_hooks';

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

/** One garbage-collection pause. */
export interface GcPause {
  young: boolean;
  ms: number;
}

/**
 * Runs a timed section and returns the garbage-collection pauses that began inside it: a p99 of
 * a few milliseconds is often a young-generation pause landing in one call, not the code.
 */
export async function withGcPauses<T>(section: () => T): Promise<{ result: T; pauses: GcPause[] }> {
  const entries: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => entries.push(...list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  const start = performance.now();
  const result = section();
  const end = performance.now();
  await new Promise((resolve) => setTimeout(resolve, 50)); // the observer is told a while after the section
  observer.disconnect();
  const pauses = entries
    .filter((entry) => entry.startTime >= start && entry.startTime <= end)
    .map((entry) => ({
      young: (entry as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR,
      ms: entry.duration,
    }));
  return { result, pauses };
}

/** "12 young-generation pauses (median 2.10 ms, max 5.31 ms), 1 other (max 8.51 ms)". */
export function describePauses(pauses: readonly GcPause[]): string {
  const young = pauses.filter((pause) => pause.young).map((pause) => pause.ms);
  const full = pauses.filter((pause) => !pause.young).map((pause) => pause.ms);
  const youngPart =
    young.length === 0
      ? 'no young-generation pause'
      : `${young.length} young-generation pauses (median ${ms(percentile(young, 50))}, max ${ms(Math.max(...young))})`;
  const fullPart = full.length === 0 ? '' : `, ${full.length} other (max ${ms(Math.max(...full))})`;
  return youngPart + fullPart;
}
