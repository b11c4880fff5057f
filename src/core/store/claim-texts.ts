/**
 * Claim sentences as UTF-8 bytes in large buffers (outside the JS heap), decoded when a claim is
 * shown or ranked: a million sentences cost their bytes, not a million heap strings.
 */
import { Growable } from './growable.js';

const CHUNK_BYTES = 8 * 2 ** 20;
const decoder = new TextDecoder();
const encoder = new TextEncoder();

export interface TextParts {
  chunks: Uint8Array[];
  /** Per key: chunk index, byte offset, byte length. */
  chunkOf: Uint16Array;
  offsets: Uint32Array;
  lengths: Uint32Array;
}

export class ClaimTexts {
  private readonly chunks: Uint8Array[] = [];
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
    const bytes = encoder.encode(text);
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

  get(key: number): string {
    const chunk = this.chunks[this.chunkOf.get(key)]!;
    const offset = this.offsets.get(key);
    return decoder.decode(chunk.subarray(offset, offset + this.lengths.get(key)));
  }

  /** The bytes of a key's text (for a snapshot, without decoding). */
  bytes(key: number): Uint8Array {
    const chunk = this.chunks[this.chunkOf.get(key)]!;
    const offset = this.offsets.get(key);
    return chunk.subarray(offset, offset + this.lengths.get(key));
  }

  /** The texts as a snapshot stores them (chunks trimmed to what is used). */
  parts(): TextParts {
    const chunks = this.chunks.map((chunk, i) => (i === this.chunks.length - 1 ? chunk.subarray(0, this.used) : chunk));
    return { chunks, chunkOf: this.chunkOf.view(), offsets: this.offsets.view(), lengths: this.lengths.view() };
  }

  /** Bytes held, chunks included (what the texts cost outside the heap). */
  get byteSize(): number {
    return this.chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
  }
}
