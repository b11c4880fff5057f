/**
 * `npm run bench -- timeline-image`: how long the /timeline picture takes to draw (Vega-Lite spec,
 * Vega SVG, resvg PNG) for the bundled article and for a 100-event timeline of a real story
 * (Timeline17 egypt), beside building that timeline's text in the same run, the work every reply
 * does anyway. Theme light and dark alternate.
 */
import { Corpus } from '../src/core/corpus.js';
import { loadDocuments } from '../src/core/load-documents.js';
import { openCorpus } from '../src/core/open-corpus.js';
import { shippedDateModel } from '../src/core/timeline/date-model.js';
import { buildTimeline, type TimelineEvent } from '../src/core/timeline/timeline.js';
import { BUNDLED_DATA_DIR } from '../src/config.js';
import { timelinePng } from '../src/reply/timeline-image/render-png.js';
import { SHARED } from '../eval/golden.js';
import { ms, percentile } from './stats.js';

const ROUNDS = 12;

async function timeAsync(rounds: number, task: (round: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const start = performance.now();
    await task(round);
    samples.push(performance.now() - start);
  }
  return samples;
}

const { corpus: bundled } = await openCorpus(BUNDLED_DATA_DIR);
const { documents } = await loadDocuments(`${SHARED}datasets/t17/egypt/docs`);
const egypt = Corpus.from(documents);
// Passing the model explicitly skips the timeline cache, so the text is built afresh each round.
const model = shippedDateModel();
const cases: [string, () => TimelineEvent[]][] = [
  ['bundled article', () => buildTimeline(bundled, { model }).events],
  ['egypt, limit 100', () => buildTimeline(egypt, { limit: 100, model }).events],
];

for (const [name, build] of cases) {
  const events = build();
  await timelinePng(events); // warm up: module code, fonts, JIT
  const text = await timeAsync(ROUNDS, async () => build());
  const picture = await timeAsync(ROUNDS, (round) => timelinePng(events, round % 2 ? 'dark' : 'light'));
  const png = await timelinePng(events);
  console.log(
    `${name.padEnd(18)} ${String(events.length).padStart(3)} events  PNG p50 ${ms(percentile(picture, 50))} p95 ${ms(percentile(picture, 95))} (${Math.round(png.length / 1024)} KiB)` +
      `   timeline text p50 ${ms(percentile(text, 50))}`,
  );
}
