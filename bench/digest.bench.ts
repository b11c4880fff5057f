/**
 * `npm run bench -- digest`: how long a digest and a /timeline take on a ~15k-claim corpus
 * (Timeline17 iraq: 315 articles), and a digest of 300 new documents among the BBC corpus (2,225),
 * beside a plain baseline measured in the same run: one pass reading every claim's terms, the
 * least any work over the whole corpus costs. Dates are computed first (as the warm-up at start
 * does), then timed on their own. The longest stretch the event loop was held is reported too:
 * while these run, other users' requests wait at most that long.
 */
import { buildDigest } from '../src/core/digest/build-digest.js';
import { Corpus } from '../src/core/corpus.js';
import { loadDocuments } from '../src/core/load-documents.js';
import { buildTimeline } from '../src/core/timeline/timeline.js';
import { warmDates } from '../src/core/timeline/warm.js';
import { SHARED } from '../eval/golden.js';
import { ms, percentile } from './stats.js';

const ROUNDS = 5;

/** The longest gap between two turns of the event loop while `work` runs. */
async function longestHold(work: () => Promise<unknown>): Promise<number> {
  let longest = 0;
  let last = performance.now();
  let running = true;
  const tick = (): void => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  await work();
  running = false;
  return longest;
}

async function timed(task: () => Promise<unknown> | unknown, rounds = ROUNDS): Promise<number[]> {
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const start = performance.now();
    await task();
    samples.push(performance.now() - start);
  }
  return samples;
}

function plainPass(corpus: Corpus): number {
  let sum = 0;
  for (const document of corpus.documents) {
    const record = corpus.record(document.id)!;
    for (let key = record.firstKey; key < record.firstKey + record.claimCount; key++)
      sum += corpus.termIdsOf(key).length;
  }
  return sum;
}

const row = (name: string, samples: number[]): string =>
  `  ${name.padEnd(44)} p50 ${ms(percentile(samples, 50)).padStart(9)}  max ${ms(Math.max(...samples)).padStart(9)}`;

async function section(name: string, folder: string, newEvery: number): Promise<void> {
  const { documents } = await loadDocuments(folder);
  const corpus = Corpus.from(documents);
  const fresh = new Set(corpus.documents.filter((_, i) => i % newEvery === 0).map((document) => document.id));
  const arrivedAt = (id: string): Date =>
    fresh.has(id) ? new Date('2025-03-01T08:00:00Z') : new Date('2025-01-01T08:00:00Z');
  const window = { since: new Date('2025-02-01T00:00:00Z'), until: new Date('2025-03-02T00:00:00Z'), arrivedAt };
  console.log(
    `${name}: ${documents.length} documents, ${corpus.claimCount} claims; digest of ${fresh.size} new documents; ${ROUNDS} rounds`,
  );

  const datingStart = performance.now();
  const datingHold = await longestHold(() => warmDates(corpus));
  console.log(
    `  date every claim (first time, chrono)            ${ms(performance.now() - datingStart)}  (event loop held at most ${ms(datingHold)})`,
  );
  plainPass(corpus);
  console.log(row("plain pass over every claim's terms (baseline)", await timed(() => plainPass(corpus))));
  const digestHold = await longestHold(() => buildDigest(corpus, window));
  console.log(
    `${row(`digest of ${fresh.size} new documents`, await timed(() => buildDigest(corpus, window)))}  (loop held at most ${ms(digestHold)})`,
  );
  const first = await timed(() => buildTimeline(corpus, {}), 1);
  console.log(row('/timeline, no options, first', first));
  console.log(row('/timeline, no options, again', await timed(() => buildTimeline(corpus, {}))));
  console.log(row('/timeline limit:10', await timed(() => buildTimeline(corpus, { limit: 10 }))));
}

await section('Timeline17 iraq', `${SHARED}datasets/t17/iraq/docs`, 1);
await section('BBC', `${SHARED}datasets/bbc/docs`, 7);
