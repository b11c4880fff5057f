/**
 * Replicas sharing one collection through the state store: a document added, changed or removed in
 * one replica's data folder is answered (or no longer answered) by another replica whose folder
 * never held it, and both end on the same corpus version.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ask } from '../src/core/ask.js';
import { openCorpus } from '../src/core/open-corpus.js';
import { CorpusSync } from '../src/corpus-sync.js';
import { CorpusWatcher } from '../src/corpus-watcher.js';
import { createLogger } from '../src/logger.js';
import type { StateStore } from '../src/store/state-store.js';
import { dataFolder } from './helpers.js';
import { engines } from './store/engines.js';

const log = createLogger('silent');
const PORT_REPORT = '---\ntitle: Port\n---\n\nThe port of Odesa reopened for grain ships on Monday.';

describe.each(await engines())('a collection shared by replicas on $name', (engine) => {
  const running: { store: StateStore; sync: CorpusSync }[] = [];
  afterEach(async () => {
    for (const { store, sync } of running.splice(0)) {
      await sync.stop();
      await store.close();
    }
  });

  /** One replica: its own folder, corpus, watcher and connection to the shared store. */
  async function replica(place: string, files: Record<string, string>) {
    const folder = dataFolder(files);
    const { corpus } = await openCorpus(folder);
    const store = await engine.open(place);
    const sync = new CorpusSync({ store, corpus, dataDir: folder, log, pollMs: 60_000 });
    const watcher = new CorpusWatcher({
      dataDir: folder,
      corpus,
      log,
      onChange: (change) => sync.folderChanged(change),
      fromFolder: sync.fromFolder,
    });
    running.push({ store, sync });
    await sync.start();
    return { folder, corpus, sync, watcher };
  }

  it('GIVEN a document added to one replica THEN the other answers it; changed, it answers the new text; removed, nothing', async () => {
    const place = await engine.place();
    const a = await replica(place, { 'port.md': PORT_REPORT });
    const b = await replica(place, { 'talks.md': 'Talks\n\nTruce talks resumed in Geneva.' });
    // Joining: B took A's document, and A takes B's at its next poll.
    await a.sync.poll();
    expect(a.corpus.documents.map((document) => document.id).sort()).toEqual(['port', 'talks']);
    expect(b.corpus.version).toBe(a.corpus.version);

    writeFileSync(
      join(a.folder, 'grain.md'),
      'Grain\n\nThe Black Sea grain corridor reopened after talks in Istanbul.',
    );
    await a.watcher.rescan();
    // Not yet polled: B cannot quote the grain report (it may quote its own port report, about grain ships).
    expect(ask(b.corpus, 'grain corridor Istanbul').answers.map((answer) => answer.citation.document)).not.toContain(
      'grain',
    );
    await b.sync.poll();
    expect(ask(b.corpus, 'grain corridor Istanbul').answers[0]?.citation.document).toBe('grain');
    expect(b.corpus.version).toBe(a.corpus.version);

    writeFileSync(
      join(a.folder, 'grain.md'),
      'Grain\n\nThe grain corridor closed again after a drone strike in Izmail.',
    );
    await a.watcher.rescan();
    await b.sync.poll();
    expect(ask(b.corpus, 'drone strike Izmail').answers[0]?.citation.document).toBe('grain');
    expect(ask(b.corpus, 'corridor Istanbul talks').answers.map((answer) => answer.citation.document)).not.toContain(
      'grain',
    );

    rmSync(join(a.folder, 'grain.md'));
    await a.watcher.rescan();
    await b.sync.poll();
    expect(b.corpus.document('grain')).toBeUndefined();
    // B's own watcher keeps A's documents: they never were in B's folder, and are not removed from it.
    await b.watcher.rescan();
    expect(b.corpus.document('port')).toBeDefined();
    expect(b.corpus.version).toBe(a.corpus.version);
  });

  it('GIVEN a replica starting after changes were published THEN it takes the whole collection at once', async () => {
    const place = await engine.place();
    const a = await replica(place, { 'port.md': PORT_REPORT });
    writeFileSync(
      join(a.folder, 'grain.md'),
      'Grain\n\nThe Black Sea grain corridor reopened after talks in Istanbul.',
    );
    await a.watcher.rescan();
    const late = await replica(place, { 'talks.md': 'Talks\n\nTruce talks resumed in Geneva.' });
    expect(late.corpus.documents.map((document) => document.id).sort()).toEqual(['grain', 'port', 'talks']);
    await a.sync.poll();
    expect(late.corpus.version).toBe(a.corpus.version);
  });
});
