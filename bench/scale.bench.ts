/**
 * `npm run bench -- scale`: the bot at a newsroom's scale, on 10,000 and 100,000 real-news
 * documents (`../shared/datasets/news-pool/make_corpora.py` writes them reproducibly; generated
 * once into the git-ignored `bench/.corpora/`), beside plain minisearch over the same sentences.
 *
 * Every measurement runs in its own Node process (this file again, with a step argument), so one
 * step's heap cannot colour the next: build (from the files, saving the snapshot, then dating every
 * claim for /timeline and saving again), start from the snapshot, /ask and /timeline latency, /ask
 * and refusals within a channel's scope (half the documents), and plain minisearch's build and
 * search. `SCALE_SIZES=10k` limits the sizes, `SCALE_STEPS=build,scoped` the steps.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';
import { type AskOptions, ask } from '../src/core/ask.js';
import type { Corpus } from '../src/core/corpus.js';
import { openCorpus, saveCorpusSnapshot } from '../src/core/open-corpus.js';
import type { DocumentScope } from '../src/core/scope.js';
import { tokenize, toTerm } from '../src/core/terms.js';
import { buildTimeline } from '../src/core/timeline/timeline.js';
import { SHARED } from '../eval/golden.js';
import { ms, percentile, timeEach } from './stats.js';

const here = dirname(fileURLToPath(import.meta.url));
const CORPORA = join(here, '.corpora');
const GENERATOR = `${SHARED}datasets/news-pool/make_corpora.py`;
const SIZES = { '10k': 'news-10k', '100k': 'news-100k' } as const;
type Size = keyof typeof SIZES;
const QUESTIONS = 200;
const ROUNDS = 3;
const PLAIN_SAMPLE = 25;

const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MB`;

/**
 * Wall time and this process's CPU time of a step: on a shared machine the wall time grows with
 * the load average (printed beside it), the CPU time much less.
 */
function timed<T>(run: () => T): { value: T; wall: number; cpu: number } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = run();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { value, wall, cpu: (used.user + used.system) / 1000 };
}

const load = (): string => `load average ${loadavg()[0]!.toFixed(1)}`;

interface Memory {
  heap: number;
  external: number;
}

function memory(): Memory {
  globalThis.gc?.();
  globalThis.gc?.();
  const usage = process.memoryUsage();
  return { heap: usage.heapUsed, external: usage.arrayBuffers };
}

const grown = (after: Memory, before: Memory): string =>
  `heap +${mb(after.heap - before.heap)}, array buffers +${mb(after.external - before.external)}`;

/** Swaps two inner letters of the longest word: a typical slip of the fingers. */
function withTypo(question: string): string {
  const longest = question.split(' ').reduce((a, b) => (b.length > a.length ? b : a), '');
  if (longest.length < 5) return question;
  const i = Math.floor(longest.length / 2);
  return question.replace(longest, longest.slice(0, i - 1) + longest[i] + longest[i - 1] + longest.slice(i + 1));
}

/** Fixed questions: titles of evenly spread documents, the same with a typo, and as a question. */
function questionsOf(corpus: Corpus): { exact: string[]; typo: string[]; question: string[] } {
  const documents = corpus.documents;
  const step = Math.max(1, Math.floor(documents.length / QUESTIONS));
  const titles = documents
    .filter((_, i) => i % step === 0)
    .slice(0, QUESTIONS)
    .map((document) => document.title.slice(0, 200));
  return {
    exact: titles,
    typo: titles.map(withTypo),
    question: titles.map((title) =>
      `what did they say about ${title.toLowerCase()} and why does it matter?`.slice(0, 400),
    ),
  };
}

function row(name: string, samples: number[], cpu?: number[]): string {
  const cpuPart = cpu ? `   (cpu p50 ${ms(percentile(cpu, 50))}, p99 ${ms(percentile(cpu, 99))})` : '';
  return `    ${name.padEnd(30)} p50 ${ms(percentile(samples, 50)).padStart(9)}  p99 ${ms(percentile(samples, 99)).padStart(9)}${cpuPart}`;
}

