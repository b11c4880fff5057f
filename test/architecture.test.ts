/** The dependency rules of the layout, checked over the imports of every source file. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(folder, file));
}

function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+'([^']+)'/gms)].map((match) => match[1]!);
}

const PLATFORM_SDKS = /^(discord\.js|@discordjs\/|@slack\/)/;

describe('architecture', () => {
  it('GIVEN the core THEN it imports nothing of ours outside src/core and no platform SDK', () => {
    for (const file of sourceFiles('src/core')) {
      for (const specifier of importsOf(file)) {
        expect(PLATFORM_SDKS.test(specifier), `${file} imports ${specifier}`).toBe(false);
        if (specifier.startsWith('.')) expect(join(file, '..', specifier).startsWith('src/core'), `${file} imports ${specifier}`).toBe(true);
      }
    }
  });

  it('GIVEN the whole product THEN no product file imports minisearch (the index is our own; the bench keeps minisearch as its baseline), only logger.ts pino, only config.ts reads process.env', () => {
    const files = [...sourceFiles('src'), ...sourceFiles('commands')];
    const importing = (name: string): string[] => files.filter((file) => importsOf(file).includes(name));
    expect(importing('minisearch')).toEqual([]);
    expect(importing('pino')).toEqual(['src/logger.ts']);
    const envReaders = files.filter((file) => /process\.env\b/.test(readFileSync(join(ROOT, file), 'utf8')));
    expect(envReaders).toEqual(['src/config.ts']);
  });

  it('GIVEN the commands THEN they import no platform SDK and no adapter', () => {
    for (const file of sourceFiles('commands')) {
      for (const specifier of importsOf(file)) {
        expect(PLATFORM_SDKS.test(specifier) || specifier.includes('/adapters/'), `${file} imports ${specifier}`).toBe(false);
      }
    }
  });

  it('GIVEN the product THEN it never reads the shared evaluation folder', () => {
    for (const file of [...sourceFiles('src'), ...sourceFiles('commands')]) {
      expect(readFileSync(join(ROOT, file), 'utf8'), relative(ROOT, file)).not.toMatch(/shared\//);
    }
  });
});
