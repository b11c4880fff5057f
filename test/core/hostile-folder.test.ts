/**
 * A data folder holding hostile entries: each one is passed over or bounded with exactly one
 * warning naming it, the good document still answers, and start-up does not hang (the test
 * timeout is the bound: before these limits a link loop or a FIFO hung for good, a 20,000-character
 * word kept start-up busy for minutes and a 1 MB hex blob ran out of memory).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ask } from '../../src/core/ask.js';
import { MAX_DOCUMENT_BYTES, readDocumentFile } from '../../src/core/load-documents.js';
import { openCorpus, snapshotPath } from '../../src/core/open-corpus.js';
import { buildTimeline } from '../../src/core/timeline/timeline.js';
import { dataFolder } from '../helpers.js';

const GOOD =
  '---\ntitle: Harbour report\npublished: 2025-02-20\n---\n\nThe council of Veridia met on February 20, 2025. It agreed a budget for the harbour repairs.\n';

const hexBlob = (bytes: number): string =>
  Array.from({ length: bytes }, (_, i) => '0123456789abcdef'[(i * 7919) % 16]).join('');

const cases: { name: string; make: (folder: string) => void; file: string; problem: RegExp }[] = [
  {
    name: 'a symlink loop',
    make: (d) => (mkdirSync(join(d, 'sub')), symlinkSync('..', join(d, 'sub', 'up'))),
    file: join('sub', 'up'),
    problem: /loop/,
  },
  {
    name: 'a FIFO',
    make: (d) => execFileSync('mkfifo', [join(d, 'pipe.md')]),
    file: 'pipe.md',
    problem: /not a regular file/,
  },
  {
    name: 'a link to /dev/zero',
    make: (d) => symlinkSync('/dev/zero', join(d, 'zero.md')),
    file: 'zero.md',
    problem: /link out of the data folder/,
  },
  {
    name: 'a file name that is not UTF-8',
    make: (d) =>
      writeFileSync(Buffer.concat([Buffer.from(`${d}/caf`), Buffer.from([0xe9]), Buffer.from('.md')]), 'Cafe\n\nText.'),
    file: 'caf\uFFFD.md',
    problem: /name that is not UTF-8: rename it/,
  },
  {
    name: 'a symlink out of the folder',
    make: (d) => symlinkSync('/etc/hostname', join(d, 'host.md')),
    file: 'host.md',
    problem: /link out of the data folder/,
  },
  {
    name: 'a 20,000-character token',
    make: (d) => writeFileSync(join(d, 'long.md'), `Long word\n\nIt reads ${'x'.repeat(20_000)} here.\n`),
    file: 'long.md',
    problem: /20000-character word.*not indexed/,
  },
  {
    name: 'a 1 MB hex blob',
    make: (d) => writeFileSync(join(d, 'hex.md'), `Blob\n\n${hexBlob(2 ** 20)}\n`),
    file: 'hex.md',
    problem: /1048576-character word.*not indexed/,
  },
  {
    name: 'a huge file',
    make: (d) => {
      const paragraph = 'The committee reviewed forty reports about roads and schools. '.repeat(20);
      writeFileSync(
        join(d, 'huge.md'),
        `Huge\n\n${`${paragraph}\n\n`.repeat(Math.ceil((12 * 2 ** 20) / paragraph.length))}`,
      );
    },
    file: 'huge.md',
    problem: /over the 2\.0 MB limit: only its first 2\.0 MB are indexed/,
  },
];

describe('a data folder with hostile entries', () => {
  for (const { name, make, file, problem } of cases) {
    it(`GIVEN ${name} THEN start-up passes over or bounds it with one warning and the good document answers`, async () => {
      const folder = dataFolder({ 'good.md': GOOD });
      make(folder);
      const { corpus, warnings } = await openCorpus(folder);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]!.file).toBe(file);
      expect(warnings[0]!.problem).toMatch(problem);
      expect(ask(corpus, 'what budget did the council of Veridia agree').answers[0]?.text).toMatch(/agreed a budget/);
      expect(buildTimeline(corpus, { topic: 'Veridia council' }).events.map((event) => event.date)).toContain(
        '2025-02-20',
      );
    }, 60_000);
  }

  it('GIVEN a huge file THEN only its first MAX_DOCUMENT_BYTES are read, cut at a line break', async () => {
    const folder = dataFolder({ 'good.md': GOOD });
    const line = 'The archive lists one more harbour crane inspection today.\n';
    writeFileSync(
      join(folder, 'big.md'),
      `Archive\n\n${line.repeat(Math.ceil((3 * MAX_DOCUMENT_BYTES) / line.length))}`,
    );
    const { corpus } = await openCorpus(folder);
    const claims = corpus.claimsOf('big');
    expect(claims.length).toBeGreaterThan(1000);
    expect(claims.length).toBeLessThan(MAX_DOCUMENT_BYTES / line.length + 2);
    expect(claims.at(-1)!.text).toBe(line.trim());
  }, 60_000);

  it('GIVEN a word over the limit THEN it is not indexed while the words around it are', async () => {
    const token = 'y'.repeat(20_000);
    const { corpus } = await openCorpus(
      dataFolder({ 'good.md': GOOD, 'long.md': `Long word\n\nThe inspectors wrote ${token} beside the crane.\n` }),
    );
    expect(ask(corpus, 'what did the inspectors write beside the crane').answers[0]?.citation.document).toBe('long');
    expect(ask(corpus, token.slice(0, 400)).answers).toEqual([]);
  }, 60_000);

  it('GIVEN a FIFO swapped in for a document after the folder walk THEN reading it does not wait for a writer', async () => {
    const folder = dataFolder({});
    execFileSync('mkfifo', [join(folder, 'late.md')]);
    // The walk saw a regular file here; opening the FIFO it became must not block (the timeout is the bound).
    expect(await readDocumentFile(join(folder, 'late.md'), 'late.md')).toEqual({
      file: 'late.md',
      problem: expect.stringMatching(/not a regular file/),
    });
  }, 10_000);

  for (const [name, make] of [
    ['a FIFO', (path: string) => execFileSync('mkfifo', [path])],
    ['a folder', (path: string) => mkdirSync(path)],
  ] as const) {
    it(`GIVEN ${name} where the snapshot should be THEN start-up rebuilds from the documents and says why`, async () => {
      const folder = dataFolder({ 'good.md': GOOD });
      const state = dataFolder({});
      mkdirSync(dirname(snapshotPath(state, folder)), { recursive: true });
      make(snapshotPath(state, folder));
      const { corpus, snapshot } = await openCorpus(folder, { stateDir: state });
      expect(snapshot?.problem).toMatch(/is not a regular file.*rebuilding it from the documents/);
      expect(ask(corpus, 'what budget did the council of Veridia agree').answers[0]?.text).toMatch(/agreed a budget/);
    }, 20_000);
  }
});
