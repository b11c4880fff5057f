/**
 * The corpus the bot serves: documents, their claims, the claim index and the aliases the documents
 * define. Documents can be added and removed one at a time; everything derived follows.
 *
 * Claims are stored in columns (typed arrays: document, paragraph, sentence, kind, term ids...) and
 * their sentences as UTF-8 bytes, not as one object per claim; ranking sees a claim through a view
 * made when it asks (`entry`, `entriesOf`), so a large corpus costs its bytes, not its objects.
 * Document bodies are not kept once their claims are made.
 */
import { createHash } from 'node:crypto';
import { findAliases } from './aliases.js';
import { findAttribution } from './attribution.js';
import type { Claim, ClaimKind } from './claim.js';
import { claimsOf } from './claims.js';
import { antecedentTerms, referredTerms } from './discourse.js';
import { roleMentionNames } from './role-mentions.js';
import type { DocumentInfo, LoadWarning, SourceDocument } from './document.js';
import type { FileStamp } from './load-documents.js';
import { ClaimIndex, type IndexParts, indexPartSteps } from './search-index.js';
import { ClaimTexts, type TextParts } from './store/claim-texts.js';
import { Growable } from './store/growable.js';
import { TermIdSet } from './store/term-id-set.js';
import { U32Column } from './store/u32-column.js';
import { type FileBytes, startReadingInOrder } from './store/snapshot-file.js';
import { termsOf, toTerm } from './terms.js';
import { referenceOf } from './timeline/reference-date.js';
import { mentionsIn, type NarrativeContext, type TemporalMention } from './timeline/temporal.js';

export type { DocumentInfo };

/** What ranking needs to know about the document a claim stands in. */
export interface DocumentContext {
  document: DocumentInfo;
  titleTerms: ReadonlySet<string>;
  /** In how many of the document's claims a term occurs (read from the index when asked). */
  termClaims: TermCounts;
  claimCount: number;
}

/** Per-term counts, asked one term at a time. */
export interface TermCounts {
  get(term: string): number | undefined;
}

/** A claim as the ranking sees it. */
export interface IndexedClaim {
  /** The claim's position in the corpus, unique while it is indexed. */
  key: number;
  /** The claim's processed terms (terms.ts) as ids in the index's term table (Corpus.index.terms), repeats kept. */
  termIds: Uint32Array;
  /** The same terms without repeats. */
  termSet: ReadonlySet<string>;
  claim: Claim;
  /** 0-based place of the claim in its document's reading order (0 is the headline or first sentence). */
  position: number;
  /** Terms of the claim's whole paragraph. */
  paragraphTerms: ReadonlySet<string>;
  /** Terms the next sentence uses to name what this one states ("This condition..."). */
  referredTerms: ReadonlySet<string>;
  /** Names of the previous sentence when this one opens with a pronoun. */
  antecedentTerms: ReadonlySet<string>;
  context: DocumentContext;
}

/** An acronym and its long form, as terms. */
export interface TermAlias {
  short: string;
  long: readonly string[];
}

/** An alias as a document writes it ("NATO", "North Atlantic Treaty Organization"). */
export interface WrittenAlias {
  short: string;
  long: string;
}

/** A dated mention and the claim (by its place in its document) that makes it. */
export interface ClaimMention {
  position: number;
  mention: TemporalMention;
}

/** One document's record: where its claims are, and what was learned from it. */
export interface DocumentRecord {
  document: DocumentInfo;
  /** documentHash of the document as loaded. */
  hash: string;
  firstKey: number;
  claimCount: number;
  aliases: WrittenAlias[];
  /** Its dated mentions, once computed (or loaded from a snapshot). */
  mentions?: ClaimMention[];
  /** What the file looked like when read (for a snapshot's change check). */
  file?: FileStamp;
  /** Warnings reading it gave (a cut, overlong words), repeated when a snapshot is loaded. */
  warnings?: LoadWarning[];
}

export type { FileStamp };

