/**
 * The word vectors' cosine (WebAssembly SIMD over padded rows) gives exactly what the file's plain
 * numbers give: the int8 dot product times both inverse norms, read straight from the file.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WORD_VECTORS_PATH } from '../../src/core/semantic-data.js';
import { WordVectors } from '../../src/core/word-vectors.js';

const HEADER_BYTES = 24;

describe('word vectors', () => {
  it('GIVEN the shipped file THEN every cosine equals the plain int8 dot product times the inverse norms, exactly', () => {
    const bytes = readFileSync(WORD_VECTORS_PATH);
    const vectors = WordVectors.parse(bytes);
    const size = bytes.readUInt32LE(8);
    const dimensions = bytes.readUInt32LE(12);
    const normsStart = HEADER_BYTES + bytes.readUInt32LE(16);
    const rowsStart = normsStart + size * 4;
    const norm = (row: number): number => bytes.readFloatLE(normsStart + row * 4);
    const plain = (a: number, b: number): number => {
      let dot = 0;
      for (let d = 0; d < dimensions; d++)
        dot += bytes.readInt8(rowsStart + a * dimensions + d) * bytes.readInt8(rowsStart + b * dimensions + d);
      return dot * norm(a) * norm(b);
    };
    let seed = 7;
    const next = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % size;
    };
    const pairs: [number, number][] = [
      [0, 0],
      [size - 1, size - 1],
      [0, size - 1],
    ];
    for (let i = 0; i < 2_000; i++) pairs.push([next(), next()]);
    for (const [a, b] of pairs) expect(vectors.cosine(a, b)).toBe(plain(a, b));
    expect(vectors.cosine(vectors.id('invade'), vectors.id('invasion'))).toBeGreaterThan(0.5);
  });
});
