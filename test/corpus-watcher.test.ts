import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ask } from '../src/core/ask.js';
import { openCorpus } from '../src/core/open-corpus.js';
import { CorpusWatcher } from '../src/corpus-watcher.js';
import { createLogger } from '../src/logger.js';
import { dataFolder } from './helpers.js';

/** A folder of `files`, its corpus, and a started watcher that notes each change as "added c". */
async function watched(files: Record<string, string>) {
  const folder = dataFolder(files);
  const { corpus } = await openCorpus(folder);
  const changes: string[] = [];
  const watcher = new CorpusWatcher({
    dataDir: folder,
    corpus,
    log: createLogger('silent'),
    debounceMs: 50,
    retryMs: 100,
    onChange: ({ documentId, kind }) => void changes.push(`${kind} ${documentId}`),
  });
  watcher.start();
  return { folder, corpus, changes, watcher };
}

describe('the live corpus', () => {
  it('GIVEN a document that turns invalid THEN its last good version stays indexed, with a warning', async () => {
    const folder = dataFolder({ 'a.md': '---\ntitle: Port\n---\n\nThe port of Odesa reopened for grain ships.' });
    const { corpus } = await openCorpus(folder);
    let written = '';
    const log = createLogger(
      'warn',
      new Writable({ write: (chunk, _encoding, done) => ((written += String(chunk)), done()) }),
    );
    const watcher = new CorpusWatcher({ dataDir: folder, corpus, log });
    writeFileSync(join(folder, 'a.md'), '---\ntitle: [broken\n---\n\nHalf-written.');
    await watcher.rescan();
    expect(ask(corpus, 'Odesa port grain ships').answers[0]?.citation.document).toBe('a');
    expect(written).toMatch(/a\.md.*not valid YAML.*keeping its last good version/);
  });

  it('GIVEN a link out of the folder added while the bot runs THEN it is passed over with one warning, not one per rescan', async () => {
    const folder = dataFolder({ 'a.md': 'Alpha\n\nThe first report.' });
    const { corpus } = await openCorpus(folder);
    let written = '';
    const log = createLogger(
      'warn',
      new Writable({ write: (chunk, _encoding, done) => ((written += String(chunk)), done()) }),
    );
    const watcher = new CorpusWatcher({ dataDir: folder, corpus, log });
    symlinkSync('/etc/hostname', join(folder, 'host.md'));
    await watcher.rescan();
    await watcher.rescan();
    expect(written.match(/host\.md: it is a link out of the data folder: not followed/g)).toHaveLength(1);
    expect(corpus.documents.map((document) => document.id)).toEqual(['a']);
  });

  it('GIVEN a file event THEN the change is picked up after the debounce, only the changed document re-indexed', async () => {
    const { folder, corpus, changes, watcher } = await watched({
      'a.md': 'Alpha\n\nThe first report.',
      'b.md': 'Beta\n\nThe second report.',
    });
    try {
      writeFileSync(join(folder, 'c.md'), 'Gamma\n\nThe third report mentions Zaporizhzhia.');
      await expect.poll(() => changes, { timeout: 5_000 }).toEqual(['added c']);
      await watcher.settled();
      expect(ask(corpus, 'Zaporizhzhia').answers[0]?.citation.document).toBe('c');
    } finally {
      watcher.stop();
    }
  });

  it('GIVEN the data folder deleted and made again THEN the watcher finds it and picks up what it holds', async () => {
    const { folder, corpus, changes, watcher } = await watched({ 'a.md': 'Alpha\n\nThe first report.' });
    try {
      rmSync(folder, { recursive: true });
      await new Promise((resolve) => setTimeout(resolve, 500)); // the deletion's events are acted on
      await watcher.settled();
      mkdirSync(folder);
      writeFileSync(join(folder, 'b.md'), 'Beta\n\nThe second report mentions Zaporizhzhia.');
      await expect.poll(() => changes, { timeout: 5_000 }).toContain('added b');
      await watcher.settled();
      expect(ask(corpus, 'Zaporizhzhia').answers[0]?.citation.document).toBe('b');
    } finally {
      watcher.stop();
    }
  });
});