/** What is known of a document's file besides its text: its stamp, and the warnings reading it gave. */
export interface FileFacts {
  file?: FileStamp;
  warnings?: LoadWarning[];
}

/** The columns of every claim, by key (what a snapshot stores). */
export interface ClaimColumns {
  documentSlot: Uint32Array;
  paragraph: Uint32Array;
  sentence: Uint32Array;
  kind: Uint8Array;
  /** termStart[key]..termStart[key + 1] index termIds (length claims + 1). */
  termStart: Uint32Array;
  /** In memory, or (a loaded large snapshot) left in its file: read one claim's run at a time. */
  termIds: Uint32Array | FileBytes;
  /** linkStart[key]..linkStart[key + 1] index links: referred term ids, then antecedent ones. */
  linkStart: Uint32Array;
  links: Uint32Array;
  referredCount: Uint8Array;
}

/**
 * The merged /timeline events a corpus keeps (timeline/kept-events.ts merges them; a snapshot stores
 * them), by date group.
 */
export interface KeptEvents {
  /** Each date group's events, in order: each a flat list of (slot, mention index) pairs, the representative first. */
  groups: Map<string, number[][]>;
  /** Slots whose dated claims are in `groups`. */
  placed: Set<number>;
  /** Groups to merge again (a document of theirs went while the snapshot was saved). */
  dirty: Set<string>;
}

/** Everything a snapshot restores: documents in slot order, claim columns, texts and the index. */
export interface CorpusParts {
  records: DocumentRecord[];
  columns: ClaimColumns;
  texts: TextParts;
  index: IndexParts;
  /** The records' dated mentions, when kept apart to be read only when /timeline first needs them. */
  mentions?: () => (ClaimMention[] | null)[];
  /** The merged /timeline events, by the records' slots (read when /timeline first needs them; undefined if none fit). */
  events?: () => KeptEvents | undefined;
}

const KINDS: readonly ClaimKind[] = ['headline', 'caption', 'body'];

/** Longest paragraph whose last sentence a pronoun opening the next paragraph may refer to. */
const SHORT_PARAGRAPH = 2;

/**
 * The sentence a claim's opening pronoun may refer to: the one before it in its paragraph, or, for a
 * paragraph's first sentence, the last of a short paragraph before it (news paragraphs are a sentence
 * or two: "Its pre-tax earnings were 77m euros" follows the one-sentence paragraph that names
 * Parmalat; after a long paragraph the referent is anyone's guess).
 */
function antecedentSentence(claims: readonly Claim[], i: number): string | undefined {
  const claim = claims[i]!;
  const previous = claims[i - 1];
  if (!previous) return undefined;
  if (previous.paragraph === claim.paragraph) return previous.text;
  const bodyAfterBody = claim.kind === 'body' && previous.kind === 'body';
  return bodyAfterBody && previous.sentence <= SHORT_PARAGRAPH ? previous.text : undefined;
}

/** A claim's terms and those of the people its role mentions stand for ("the Ukrainian President": zelenski). */
function withNamedRoles(terms: string[], names: readonly string[]): string[] {
  if (names.length === 0) return terms;
  const own = new Set(terms);
  for (const term of names.flatMap(termsOf)) {
    if (own.has(term)) continue;
    terms.push(term);
    own.add(term);
  }
  return terms;
}

/** Fingerprint of a document's content and metadata. */
export function documentHash(document: SourceDocument): string {
  return createHash('sha256').update(JSON.stringify(document)).digest('hex');
}

function withoutBody(document: SourceDocument): DocumentInfo {
  const { body: _body, ...info } = document;
  return info;
}