/** Wall and CPU milliseconds of each /ask, `ROUNDS` times over the inputs. */
function askTimes(corpus: Corpus, inputs: readonly string[], options: AskOptions = {}): [number[], number[]] {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const input of inputs) {
      const used = process.cpuUsage();
      const start = performance.now();
      ask(corpus, input, options);
      wall.push(performance.now() - start);
      const after = process.cpuUsage(used);
      cpu.push((after.user + after.system) / 1000);
    }
  }
  return [wall, cpu];
}

/** Step: build from the files with a fresh snapshot, then date every claim and save again. */
async function build(folder: string, state: string): Promise<void> {
  const before = memory();
  const cpu = process.cpuUsage();
  const start = performance.now();
  const { corpus, snapshot } = await openCorpus(folder, { stateDir: state });
  const buildMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const after = memory();
  console.log(
    `    build from the files          ${ms(buildMs)} (cpu ${ms((used.user + used.system) / 1000)}, ${load()}; read, split, index, save), ${corpus.records().length} documents, ${corpus.claimCount} claims, ${grown(after, before)}`,
  );
  console.log(`    snapshot (index only)          ${mb(snapshot!.savedBytes ?? 0)}`);
  const spelling = corpus.index.spellingSize();
  console.log(
    `    typo tolerance on its own      ${spelling.forms} hashed forms, ${mb(spelling.bytes)} (${corpus.index.terms.size} terms)`,
  );
  const dating = timed(() => buildTimeline(corpus));
  const saved = saveCorpusSnapshot(corpus, state, folder);
  console.log(
    `    first /timeline after a build  ${ms(dating.wall)} (cpu ${ms(dating.cpu)}, ${load()}; dates every claim); snapshot with dates ${mb(saved)}`,
  );
}

/** Step: start from the snapshot, then /ask and /timeline latency. */
async function serve(folder: string, state: string): Promise<void> {
  const before = memory();
  const cpu = process.cpuUsage();
  const start = performance.now();
  const { corpus, snapshot } = await openCorpus(folder, { stateDir: state });
  const loadMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const after = memory();
  if (!snapshot?.loaded) throw new Error(`the snapshot did not load: ${snapshot?.problem ?? 'no snapshot'}`);
  console.log(
    `    start from the snapshot        ${ms(loadMs)} (cpu ${ms((used.user + used.system) / 1000)}, ${load()}; file ${mb(statSync(snapshot.path).size)}), ${grown(after, before)}, rss ${mb(process.memoryUsage().rss)}`,
  );
  const firstAsk = performance.now();
  ask(corpus, 'what did the central bank say about interest rates');
  console.log(`    first /ask after start         ${ms(performance.now() - firstAsk)} (learns the documents' aliases)`);
  const { exact, typo, question } = questionsOf(corpus);
  for (const input of [...exact, ...typo, ...question]) ask(corpus, input); // warm-up
  console.log(`  /ask latency (${exact.length} questions each, ${ROUNDS} rounds; ${load()})`);
  console.log(row('exact words (titles)', ...askTimes(corpus, exact)));
  console.log(row('one typo', ...askTimes(corpus, typo)));
  console.log(row('question-like', ...askTimes(corpus, question)));
  const first = timed(() => buildTimeline(corpus));
  const later = timeEach([0, 1, 2], 1, () => buildTimeline(corpus));
  const topic = timeEach(exact.slice(0, 20), 1, (title) => buildTimeline(corpus, { topic: title }));
  console.log(
    `    first /timeline                ${ms(first.wall)} (cpu ${ms(first.cpu)}, ${load()}; ${first.value.matched} events); later ones median ${ms(percentile(later, 50))}; with a topic p50 ${ms(percentile(topic, 50))}`,
  );
}

/**
 * Questions nothing should answer: each joins the longest indexed word of six titles a sixth of the
 * corpus apart (different sources, so unrelated), six because the refusal hint counts up to six words.
 */
