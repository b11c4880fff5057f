/**
 * The corpus saved between runs: documents' records (metadata, file stamps, aliases, dated
 * mentions), claim columns, sentences and the index, as one chunked binary file (see
 * store/snapshot-file.ts). Loading checks that every part fits the others before trusting it.
 */
import type { ClaimColumns, ClaimMention, CorpusParts, DocumentRecord, KeptEvents } from './corpus.js';
import { Corpus } from './corpus.js';
import { dateKeyOf } from './timeline/events.js';
import { createCheckpoint } from './cooperative.js';
import {
  type ChunkValue,
  FileBytes,
  readChunks,
  readChunksInTurns,
  SnapshotError,
  writeChunks,
  writeChunksInTurns,
} from './store/snapshot-file.js';

/** Raised whenever the layout or meaning of a part changes; an older snapshot is then rebuilt. */
// 3: an anchored date ("third anniversary of X") is one mention, not two; 4: bare weekdays read as
// news does; 5: a checksum per 64 KB block; 6: the merged /timeline events kept, a day moved into a year
// without it (29 February) fits its month; 7: a date without a year takes its paragraph's year, "the
// weekend" is not a day; 8: a forecast word followed by a past verb does not forecast, "USA Today";
// 9: "the Sunday Times" is not a Sunday; 10: "suing", "staffed" and a few other forms share their
// base's term; 11: a sentence's terms include the names its role mentions stand for; 12: a paragraph
// that opens with a pronoun takes its antecedents from a short paragraph before it; 13: a first line or
// heading over 400 characters is a paragraph of sentences, not a headline; 14: no date is cut out of a
// longer number ("12 March 12025")
export const SNAPSHOT_FORMAT = 14;

const RECORDS_PER_CHUNK = 5_000;
const TERMS_PER_CHUNK = 100_000;

const COLUMN_NAMES = [
  'documentSlot',
  'paragraph',
  'sentence',
  'kind',
  'termStart',
  'termIds',
  'linkStart',
  'links',
  'referredCount',
] as const;

function* chunksOf(parts: CorpusParts): Generator<[string, ChunkValue]> {
  const { records, columns, texts, index } = parts;
  yield [
    'meta',
    JSON.stringify({ records: records.length, terms: index.terms.length, textChunks: texts.chunks.length }),
  ];
  // Mentions apart from the records: a start reads them only when /timeline first needs them.
  for (let i = 0; i * RECORDS_PER_CHUNK < records.length; i++) {
    const slice = records.slice(i * RECORDS_PER_CHUNK, (i + 1) * RECORDS_PER_CHUNK);
    yield [`records.${i}`, JSON.stringify(slice.map(({ mentions: _mentions, ...record }) => record))];
    yield [`mentions.${i}`, JSON.stringify(slice.map((record) => record.mentions ?? null))];
  }
  for (let i = 0; i * TERMS_PER_CHUNK < index.terms.length; i++)
    yield [`terms.${i}`, index.terms.slice(i * TERMS_PER_CHUNK, (i + 1) * TERMS_PER_CHUNK).join('\n')];
  for (const name of COLUMN_NAMES) yield [`claims.${name}`, columns[name]];
  yield ['texts.chunkOf', texts.chunkOf];
  yield ['texts.offsets', texts.offsets];
  yield ['texts.lengths', texts.lengths];
  for (let i = 0; i < texts.chunks.length; i++) yield [`texts.${i}`, texts.chunks[i]!];
  yield ['index.offsets', index.postings.offsets];
  yield ['index.keys', index.postings.keys];
  yield ['index.frequencies', index.postings.frequencies];
  yield ['index.lengths', index.lengths];
  yield ['index.frequency', index.frequency];
  yield ['spelling.hashes', index.spelling.hashes];
  yield ['spelling.ids', index.spelling.ids];
  const events = parts.events?.();
  if (events) yield* eventChunks(events);
}