export class Corpus {
  /** The claim index; ranking queries it directly. */
  readonly index: ClaimIndex;
  private readonly texts: ClaimTexts;
  private readonly slots: (DocumentRecord | undefined)[] = [];
  private readonly slotById = new Map<string, number>();
  private readonly documentSlot: Growable<Uint32Array>;
  private readonly paragraph: Growable<Uint32Array>;
  private readonly sentence: Growable<Uint32Array>;
  private readonly kind: Growable<Uint8Array>;
  private readonly termStart: Growable<Uint32Array>;
  private readonly termIds: U32Column;
  private readonly linkStart: Growable<Uint32Array>;
  private readonly links: Growable<Uint32Array>;
  private readonly referredCount: Growable<Uint8Array>;
  /** Document contexts by slot, made when a document's claim is first ranked. */
  private readonly contexts: (DocumentContext | undefined)[] = [];
  private aliasCache: { terms: TermAlias[]; names: string[]; byTerm: Map<string, TermAlias[]> } | undefined;
  private nextKey = 0;
  private liveClaims = 0;
  private versionCache: string | undefined;
  /** Dated mentions of the loaded records, read on first use (see CorpusParts.mentions). */
  private pendingMentions: { records: DocumentRecord[]; read: () => (ClaimMention[] | null)[] } | undefined;
  private kept: KeptEvents | undefined;
  private pendingEvents: (() => KeptEvents | undefined) | undefined;

  constructor(parts?: CorpusParts) {
    this.index = new ClaimIndex(parts?.index);
    this.texts = parts ? ClaimTexts.of(parts.texts) : new ClaimTexts();
    const columns = parts?.columns ?? {
      documentSlot: new Uint32Array(0),
      paragraph: new Uint32Array(0),
      sentence: new Uint32Array(0),
      kind: new Uint8Array(0),
      termStart: new Uint32Array(1),
      termIds: new Uint32Array(0),
      linkStart: new Uint32Array(1),
      links: new Uint32Array(0),
      referredCount: new Uint8Array(0),
    };
    // Loaded columns are used in place (views of the snapshot's bytes), and copied only if they grow.
    this.documentSlot = Growable.of(Uint32Array, columns.documentSlot);
    this.paragraph = Growable.of(Uint32Array, columns.paragraph);
    this.sentence = Growable.of(Uint32Array, columns.sentence);
    this.kind = Growable.of(Uint8Array, columns.kind);
    this.termStart = Growable.of(Uint32Array, columns.termStart);
    this.termIds = new U32Column(columns.termIds);
    this.linkStart = Growable.of(Uint32Array, columns.linkStart);
    this.links = Growable.of(Uint32Array, columns.links);
    this.referredCount = Growable.of(Uint8Array, columns.referredCount);
    if (!parts) return;
    if (parts.mentions) this.pendingMentions = { records: parts.records, read: parts.mentions };
    this.pendingEvents = parts.events;
    parts.records.forEach((record, slot) => {
      this.slots.push(record);
      this.slotById.set(record.document.id, slot);
      this.liveClaims += record.claimCount;
    });
    this.nextKey = columns.documentSlot.length;
  }

  /** Builds a corpus from loaded documents. */
  static from(documents: readonly SourceDocument[]): Corpus {
    return Corpus.build(documents.map((document) => ({ document })));
  }

  /** Builds a corpus from documents and what is known of their files, calling back every 100 documents. */
  static build(
    items: readonly ({ document: SourceDocument } & FileFacts)[],
    onProgress?: (done: number, total: number) => void,
  ): Corpus {
    const corpus = new Corpus();
    items.forEach(({ document, ...facts }, i) => {
      corpus.add(document, facts, false);
      if (i % 100 === 99) onProgress?.(i + 1, items.length);
    });
    corpus.indexAll();
    onProgress?.(items.length, items.length);
    return corpus;
  }

  /** Indexes every claim at once (after documents were added with `index: false`). */
  indexAll(): void {
    this.index.rebuild(this.nextKey, (key) => this.termIdsOf(key));
  }