function unrelatedWords(corpus: Corpus): string[] {
  const documents = corpus.documents;
  const sixth = Math.floor(documents.length / 6);
  const longestWord = (title: string): string =>
    tokenize(title)
      .map((token) => token.surface)
      .filter((surface) => {
        const term = toTerm(surface);
        return term !== null && corpus.index.documentFrequency(term) > 0;
      })
      .reduce((a, b) => (b.length > a.length ? b : a), '');
  return Array.from({ length: QUESTIONS }, (_, k) =>
    [0, 1, 2, 3, 4, 5]
      .map((part) => longestWord(documents[part * sixth + k * Math.floor(sixth / QUESTIONS)]!.title))
      .join(' '),
  );
}

/** Step: start from the snapshot, then /ask and refusals within a scope admitting every other document. */
async function scoped(folder: string, state: string): Promise<void> {
  const { corpus, snapshot } = await openCorpus(folder, { stateDir: state });
  if (!snapshot?.loaded) throw new Error(`the snapshot did not load: ${snapshot?.problem ?? 'no snapshot'}`);
  const admitted = new Set(corpus.documents.filter((_, i) => i % 2 === 0).map((document) => document.id));
  const scope: DocumentScope = { key: 'every-other', has: (id) => admitted.has(id) };
  ask(corpus, 'what did the central bank say about interest rates'); // learns the aliases, as in serve
  const refused = (question: string, options: AskOptions = {}): boolean =>
    ask(corpus, question, options).answers.length === 0;
  // Unscoped first, so the scoped pass below holds the first walks through the scope's filter.
  const candidates = unrelatedWords(corpus);
  const unscopedRefusals = candidates.filter((question) => refused(question));
  // Which refuse in the scope too is known only by asking, so this first scoped pass is timed; a
  // few of its questions may be answered before its first refusal.
  const firstPass = unscopedRefusals.map((question) => timed(() => refused(question, { scope })));
  const answeredBefore = firstPass.findIndex((call) => call.value);
  if (answeredBefore < 0) throw new Error('no question was refused within the scope');
  const first = firstPass[answeredBefore]!;
  const refusals = unscopedRefusals.filter((_, i) => firstPass[i]!.value);
  console.log(
    `  scope: every other document (${admitted.size} of ${corpus.documents.length}); ${refusals.length} of ${candidates.length} unrelated-word questions refused both scoped and not (${unscopedRefusals.length} unscoped)`,
  );
  // Every timed call is checked again: a time only counts as a refusal's if nothing was answered.
  const refusalTimes = (options: AskOptions, skipFirst: boolean): number[] =>
    timeEach(skipFirst ? refusals.slice(1) : refusals, ROUNDS, (question) => {
      if (!refused(question, options)) throw new Error(`answered: ${question}`);
    });
  const later = refusalTimes({ scope }, true);
  const unscoped = refusalTimes({}, false);
  console.log(
    `    first scoped refusal           ${ms(first.wall)} (cpu ${ms(first.cpu)}, ${load()}; ${answeredBefore} answered scoped /asks before it); the ${refusals.length - 1} later ones, ${ROUNDS} rounds:`,
  );
  console.log(row('refusal, scoped', later));
  console.log(row('refusal, unscoped', unscoped));
  const { exact, typo, question } = questionsOf(corpus);
  for (const input of [...exact, ...typo, ...question]) ask(corpus, input, { scope }); // warm-up
  console.log(`  scoped /ask latency (${exact.length} questions each, ${ROUNDS} rounds; ${load()})`);
  console.log(row('exact words, scoped', ...askTimes(corpus, exact, { scope })));
  console.log(row('one typo, scoped', ...askTimes(corpus, typo, { scope })));
  console.log(row('question-like, scoped', ...askTimes(corpus, question, { scope })));
}

/** minisearch saves as one JSON string, which V8's string limit refuses past a few million sentences. */
function savedAsJson(engine: MiniSearch<{ id: number; text: string }>): string {
  try {
    return `one JSON string of ${mb(JSON.stringify(engine).length)}`;
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return `cannot be: one JSON string is too long for V8 (${error.message})`;
  }
}