/** The kept /timeline events: group keys and sizes as JSON, the claims' (slot, mention) pairs as numbers. */
function* eventChunks({ groups, placed, dirty }: KeptEvents): Generator<[string, ChunkValue]> {
  const sizes: [string, number][] = [];
  const starts = [0];
  const refs: number[] = [];
  for (const [key, events] of groups) {
    sizes.push([key, events.length]);
    for (const event of events) {
      for (const value of event) refs.push(value);
      starts.push(refs.length);
    }
  }
  yield ['events.groups', JSON.stringify({ groups: sizes, dirty: [...dirty] })];
  yield ['events.starts', Uint32Array.from(starts)];
  yield ['events.refs', Uint32Array.from(refs)];
  yield ['events.placed', Uint32Array.from(placed)];
}

/**
 * Reads the kept events back, once the records' mentions are read; undefined when they do not fit
 * the records (then /timeline merges every claim again, as without them).
 */
function readEvents(
  chunks: Map<string, ChunkValue>,
  records: DocumentRecord[],
): (() => KeptEvents | undefined) | undefined {
  if (!chunks.has('events.groups')) return undefined;
  const text = take(chunks, 'events.groups', 'text');
  const starts = take(chunks, 'events.starts', Uint32Array);
  const refs = take(chunks, 'events.refs', Uint32Array);
  const placed = take(chunks, 'events.placed', Uint32Array);
  return () => {
    const { groups: sizes, dirty } = parse<{ groups: [string, number][]; dirty: string[] }>(text, 'events.groups');
    const fits = (slot: number, index: number): boolean => index < (records[slot]?.mentions?.length ?? 0);
    if (![...placed].every((slot) => records[slot]?.mentions !== undefined)) return undefined;
    const groups = new Map<string, number[][]>();
    let event = 0;
    for (const [key, count] of sizes) {
      const events: number[][] = [];
      for (let i = 0; i < count; i++, event++) {
        if (event + 1 >= starts.length) return undefined;
        const pairs = Array.from(refs.subarray(starts[event], starts[event + 1]));
        if (pairs.length === 0 || pairs.length % 2 !== 0) return undefined;
        for (let j = 0; j < pairs.length; j += 2) if (!fits(pairs[j]!, pairs[j + 1]!)) return undefined;
        events.push(pairs);
      }
      if (events.length === 0) return undefined;
      const first = records[events[0]![0]!]!.mentions![events[0]![1]!]!;
      if (dateKeyOf(first.mention) !== key) return undefined;
      groups.set(key, events);
    }
    return { groups, placed: new Set(placed), dirty: new Set(dirty) };
  };
}

/** Saves the corpus; returns the file's size in bytes. */
export function saveSnapshot(path: string, corpus: Corpus): number {
  return writeChunks(path, SNAPSHOT_FORMAT, chunksOf(corpus.parts()));
}

/**
 * saveSnapshot, giving the event loop a turn every few milliseconds (at 100k documents a save
 * takes tens of seconds). Nothing may change the corpus meanwhile (start-up saves before it serves).
 */
export async function saveSnapshotInTurns(path: string, corpus: Corpus): Promise<number> {
  const checkpoint = createCheckpoint();
  const steps = corpus.partSteps();
  let step = steps.next();
  while (!step.done) {
    await checkpoint();
    step = steps.next();
  }
  return writeChunksInTurns(path, SNAPSHOT_FORMAT, chunksOf(step.value), checkpoint);
}

function take<T extends ChunkValue>(
  chunks: Map<string, ChunkValue>,
  name: string,
  type: new (...args: never[]) => T,
): T;
function take(chunks: Map<string, ChunkValue>, name: string, type: 'text'): string;
function take(chunks: Map<string, ChunkValue>, name: string, type: unknown): ChunkValue {
  const value = chunks.get(name);
  const fits = type === 'text' ? typeof value === 'string' : value instanceof (type as new () => object);
  if (value === undefined || !fits) throw new SnapshotError('corrupt', `lacks its part ${name}`);
  return value;
}