  /**
   * Adds a document, replacing any with the same id. `index: false` leaves its claims out of the
   * index, for a full build that indexes every claim at once afterwards.
   */
  add(document: SourceDocument, facts: FileFacts = {}, index = true): void {
    this.remove(document.id);
    const claims = claimsOf(document);
    const slot = this.slots.length;
    const firstKey = this.nextKey;
    const aliases: WrittenAlias[] = [];
    const roleNames = roleMentionNames(claims.map((claim) => claim.text));
    claims.forEach((claim, i) => {
      const key = this.nextKey++;
      const neighbour = (offset: number): string | undefined => {
        const other = claims[i + offset];
        return other?.paragraph === claim.paragraph ? other.text : undefined;
      };
      const ids = this.index.intern(withNamedRoles(termsOf(claim.text), roleNames[i]!));
      for (const id of ids) this.termIds.push(id);
      this.termStart.set(key + 1, this.termIds.length);
      const referred = this.index.intern([...referredTerms(neighbour(1))]);
      const antecedents = this.index.intern([...antecedentTerms(claim.text, antecedentSentence(claims, i))]);
      for (const id of referred) this.links.push(id);
      for (const id of antecedents) this.links.push(id);
      this.linkStart.set(key + 1, this.links.length);
      this.referredCount.set(key, Math.min(referred.length, 255));
      this.documentSlot.set(key, slot);
      this.paragraph.set(key, claim.paragraph);
      this.sentence.set(key, claim.sentence);
      this.kind.set(key, KINDS.indexOf(claim.kind));
      this.texts.set(key, claim.text);
      if (index) this.index.add(key, ids);
      for (const alias of findAliases(claim.text)) aliases.push({ short: alias.short, long: alias.long });
    });
    this.slots.push({
      document: withoutBody(document),
      hash: documentHash(document),
      firstKey,
      claimCount: claims.length,
      aliases,
      ...facts,
    });
    this.slotById.set(document.id, slot);
    this.liveClaims += claims.length;
    this.changed();
  }

  /** Removes a document and its claims; unknown ids are ignored. */
  remove(documentId: string): void {
    const slot = this.slotById.get(documentId);
    if (slot === undefined) return;
    const record = this.slots[slot]!;
    for (let key = record.firstKey; key < record.firstKey + record.claimCount; key++)
      this.index.remove(key, this.termIdsOf(key));
    this.slots[slot] = undefined;
    this.slotById.delete(documentId);
    this.contexts[slot] = undefined;
    this.liveClaims -= record.claimCount;
    this.changed();
  }

  /** Finishes a batch of changes: compacts the index when enough changed. */
  tidy(): void {
    this.index.tidy();
  }

  private changed(): void {
    this.aliasCache = undefined;
    this.versionCache = undefined;
    this.changeCount++;
  }

  /** How many times the documents changed: a cheap key for what depends on them (version hashes them). */
  get generation(): number {
    return this.changeCount;
  }

