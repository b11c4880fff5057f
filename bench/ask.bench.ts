/**
 * `npm run bench`: index build and /ask latency over the BBC corpus (2,225 articles), beside plain
 * minisearch (default options, the same sentences) measured in the same run. /ask is timed with the
 * word vectors loaded (as shipped) and in its lexical fallback. Questions are fixed:
 * the title of every 20th article, and each again with one typo in its longest word. Then the cost
 * of adding one document to the live index, against rebuilding it. The garbage-collection pauses
 * that began inside the timed asks are printed under them: an ask a pause lands in is slower by the
 * pause, so once they meet more than 1% of asks they set the p99 (README, Quality and speed).
 */
import MiniSearch from 'minisearch';
import { ask } from '../src/core/ask.js';
import { Corpus } from '../src/core/corpus.js';
import { loadDocuments } from '../src/core/load-documents.js';
import { semanticData } from '../src/core/semantic-data.js';
import { SHARED } from '../eval/golden.js';
import { describePauses, ms, percentile, timeEach, withGcPauses } from './stats.js';

const ROUNDS = 5;

/** Swaps two inner letters of the longest word: a typical slip of the fingers. */
function withTypo(question: string): string {
  const longest = question.split(' ').reduce((a, b) => (b.length > a.length ? b : a), '');
  if (longest.length < 5) return question;
  const i = Math.floor(longest.length / 2);
  const typo = longest.slice(0, i - 1) + longest[i] + longest[i - 1] + longest.slice(i + 1);
  return question.replace(longest, typo);
}

const loadStart = performance.now();
const { documents } = await loadDocuments(`${SHARED}datasets/bbc/docs`);
const loadMs = performance.now() - loadStart;

globalThis.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const buildStart = performance.now();
const corpus = Corpus.from(documents);
void corpus.aliases; // learned lazily on the first question: count it in the build
const buildMs = performance.now() - buildStart;
globalThis.gc?.();
const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;

const sentences = documents.flatMap((document) => corpus.claimsOf(document.id).map((claim) => claim.text));
const plainStart = performance.now();
const plain = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
plain.addAll(sentences.map((text, id) => ({ id, text })));
const plainBuildMs = performance.now() - plainStart;

const titles = documents.filter((_, i) => i % 20 === 0).map((document) => document.title);
const questions = [...titles, ...titles.map(withTypo)];

const { vectors } = semanticData();
if (!vectors) throw new Error('models/word-vectors.bin is missing or corrupt');
// Warm up all, so the first measured calls do not pay for JIT compilation.
for (const question of questions) {
  ask(corpus, question);
  ask(corpus, question, { vectors: null });
  plain.search(question);
}
const { result: ours, pauses: oursPauses } = await withGcPauses(() =>
  timeEach(questions, ROUNDS, (question) => ask(corpus, question)),
);
const { result: oursLexical, pauses: lexicalPauses } = await withGcPauses(() =>
  timeEach(questions, ROUNDS, (question) => ask(corpus, question, { vectors: null })),
);
const plainExact = timeEach(questions, ROUNDS, (question) => plain.search(question));
const plainFuzzy = timeEach(questions, ROUNDS, (question) => plain.search(question, { fuzzy: 0.2 }));

// Incremental update: re-adding one document (removed first) against rebuilding the whole index.
const sample = documents.filter((_, i) => i % 50 === 7);
const addOne = timeEach(sample, 3, (document) => {
  corpus.remove(document.id);
  corpus.add(document);
});
const rebuilds: number[] = [];
for (let round = 0; round < 3; round++) {
  const start = performance.now();
  Corpus.from(documents);
  rebuilds.push(performance.now() - start);
}

const row = (name: string, samples: number[]): string =>
  `  ${name.padEnd(34)} p50 ${ms(percentile(samples, 50)).padStart(9)}  p99 ${ms(percentile(samples, 99)).padStart(9)}`;
console.log(
  `BBC corpus: ${documents.length} documents, ${corpus.claimCount} claims; ${questions.length} questions x ${ROUNDS} rounds`,
);
console.log(`  load (read + parse files)          ${ms(loadMs)}`);
console.log(
  `  build briefbot index               ${ms(buildMs)} (claims, sentence splitting, aliases), heap +${heapMb.toFixed(0)} MB`,
);
console.log(`  build plain minisearch             ${ms(plainBuildMs)} (same sentences, already split)`);
console.log('/ask latency');
console.log(row('briefbot (word vectors, learned)', ours));
console.log(row('briefbot, lexical fallback', oursLexical));
console.log(`    garbage collection in those ${ours.length} asks: ${describePauses(oursPauses)}`);
console.log(`    and in the lexical ones: ${describePauses(lexicalPauses)}`);
console.log(row('plain minisearch, exact', plainExact));
console.log(row('plain minisearch, fuzzy 0.2', plainFuzzy));
console.log('incremental update (live corpus)');
console.log(row('add one document (remove + add)', addOne));
console.log(row('rebuild the whole index', rebuilds));