function parse<T>(text: string, name: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new SnapshotError('corrupt', `has an unreadable part (${name})`);
  }
}

function check(condition: boolean, what: string): void {
  if (!condition) throw new SnapshotError('corrupt', `has parts that do not fit together (${what})`);
}

/** Claims' term ids are read from the file (one claim's run at a time) when there are this many bytes of them. */
const TERM_IDS_ON_DISK_FROM = 64 * 2 ** 20;

/**
 * What stays in the snapshot file rather than memory: the sentences (read when a claim is ranked
 * or cited), the dated mentions (read by the first /timeline) and, for a large corpus, the claims'
 * term ids (a few reads per ranked claim; in memory below 64 MB, where they cost little and
 * ranking reads them most).
 */
function leftOnDisk(name: string, bytes: number): boolean {
  return /^(texts|mentions)\.\d+$/.test(name) || (name === 'claims.termIds' && bytes >= TERM_IDS_ON_DISK_FROM);
}

/** Loads a saved corpus; throws a SnapshotError when the file is missing, old or damaged. */
export function loadSnapshot(path: string): Corpus {
  // Sentences stay in the file, read when a claim is shown or ranked (most of a large snapshot).
  const steps = corpusOf(readChunks(path, SNAPSHOT_FORMAT, leftOnDisk));
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** loadSnapshot, giving the event loop a turn every few milliseconds (between chunks and checks). */
export async function loadSnapshotInTurns(path: string): Promise<Corpus> {
  const checkpoint = createCheckpoint();
  const steps = corpusOf(await readChunksInTurns(path, SNAPSHOT_FORMAT, leftOnDisk, checkpoint));
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await checkpoint();
  }
}

/** The corpus of a snapshot's chunks, checked; each `yield` is a point where other work may run. */
function* corpusOf(chunks: Map<string, ChunkValue>): Generator<void, Corpus> {
  const meta = parse<{ records: number; terms: number; textChunks: number }>(take(chunks, 'meta', 'text'), 'meta');
  const records: DocumentRecord[] = [];
  for (let i = 0; i * RECORDS_PER_CHUNK < meta.records; i++) {
    records.push(...parse<DocumentRecord[]>(take(chunks, `records.${i}`, 'text'), `records.${i}`));
    yield;
  }
  const terms: string[] = [];
  for (let i = 0; i * TERMS_PER_CHUNK < meta.terms; i++) terms.push(...take(chunks, `terms.${i}`, 'text').split('\n'));
  const u32 = (name: string): Uint32Array => take(chunks, name, Uint32Array);
  const u8 = (name: string): Uint8Array => take(chunks, name, Uint8Array);
  const onDisk = (name: string): FileBytes | undefined => {
    const chunk = chunks.get(name);
    return chunk instanceof FileBytes ? chunk : undefined;
  };
  const columns: ClaimColumns = {
    documentSlot: u32('claims.documentSlot'),
    paragraph: u32('claims.paragraph'),
    sentence: u32('claims.sentence'),
    kind: u8('claims.kind'),
    termStart: u32('claims.termStart'),
    termIds: onDisk('claims.termIds') ?? u32('claims.termIds'),
    linkStart: u32('claims.linkStart'),
    links: u32('claims.links'),
    referredCount: u8('claims.referredCount'),
  };
  const textChunks = Array.from({ length: meta.textChunks }, (_, i) => onDisk(`texts.${i}`) ?? u8(`texts.${i}`));
  // Large ones stay in the file until the first /timeline (at 100k documents, 100 MB of text).
  const mentionChunks = Array.from({ length: Math.ceil(meta.records / RECORDS_PER_CHUNK) }, (_, i) => {
    const name = `mentions.${i}`;
    const left = onDisk(name);
    if (left) return (): string => left.read(0, left.length).toString('utf8');
    const text = take(chunks, name, 'text');
    return (): string => text;
  });
  const parts: CorpusParts = {
    records,
    // Checked for shape when read; a damaged part was already refused by its checksum.
    mentions: () => mentionChunks.flatMap((text, i) => parse<(ClaimMention[] | null)[]>(text(), `mentions.${i}`)),
    columns,
    texts: {
      chunks: textChunks,
      chunkOf: take(chunks, 'texts.chunkOf', Uint16Array),
      offsets: u32('texts.offsets'),
      lengths: u32('texts.lengths'),
    },
    index: {
      terms,
      postings: { offsets: u32('index.offsets'), keys: u32('index.keys'), frequencies: u8('index.frequencies') },
      lengths: take(chunks, 'index.lengths', Uint16Array),
      frequency: u32('index.frequency'),
      spelling: { hashes: u32('spelling.hashes'), ids: u32('spelling.ids') },
    },
  };
  const events = readEvents(chunks, records);
  if (events) parts.events = events;
  yield* verify(parts);
  return new Corpus(parts);
}