  /** The documents, sorted by id. */
  get documents(): DocumentInfo[] {
    return this.records()
      .map((record) => record.document)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** The live document records, in slot order. */
  records(): DocumentRecord[] {
    return this.slots.filter((record): record is DocumentRecord => record !== undefined);
  }

  /** The record in a slot, undefined once its document was removed (slots are never reused). */
  recordAt(slot: number): DocumentRecord | undefined {
    return this.slots[slot];
  }

  /** How many slots there are, live or not. */
  get slotCount(): number {
    return this.slots.length;
  }

  /** The merged /timeline events kept for this corpus (timeline/kept-events.ts), read from the snapshot on first use. */
  get keptEvents(): KeptEvents | undefined {
    if (this.pendingEvents) {
      const read = this.pendingEvents;
      this.pendingEvents = undefined;
      this.readPendingMentions();
      this.kept = read();
    }
    return this.kept;
  }

  set keptEvents(kept: KeptEvents | undefined) {
    this.pendingEvents = undefined;
    this.kept = kept;
  }

  /** A document's record (for snapshots and the change check). */
  record(documentId: string): DocumentRecord | undefined {
    const slot = this.slotById.get(documentId);
    return slot === undefined ? undefined : this.slots[slot];
  }

  /** Fingerprint of one document's content (changes when the document does). */
  hashOf(documentId: string): string | undefined {
    return this.record(documentId)?.hash;
  }

  /** A document by id. */
  document(id: string): DocumentInfo | undefined {
    return this.record(id)?.document;
  }

  /** The claims of a document in reading order (empty for an unknown id). */
  claimsOf(documentId: string): Claim[] {
    return this.entriesOf(documentId).map((entry) => entry.claim);
  }

  /** The indexed claims of a document in reading order, with their terms (empty for an unknown id). */
  entriesOf(documentId: string): IndexedClaim[] {
    const record = this.record(documentId);
    if (!record) return [];
    return Array.from({ length: record.claimCount }, (_, i) => this.entry(record.firstKey + i)!);
  }

  /** Number of claims indexed. */
  get claimCount(): number {
    return this.liveClaims;
  }

  /** An indexed claim by its index key (a fresh view each call). */
  entry(key: number): IndexedClaim | undefined {
    if (key >= this.nextKey || !this.index.isIndexed(key)) return undefined;
    return new ClaimView(this, key);
  }

  /** The dated mentions of a document, computed once per indexing of it (and kept in snapshots). */
  datedMentions(documentId: string): readonly ClaimMention[] {
    const record = this.record(documentId);
    if (!record) return [];
    this.readPendingMentions();
    if (!record.mentions) {
      const claims = this.claimsOf(documentId);
      const reference = referenceOf(record.document, claims);
      // A paragraph tells one passage of the story: a year it gives carries to its later dates.
      let context: NarrativeContext = {};
      record.mentions = claims.flatMap((claim, position) => {
        if (position > 0 && claim.paragraph !== claims[position - 1]!.paragraph) context = {};
        return mentionsIn(claim.text, reference, context).map((mention) => ({ position, mention }));
      });
      this.mentionsAdded = true;
    }
    return record.mentions;
  }

  private readPendingMentions(): void {
    if (!this.pendingMentions) return;
    const { records, read } = this.pendingMentions;
    this.pendingMentions = undefined;
    read().forEach((mentions, slot) => {
      if (mentions && !records[slot]!.mentions) records[slot]!.mentions = mentions;
    });
  }

  /** Whether dated mentions were computed since the flag was last cleared (a snapshot is worth saving). */
  mentionsAdded = false;

  /** Acronyms the documents define, as terms, learned afresh after each change. */
  get aliases(): readonly TermAlias[] {
    return this.learnAliases().terms;
  }

  /** The aliases whose short or long form holds a term, in the order of `aliases`. */
  aliasesWith(term: string): readonly TermAlias[] {
    return this.learnAliases().byTerm.get(term) ?? [];
  }

  /** The acronyms and long forms the documents define, as written ("NATO", "North Atlantic Treaty Organization"). */
  aliasNames(): readonly string[] {
    return this.learnAliases().names;
  }

  private learnAliases(): { terms: TermAlias[]; names: string[]; byTerm: Map<string, TermAlias[]> } {
    if (!this.aliasCache) {
      const seen = new Map<string, TermAlias>();
      const names = new Set<string>();
      for (const record of this.records()) {
        for (const alias of record.aliases) {
          names.add(alias.short);
          names.add(alias.long);
          const short = toTerm(alias.short);
          const long = termsOf(alias.long);
          if (short && long.length >= 2) seen.set(`${short}=${long.join(' ')}`, { short, long });
        }
      }
      const terms = [...seen.values()];
      const byTerm = new Map<string, TermAlias[]>();
      for (const alias of terms) {
        for (const term of new Set([alias.short, ...alias.long])) {
          const list = byTerm.get(term);
          if (list) list.push(alias);
          else byTerm.set(term, [alias]);
        }
      }
      this.aliasCache = { terms, names: [...names], byTerm };
    }
    return this.aliasCache;
  }

  private changeCount = 0;

  /** Short fingerprint of the documents' content: changes whenever any document does. */
  get version(): string {
    if (this.versionCache === undefined) {
      const hash = createHash('sha256');
      for (const [id, slot] of [...this.slotById].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)))
        hash.update(`${id}:${this.slots[slot]!.hash}\n`);
      this.versionCache = hash.digest('hex').slice(0, 8);
    }
    return this.versionCache;
  }

  // Column readers for views and snapshots.

  termIdsOf(key: number): Uint32Array {
    return this.termIds.range(this.termStart.get(key), this.termStart.get(key + 1));
  }

  /** Whether a claim has referred or antecedent terms (most have neither). */
  hasLinks(key: number): boolean {
    return this.linkStart.get(key) !== this.linkStart.get(key + 1);
  }

  private emptyLinks: { referred: TermIdSet; antecedents: TermIdSet } | undefined;

  /** The links of a claim without any, shared (the same kind of set as other claims' links). */
  get noLinks(): { referred: TermIdSet; antecedents: TermIdSet } {
    if (!this.emptyLinks) {
      const none = new TermIdSet(this.index.terms, new Uint32Array(0));
      this.emptyLinks = { referred: none, antecedents: none };
    }
    return this.emptyLinks;
  }

  /** Referred and antecedent term ids of a claim. */
  linksOf(key: number): { referred: Uint32Array; antecedents: Uint32Array } {
    const all = this.links.range(this.linkStart.get(key), this.linkStart.get(key + 1));
    const split = this.referredCount.get(key);
    return { referred: all.subarray(0, split), antecedents: all.subarray(split) };
  }

  claimAt(key: number): Claim {
    const record = this.slots[this.documentSlot.get(key)]!;
    return new StoredClaim(
      record.document.id,
      this.paragraph.get(key),
      this.sentence.get(key),
      KINDS[this.kind.get(key)]!,
      this.texts,
      key,
    );
  }

  /** The slot of a claim's document: claims of one document share it (cheaper than the claim's id). */
  documentSlotOf(key: number): number {
    return this.documentSlot.get(key);
  }

  /** The id of a claim's document, without building its context (scopes ask this of every candidate). */
  documentIdOf(key: number): string {
    return this.slots[this.documentSlot.get(key)]!.document.id;
  }

  positionOf(key: number): number {
    return key - this.slots[this.documentSlot.get(key)]!.firstKey;
  }

  /** The keys of the claims in a key's paragraph, first and last: one run, read from the columns. */
  paragraphRange(key: number): { first: number; last: number } {
    const record = this.slots[this.documentSlot.get(key)]!;
    const paragraph = this.paragraph.get(key);
    let first = key;
    while (first > record.firstKey && this.paragraph.get(first - 1) === paragraph) first--;
    let last = key;
    while (last + 1 < record.firstKey + record.claimCount && this.paragraph.get(last + 1) === paragraph) last++;
    return { first, last };
  }

  /** Terms of every claim of a key's paragraph: its claims' term ids are one run in the column. */
  paragraphTermsOf(key: number): ReadonlySet<string> {
    const { first, last } = this.paragraphRange(key);
    return new TermIdSet(this.index.terms, this.termIds.range(this.termStart.get(first), this.termStart.get(last + 1)));
  }

  contextOf(key: number): DocumentContext {
    const slot = this.documentSlot.get(key);
    let context = this.contexts[slot];
    if (!context) {
      const record = this.slots[slot]!;
      const end = record.firstKey + record.claimCount;
      const termClaims = new DocumentTermCounts(this.index, record.firstKey, end);
      context = {
        document: record.document,
        titleTerms: new Set(termsOf(record.document.title)),
        termClaims,
        claimCount: record.claimCount,
      };
      this.contexts[slot] = context;
    }
    return context;
  }

  /**
   * Compact parts of the live corpus for a snapshot: claims renumbered densely in slot order,
   * postings rebuilt over the new keys (or, when no claim changed key and the index holds them
   * all in its block, the index's own parts: a save after a start from the snapshot does not
   * build the postings again).
   */
  parts(): CorpusParts {
    const steps = this.partSteps();
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  /** parts(), a few hundred documents at a time: each `yield` is a point where other work may run. */
  *partSteps(): Generator<void, CorpusParts> {
    this.readPendingMentions(); // kept mentions go into the new snapshot too
    const records = this.records();
    const claims = records.reduce((sum, record) => sum + record.claimCount, 0);
    const columns: ClaimColumns = {
      documentSlot: new Uint32Array(claims),
      paragraph: new Uint32Array(claims),
      sentence: new Uint32Array(claims),
      kind: new Uint8Array(claims),
      termStart: new Uint32Array(claims + 1),
      termIds: new Uint32Array(0),
      linkStart: new Uint32Array(claims + 1),
      links: new Uint32Array(0),
      referredCount: new Uint8Array(claims),
    };
    const termIds = new Growable(Uint32Array, 1 << 16);
    const links = new Growable(Uint32Array, 1 << 12);
    const texts = new ClaimTexts();
    const newRecords: DocumentRecord[] = [];
    const newSlot = new Map<number, number>();
    let key = 0;
    /** Whether every claim keeps its key (no document removed): then the index's parts are reused. */
    let sameKeys = true;
    // Claims are copied in key order: term ids and sentences left in a loaded snapshot are read a block at a time.
    const inOrder = startReadingInOrder();
    try {
      for (let slot = 0; slot < records.length; slot++) {
        if (slot % 200 === 199) yield;
        const record = records[slot]!;
        newSlot.set(this.slotById.get(record.document.id)!, slot);
        if (record.firstKey !== key) sameKeys = false;
        newRecords.push({ ...record, firstKey: key });
        for (let old = record.firstKey; old < record.firstKey + record.claimCount; old++, key++) {
          columns.documentSlot[key] = slot;
          columns.paragraph[key] = this.paragraph.get(old);
          columns.sentence[key] = this.sentence.get(old);
          columns.kind[key] = this.kind.get(old);
          const ids = this.termIdsOf(old);
          for (const id of ids) termIds.push(id);
          columns.termStart[key + 1] = termIds.length;
          const { referred, antecedents } = this.linksOf(old);
          for (const id of referred) links.push(id);
          for (const id of antecedents) links.push(id);
          columns.linkStart[key + 1] = links.length;
          columns.referredCount[key] = referred.length;
          texts.setBytes(key, this.texts.bytes(old));
        }
      }
    } finally {
      inOrder.end();
    }
    columns.termIds = termIds.view();
    columns.links = links.view();
    const { termStart } = columns;
    const allIds = columns.termIds;
    const index =
      (sameKeys ? this.index.currentParts(claims) : undefined) ??
      (yield* indexPartSteps(this.index.terms.all(), claims, (key) =>
        allIds.subarray(termStart[key], termStart[key + 1]),
      ));
    const kept = this.keptEvents;
    const events = kept ? renumbered(kept, newSlot) : undefined;
    return { records: newRecords, columns, texts: texts.parts(), index, ...(events ? { events: () => events } : {}) };
  }
}

