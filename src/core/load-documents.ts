/**
 * Reads every .md and .txt file of a folder into documents. A broken file is skipped with one
 * warning naming it and its problem; the others still load. A folder with no documents is an error.
 */
import { createHash } from 'node:crypto';
import { constants, statSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, sep } from 'node:path';
import { LONGEST_HEADLINE } from './claims.js';
import type { LoadWarning, SourceDocument } from './document.js';
import { type UserError, userError } from './errors.js';
import { splitFrontMatter } from './front-matter.js';
import { MAX_TERM_LENGTH } from './terms.js';
import { walkFolder } from './walk-folder.js';

/** Largest document read whole; a bigger file is cut at its last line break before this size. */
export const MAX_DOCUMENT_BYTES = 2 * 2 ** 20;

export interface LoadResult {
  /** Documents that loaded, sorted by path. */
  documents: SourceDocument[];
  /** One entry per file skipped, or loaded with a caveat (cut, or a bad field left out). */
  warnings: LoadWarning[];
}

/** What walking a data folder found: document files, and warnings for entries passed over. */
export interface DocumentFiles {
  files: string[];
  warnings: LoadWarning[];
}

/**
 * Lists document files under a folder (recursively), sorted so ids and order are stable; FIFOs,
 * devices, sockets, links out of the folder and link loops are passed over with a warning.
 */
