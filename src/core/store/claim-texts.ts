/**
 * Claim sentences as UTF-8 bytes in large buffers (outside the JS heap), decoded when a claim is
 * shown or ranked: a million sentences cost their bytes, not a million heap strings. Texts loaded
 * from a snapshot stay in its file and are read one sentence at a time (a read costs a few
 * microseconds; a claim is read when it is a candidate or cited, not at start-up).
 */
import { Growable } from './growable.js';
import { FileBytes } from './snapshot-file.js';

const CHUNK_BYTES = 8 * 2 ** 20;
const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** One Buffer view per in-memory chunk, made once: Buffer decodes a range without a view of it. */
const buffers = new WeakMap<Uint8Array, Buffer>();
function bufferOf(chunk: Uint8Array): Buffer {
  let buffer = buffers.get(chunk);
  if (!buffer) buffers.set(chunk, (buffer = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
  return buffer;
}

export interface TextParts {
  /** In memory, or left in a loaded snapshot's file. */
  chunks: (Uint8Array | FileBytes)[];
  /** Per key: chunk index, byte offset, byte length. */
  chunkOf: Uint16Array;
  offsets: Uint32Array;
  lengths: Uint32Array;
}

export class ClaimTexts {
  private readonly chunks: (Uint8Array | FileBytes)[] = [];
  private current: Uint8Array | undefined;
  private used = 0;
  private chunkOf: Growable<Uint16Array> = new Growable(Uint16Array);
  private offsets: Growable<Uint32Array> = new Growable(Uint32Array);
  private lengths: Growable<Uint32Array> = new Growable(Uint32Array);

  /** Texts over loaded parts, used in place; new texts go to a new chunk. */
  static of(parts: TextParts): ClaimTexts {
    const texts = new ClaimTexts();
    texts.chunks.push(...parts.chunks);
    texts.chunkOf = Growable.of(Uint16Array, parts.chunkOf);
    texts.offsets = Growable.of(Uint32Array, parts.offsets);
    texts.lengths = Growable.of(Uint32Array, parts.lengths);
    return texts;
  }

  /** Stores the text of a key (keys come in increasing order). */
  set(key: number, text: string): void {
    this.setBytes(key, encoder.encode(text));
  }

  get(key: number): string {
    const chunk = this.chunks[this.chunkOf.get(key)]!;
    if (chunk instanceof FileBytes) return decoder.decode(this.bytes(key));
    // Decoded in place: a view per sentence was about 3% of an ask's garbage (README, Quality and speed).
    const offset = this.offsets.get(key);
    return bufferOf(chunk).toString('utf8', offset, offset + this.lengths.get(key));
  }

  /** The bytes of a key's text (for a snapshot, without decoding). */
  bytes(key: number): Uint8Array {
    const chunk = this.chunks[this.chunkOf.get(key)]!;
    const offset = this.offsets.get(key);
    const length = this.lengths.get(key);
    return chunk instanceof FileBytes ? chunk.read(offset, length) : chunk.subarray(offset, offset + length);
  }

  /** Stores a text's bytes as they are (keys come in increasing order). */
  setBytes(key: number, bytes: Uint8Array): void {
    if (!this.current || this.used + bytes.length > this.current.length) {
      this.current = new Uint8Array(Math.max(CHUNK_BYTES, bytes.length));
      this.chunks.push(this.current);
      this.used = 0;
    }
    this.current.set(bytes, this.used);
    this.chunkOf.set(key, this.chunks.length - 1);
    this.offsets.set(key, this.used);
    this.lengths.set(key, bytes.length);
    this.used += bytes.length;
  }

  /** The texts as a snapshot stores them (the chunk being filled trimmed to what is used). */
  parts(): TextParts {
    const chunks = this.chunks.map((chunk) => (chunk === this.current ? chunk.subarray(0, this.used) : chunk));
    return { chunks, chunkOf: this.chunkOf.view(), offsets: this.offsets.view(), lengths: this.lengths.view() };
  }

  /** Bytes held in memory, chunks included (what the texts cost outside the heap). */
  get byteSize(): number {
    return this.chunks.reduce((sum, chunk) => sum + (chunk instanceof FileBytes ? 0 : chunk.byteLength), 0);
  }
}
