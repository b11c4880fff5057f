/**
 * `npm start` runs the bundle in dist/ with plain Node (built by `npm run build` first): built from
 * the sources, it answers on the console from the bundled article with the word vectors and the
 * learned ranker found from dist/, as a fresh clone would run it.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

describe('npm start (the bundle under plain Node)', () => {
  it('GIVEN a fresh build THEN the console answers from the bundled article, with the word vectors loaded', () => {
    const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
    expect(build.status, build.stderr).toBe(0);

    const run = spawnSync(process.execPath, ['dist/main.js'], {
      cwd: ROOT,
      input: '/ask what is the NATO condition\n',
      env: { ...process.env, DATA_DIR: '', STATE_DIR: '', LOG_LEVEL: 'warn' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('North Atlantic Treaty Organization');
    // Neither missing word vectors nor a missing ranker file: both are found from dist/.
    expect(run.stderr).not.toMatch(/word-vectors|ranker\.json/);
  }, 90_000);
});
