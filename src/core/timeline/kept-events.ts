/**
 * The events of every document's dated claims, kept between /timeline calls and in the snapshot,
 * by date group (a date and its end). After documents are added, changed or removed, only the
 * groups their claims fall in are merged again: a group's events depend on its own claims alone
 * (mergeGroup), so this gives the events a merge of every claim gives, without the seconds that
 * merge takes on a large corpus.
 *
 * A claim is kept as a pair of numbers: its document's slot in the corpus and the index of the
 * mention in that document's dated mentions (both saved in the snapshot).
 */
import type { Corpus, IndexedClaim, KeptEvents } from '../corpus.js';
import { type DatedClaim, type DatedEvent, dateKeyOf, eventOf, mergeGroup, withoutCoarserRepeats } from './events.js';

export const noKeptEvents = (): KeptEvents => ({ groups: new Map(), placed: new Set(), dirty: new Set() });

/** The merged events of the current corpus version, so a later /timeline reads them. */
const current = new WeakMap<Corpus, { version: string; events: DatedEvent[] }>();

/** Reads kept claims back as dated claims, sharing one entry per claim. */
class ClaimReader {
  private readonly entries = new Map<number, IndexedClaim>();
  /** The (slot, mention index) each item read or made stands for. */
  readonly refs = new Map<DatedClaim, [number, number]>();

  constructor(private readonly corpus: Corpus) {}

  /** A kept claim as a dated claim; `merging` keeps which pair it stands for (to keep it again after a merge). */
  read(slot: number, index: number, merging = false): DatedClaim {
    const record = this.corpus.recordAt(slot)!;
    const { position, mention } = record.mentions![index]!;
    const key = record.firstKey + position;
    let entry = this.entries.get(key);
    if (!entry) this.entries.set(key, (entry = this.corpus.entry(key)!));
    const item = { mention, entry };
    if (merging) this.refs.set(item, [slot, index]);
    return item;
  }
}

/** The dated claims of a document, each with its mention's index (the same ones a merge of every document uses). */
function placedClaims(corpus: Corpus, slot: number, reader: ClaimReader): DatedClaim[] {
  const record = corpus.recordAt(slot)!;
  const mentions = corpus.datedMentions(record.document.id);
  return withoutCoarserRepeats(mentions.map((_, index) => reader.read(slot, index, true)));
}

const slotsOf = (refs: readonly number[]): number[] => refs.filter((_, i) => i % 2 === 0);

/**
 * Every event of the corpus, grouped by date and the groups in key order (what mergeIntoEvents
 * gives for every document's dated claims), merging again only the groups that changed.
 */
export function keptEventsOf(corpus: Corpus): DatedEvent[] {
  const version = corpus.version;
  const known = current.get(corpus);
  if (known?.version === version) return known.events;
  const kept = (corpus.keptEvents ??= noKeptEvents());
  const dirty = new Set(kept.dirty);
  const reader = new ClaimReader(corpus);
  const live = (slot: number): boolean => corpus.recordAt(slot) !== undefined;
  // Removed documents: the groups they were in are merged again without them.
  const gone = [...kept.placed].filter((slot) => !live(slot));
  if (gone.length > 0) {
    const goneSet = new Set(gone);
    for (const [key, events] of kept.groups)
      if (events.some((refs) => slotsOf(refs).some((slot) => goneSet.has(slot)))) dirty.add(key);
    for (const slot of gone) kept.placed.delete(slot);
  }
  // New documents: their dated claims join their groups.
  const added = new Map<string, DatedClaim[]>();
  for (let slot = 0; slot < corpus.slotCount; slot++) {
    if (!live(slot) || kept.placed.has(slot)) continue;
    for (const item of placedClaims(corpus, slot, reader)) {
      const key = dateKeyOf(item.mention);
      dirty.add(key);
      const list = added.get(key);
      if (list) list.push(item);
      else added.set(key, [item]);
    }
    kept.placed.add(slot);
  }
  const merged = new Map<string, DatedEvent[]>();
  const rarity = (term: string): number => corpus.index.documentFrequency(term);
  for (const key of dirty) {
    const items: DatedClaim[] = [];
    for (const refs of kept.groups.get(key) ?? [])
      for (let i = 0; i < refs.length; i += 2)
        if (live(refs[i]!)) items.push(reader.read(refs[i]!, refs[i + 1]!, true));
    items.push(...(added.get(key) ?? []));
    if (items.length === 0) {
      kept.groups.delete(key);
      continue;
    }
    // The order a merge of every document sees: documents by id, each one's mentions in order.
    const idOf = (item: DatedClaim): string => corpus.recordAt(reader.refs.get(item)![0])!.document.id;
    items.sort((a, b) => {
      const idA = idOf(a);
      const idB = idOf(b);
      return idA < idB ? -1 : idA > idB ? 1 : reader.refs.get(a)![1] - reader.refs.get(b)![1];
    });
    const events = mergeGroup(items, rarity);
    merged.set(key, events);
    kept.groups.set(
      key,
      events.map((event) => event.claims.flatMap((item) => reader.refs.get(item)!)),
    );
  }
  kept.dirty.clear();
  if (dirty.size > 0 || gone.length > 0) corpus.mentionsAdded = true; // worth saving in the snapshot
  const events = [...kept.groups.keys()]
    .sort()
    .flatMap((key) => merged.get(key) ?? kept.groups.get(key)!.map((refs) => keptEvent(reader, refs)));
  current.set(corpus, { version, events });
  return events;
}

/** A kept event read back. */
function keptEvent(reader: ClaimReader, refs: readonly number[]): DatedEvent {
  const claims: DatedClaim[] = [];
  for (let i = 0; i < refs.length; i += 2) claims.push(reader.read(refs[i]!, refs[i + 1]!));
  return eventOf(claims, new Set(slotsOf(refs)).size);
}