/** Checks that the parts describe the same claims and terms (a damaged file fails here if not before). */
function* verify({ records, columns, texts, index }: CorpusParts): Generator<void> {
  const claims = columns.documentSlot.length;
  check(records.length === meta(records), 'records');
  check(records.reduce((sum, record) => sum + record.claimCount, 0) === claims, 'claim count');
  for (const name of ['paragraph', 'sentence', 'kind', 'referredCount'] as const)
    check(columns[name].length === claims, name);
  const termIdCount = columns.termIds instanceof FileBytes ? columns.termIds.length / 4 : columns.termIds.length;
  check(columns.termStart.length === claims + 1 && columns.termStart[claims] === termIdCount, 'term offsets');
  check(columns.linkStart.length === claims + 1 && columns.linkStart[claims] === columns.links.length, 'link offsets');
  check(texts.chunkOf.length === claims && texts.offsets.length === claims && texts.lengths.length === claims, 'texts');
  check(index.lengths.length === claims && index.frequency.length === index.terms.length, 'index lengths');
  check(
    index.postings.offsets.length === index.terms.length + 1 &&
      index.postings.offsets[index.terms.length] === index.postings.keys.length,
    'postings',
  );
  check(
    index.postings.frequencies.length === index.postings.keys.length &&
      index.spelling.hashes.length === index.spelling.ids.length,
    'postings frequencies',
  );
  const termCount = index.terms.length;
  // Term ids left on disk are checked by their blocks' checksums when read.
  const inMemory = columns.termIds instanceof FileBytes ? new Uint32Array(0) : columns.termIds;
  yield;
  check(below(inMemory, termCount) && below(columns.links, termCount), 'term ids');
  yield;
  check(below(index.postings.keys, claims) && below(index.spelling.ids, termCount), 'keys');
  yield;
  check(below(columns.documentSlot, records.length) && below16(texts.chunkOf, texts.chunks.length), 'slots');
  const chunkLengths = texts.chunks.map((chunk) => chunk.length);
  const { offsets, lengths, chunkOf } = texts;
  let fits = true;
  for (let key = 0; key < claims; key++) fits &&= offsets[key]! + lengths[key]! <= chunkLengths[chunkOf[key]!]!;
  check(fits, 'text offsets');
}

/**
 * Whether every value is below `limit`: a plain loop over one array type (these arrays hold tens
 * of millions of values at 100k documents, where a callback per value took most of a second).
 */
function below(values: Uint32Array, limit: number): boolean {
  let largest = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! > largest) largest = values[i]!;
  return values.length === 0 || largest < limit;
}

function below16(values: Uint16Array, limit: number): boolean {
  let largest = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! > largest) largest = values[i]!;
  return values.length === 0 || largest < limit;
}

function meta(records: DocumentRecord[]): number {
  return records.filter(
    (record) =>
      typeof record.document?.id === 'string' &&
      Number.isInteger(record.firstKey) &&
      Number.isInteger(record.claimCount),
  ).length;
}
