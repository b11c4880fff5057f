/**
 * A state file that cannot be used never stops the bot and never loses subscriptions silently:
 * the store opens anyway, says what is wrong and how to fix it, refuses every operation with
 * STATE_UNAVAILABLE, and leaves a damaged file exactly as it was.
 */
import Database from 'better-sqlite3';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { describeStateFault } from '../../src/store/state-fault.js';
import { SqliteStateStore as StateStore } from '../../src/store/sqlite-state-store.js';
import type { Subscription } from '../../src/store/state-store.js';
import { dataFolder, discordSubscription } from '../helpers.js';

const subscription = (n: number): Subscription =>
  discordSubscription(`11000000000000000${n}`, { timezone: 'Europe/Kyiv' });

/** A state file holding some subscriptions, checkpointed and closed (so its pages are in the file). */
async function stateFileWithSubscriptions(): Promise<string> {
  const path = join(dataFolder({}), 'briefbot.sqlite');
  const store = StateStore.open(path);
  for (let n = 10; n < 70; n++) await store.saveSubscription(subscription(n));
  await store.close();
  return path;
}

function overwrite(path: string, offset: number, bytes: Buffer): void {
  const fd = openSync(path, 'r+');
  writeSync(fd, bytes, 0, bytes.length, offset);
  closeSync(fd);
}

async function refusal(work: () => Promise<unknown>): Promise<UserError> {
  try {
    await work();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected the operation to be refused');
}

describe('state file faults', () => {
  it('GIVEN a damaged data page THEN the store opens, says the file is damaged and how to fix it, and writes nothing over it', async () => {
    const path = await stateFileWithSubscriptions();
    overwrite(path, 2 * 4096, Buffer.alloc(4096, 0xab));
    const damaged = readFileSync(path);
    const store = StateStore.open(path);
    expect(store.problem).toMatch(/state file .*briefbot\.sqlite is damaged/);
    expect(store.problem).toMatch(/left untouched, subscriptions included.*Restore it from a backup/);
    const refused = await refusal(() => store.subscriptions());
    expect(refused.code).toBe('STATE_UNAVAILABLE');
    expect(refused.message).toMatch(/^Digests are unavailable: the state file .* is damaged/);
    expect((await refusal(() => store.saveSubscription(subscription(99)))).code).toBe('STATE_UNAVAILABLE');
    await store.close();
    expect(readFileSync(path).equals(damaged)).toBe(true);
  });

  it('GIVEN a damaged header THEN the problem says the file is not a database, and it is kept as it was', async () => {
    const path = await stateFileWithSubscriptions();
    overwrite(path, 0, Buffer.from('this is not what SQLite wrote'));
    const damaged = readFileSync(path);
    const store = StateStore.open(path);
    expect(store.problem).toMatch(/is damaged \(file is not a database\)/);
    await store.close();
    expect(readFileSync(path).equals(damaged)).toBe(true);
  });

  it('GIVEN a state file emptied to 0 bytes THEN the store does not start afresh silently: it says the subscriptions are gone', async () => {
    const path = join(dataFolder({}), 'briefbot.sqlite');
    writeFileSync(path, '');
    const store = StateStore.open(path);
    expect(store.problem).toMatch(
      /is empty \(0 bytes\), so its subscriptions are gone.*Restore it from a backup, or delete it/,
    );
    expect((await refusal(() => store.subscriptions())).code).toBe('STATE_UNAVAILABLE');
    expect(readFileSync(path)).toHaveLength(0);
  });

  it('GIVEN STATE_DIR under a file THEN the problem names the folder and says what to set; once fixed, digests resume', async () => {
    const blocker = join(dataFolder({ 'not-a-folder': 'x' }), 'not-a-folder');
    const store = StateStore.open(join(blocker, 'state', 'briefbot.sqlite'));
    expect(store.problem).toMatch(/not a folder \(ENOTDIR\): set STATE_DIR to a folder the bot can write/);
    expect((await refusal(() => store.subscriptions())).code).toBe('STATE_UNAVAILABLE');
    // The operator fixes it while the bot runs: the next operation opens the file.
    rmSync(blocker);
    mkdirSync(blocker);
    expect(await store.subscriptions()).toEqual([]);
    expect(store.problem).toBeUndefined();
    await store.close();
  });

  it('GIVEN a full disk or a read-only file (real SQLite errors) THEN each gets a sentence saying what to do', async () => {
    const folder = dataFolder({});
    const path = join(folder, 'small.sqlite');
    const full = new Database(path);
    full.pragma('max_page_count = 2');
    let fullError: unknown;
    try {
      full.exec('CREATE TABLE a (x); INSERT INTO a VALUES (randomblob(20000))');
    } catch (error) {
      fullError = error;
    }
    full.close();
    expect(describeStateFault(fullError, path)).toMatch(
      /disk holding .* is full .*free some space; subscriptions are kept/,
    );

    const readOnly = new Database(path, { readonly: true });
    let readOnlyError: unknown;
    try {
      readOnly.exec('CREATE TABLE b (x)');
    } catch (error) {
      readOnlyError = error;
    }
    readOnly.close();
    expect(describeStateFault(readOnlyError, path)).toMatch(
      /cannot write the state file .*SQLITE_READONLY.*give it write access to .*or set STATE_DIR/,
    );
  });

  it('GIVEN a healthy file THEN it has no problem and keeps its subscriptions across a reopen', async () => {
    const path = await stateFileWithSubscriptions();
    const store = StateStore.open(path);
    expect(store.problem).toBeUndefined();
    expect(await store.subscriptions()).toHaveLength(60);
    await store.close();
  });
});
