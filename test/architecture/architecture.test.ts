/**
 * The dependency rules of the layout (check-dependencies.ts), over the real tree, and proved able
 * to fail: a fixture tree with a dynamic SDK import in the core, a type import of an SDK in a
 * renderer, an adapter importing another, and a type-level cycle must each be caught.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkDependencies } from './check-dependencies.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// dependency-cruiser parses the whole tree: give it room on a busy machine.
const SLOW = 60_000;

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(folder, file));
}

/**
 * A tree of files (path -> content) in a temporary folder inside the project, so that its imports
 * of discord.js or @slack/bolt resolve to the installed packages as the product's do.
 */
function fixtureTree(files: Record<string, string>): string {
  const root = mkdtempSync(join(ROOT, 'test', 'architecture', 'fixture-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

describe('architecture', () => {
  it('GIVEN the product THEN every import, static, dynamic or type-only, keeps the rules, and there is no cycle', {
    timeout: SLOW,
  }, async () => {
    expect(await checkDependencies(ROOT, ['src', 'commands'])).toEqual([]);
  });

  it('GIVEN a tree that breaks the rules only through dynamic and type imports THEN each break is reported', {
    timeout: SLOW,
  }, async () => {
    const root = fixtureTree({
      'src/core/ok.ts': 'export const ok = 1;\n',
      'src/core/lazy-sdk.ts': "export async function client(): Promise<unknown> {\n  return import('discord.js');\n}\n",
      'src/reply/typed-sdk.ts': "import type { KnownBlock } from '@slack/bolt';\nexport type Block = KnownBlock;\n",
      'src/core/first.ts': "import type { Second } from './second.js';\nexport interface First { next?: Second }\n",
      'src/core/second.ts': "import type { First } from './first.js';\nexport interface Second { back?: First }\n",
      'src/adapters/discord/uses-slack.ts':
        "import type { Helper } from '../slack/helper.js';\nexport type Mine = Helper;\n",
      'src/adapters/slack/helper.ts': 'export type Helper = string;\n',
      'src/adapters/platform-adapter.ts': 'export interface Shared { name: string }\n',
      'src/adapters/slack/shared-ok.ts':
        "import type { Shared } from '../platform-adapter.js';\nexport type Ok = Shared;\n",
    });
    let violations: Awaited<ReturnType<typeof checkDependencies>>;
    try {
      violations = await checkDependencies(root, ['src']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
    // Where a package resolved to, shortened to its name.
    const named = (path: string): string => path.replace(/^.*node_modules\/((@[^/]+\/)?[^/]+).*$/, '$1');
    const broken = violations.map(({ rule, from, to }) => `${rule}: ${from} -> ${named(to)}`).sort();
    // The SDKs resolved to the installed packages, exactly as in the product's own tree.
    const sdkTargets = violations.filter(({ to }) => /discord\.js|@slack/.test(to)).map(({ to }) => to);
    expect(sdkTargets.length).toBeGreaterThan(0);
    for (const to of sdkTargets) expect(to).toMatch(/node_modules\//);
    expect(broken).toEqual([
      'core-imports-no-platform-sdk: src/core/lazy-sdk.ts -> discord.js',
      'discord-sdk-only-in-its-adapter: src/core/lazy-sdk.ts -> discord.js',
      'no-adapter-imports-another: src/adapters/discord/uses-slack.ts -> src/adapters/slack/helper.ts',
      'no-cycles: src/core/first.ts -> src/core/second.ts',
      'reply-imports-only-core: src/reply/typed-sdk.ts -> @slack/bolt',
      'slack-sdk-only-in-its-adapter: src/reply/typed-sdk.ts -> @slack/bolt',
    ]);
  });

  it('GIVEN the whole product THEN only config.ts reads process.env', () => {
    const files = [...sourceFiles('src'), ...sourceFiles('commands')];
    const envReaders = files.filter((file) => /process\.env\b/.test(readFileSync(join(ROOT, file), 'utf8')));
    expect(envReaders).toEqual(['src/config.ts']);
  });

  it('GIVEN the product THEN it never reads the shared evaluation folder', () => {
    for (const file of [...sourceFiles('src'), ...sourceFiles('commands')]) {
      expect(readFileSync(join(ROOT, file), 'utf8'), file).not.toMatch(/shared\//);
    }
  });
});