export async function findDocumentFiles(dataDir: string): Promise<DocumentFiles> {
  try {
    return await walkFolder(dataDir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'does not exist' : code === 'ENOTDIR' ? 'is not a folder' : `cannot be read (${code})`;
    throw userError('DATA_DIR_MISSING', dataDir, reason);
  }
}

/** The document files of a folder (see findDocumentFiles), without the warnings. */
export async function listDocumentFiles(dataDir: string): Promise<string[]> {
  return (await findDocumentFiles(dataDir)).files;
}

/** A file's bytes, cut at a line break when over MAX_DOCUMENT_BYTES; a warning says what happened. */
export interface FileBytes {
  bytes: Uint8Array;
  /** The file's full size in bytes. */
  size: number;
  mtimeMs: number;
  warning?: LoadWarning;
}

const megabytes = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(bytes < 10 * 2 ** 20 ? 1 : 0)} MB`;

/**
 * Reads a document file with bounds: it must be a regular file (checked on the open handle, which
 * is opened non-blocking: opening a FIFO swapped in after the folder walk would otherwise wait for a
 * writer forever, before any check could run), and only its first MAX_DOCUMENT_BYTES are
 * read, cut at the last line break (never inside a character). Returns a warning instead of bytes
 * when it cannot be read.
 */
export async function readDocumentFile(path: string, file: string): Promise<FileBytes | LoadWarning> {
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return { file, problem: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) return { file, problem: 'is not a regular file (a FIFO, device or socket): skipped' };
    const length = Math.min(stats.size, MAX_DOCUMENT_BYTES);
    const buffer = Buffer.alloc(length);
    let read = 0;
    while (read < length) {
      const { bytesRead } = await handle.read(buffer, read, length - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    const bytes = buffer.subarray(0, read);
    if (stats.size <= MAX_DOCUMENT_BYTES) return { bytes, size: stats.size, mtimeMs: stats.mtimeMs };
    const cut = bytes.lastIndexOf(0x0a);
    const limit = megabytes(MAX_DOCUMENT_BYTES);
    if (cut <= 0)
      return {
        file,
        problem: `is ${megabytes(stats.size)}, over the ${limit} limit, with no line break to cut it at: skipped`,
      };
    return {
      bytes: bytes.subarray(0, cut),
      size: stats.size,
      mtimeMs: stats.mtimeMs,
      warning: {
        file,
        problem: `is ${megabytes(stats.size)}, over the ${limit} limit: only its first ${megabytes(cut)} are indexed`,
        kind: 'loaded',
      },
    };
  } catch (error) {
    return { file, problem: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  } finally {
    await handle.close();
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Words of a first line too long to be a headline that title its document. */
const OPENING_TITLE = 120;

/** The title a first line gives: itself, or when it is a paragraph rather than a headline (claims.ts), its opening words. */
function titleFromLine(line: string): string {
  if (line.length <= LONGEST_HEADLINE) return line;
  return `${line.slice(0, OPENING_TITLE).replace(/\s+\S*$/, '')}…`;
}

/**
 * Turns one file's bytes into a document, or says what is wrong with it. A bad front matter field
 * is left out and reported to `onFieldProblem`: the document's text still loads.
 */
export function parseDocument(
  path: string,
  bytes: Uint8Array,
  onFieldProblem?: (warning: LoadWarning) => void,
): SourceDocument | LoadWarning {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { file: path, problem: 'is not UTF-8 text: re-save it as UTF-8' };
  }
  // UTF-16 without a byte-order mark, and binary files, decode as "valid" UTF-8 full of NULs.
  if (text.includes('\u0000'))
    return { file: path, problem: 'holds NUL bytes (binary, or UTF-16 text): re-save it as UTF-8 text' };
  text = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (text.trim() === '') return { file: path, problem: 'is empty' };
  const split = splitFrontMatter(text);
  if (!split.ok) return { file: path, problem: split.problem };
  for (const problem of split.fieldProblems) onFieldProblem?.({ file: path, problem, kind: 'loaded' });
  const body = split.body.replace(/^\n+/, '').trimEnd();
  if (body.trim() === '') return { file: path, problem: 'has front matter but no text' };
  const { title, source, url, published, tags } = split.frontMatter;
  const firstLine = titleFromLine(
    body
      .split('\n', 1)[0]!
      .replace(/^#+\s*/, '')
      .trim(),
  );
  return {
    id: path
      .slice(0, path.length - extname(path).length)
      .split(sep)
      .join('/'),
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

// Split at non-word characters: linear, where a regex for long runs retries at every position.
const NOT_WORD = /[^\p{L}\p{N}]+/u;

/** A warning when a document holds "words" too long to be indexed (hashes, base64, junk). */
export function overlongWordsWarning(document: SourceDocument): LoadWarning | undefined {
  let count = 0;
  let longest = 0;
  for (const word of document.body.split(NOT_WORD)) {
    if (word.length <= MAX_TERM_LENGTH) continue;
    count++;
    longest = Math.max(longest, word.length);
  }
  if (count === 0) return undefined;
  const words = count === 1 ? `a ${longest}-character word` : `${count} words of up to ${longest} characters`;
  return {
    file: document.path,
    problem: `holds ${words}, over the ${MAX_TERM_LENGTH}-character limit: not indexed as ${count === 1 ? 'a word' : 'words'}`,
    kind: 'loaded',
  };
}

function isWarning(result: object): result is LoadWarning {
  return 'problem' in result;
}

/** Runs `task` over items with at most `limit` at once (thousands of open files would exhaust handles). */
async function forEachLimited<T>(
  items: T[],
  limit: number,
  task: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      await task(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** One file read: its document when it parses, its stamp, and its warnings (a cut, overlong words, or why it was skipped). */
export interface ReadDocument {
  document?: SourceDocument;
  stamp?: FileStamp;
  warnings: LoadWarning[];
}

/** A file's size, modification time and content hash when it was read (to notice a change later). */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  sha256: string;
}

/** The stamp of a file's bytes as read. */
export function stampOf(read: FileBytes): FileStamp {
  return { size: read.size, mtimeMs: read.mtimeMs, sha256: createHash('sha256').update(read.bytes).digest('hex') };
}

/** Whether a file still has the size and modification time of its stamp (false when it cannot be read: read it, which says why). */
export function stampHolds(path: string, stamp: Pick<FileStamp, 'size' | 'mtimeMs'>): boolean {
  try {
    const stats = statSync(path);
    return stats.size === stamp.size && stats.mtimeMs === stamp.mtimeMs;
  } catch {
    return false;
  }
}

/** Reads and parses one document file of a data folder. */
export async function readDocument(dataDir: string, file: string): Promise<ReadDocument> {
  const read = await readDocumentFile(join(dataDir, file), file);
  if (isWarning(read)) return { warnings: [read] };
  const stamp = stampOf(read);
  const warnings = read.warning ? [read.warning] : [];
  const result = parseDocument(file, read.bytes, (warning) => warnings.push(warning));
  if (isWarning(result)) return { stamp, warnings: [...warnings, result] };
  const overlong = overlongWordsWarning(result);
  return { document: result, stamp, warnings: overlong ? [...warnings, overlong] : warnings };
}

/** Reads every document file of a list, at most 32 at once, calling back as each is done. */
export async function readDocuments(
  dataDir: string,
  files: string[],
  onRead?: (done: number) => void,
): Promise<ReadDocument[]> {
  const results: ReadDocument[] = new Array(files.length);
  let done = 0;
  await forEachLimited(files, 32, async (file, order) => {
    results[order] = await readDocument(dataDir, file);
    onRead?.(++done);
  });
  return results;
}

/** Skipped files named in the error for a folder where none loads: the log has each one's warning. */
const NAMED_SKIPS = 5;

/** The error for a folder where no document loads. */
export function noDocumentsError(dataDir: string, warnings: LoadWarning[]): UserError {
  const named = warnings.slice(0, NAMED_SKIPS).map((w) => `${w.file} ${w.problem}`);
  if (warnings.length > NAMED_SKIPS) named.push(`and ${warnings.length - NAMED_SKIPS} more`);
  const skipped = warnings.length > 0 ? ` (${warnings.length} skipped: ${named.join('; ')})` : '';
  // The folder as given when it is absolute: "../../tmp/x" from the working directory helps no one.
  return userError(
    'NO_DOCUMENTS',
    isAbsolute(dataDir) ? dataDir : relative(process.cwd(), dataDir) || dataDir,
    skipped,
  );
}

/** Loads every document of a folder. Throws a UserError when none loads. */
export async function loadDocuments(dataDir: string): Promise<LoadResult> {
  const { files, warnings } = await findDocumentFiles(dataDir);
  const read = await readDocuments(dataDir, files);
  const loaded = read.flatMap((result) => (result.document ? [result.document] : []));
  warnings.push(...read.flatMap((result) => result.warnings));
  warnings.sort((a, b) => a.file.localeCompare(b.file));
  if (loaded.length === 0) throw noDocumentsError(dataDir, warnings);
  return { documents: loaded, warnings };
}
