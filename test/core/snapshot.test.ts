/**
 * The corpus snapshot under STATE_DIR: saved after a build, loaded when the files are unchanged,
 * brought up to date when they changed while the bot was stopped, and rebuilt (with a note) when
 * damaged or of an older format. A corpus loaded from a snapshot and then changed answers exactly
 * as one built from the files.
 */
import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ask } from '../../src/core/ask.js';
import type { Corpus, CorpusParts } from '../../src/core/corpus.js';
import { openCorpus, saveCorpusSnapshot, snapshotPath } from '../../src/core/open-corpus.js';
import { buildIndexParts } from '../../src/core/search-index.js';
import { buildTimeline } from '../../src/core/timeline/timeline.js';
import { dataFolder } from '../helpers.js';

const states: string[] = [];
afterEach(() => {
  for (const folder of states.splice(0)) rmSync(folder, { recursive: true, force: true });
});
function stateFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'briefbot-state-'));
  states.push(folder);
  return folder;
}

const report = (title: string, published: string, body: string): string =>
  `---\ntitle: ${title}\npublished: ${published}\n---\n\n${title}\n\n${body}\n`;

/** A report added to the folder while the bot is stopped. */
const PORT_REPORT = report(
  'Port strike ends',
  '2025-06-01',
  'Dock workers in Veridia ended their strike on May 30, 2025. The harbour reopened to ships the next day.',
);

const FILES = {
  'harbour.md': report(
    'Harbour repairs approved',
    '2025-02-20',
    'The council of Veridia approved the harbour repairs on February 18, 2025. The work will cost 4 million euros, the mayor said. This budget is the largest since 2019.',
  ),
  'floods.md': report(
    'Floods close the coastal road',
    '2025-03-02',
    'Heavy rain flooded the coastal road near Ostrava on March 1, 2025. The North Atlantic Treaty Organization (NATO) sent engineers. They rebuilt the bridge within a week.',
  ),
  'school.md': report(
    'New school opens in Lindholm',
    '2025-04-10',
    'A new primary school opened in Lindholm on April 7, 2025. It has room for 400 pupils. Teachers welcomed the larger classrooms.',
  ),
  'notes/market.md': report(
    'Fish market moves',
    '2025-05-05',
    'The fish market moved to the old harbour hall in May 2025. Traders complained about the higher rents.',
  ),
};

const QUESTIONS = [
  'how much will the harbour repairs cost',
  'who sent engineers to the coastal road',
  'how many pupils does the school in Lindholm hold',
  'what did traders complain about',
  'when did the floods close the road',
  'harbur repairs', // a typo
  'what did NATO do after the floods',
  'what did the new bakery sell', // nothing answers
];

/** Everything a user sees of a corpus: answers to fixed questions, and the timeline. */
function answersOf(corpus: Corpus): unknown {
  return {
    asks: QUESTIONS.map((question) => ask(corpus, question)),
    timeline: buildTimeline(corpus),
    topic: buildTimeline(corpus, { topic: 'harbour' }),
    documents: corpus.documents,
    claims: corpus.claimCount,
  };
}

