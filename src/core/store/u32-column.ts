/**
 * A column of 32-bit values that may be larger than memory should hold: the part loaded from a
 * snapshot (in memory, or left in its file and read a range at a time) and the values appended
 * since, in memory. Ranges are what callers read (a claim's term ids).
 */
import { Growable } from './growable.js';
import { FileBytes } from './snapshot-file.js';

export class U32Column {
  private readonly added = new Growable(Uint32Array);
  private readonly loadedLength: number;

  constructor(private readonly loaded: Uint32Array | FileBytes = new Uint32Array(0)) {
    this.loadedLength = loaded instanceof FileBytes ? loaded.length / 4 : loaded.length;
  }

  get length(): number {
    return this.loadedLength + this.added.length;
  }

  push(value: number): void {
    this.added.push(value);
  }

  /** Values [start, end): a view when in memory, a copy when read from the file. */
  range(start: number, end: number): Uint32Array {
    const split = this.loadedLength;
    if (start >= split) return this.added.range(start - split, end - split);
    if (end <= split) return this.loadedRange(start, end);
    const values = new Uint32Array(end - start);
    values.set(this.loadedRange(start, split));
    values.set(this.added.range(0, end - split), split - start);
    return values;
  }

  private loadedRange(start: number, end: number): Uint32Array {
    if (!(this.loaded instanceof FileBytes)) return this.loaded.subarray(start, end);
    const values = new Uint32Array(end - start);
    this.loaded.readInto(new Uint8Array(values.buffer), start * 4);
    return values;
  }
}
