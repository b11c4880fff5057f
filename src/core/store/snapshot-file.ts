/**
 * A binary file of named chunks: typed arrays stored as their bytes (loaded as views, without
 * parsing), text and small JSON parts in pieces, never one string for the whole. Every 64 KB block
 * of a chunk carries a CRC-32, and the header a format version, so a damaged or older file is
 * detected and never trusted (a file cut short by a crash while writing included: it is written
 * without fsync, renamed into place when complete, and its checksums tell).
 *
 * Large byte chunks the reader rarely needs whole (claim sentences, their term ids) can stay on
 * disk (`FileBytes`): they are read a range at a time, and each block is checked the first time a
 * read touches it, so a start reads and checks only what the index needs in memory. A damaged
 * block found then fails that read and removes the snapshot, so the next start rebuilds it.
 *
 * Layout: magic (16 bytes), format version (u32), chunk count (u32); then per chunk: name length
 * (u32), kind (u32), block size (u32), reserved (u32), byte length (f64), name (UTF-8, padded to
 * 8), data (padded to 8), one CRC-32 per block (u32, padded to 8). Numbers are little-endian, as
 * typed arrays are on every platform Node runs on.
 */
import {
  closeSync,
  constants,
  fstatSync,
  openSync,
  readSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { crc32 } from 'node:zlib';

const MAGIC = Buffer.from('BRIEFBOT-SNAPSHT', 'latin1');
/** Bytes per checksum: what a first read of a chunk left on disk checks at once. */
const BLOCK_BYTES = 64 * 1024;
/** Chunks smaller than this are always read and checked at load (a small snapshot is checked whole). */
const ON_DISK_FROM = 2 ** 20;

export type ChunkValue = Uint8Array | Uint16Array | Uint32Array | string | FileBytes;

const KIND = { bytes: 1, u16: 2, u32: 3, text: 4 } as const;

/** Why a snapshot cannot be used. */
export class SnapshotError extends Error {
  constructor(
    readonly reason: 'missing' | 'version' | 'corrupt',
    message: string,
  ) {
    super(message);
  }
}

/** An open snapshot file, closed once nothing reads from it any more. */
interface FileHandle {
  fd: number;
  path: string;
  inode: number;
}
const openFiles = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // Already closed.
  }
});

function readFully(fd: number, into: Uint8Array, position: number): void {
  let done = 0;
  while (done < into.length) {
    const read = readSync(fd, into, done, into.length - done, position + done);
    if (read === 0) throw new SnapshotError('corrupt', 'is cut short');
    done += read;
  }
}

const blockCount = (length: number): number => Math.ceil(length / BLOCK_BYTES);

/** How many readingInOrder calls are running. */
let inOrder = 0;

/**
 * Runs `work`, which reads chunks left on disk in order (copying a corpus into a new snapshot):
 * meanwhile they are read a whole block at a time, not a range per call (3 million reads at 100k).
 */
export function readingInOrder<T>(work: () => T): T {
  const reading = startReadingInOrder();
  try {
    return work();
  } finally {
    reading.end();
  }
}

/** readingInOrder for work that pauses between steps: in-order reads until `end`. */
export function startReadingInOrder(): { end: () => void } {
  inOrder++;
  let ended = false;
  return {
    end: () => {
      if (!ended) inOrder--;
      ended = true;
    },
  };
}

/** Whether every block of `data` (a whole chunk) matches its checksum. */
function blocksMatch(data: Uint8Array, checksums: Uint32Array): boolean {
  for (let block = 0; block < checksums.length; block++) {
    const start = block * BLOCK_BYTES;
    if (crc32(data.subarray(start, Math.min(start + BLOCK_BYTES, data.length))) !== checksums[block]) return false;
  }
  return true;
}

/**
 * Bytes of a chunk left in the snapshot file, read a range at a time. A later snapshot is written
 * beside the file and renamed over it, so this open file keeps the bytes it was loaded with.
 */
export class FileBytes {
  private readonly checked: Uint8Array;
  /** The block read last during readingInOrder (reads in key order share blocks). */
  private cached: { block: number; bytes: Buffer } | undefined;

  constructor(
    private readonly file: FileHandle,
    private readonly name: string,
    private readonly start: number,
    readonly length: number,
    private readonly checksums: Uint32Array,
  ) {
    this.checked = new Uint8Array(checksums.length);
  }

  /** `length` bytes from `offset` within the chunk (checking the blocks they lie in, once). */
  read(offset: number, length: number): Buffer {
    const bytes = Buffer.allocUnsafe(length);
    this.readInto(bytes, offset);
    return bytes;
  }

  /** Fills `into` with the chunk's bytes from `offset`. */
  readInto(into: Uint8Array, offset: number): void {
    if (into.length === 0) return;
    if (offset < 0 || offset + into.length > this.length)
      throw new RangeError(`read past the end of ${this.name} in a snapshot`);
    const last = Math.floor((offset + into.length - 1) / BLOCK_BYTES);
    const first = Math.floor(offset / BLOCK_BYTES);
    if (inOrder > 0 && first === last) {
      // Whole blocks, each read and checked once, instead of a read per claim.
      if (this.cached?.block !== first) this.cached = { block: first, bytes: this.checkedBlock(first) };
      const start = offset - first * BLOCK_BYTES;
      into.set(this.cached.bytes.subarray(start, start + into.length));
      return;
    }
    for (let block = Math.floor(offset / BLOCK_BYTES); block <= last; block++)
      if (!this.checked[block]) this.check(block);
    readFully(this.file.fd, into, this.start + offset);
  }

