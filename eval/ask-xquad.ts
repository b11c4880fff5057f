/**
 * `npm run eval`: scores /ask on XQuAD (hit@1, hit@3: the first / any of the first three cited
 * snippets comes from the right document and holds a gold answer) beside a plain minisearch
 * baseline over the same sentences, and checks the golden file's no-answer questions.
 * `--half odd|even` scores one half of the questions only (to check that a change generalises).
 */
import MiniSearch from 'minisearch';
import { parseArgs } from 'node:util';
import { ask } from '../src/core/ask.js';
import { Corpus } from '../src/core/corpus.js';
import { loadDocuments } from '../src/core/load-documents.js';
import { readGolden, SHARED, snippetMatches, type GoldenCase } from './golden.js';

const { values } = parseArgs({ options: { half: { type: 'string' }, misses: { type: 'boolean' } } });
const xquad = readGolden('datasets/xquad/dev-questions.json');
const cases = xquad.cases.filter((_, i) => values.half === undefined || (values.half === 'odd') === (i % 2 === 1));

const { documents } = await loadDocuments(SHARED + 'datasets/xquad/docs');
const corpus = Corpus.from(documents);
const sentences = documents.flatMap((document) => corpus.claimsOf(document.id));
const plain = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
plain.addAll(sentences.map((claim, id) => ({ id, text: claim.text })));

function hits(firstSnippets: (GoldenCase: GoldenCase) => { text: string; document: string }[]): [number, number] {
  let at1 = 0;
  let at3 = 0;
  for (const goldenCase of cases) {
    const snippets = firstSnippets(goldenCase);
    if (snippets[0] && snippetMatches(goldenCase, snippets[0].text, snippets[0].document)) at1++;
    else if (values.misses) console.log(`miss ${goldenCase.id} ${goldenCase.ask} -> ${snippets[0]?.document}: ${snippets[0]?.text.slice(0, 120)}`);
    if (snippets.slice(0, 3).some((snippet) => snippetMatches(goldenCase, snippet.text, snippet.document))) at3++;
  }
  return [at1 / cases.length, at3 / cases.length];
}

const ours = hits((goldenCase) =>
  ask(corpus, goldenCase.ask, { limit: 3 }).answers.map((answer) => ({ text: answer.text, document: answer.citation.document })),
);
const baseline = hits((goldenCase) =>
  plain.search(goldenCase.ask).slice(0, 3).map((result) => {
    const claim = sentences[result.id as number]!;
    return { text: claim.text, document: claim.documentId };
  }),
);

const golden = readGolden('eval/ask-golden.json');
const bundled = Corpus.from((await loadDocuments(new URL('../data/', import.meta.url).pathname)).documents);
const wronglyAnswered = golden.no_answer.filter((question) => ask(bundled, question).answers.length > 0);

const pct = (value: number): string => value.toFixed(3);
console.log(`XQuAD-en: ${cases.length} questions over ${documents.length} documents (${sentences.length} sentences)${values.half ? `, ${values.half} half` : ''}`);
console.log(`  briefbot          hit@1 ${pct(ours[0])}  hit@3 ${pct(ours[1])}`);
console.log(`  plain minisearch  hit@1 ${pct(baseline[0])}  hit@3 ${pct(baseline[1])}`);
console.log(`no-answer questions of the golden file answered: ${wronglyAnswered.length} of ${golden.no_answer.length}${wronglyAnswered.length ? ` (${wronglyAnswered.join('; ')})` : ''}`);
