/**
 * A binary file of named chunks: typed arrays stored as their bytes (loaded as views, without
 * parsing), text and small JSON parts in pieces, never one string for the whole. Each chunk
 * carries a CRC-32, and the header a format version, so a damaged or older file is detected and
 * never trusted (a file cut short by a crash while writing included: it is written without fsync,
 * renamed into place when complete, and its checksums tell).
 *
 * Layout: magic (16 bytes), format version (u32), chunk count (u32); then per chunk: name length
 * (u32), kind (u32), CRC-32 (u32), reserved (u32), byte length (f64), name (UTF-8, padded to 8),
 * data (padded to 8). Numbers are little-endian, as typed arrays are on every platform Node runs on.
 */
import { closeSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { crc32 } from 'node:zlib';

const MAGIC = Buffer.from('BRIEFBOT-SNAPSHT', 'latin1');

export type ChunkValue = Uint8Array | Uint16Array | Uint32Array | string;

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

function kindOf(value: ChunkValue): number {
  if (typeof value === 'string') return KIND.text;
  if (value instanceof Uint16Array) return KIND.u16;
  if (value instanceof Uint32Array) return KIND.u32;
  return KIND.bytes;
}

function bytesOf(value: ChunkValue): Uint8Array {
  return typeof value === 'string'
    ? Buffer.from(value, 'utf8')
    : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}

const padding = (length: number): number => (8 - (length % 8)) % 8;
const ZEROS = new Uint8Array(8);

/** Writes chunks to `path` atomically (a temporary file renamed over it). */
export function writeChunks(path: string, version: number, chunks: Iterable<[string, ChunkValue]>): number {
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
      const data = bytesOf(value);
      const nameBytes = Buffer.from(name, 'utf8');
      const header = Buffer.alloc(24);
      header.writeUInt32LE(nameBytes.length, 0);
      header.writeUInt32LE(kindOf(value), 4);
      header.writeUInt32LE(crc32(data), 8);
      header.writeDoubleLE(data.length, 16);
      write(header);
      write(nameBytes);
      write(ZEROS.subarray(0, padding(nameBytes.length)));
      write(data);
      write(ZEROS.subarray(0, padding(data.length)));
    }
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
  return written;
}

/** The chunks of a file by name; throws a SnapshotError when it is missing, of another version or damaged. */
export function readChunks(path: string, version: number): Map<string, ChunkValue> {
  let file: Buffer;
  try {
    file = readFileSync(path);
  } catch (error) {
    throw new SnapshotError('missing', `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  // Typed-array views need aligned offsets: copy in the rare case the buffer is not.
  if (file.byteOffset % 8 !== 0) file = Buffer.from(file);
  if (file.length < 24 || !file.subarray(0, 16).equals(MAGIC))
    throw new SnapshotError('corrupt', 'is not a briefbot snapshot');
  const found = file.readUInt32LE(16);
  if (found !== version)
    throw new SnapshotError('version', `is format ${found}, this briefbot reads format ${version}`);
  const count = file.readUInt32LE(20);
  const chunks = new Map<string, ChunkValue>();
  let at = 24;
  for (let i = 0; i < count; i++) {
    if (at + 24 > file.length) throw new SnapshotError('corrupt', 'is cut short');
    const nameLength = file.readUInt32LE(at);
    const kind = file.readUInt32LE(at + 4);
    const checksum = file.readUInt32LE(at + 8);
    const length = file.readDoubleLE(at + 16);
    at += 24;
    const name = file.toString('utf8', at, at + nameLength);
    at += nameLength + padding(nameLength);
    if (!Number.isInteger(length) || length < 0 || at + length > file.length)
      throw new SnapshotError('corrupt', `is cut short in ${name}`);
    const data = file.subarray(at, at + length);
    if (crc32(data) !== checksum) throw new SnapshotError('corrupt', `has a damaged part (${name})`);
    at += length + padding(length);
    const offset = data.byteOffset;
    const buffer = data.buffer;
    if (kind === KIND.text) chunks.set(name, data.toString('utf8'));
    else if (kind === KIND.u16) chunks.set(name, new Uint16Array(buffer, offset, length / 2));
    else if (kind === KIND.u32) chunks.set(name, new Uint32Array(buffer, offset, length / 4));
    else if (kind === KIND.bytes) chunks.set(name, new Uint8Array(buffer, offset, length));
    else throw new SnapshotError('corrupt', `has a part of unknown kind (${name})`);
  }
  return chunks;
}
