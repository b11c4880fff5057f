/**
 * Reads every .md and .txt file of a folder into documents. A broken file is skipped with one
 * warning naming it and its problem; the others still load. A folder with no documents is an error.
 */
import { readdir, readFile } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import type { LoadWarning, SourceDocument } from './document.js';
import { UserError } from './errors.js';
import { splitFrontMatter } from './front-matter.js';

const DOCUMENT_EXTENSIONS = new Set(['.md', '.markdown', '.txt']);

export interface LoadResult {
  /** Documents that loaded, sorted by path. */
  documents: SourceDocument[];
  /** One entry per file that was skipped. */
  warnings: LoadWarning[];
}

/** Lists document files under a folder (recursively), sorted so ids and order are stable. */
export async function listDocumentFiles(dataDir: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(dataDir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'does not exist' : code === 'ENOTDIR' ? 'is not a folder' : `cannot be read (${code})`;
    throw new UserError('DATA_DIR_MISSING', `The data folder ${dataDir} ${reason}: point --data or DATA_DIR at a folder of .md or .txt documents.`);
  }
  return entries
    .filter((entry) => DOCUMENT_EXTENSIONS.has(extname(entry).toLowerCase()))
    .filter((entry) => !entry.split(sep).some((part) => part.startsWith('.')))
    .sort();
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Turns one file's bytes into a document, or says what is wrong with it. */
export function parseDocument(path: string, bytes: Uint8Array): SourceDocument | LoadWarning {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { file: path, problem: 'is not UTF-8 text: re-save it as UTF-8' };
  }
  text = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (text.trim() === '') return { file: path, problem: 'is empty' };
  const split = splitFrontMatter(text);
  if (!split.ok) return { file: path, problem: split.problem };
  const body = split.body.replace(/^\n+/, '').trimEnd();
  if (body.trim() === '') return { file: path, problem: 'has front matter but no text' };
  const { title, source, url, published, tags } = split.frontMatter;
  const firstLine = body.split('\n', 1)[0]!.replace(/^#+\s*/, '').trim();
  return {
    id: path.slice(0, path.length - extname(path).length).split(sep).join('/'),
    path: path.split(sep).join('/'),
    title: title ?? firstLine,
    titleFromFrontMatter: title !== undefined,
    ...(source ? { source } : {}),
    ...(url ? { url } : {}),
    ...(published ? { published } : {}),
    tags,
    body,
  };
}

function isWarning(result: SourceDocument | LoadWarning): result is LoadWarning {
  return 'problem' in result;
}

/** Runs `task` over items with at most `limit` at once (thousands of open files would exhaust handles). */
async function forEachLimited<T>(items: T[], limit: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      await task(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Loads every document of a folder. Throws a UserError when none loads. */
export async function loadDocuments(dataDir: string): Promise<LoadResult> {
  const files = await listDocumentFiles(dataDir);
  const documents: SourceDocument[] = [];
  const warnings: LoadWarning[] = [];
  await forEachLimited(files, 32, async (file, order) => {
      let bytes: Uint8Array;
      try {
        bytes = await readFile(join(dataDir, file));
      } catch (error) {
        warnings.push({ file, problem: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` });
        return;
      }
      const result = parseDocument(file, bytes);
      if (isWarning(result)) warnings.push(result);
      else documents[order] = result;
  });
  const loaded = documents.filter(Boolean);
  warnings.sort((a, b) => a.file.localeCompare(b.file));
  if (loaded.length === 0) {
    const skipped = warnings.length > 0 ? ` (${warnings.length} skipped: ${warnings.map((w) => `${w.file} ${w.problem}`).join('; ')})` : '';
    throw new UserError('NO_DOCUMENTS', `No documents to serve in ${relative(process.cwd(), dataDir) || dataDir}${skipped}: add .md or .txt files, or point --data or DATA_DIR at another folder.`);
  }
  return { documents: loaded, warnings };
}