describe('the corpus snapshot', () => {
  it('GIVEN a first start THEN the corpus is built and saved; GIVEN a second THEN it is loaded and answers the same', async () => {
    const folder = dataFolder(FILES);
    const state = stateFolder();
    const first = await openCorpus(folder, { stateDir: state });
    expect(first.snapshot).toMatchObject({ loaded: false, path: snapshotPath(state, folder) });
    expect(first.snapshot!.savedBytes).toBeGreaterThan(0);
    const second = await openCorpus(folder, { stateDir: state });
    expect(second.snapshot).toMatchObject({ loaded: true, changes: { added: 0, changed: 0, removed: 0 } });
    expect(second.snapshot!.problem).toBeUndefined();
    expect(answersOf(second.corpus)).toEqual(answersOf(first.corpus));
    expect(
      ask(second.corpus, 'how much will the harbour repairs cost')
        .answers.map((a) => a.text)
        .join(' '),
    ).toMatch(/4 million euros/);
  });

  it('GIVEN two data folders THEN each has its own snapshot', async () => {
    const state = stateFolder();
    const a = dataFolder({ 'a.md': FILES['harbour.md'] });
    const b = dataFolder({ 'b.md': FILES['school.md'] });
    expect(snapshotPath(state, a)).not.toBe(snapshotPath(state, b));
    await openCorpus(a, { stateDir: state });
    const fromB = await openCorpus(b, { stateDir: state });
    expect(fromB.snapshot!.loaded).toBe(false);
    expect(fromB.corpus.documents.map((document) => document.id)).toEqual(['b']);
  });

  it('GIVEN a damaged snapshot THEN it is not trusted: rebuilt from the documents with a note, and saved anew', async () => {
    const folder = dataFolder(FILES);
    const state = stateFolder();
    const built = answersOf((await openCorpus(folder, { stateDir: state })).corpus);
    const path = snapshotPath(state, folder);
    const bytes = readFileSync(path);
    bytes[Math.floor(bytes.length / 2)] = bytes[Math.floor(bytes.length / 2)]! ^ 0xff;
    writeFileSync(path, bytes);
    const damaged = await openCorpus(folder, { stateDir: state });
    expect(damaged.snapshot!.loaded).toBe(false);
    expect(damaged.snapshot!.problem).toMatch(/damaged part.*rebuilding it from the documents/);
    expect(answersOf(damaged.corpus)).toEqual(built);
    expect((await openCorpus(folder, { stateDir: state })).snapshot).toMatchObject({ loaded: true });

    writeFileSync(path, bytes.subarray(0, 100));
    expect((await openCorpus(folder, { stateDir: state })).snapshot!.problem).toMatch(
      /cut short|damaged|not a briefbot snapshot/,
    );
    writeFileSync(path, 'not a snapshot at all');
    expect((await openCorpus(folder, { stateDir: state })).snapshot!.problem).toMatch(/not a briefbot snapshot/);
  });

  it('GIVEN a snapshot of an older format THEN it is rebuilt with a note naming both formats', async () => {
    const folder = dataFolder(FILES);
    const state = stateFolder();
    await openCorpus(folder, { stateDir: state });
    const path = snapshotPath(state, folder);
    const bytes = readFileSync(path);
    bytes.writeUInt32LE(0, 16); // the format version
    writeFileSync(path, bytes);
    const old = await openCorpus(folder, { stateDir: state });
    expect(old.snapshot!.loaded).toBe(false);
    expect(old.snapshot!.problem).toMatch(/is format 0, this briefbot reads format \d+/);
    expect(
      ask(old.corpus, 'how much will the harbour repairs cost')
        .answers.map((a) => a.text)
        .join(' '),
    ).toMatch(/4 million euros/);
  });

  it('GIVEN a document changed while the bot was stopped THEN the next start serves its new text, not the old', async () => {
    const folder = dataFolder(FILES);
    const state = stateFolder();
    await openCorpus(folder, { stateDir: state });
    writeFileSync(
      join(folder, 'harbour.md'),
      report(
        'Harbour repairs approved',
        '2025-02-20',
        'The council of Veridia approved the harbour repairs on February 18, 2025. The work will cost 9 million euros after all, the mayor said.',
      ),
    );
    const restarted = await openCorpus(folder, { stateDir: state });
    expect(restarted.snapshot).toMatchObject({ loaded: true, changes: { added: 0, changed: 1, removed: 0 } });
    const answer = ask(restarted.corpus, 'how much will the harbour repairs cost')
      .answers.map((a) => a.text)
      .join(' ');
    expect(answer).toMatch(/9 million euros/);
    expect(answer).not.toMatch(/4 million euros/);
    // The change itself was saved: the start after that has nothing to apply.
    expect((await openCorpus(folder, { stateDir: state })).snapshot).toMatchObject({
      loaded: true,
      changes: { added: 0, changed: 0, removed: 0 },
    });
  });

  it('GIVEN documents added, changed and removed after a snapshot THEN the corpus answers exactly as a full rebuild', async () => {
    const folder = dataFolder(FILES);
    const state = stateFolder();
    await openCorpus(folder, { stateDir: state });
    writeFileSync(join(folder, 'port.md'), PORT_REPORT);
    writeFileSync(
      join(folder, 'school.md'),
      report(
        'New school opens in Lindholm',
        '2025-04-10',
        'A new primary school opened in Lindholm on April 7, 2025. It has room for 650 pupils.',
      ),
    );
    unlinkSync(join(folder, 'floods.md'));
    const incremental = await openCorpus(folder, { stateDir: state });
    expect(incremental.snapshot).toMatchObject({ loaded: true, changes: { added: 1, changed: 1, removed: 1 } });
    const rebuilt = await openCorpus(folder);
    expect(answersOf(incremental.corpus)).toEqual(answersOf(rebuilt.corpus));
    // And live, in the running corpus (the watcher's path): remove and add again, same answers.
    const live = (await openCorpus(folder, { stateDir: state })).corpus;
    live.remove('harbour');
    expect(ask(live, 'how much will the harbour repairs cost').answers.map((a) => a.citation.document)).not.toContain(
      'harbour',
    );
    const { loadDocument } = await import('../helpers.js');
    live.add(await loadDocument(folder, 'harbour'));
    expect(answersOf(live)).toEqual(answersOf(rebuilt.corpus));
  });

  it('GIVEN a snapshot holding the merged /timeline events and documents changed while stopped THEN the timeline equals a full rebuild', async () => {
    // Two reports of one approval (merged into one event across documents), then one of them changes.
    const wire = (cost: string): string =>
      report(
        'Veridia council backs harbour repairs',
        '2025-02-21',
        `The Veridia council approved the harbour repairs on February 18, 2025, officials said. ${cost}`,
      );
    const folder = dataFolder({ ...FILES, 'wire.md': wire('The repairs will cost 4 million euros.') });
    const state = stateFolder();
    const built = (await openCorpus(folder, { stateDir: state })).corpus;
    const merged = buildTimeline(built).events.find((event) => event.date === '2025-02-18');
    expect(merged?.citations.map((citation) => citation.document).sort()).toEqual(['harbour', 'wire']);
    saveCorpusSnapshot(built, state, folder); // as the bot does when it stops
    const loaded = await openCorpus(folder, { stateDir: state });
    expect(loaded.snapshot).toMatchObject({ loaded: true, changes: { added: 0, changed: 0, removed: 0 } });
    expect(buildTimeline(loaded.corpus)).toEqual(buildTimeline(built));

    writeFileSync(join(folder, 'wire.md'), wire('Divers will inspect the harbour walls before the work.'));
    writeFileSync(join(folder, 'port.md'), PORT_REPORT);
    unlinkSync(join(folder, 'school.md'));
    const incremental = await openCorpus(folder, { stateDir: state });
    expect(incremental.snapshot).toMatchObject({ loaded: true, changes: { added: 1, changed: 1, removed: 1 } });
    const rebuilt = (await openCorpus(folder)).corpus;
    expect(buildTimeline(incremental.corpus)).toEqual(buildTimeline(rebuilt));
    expect(buildTimeline(incremental.corpus, { limit: 2 })).toEqual(buildTimeline(rebuilt, { limit: 2 }));
    expect(buildTimeline(incremental.corpus).events.map((event) => event.date)).not.toContain('2025-04-07');
    // And live, in the running corpus (the watcher's path), after the events were merged once.
    const live = incremental.corpus;
    live.remove('wire');
    live.remove('port');
    expect(buildTimeline(live).events.map((event) => event.date)).not.toContain('2025-05-30');
    const { loadDocument } = await import('../helpers.js');
    live.add(await loadDocument(folder, 'port'));
    live.add(await loadDocument(folder, 'wire'));
    expect(buildTimeline(live)).toEqual(buildTimeline(rebuilt));
  });

  it('GIVEN sentences enough to stay in the snapshot file THEN a loaded and changed corpus answers as a full rebuild', async () => {
    // About 1.5 MB of sentences: over the size (1 MB) at which they are read from the file, not memory.
    const places = ['Veridia', 'Lindholm', 'Ostrava', 'Marrow', 'Kessel', 'Tarn'];
    const goods = ['grain', 'timber', 'copper', 'salt', 'wool', 'coal', 'glass', 'iron'];
    const bulk: Record<string, string> = {};
    for (let d = 0; d < 70; d++) {
      const sentences = Array.from({ length: 120 }, (_, i) => {
        const place = places[(d + i) % places.length];
        const good = goods[(d * 3 + i) % goods.length];
        return `Ledger ${d}-${i} of ${place} records ${100 + ((d * 131 + i * 17) % 900)} tonnes of ${good} shipped by the guild of district ${d * 120 + i}, as the harbour master noted in the quarterly account.`;
      });
      bulk[`ledgers/ledger-${d}.md`] = report(`Ledger book ${d}`, '2025-01-15', sentences.join(' '));
    }
    const folder = dataFolder({ ...FILES, ...bulk });
    const state = stateFolder();
    const questions = [
      'how many tonnes did the guild of district 4321 ship',
      'how much will the harbour repairs cost',
      'who sent engineers to the coastal road',
    ];
    const asked = (corpus: Corpus): unknown => questions.map((question) => ask(corpus, question));
    const built = await openCorpus(folder, { stateDir: state });
    expect(built.snapshot!.savedBytes).toBeGreaterThan(2 ** 20);
    const loaded = await openCorpus(folder, { stateDir: state });
    expect(loaded.snapshot).toMatchObject({ loaded: true });
    expect(asked(loaded.corpus)).toEqual(asked(built.corpus));
    expect(ask(loaded.corpus, questions[0]!).answers[0]!.text).toMatch(/^Ledger 36-1 of .* district 4321, as/);
    writeFileSync(
      join(folder, 'ledgers/ledger-1.md'),
      report('Ledger book 1', '2025-01-15', 'The guild of district 4321 shipped 77 tonnes of amber.'),
    );
    unlinkSync(join(folder, 'ledgers/ledger-2.md'));
    const changed = await openCorpus(folder, { stateDir: state });
    expect(changed.snapshot).toMatchObject({ loaded: true, changes: { added: 0, changed: 1, removed: 1 } });
    expect(asked(changed.corpus)).toEqual(asked((await openCorpus(folder)).corpus));
  });

  it('GIVEN dated mentions enough to stay in the snapshot file THEN a restart reads them for its first /timeline, which equals the one before', async () => {
    const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October'];
    const bulk: Record<string, string> = {};
    for (let d = 0; d < 100; d++) {
      const sentences = Array.from(
        { length: 100 },
        (_, i) =>
          `On ${months[(d + i) % months.length]} ${1 + ((d * 7 + i) % 28)}, ${2000 + ((d + i) % 20)}, the guild of district ${d * 100 + i} shipped ${10 + i} tonnes of grain.`,
      );
      bulk[`ledgers/ledger-${d}.md`] = report(`Ledger book ${d}`, '2025-01-15', sentences.join(' '));
    }
    const folder = dataFolder({ ...FILES, ...bulk });
    const state = stateFolder();
    const { corpus, snapshot } = await openCorpus(folder, { stateDir: state });
    const before = buildTimeline(corpus);
    const withDates = saveCorpusSnapshot(corpus, state, folder);
    // Over a megabyte of dated mentions: over the size (1 MB) at which a part is read from the file, not memory.
    expect(withDates - snapshot!.savedBytes!).toBeGreaterThan(2 ** 20);
    const loaded = await openCorpus(folder, { stateDir: state });
    expect(loaded.snapshot).toMatchObject({ loaded: true });
    const after = buildTimeline(loaded.corpus);
    expect(after.matched).toBe(before.matched);
    expect(after.events.map((event) => [event.date, event.text, event.citations.map((c) => c.claim)])).toEqual(
      before.events.map((event) => [event.date, event.text, event.citations.map((c) => c.claim)]),
    );
    expect(loaded.corpus.mentionsAdded).toBe(false); // nothing dated again
  }, 60_000);

  it('GIVEN a corpus loaded from its snapshot, then one with a document added, then one removed THEN the index saved each time is what a full build over the saved claims gives', async () => {
    const folder = dataFolder(FILES);
    const state = stateFolder();
    await openCorpus(folder, { stateDir: state });
    const { corpus } = await openCorpus(folder, { stateDir: state });
    // The index's parts as plain numbers (a loaded part may be a Buffer, a built one a Uint8Array).
    const plain = (value: unknown): unknown =>
      ArrayBuffer.isView(value)
        ? Array.from(value as Uint8Array)
        : Array.isArray(value)
          ? value.map(plain)
          : typeof value === 'object' && value !== null
            ? Object.fromEntries(Object.entries(value).map(([name, part]) => [name, plain(part)]))
            : value;
    const rebuiltFrom = (parts: CorpusParts): unknown => {
      const { termStart } = parts.columns;
      const termIds = parts.columns.termIds as Uint32Array;
      return plain(
        buildIndexParts(parts.index.terms, parts.columns.documentSlot.length, (key) =>
          termIds.subarray(termStart[key], termStart[key + 1]),
        ),
      );
    };
    const unchanged = corpus.parts(); // no claim changed key: the loaded index is kept as it is
    expect(plain(unchanged.index)).toEqual(rebuiltFrom(unchanged));
    const { loadDocument } = await import('../helpers.js');
    writeFileSync(join(folder, 'port.md'), PORT_REPORT);
    corpus.add(await loadDocument(folder, 'port'));
    const added = corpus.parts();
    expect(plain(added.index)).toEqual(rebuiltFrom(added));
    corpus.remove('harbour');
    const removed = corpus.parts();
    expect(plain(removed.index)).toEqual(rebuiltFrom(removed));
    expect(removed.columns.documentSlot.length).toBe(unchanged.columns.documentSlot.length - 4 + 3);
  });

  it('GIVEN no state folder THEN nothing is saved', async () => {
    const { snapshot } = await openCorpus(dataFolder(FILES));
    expect(snapshot).toBeUndefined();
  });
});
