/**
 * `npm run bench [-- name ...]`: runs every `bench/*.bench.ts` in its own Node process, one after
 * another, so one section's heap and JIT state cannot colour the next one's figures. Names filter
 * the sections (`npm run bench -- ask` runs `ask.bench.ts` only).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const sections = readdirSync(here)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => wanted.length === 0 || wanted.some((filter) => name.startsWith(filter)))
  .sort();

let failed = 0;
for (const section of sections) {
  console.log(`\n== ${section} ==`);
  const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(here, section)], {
    stdio: 'inherit',
  });
  if (run.status !== 0) failed++;
}
process.exitCode = failed === 0 ? 0 : 1;