  /** The whole chunk, a block at a time (for copying it into a new snapshot). */
  *blocks(): Generator<Uint8Array> {
    for (let offset = 0; offset < this.length; offset += BLOCK_BYTES)
      yield this.read(offset, Math.min(BLOCK_BYTES, this.length - offset));
  }

  private check(block: number): void {
    this.checkedBlock(block);
  }

  /** A block's bytes, checked against its checksum (always: a block read whole costs its check once more at most). */
  private checkedBlock(block: number): Buffer {
    const begin = block * BLOCK_BYTES;
    const bytes = Buffer.allocUnsafe(Math.min(BLOCK_BYTES, this.length - begin));
    readFully(this.file.fd, bytes, this.start + begin);
    if (crc32(bytes) !== this.checksums[block]) {
      forget(this.file);
      throw new SnapshotError('corrupt', `has a damaged part (${this.name}); it was removed and will be rebuilt`);
    }
    this.checked[block] = 1;
    return bytes;
  }
}

/** Removes a snapshot found damaged after it was loaded, unless a newer one already replaced it. */
function forget(file: FileHandle): void {
  try {
    if (statSync(file.path).ino === file.inode) unlinkSync(file.path);
  } catch {
    // Already gone.
  }
}

function kindOf(value: ChunkValue): number {
  if (typeof value === 'string') return KIND.text;
  if (value instanceof FileBytes) return KIND.bytes;
  if (value instanceof Uint16Array) return KIND.u16;
  if (value instanceof Uint32Array) return KIND.u32;
  return KIND.bytes;
}

/** A chunk's bytes, a block at a time. */
function blocksOf(value: ChunkValue): Iterable<Uint8Array> {
  if (value instanceof FileBytes) return value.blocks();
  const bytes =
    typeof value === 'string'
      ? Buffer.from(value, 'utf8')
      : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return (function* () {
    for (let offset = 0; offset < bytes.length; offset += BLOCK_BYTES)
      yield bytes.subarray(offset, offset + BLOCK_BYTES);
  })();
}

const padding = (length: number): number => (8 - (length % 8)) % 8;
const ZEROS = new Uint8Array(8);

/** Runs a step generator without pausing between its steps and returns what it returns. */
function runToEnd<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Runs a step generator, awaiting `turn` between its steps so that the event loop runs. */
async function runInTurns<T>(steps: Generator<void, T>, turn: () => Promise<void>): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await turn();
  }
}

/** Writes chunks to `path` atomically (a temporary file renamed over it); returns its size. */
export function writeChunks(path: string, version: number, chunks: Iterable<[string, ChunkValue]>): number {
  return runToEnd(writeSteps(path, version, chunks));
}

/** writeChunks, awaiting `turn` between blocks (the event loop runs while a large file is written). */
export async function writeChunksInTurns(
  path: string,
  version: number,
  chunks: Iterable<[string, ChunkValue]>,
  turn: () => Promise<void>,
): Promise<number> {
  return runInTurns(writeSteps(path, version, chunks), turn);
}

function* writeSteps(path: string, version: number, chunks: Iterable<[string, ChunkValue]>): Generator<void, number> {
  const temporary = `${path}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w');
  let written = 0;
  const write = (bytes: Uint8Array): void => {
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    written += bytes.length;
  };
  try {
    const list = [...chunks];
    const head = Buffer.alloc(24);
    MAGIC.copy(head, 0);
    head.writeUInt32LE(version, 16);
    head.writeUInt32LE(list.length, 20);
    write(head);
    for (const [name, value] of list) {
      const nameBytes = Buffer.from(name, 'utf8');
      const header = Buffer.alloc(24);
      header.writeUInt32LE(nameBytes.length, 0);
      header.writeUInt32LE(kindOf(value), 4);
      header.writeUInt32LE(BLOCK_BYTES, 8);
      const headerAt = written;
      write(header);
      write(nameBytes);
      write(ZEROS.subarray(0, padding(nameBytes.length)));
      const checksums: number[] = [];
      let length = 0;
      for (const block of blocksOf(value)) {
        checksums.push(crc32(block));
        length += block.length;
        write(block);
        yield;
      }
      write(ZEROS.subarray(0, padding(length)));
      write(new Uint8Array(Uint32Array.from(checksums).buffer));
      write(ZEROS.subarray(0, padding(checksums.length * 4)));
      // The length is known once the data is written (a chunk on disk is streamed through).
      header.writeDoubleLE(length, 16);
      writeSync(fd, header, 0, 24, headerAt);
    }
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
  return written;
}

/**
 * The chunks of a file by name; throws a SnapshotError when it is missing, of another version or
 * damaged. Chunks of numbers or bytes that `onDisk` accepts (by name and size), when over a
 * megabyte, are left in the file (FileBytes, whatever their element type) and checked block by
 * block as they are read.
 */
export function readChunks(
  path: string,
  version: number,
  onDisk: (name: string, bytes: number) => boolean = () => false,
): Map<string, ChunkValue> {
  return runToEnd(readSteps(path, version, onDisk));
}

/** readChunks, awaiting `turn` between chunks (the event loop runs while a large file is read). */
export async function readChunksInTurns(
  path: string,
  version: number,
  onDisk: (name: string, bytes: number) => boolean,
  turn: () => Promise<void>,
): Promise<Map<string, ChunkValue>> {
  return runInTurns(readSteps(path, version, onDisk), turn);
}

/** Reads the file a chunk at a time: each `yield` is a point where the caller may let other work run. */
function* readSteps(
  path: string,
  version: number,
  onDisk: (name: string, bytes: number) => boolean,
): Generator<void, Map<string, ChunkValue>> {
  let fd: number;
  try {
    // Non-blocking: a FIFO put in its place would otherwise wait for a writer forever.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw new SnapshotError('missing', `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let kept = false;
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new SnapshotError('corrupt', 'is not a regular file (a folder, FIFO or device)');
    const file: FileHandle = { fd, path, inode: stats.ino };
    const chunks = yield* readAll(file, stats.size, version, onDisk);
    kept = [...chunks.values()].some((value) => value instanceof FileBytes);
    if (kept) openFiles.register(file, fd);
    return chunks;
  } finally {
    if (!kept) closeSync(fd);
  }
}

