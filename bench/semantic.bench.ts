/**
 * `npm run bench -- semantic`: what the word vectors cost. Install size of the shipped model files,
 * the time and heap it takes to load them with the ranker, re-ranker and answerability networks (in
 * this fresh process, then warm), the same for the list of name words a lower-case question is read
 * with, and the console's start-up to its first answer with them loaded
 * (the whole process, as `npm start` runs it: the bundle in dist/ under plain Node, after its build
 * step).
 */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { ANSWERABILITY_PATH } from '../src/core/answerability.js';
import { RANKER_PATH, shippedRankers } from '../src/core/ranker.js';
import { RERANKER_PATH } from '../src/core/reranker.js';
import { loadSemanticData, WORD_VECTORS_PATH } from '../src/core/semantic-data.js';
import { NAME_WORDS_PATH, truecased } from '../src/core/truecase.js';
import { ms, percentile } from './stats.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const kb = (file: string | URL): string => `${(statSync(file).size / 1024).toFixed(0)} kB`;

globalThis.gc?.();
const heapBefore = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
const coldStart = performance.now();
const data = loadSemanticData();
shippedRankers();
const coldMs = performance.now() - coldStart;
globalThis.gc?.();
const heapAfter = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
if (!data.vectors) throw new Error(`semantic data unusable: ${data.warning?.file} ${data.warning?.problem}`);
const warm: number[] = [];
for (let round = 0; round < 5; round++) {
  const start = performance.now();
  loadSemanticData();
  warm.push(performance.now() - start);
}

// The name words a lower-case question is read with, loaded on the first question.
globalThis.gc?.();
const heapBeforeNames = process.memoryUsage().heapUsed;
const namesStart = performance.now();
truecased('what did putin say');
const namesMs = performance.now() - namesStart;
globalThis.gc?.();
const namesHeap = process.memoryUsage().heapUsed - heapBeforeNames;

const buildStart = performance.now();
const built = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
const buildMs = performance.now() - buildStart;
if (built.status !== 0) throw new Error(`npm run build failed: ${built.stderr}`);

const startups: number[] = [];
for (let round = 0; round < 5; round++) {
  const start = performance.now();
  const run = spawnSync(process.execPath, ['dist/main.js'], {
    cwd: ROOT,
    input: '/ask what is the NATO condition\n',
    env: { ...process.env, DATA_DIR: '', LOG_LEVEL: '' },
    encoding: 'utf8',
  });
  startups.push(performance.now() - start);
  if (!run.stdout.includes('North Atlantic Treaty Organization'))
    throw new Error(`the console did not answer: ${run.stdout}${run.stderr}`);
}

console.log(`word vectors: ${data.vectors.size} words x ${data.vectors.dimensions} dimensions, one byte each`);
console.log(
  `  install size                       ${mb(statSync(WORD_VECTORS_PATH).size)} (models/word-vectors.bin) + ${kb(RANKER_PATH)} (ranker.json) + ${kb(RERANKER_PATH)} (reranker.json) + ${kb(ANSWERABILITY_PATH)} (answerability.json)`,
);
console.log(`  load, first in this process        ${ms(coldMs)}, heap and buffers +${mb(heapAfter - heapBefore)}`);
console.log(`  load again, p50                    ${ms(percentile(warm, 50))}`);
console.log(
  `  name words for lower-case questions ${kb(NAME_WORDS_PATH)} (models/name-words.txt), read on the first question in ${ms(namesMs)}, heap +${mb(namesHeap)}`,
);
console.log(
  `console start-up to first answer, vectors loaded (node dist/main.js, whole process, ${startups.length} runs; load average ${loadavg()[0]!.toFixed(1)})`,
);
console.log(`  p50 ${ms(percentile(startups, 50))}  max ${ms(Math.max(...startups))}`);
console.log(`  build step before it (npm start runs npm run build first) ${ms(buildMs)}`);
