/**
 * The snapshot file format: large chunks left on disk are read a range at a time and checked block
 * by block when first read; a damaged block fails that read and removes the file (so the next start
 * rebuilds it), while small chunks are still checked whole at load.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  FileBytes,
  readChunks,
  readingInOrder,
  SnapshotError,
  writeChunks,
} from '../../../src/core/store/snapshot-file.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A 3 MB chunk of known, non-repeating bytes and two small ones. */
function writeSample(): { path: string; large: Uint8Array } {
  const folder = mkdtempSync(join(tmpdir(), 'briefbot-snapshot-file-'));
  folders.push(folder);
  const path = join(folder, 'sample.snapshot');
  let state = 1;
  const large = Uint8Array.from({ length: 3 * 2 ** 20 }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state >>> 24;
  });
  writeChunks(path, 9, [
    ['small', Uint32Array.from([1, 2, 3])],
    ['large', large],
    ['note', 'hello'],
  ]);
  return { path, large };
}

describe('the snapshot file', () => {
  it('GIVEN a large chunk left on disk THEN ranges read back as written, across block boundaries', () => {
    const { path, large } = writeSample();
    const chunks = readChunks(path, 9, (name) => name === 'large');
    const onDisk = chunks.get('large');
    expect(onDisk).toBeInstanceOf(FileBytes);
    expect((onDisk as FileBytes).length).toBe(large.length);
    const start = 64 * 1024 - 10; // spans two blocks
    expect([...(onDisk as FileBytes).read(start, 20)]).toEqual([...large.subarray(start, start + 20)]);
    expect(chunks.get('small')).toEqual(Uint32Array.from([1, 2, 3]));
    expect(chunks.get('note')).toBe('hello');
  });

  it('GIVEN the chunk read in order, a block at a time THEN every range reads back as written, and a damaged block still fails', () => {
    const { path, large } = writeSample();
    const bytes = readFileSync(path);
    const damagedAt = bytes.indexOf(Buffer.from(large.subarray(2 * 2 ** 20, 2 * 2 ** 20 + 64)));
    bytes[damagedAt + 5] = bytes[damagedAt + 5]! ^ 0xff;
    writeFileSync(path, bytes);
    const onDisk = readChunks(path, 9, (name) => name === 'large').get('large') as FileBytes;
    readingInOrder(() => {
      // Ranges of 1-300 bytes walking the first 2 MB: inside blocks and across their boundaries.
      for (let offset = 0, step = 1; offset + step < 2 * 2 ** 20; offset += step, step = (step * 7) % 300 || 1)
        expect(Buffer.from(onDisk.read(offset, step)).equals(Buffer.from(large.subarray(offset, offset + step)))).toBe(
          true,
        );
      expect(() => onDisk.read(2 * 2 ** 20 + 5, 1)).toThrow(/damaged part \(large\)/);
    });
  });

  it('GIVEN a damaged block in a chunk left on disk THEN reads elsewhere work, a read of it fails and the file is removed', () => {
    const { path, large } = writeSample();
    const bytes = readFileSync(path);
    const at = bytes.indexOf(Buffer.from(large.subarray(2 * 2 ** 20, 2 * 2 ** 20 + 64)));
    expect(at).toBeGreaterThan(0);
    bytes[at + 5] = bytes[at + 5]! ^ 0xff;
    writeFileSync(path, bytes);
    const chunks = readChunks(path, 9, (name) => name === 'large');
    const onDisk = chunks.get('large') as FileBytes;
    expect([...onDisk.read(100, 4)]).toEqual([...large.subarray(100, 104)]);
    expect(() => onDisk.read(2 * 2 ** 20 + 5, 1)).toThrow(SnapshotError);
    expect(() => onDisk.read(2 * 2 ** 20 + 5, 1)).toThrow(/damaged part \(large\)/);
    expect(existsSync(path)).toBe(false);
  });

  it('GIVEN the same damage and the chunk read into memory THEN the load itself refuses the file', () => {
    const { path, large } = writeSample();
    const bytes = readFileSync(path);
    const at = bytes.indexOf(Buffer.from(large.subarray(2 * 2 ** 20, 2 * 2 ** 20 + 64)));
    bytes[at + 5] = bytes[at + 5]! ^ 0xff;
    writeFileSync(path, bytes);
    expect(() => readChunks(path, 9)).toThrow(/damaged part \(large\)/);
  });

  it('GIVEN a chunk on disk copied into a new file THEN the new file holds the same bytes', () => {
    const { path, large } = writeSample();
    const copy = `${path}.copy`;
    writeChunks(
      copy,
      9,
      readChunks(path, 9, (name) => name === 'large'),
    );
    const again = readChunks(copy, 9).get('large') as Uint8Array;
    expect(Buffer.from(again).equals(Buffer.from(large))).toBe(true);
  });
});