/**
 * Kept events with their slots renumbered as a snapshot numbers them; a group that lost a removed
 * document's claims is marked to be merged again.
 */
function renumbered(kept: KeptEvents, newSlot: ReadonlyMap<number, number>): KeptEvents {
  const groups = new Map<string, number[][]>();
  const dirty = new Set(kept.dirty);
  for (const [key, events] of kept.groups) {
    const moved: number[][] = [];
    for (const refs of events) {
      const event: number[] = [];
      for (let i = 0; i < refs.length; i += 2) {
        const slot = newSlot.get(refs[i]!);
        if (slot === undefined) dirty.add(key);
        else event.push(slot, refs[i + 1]!);
      }
      if (event.length > 0) moved.push(event);
    }
    if (moved.length > 0) groups.set(key, moved);
  }
  const placed = new Set<number>();
  for (const slot of kept.placed) {
    const moved = newSlot.get(slot);
    if (moved !== undefined) placed.add(moved);
  }
  return { groups, placed, dirty };
}

/** A document's term counts, read from the index over its range of keys. */
class DocumentTermCounts implements TermCounts {
  constructor(
    private readonly index: ClaimIndex,
    private readonly from: number,
    private readonly to: number,
  ) {}

  get(term: string): number {
    return this.index.countInRange(term, this.from, this.to);
  }
}