function* readAll(
  file: FileHandle,
  size: number,
  version: number,
  onDisk: (name: string, bytes: number) => boolean,
): Generator<void, Map<string, ChunkValue>> {
  const { fd } = file;
  const head = Buffer.alloc(24);
  if (size < 24) throw new SnapshotError('corrupt', 'is not a briefbot snapshot');
  readFully(fd, head, 0);
  if (!head.subarray(0, 16).equals(MAGIC)) throw new SnapshotError('corrupt', 'is not a briefbot snapshot');
  const found = head.readUInt32LE(16);
  if (found !== version)
    throw new SnapshotError('version', `is format ${found}, this briefbot reads format ${version}`);
  const count = head.readUInt32LE(20);
  const chunks = new Map<string, ChunkValue>();
  const header = Buffer.alloc(24);
  let at = 24;
  for (let i = 0; i < count; i++) {
    if (at + 24 > size) throw new SnapshotError('corrupt', 'is cut short');
    readFully(fd, header, at);
    const nameLength = header.readUInt32LE(0);
    const kind = header.readUInt32LE(4);
    const blockBytes = header.readUInt32LE(8);
    const length = header.readDoubleLE(16);
    at += 24;
    if (at + nameLength > size) throw new SnapshotError('corrupt', 'is cut short');
    const nameBytes = Buffer.alloc(nameLength);
    readFully(fd, nameBytes, at);
    const name = nameBytes.toString('utf8');
    at += nameLength + padding(nameLength);
    if (blockBytes !== BLOCK_BYTES) throw new SnapshotError('corrupt', `has an unexpected block size in ${name}`);
    if (!Number.isInteger(length) || length < 0 || at + length > size)
      throw new SnapshotError('corrupt', `is cut short in ${name}`);
    const dataAt = at;
    at += length + padding(length);
    const blocks = blockCount(length);
    if (at + blocks * 4 > size) throw new SnapshotError('corrupt', `is cut short in ${name}`);
    const checksums = new Uint32Array(blocks);
    readFully(fd, new Uint8Array(checksums.buffer), at);
    at += blocks * 4 + padding(blocks * 4);
    if (length >= ON_DISK_FROM && onDisk(name, length)) {
      chunks.set(name, new FileBytes(file, name, dataAt, length, checksums));
    } else {
      // Its own buffer (aligned for a typed-array view, freed with the chunk alone), not zeroed
      // first: the read fills it whole or fails.
      const data = Buffer.allocUnsafeSlow(length);
      readFully(fd, data, dataAt);
      if (!blocksMatch(data, checksums)) throw new SnapshotError('corrupt', `has a damaged part (${name})`);
      chunks.set(name, chunkValue(kind, data, name));
    }
    yield;
  }
  return chunks;
}

function chunkValue(kind: number, data: Uint8Array, name: string): Exclude<ChunkValue, FileBytes> {
  const { buffer, byteOffset, byteLength } = data;
  if (kind === KIND.text) return Buffer.from(buffer, byteOffset, byteLength).toString('utf8');
  const width = kind === KIND.u16 ? 2 : kind === KIND.u32 ? 4 : 1;
  if (byteLength % width !== 0) throw new SnapshotError('corrupt', `has a part of the wrong length (${name})`);
  if (kind === KIND.u16) return new Uint16Array(buffer, byteOffset, byteLength / 2);
  if (kind === KIND.u32) return new Uint32Array(buffer, byteOffset, byteLength / 4);
  if (kind === KIND.bytes) return data;
  throw new SnapshotError('corrupt', `has a part of unknown kind (${name})`);
}
