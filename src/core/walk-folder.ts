/**
 * Lists the document files of a data folder without trusting what the folder holds: only regular
 * files are read (a FIFO, device or socket would block or never end), a symbolic link is followed
 * only when it stays inside the folder, and each real folder is read once, so a link loop ends.
 */
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';
import type { LoadWarning } from './document.js';

const DOCUMENT_EXTENSIONS = new Set(['.md', '.markdown', '.txt']);

export function isDocumentName(name: string): boolean {
  return DOCUMENT_EXTENSIONS.has(extname(name).toLowerCase());
}

export interface FolderListing {
  /** Paths of document files inside the folder (relative, platform separators), sorted. */
  files: string[];
  /** Entries passed over that look like documents or folders, one warning each. */
  warnings: LoadWarning[];
}

const NOT_REGULAR = 'is not a regular file (a FIFO, device or socket): skipped';

function isInside(root: string, target: string): boolean {
  return target === root || target.startsWith(root.endsWith(sep) ? root : root + sep);
}

/** Walks a folder (recursively). Throws the readdir error of the folder itself. */
export async function walkFolder(dataDir: string): Promise<FolderListing> {
  const root = await realpath(dataDir);
  const files: string[] = [];
  const warnings: LoadWarning[] = [];
  const visited = new Set<string>([root]);

  const visit = async (absolute: string, relative: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(absolute, { withFileTypes: true });
    } catch (error) {
      if (relative === '') throw error;
      warnings.push({
        file: relative,
        problem: `is a folder that cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      });
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = relative === '' ? entry.name : join(relative, entry.name);
      // A name that is not UTF-8 (Latin-1 "café") comes back with U+FFFD and cannot be opened by it.
      if (entry.name.includes('\uFFFD')) {
        if (isDocumentName(entry.name) || entry.isDirectory())
          warnings.push({ file: path, problem: 'has a name that is not UTF-8: rename it' });
        continue;
      }
      const full = join(absolute, entry.name);
      if (entry.isDirectory()) {
        // A plain folder cannot loop, but a link may already have led into it.
        const real = await realpath(full).catch(() => full);
        if (visited.has(real)) continue;
        visited.add(real);
        await visit(full, path);
      } else if (entry.isFile()) {
        if (isDocumentName(entry.name)) files.push(path);
      } else if (entry.isSymbolicLink()) {
        await followLink(full, path);
      } else if (isDocumentName(entry.name)) {
        warnings.push({ file: path, problem: NOT_REGULAR });
      }
    }
  };

  const followLink = async (full: string, path: string): Promise<void> => {
    let target: string;
    try {
      target = await realpath(full);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      if (isDocumentName(path)) warnings.push({ file: path, problem: `cannot be read (${code})` });
      return;
    }
    if (!isInside(root, target)) {
      warnings.push({ file: path, problem: 'is a link out of the data folder: not followed' });
      return;
    }
    const stats = await stat(target).catch(() => undefined);
    if (stats?.isDirectory()) {
      if (visited.has(target)) {
        warnings.push({ file: path, problem: 'is a link to a folder already read (a loop): not followed' });
        return;
      }
      visited.add(target);
      await visit(target, path);
    } else if (isDocumentName(path)) {
      if (stats?.isFile()) files.push(path);
      else warnings.push({ file: path, problem: NOT_REGULAR });
    }
  };

  await visit(root, '');
  return { files: files.sort(), warnings };
}