/** A claim read from the corpus columns; each part is computed when first asked for. */
class ClaimView implements IndexedClaim {
  private cachedTermSet: ReadonlySet<string> | undefined;
  private cachedClaim: Claim | undefined;
  private cachedParagraph: ReadonlySet<string> | undefined;
  private cachedLinks: { referred: ReadonlySet<string>; antecedents: ReadonlySet<string> } | undefined;

  constructor(
    private readonly corpus: Corpus,
    readonly key: number,
  ) {}

  private cachedIds: Uint32Array | undefined;

  /** The claim's term ids, read once for `termIds` and the term set alike. */
  private ids(): Uint32Array {
    this.cachedIds ??= this.corpus.termIdsOf(this.key);
    return this.cachedIds;
  }

  get termIds(): Uint32Array {
    return this.ids();
  }

  get termSet(): ReadonlySet<string> {
    this.cachedTermSet ??= new TermIdSet(this.corpus.index.terms, this.ids());
    return this.cachedTermSet;
  }

  get claim(): Claim {
    this.cachedClaim ??= this.corpus.claimAt(this.key);
    return this.cachedClaim;
  }

  get position(): number {
    return this.corpus.positionOf(this.key);
  }

  get paragraphTerms(): ReadonlySet<string> {
    this.cachedParagraph ??= this.corpus.paragraphTermsOf(this.key);
    return this.cachedParagraph;
  }