/** Step: plain minisearch (default options) over the same sentences, and its search times. */
async function plain(folder: string, state: string): Promise<void> {
  const { corpus } = await openCorpus(folder, { stateDir: state });
  const sentences = corpus.documents.flatMap((document) => corpus.claimsOf(document.id).map((claim) => claim.text));
  const { exact, typo, question } = questionsOf(corpus);
  const before = memory();
  const start = performance.now();
  const engine = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
  engine.addAll(sentences.map((text, id) => ({ id, text })));
  const buildMs = performance.now() - start;
  const after = memory();
  console.log(`    plain minisearch build         ${ms(buildMs)} (sentences given), ${grown(after, before)}`);
  console.log(`    plain minisearch saved         ${savedAsJson(engine)}`);
  // Plain minisearch takes up to seconds a search here: a sample of the same questions, one round.
  const sample = <T>(items: T[]): T[] => items.filter((_, i) => i % Math.ceil(items.length / PLAIN_SAMPLE) === 0);
  for (const input of sample(exact).slice(0, 5)) engine.search(input);
  console.log(`  plain minisearch latency (${sample(exact).length} of the same questions each, 1 round)`);
  console.log(
    row(
      'plain, exact words',
      timeEach(sample(exact), 1, (input) => engine.search(input)),
    ),
  );
  console.log(
    row(
      'plain, one typo (fuzzy 0.2)',
      timeEach(sample(typo), 1, (input) => engine.search(input, { fuzzy: 0.2 })),
    ),
  );
  console.log(
    row(
      'plain, question-like',
      timeEach(sample(question), 1, (input) => engine.search(input)),
    ),
  );
}

const STEPS = { build, serve, scoped, plain } as const;

async function main(): Promise<void> {
  const [step, folder, state] = process.argv.slice(2);
  if (step && step in STEPS) return STEPS[step as keyof typeof STEPS](folder!, state!);

  const python = spawnSync('python3', ['--version']);
  if (python.status !== 0 || !existsSync(GENERATOR)) {
    console.log(`scale section skipped: it needs python3 and ${GENERATOR} to generate the 10k and 100k corpora.`);
    return;
  }
  const sizes = (process.env.SCALE_SIZES ?? '10k,100k').split(',').filter((size): size is Size => size in SIZES);
  // `SCALE_STEPS=build,scoped` runs only those (the later steps start from the snapshot build saves).
  const steps = (process.env.SCALE_STEPS ?? Object.keys(STEPS).join(',')).split(',').filter((step) => step in STEPS);
  for (const size of sizes) {
    const folder = join(CORPORA, SIZES[size]);
    const done = join(CORPORA, `${SIZES[size]}.complete`);
    if (!existsSync(done)) {
      console.log(`generating ${SIZES[size]} into ${folder} (once; minutes)...`);
      const made = spawnSync('python3', [GENERATOR, CORPORA, ...(size === '100k' ? ['--100k'] : [])], {
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      if (made.status !== 0) throw new Error(`make_corpora.py failed for ${size}`);
      for (const name of Object.values(SIZES))
        if (existsSync(join(CORPORA, name))) writeFileSync(join(CORPORA, `${name}.complete`), '');
    }
    const state = mkdtempSync(join(tmpdir(), 'briefbot-scale-state-'));
    console.log(`news-${size}`);
    try {
      for (const step of steps) {
        // Only plain minisearch needs a larger heap at 100k; our steps run with Node's default.
        const heap = step === 'plain' && size === '100k' ? ['--max-old-space-size=12000'] : [];
        const run = spawnSync(
          process.execPath,
          ['--expose-gc', ...heap, '--import', 'tsx', fileURLToPath(import.meta.url), step, folder, state],
          { stdio: 'inherit' },
        );
        if (run.status !== 0) console.log(`    (${step} failed: exit ${run.status ?? run.signal})`);
      }
    } finally {
      rmSync(state, { recursive: true, force: true });
    }
  }
}

await main();
