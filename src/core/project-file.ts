/**
 * Files shipped with the project (models/, data/, learned weights), found from the running code
 * wherever it runs from: src/ under tsx and tests, or the bundle in dist/ that `npm start` runs
 * with plain Node. The project root is the nearest folder above this module with a package.json.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

function projectRoot(): string {
  if (root === undefined) {
    let folder = dirname(fileURLToPath(import.meta.url));
    while (!existsSync(join(folder, 'package.json'))) {
      const parent = dirname(folder);
      if (parent === folder) throw new Error('cannot find the project folder (no package.json above the code)');
      folder = parent;
    }
    root = folder;
  }
  return root;
}

/** Absolute path of a file or folder given relative to the project root ("models/ranker.json"). */
export function projectFile(relative: string): string {
  return join(projectRoot(), relative);
}

/** Whether this code runs from the bundle (plain Node) rather than from the TypeScript sources. */
export const runsBundled = !import.meta.url.endsWith('.ts');