  get referredTerms(): ReadonlySet<string> {
    return this.links().referred;
  }

  get antecedentTerms(): ReadonlySet<string> {
    return this.links().antecedents;
  }

  get context(): DocumentContext {
    return this.corpus.contextOf(this.key);
  }

  private links(): { referred: ReadonlySet<string>; antecedents: ReadonlySet<string> } {
    if (!this.cachedLinks) {
      // Read over the id runs: ranking asks most candidates about their links, and most have none.
      if (!this.corpus.hasLinks(this.key)) this.cachedLinks = this.corpus.noLinks;
      else {
        const { referred, antecedents } = this.corpus.linksOf(this.key);
        const table = this.corpus.index.terms;
        this.cachedLinks = { referred: new TermIdSet(table, referred), antecedents: new TermIdSet(table, antecedents) };
      }
    }
    return this.cachedLinks;
  }
}

/**
 * A claim read from the columns. The sentence is read (from the snapshot file, for a large corpus)
 * when first asked for: a timeline of every event cites far more claims than a reply shows. Its
 * attribution likewise. A class rather than an object literal whose getters close over the sentence:
 * with the literal, the young-generation collections during /ask paused about three to four times
 * longer on the BBC corpus (likely because the closures kept decoded sentences alive through them).
 */
class StoredClaim implements Claim {
  readonly #texts: ClaimTexts;
  readonly #key: number;
  #text: string | undefined;
  #attribution: string | null | undefined = null;

  constructor(
    readonly documentId: string,
    readonly paragraph: number,
    readonly sentence: number,
    readonly kind: ClaimKind,
    texts: ClaimTexts,
    key: number,
  ) {
    this.#texts = texts;
    this.#key = key;
  }

  /** Built when asked for: ranking makes a claim of every candidate, and only the few quoted show their id. */
  get id(): string {
    return `${this.documentId}#p${this.paragraph}.s${this.sentence}`;
  }

  get text(): string {
    this.#text ??= this.#texts.get(this.#key);
    return this.#text;
  }

  get attribution(): string | undefined {
    if (this.#attribution === null) this.#attribution = findAttribution(this.text);
    return this.#attribution;
  }

  /** As a plain claim (what the object literal it replaced gave JSON). */
  toJSON(): Claim {
    const { id, documentId, paragraph, sentence, kind, text, attribution } = this;
    return { id, documentId, paragraph, sentence, kind, text, ...(attribution === undefined ? {} : { attribution }) };
  }
}
