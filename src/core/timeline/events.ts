/**
 * Dated events: every dated mention in the corpus, merged across documents when claims report the
 * same thing on the same date (twenty wire copies of one event are one event with twenty
 * citations), each shown with its most representative claim.
 */
import type { Corpus, IndexedClaim } from '../corpus.js';
import type { DocumentInfo } from '../document.js';
import { type CalendarDate, firstDay, lastDay, toIso } from './calendar.js';
import type { TemporalMention } from './temporal.js';
import { TermIdSet } from '../store/term-id-set.js';

/** A dated mention with the claim that makes it. */
export interface DatedClaim {
  mention: TemporalMention;
  entry: IndexedClaim;
}

/** One event: a date and the claims that report it. */
export interface DatedEvent {
  date: CalendarDate;
  approximate: boolean;
  end?: CalendarDate;
  modality: TemporalMention['modality'];
  label?: string;
  /** The claims, the representative one first. */
  claims: DatedClaim[];
  /** Distinct documents among the claims. */
  documents: number;
}

/**
 * The dated mentions of one document, each with its claim. The corpus computes a document's
 * mentions once per indexing of it and keeps them in its snapshot; the claims of one call are
 * shared, so a claim with two mentions is the same entry in both.
 */
export function datedClaimsOf(corpus: Corpus, document: DocumentInfo): DatedClaim[] {
  const mentions = corpus.datedMentions(document.id);
  if (mentions.length === 0) return [];
  const record = corpus.record(document.id)!;
  const entries = new Map<number, IndexedClaim>();
  return mentions.map(({ position, mention }) => {
    let entry = entries.get(position);
    if (!entry) entries.set(position, (entry = corpus.entry(record.firstKey + position)!));
    return { mention, entry };
  });
}

/** Claims this alike report the same thing. */
const SAME_EVENT = 0.3;
/** Members compared when choosing the representative claim of a large event. */
const REPRESENTATIVE_SAMPLE = 40;

/** Events are formed among claims that give the same date (and the same end). */
export function dateKeyOf(mention: TemporalMention): string {
  return [toIso(mention.date), mention.end ? toIso(mention.end) : ''].join('|');
}

/**
 * Drops a mention whose sentence also gives a finer date within it ("in 2011, on January 25"):
 * the sentence reports one dated thing, at the finer date.
 */
export function withoutCoarserRepeats(dated: readonly DatedClaim[]): DatedClaim[] {
  const bySentence = new Map<number, DatedClaim[]>();
  for (const item of dated) {
    const list = bySentence.get(item.entry.key);
    if (list) list.push(item);
    else bySentence.set(item.entry.key, [item]);
  }
  const covers = (outer: TemporalMention, inner: TemporalMention): boolean =>
    outer !== inner &&
    !outer.end &&
    !inner.end &&
    firstDay(outer.date) <= firstDay(inner.date) &&
    lastDay(inner.date) <= lastDay(outer.date) &&
    lastDay(outer.date) - firstDay(outer.date) > lastDay(inner.date) - firstDay(inner.date);
  return dated.filter((item) => {
    const sentence = bySentence.get(item.entry.key)!;
    return sentence.length === 1 || !sentence.some((other) => covers(item.mention, other.mention));
  });
}

/** From the surest to the least sure: an event is reported when any claim reports it. */
const CERTAINTY: TemporalMention['modality'][] = ['reported', 'prediction', 'conditional'];

/**
 * The claim most like the others (the best-written report of the event), first. `terms` gives a
 * claim's ranked terms (see rankedTerms), compared as similarity() compares term sets.
 */
function representativeFirst(claims: number[], terms: readonly Int32Array[]): number[] {
  if (claims.length <= 2) return claims;
  const sample = claims.slice(0, REPRESENTATIVE_SAMPLE);
  const centrality = sample.map((candidate) =>
    sample.reduce((sum, other) => (other === candidate ? sum : sum + jaccard(terms[candidate]!, terms[other]!)), 0),
  );
  let best = 0;
  for (let i = 1; i < sample.length; i++) if (centrality[i]! > centrality[best]!) best = i;
  return [sample[best]!, ...claims.filter((claim) => claim !== sample[best])];
}

/** Fewest rarest terms of a set that any set this alike must share one of (prefix filtering). */
function prefixLength(size: number): number {
  return size - Math.ceil(SAME_EVENT * size - 1e-9) + 1;
}

/** Local term number by corpus term id, -1 when not met in the group being ranked (kept between calls, reset after each). */
let localById = new Int32Array(0);

/**
 * Each claim's distinct terms as ranks in one order over every term (rarest first, then by
 * spelling), ascending: prefixes are the first few ranks, and two claims compare by merging.
 * Claims read from the corpus give their term ids, numbered through a reused array, so no term
 * string is looked up per claim and no map entry made per term met.
 */
function rankedTerms(items: readonly DatedClaim[], rarity: (term: string) => number): Int32Array[] {
  const byTerm = new Map<string, number>();
  const terms: string[] = [];
  const metIds: number[] = [];
  const localOfTerm = (spelling: string): number => {
    let local = byTerm.get(spelling);
    if (local === undefined) {
      local = terms.length;
      terms.push(spelling);
      byTerm.set(spelling, local);
    }
    return local;
  };
  let perItem: Int32Array[];
  try {
    perItem = items.map(({ entry }) => {
      const set = entry.termSet;
      if (!(set instanceof TermIdSet)) return Int32Array.from(set, localOfTerm);
      const { ids } = set;
      const locals = new Int32Array(ids.length);
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i]!;
        if (id >= localById.length) {
          const grown = new Int32Array(Math.max(id + 1, 2 * localById.length)).fill(-1);
          grown.set(localById);
          localById = grown;
        }
        let local = localById[id]!;
        if (local === -1) {
          local = localById[id] = localOfTerm(set.termOf(id));
          metIds.push(id);
        }
        locals[i] = local;
      }
      return locals;
    });
  } finally {
    for (const id of metIds) localById[id] = -1;
  }
  const rarities = terms.map(rarity);
  const order = terms.map((_, local) => local);
  order.sort((a, b) => rarities[a]! - rarities[b]! || (terms[a]! < terms[b]! ? -1 : terms[a]! > terms[b]! ? 1 : 0));
  const rank = new Int32Array(terms.length);
  for (let position = 0; position < order.length; position++) rank[order[position]!] = position;
  return perItem.map((locals) => {
    for (let i = 0; i < locals.length; i++) locals[i] = rank[locals[i]!]!;
    locals.sort();
    let unique = 0;
    for (let i = 0; i < locals.length; i++) if (i === 0 || locals[i] !== locals[i - 1]) locals[unique++] = locals[i]!;
    return unique === locals.length ? locals : locals.slice(0, unique);
  });
}

/** Jaccard similarity of two ascending rank lists (what similarity() gives for the same terms). */
function jaccard(a: Int32Array, b: Int32Array): number {
  let shared = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i]! === b[j]!) {
      shared++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  const union = a.length + b.length - shared;
  return union === 0 ? 0 : shared / union;
}

/**
 * Whether two claims' ascending rank lists are alike (Jaccard similarity of at least SAME_EVENT,
 * computed as similarity() does). The merge starts where the pair first met (`i` in a, `j` in b:
 * they share no term before those places, see firstAlike) and stops as soon as the terms left
 * cannot bring the shared count to what the threshold needs, which most pairs tell within a few terms.
 */
function alike(a: Int32Array, b: Int32Array, i = 0, j = 0): boolean {
  // shared / (|a| + |b| - shared) >= t  <=>  shared >= t (|a| + |b|) / (1 + t)
  const needed = (SAME_EVENT * (a.length + b.length)) / (1 + SAME_EVENT) - 1e-9;
  let shared = 0;
  while (i < a.length && j < b.length) {
    if (shared + Math.min(a.length - i, b.length - j) < needed) return false;
    if (a[i]! === b[j]!) {
      shared++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  const union = a.length + b.length - shared;
  return union !== 0 && shared / union >= SAME_EVENT;
}

/** The shared-term count a pair of these sizes needs, less a rounding margin (as the filters compare it). */
const neededShared = (size: number, length: number): number => (SAME_EVENT * (size + length)) / (1 + SAME_EVENT) - 1e-9;

/**
 * Whether a term at `position` of a cluster's first claim (of `length` terms) leaves too few terms
 * after it for any claim of `length` terms or more to share enough from there: such a place can
 * only pass the positional filter against a shorter claim (see firstAlike).
 */
const inTail = (position: number, length: number): boolean => length - position < neededShared(length, length);

interface Group {
  /** Each cluster's claims, as indexes into the merged items. */
  clusters: number[][];
  /** The ranked terms of each cluster's first claim. */
  firsts: Int32Array[];
  /**
   * By each term in a cluster's first claim's prefix: (cluster index, the term's place in that
   * claim, the claim's size) triples, in ascending cluster order; `byTermTail` holds the places
   * inTail() tells apart, which only a few of a claim's first terms need to look at.
   */
  byTerm: Map<number, number[]>;
  byTermTail: Map<number, number[]>;
  /** Cluster indexes holding each claim key. */
  byKey: Map<number, Set<number>>;
  /** The first cluster each document opened with an anchored date ("the third anniversary of ..."). */
  anchoredByDocument: Map<string, number>;
  /** The last claim each cluster was compared with, so a cluster met under several terms is compared once. */
  compared: number[];
}

/**
 * The first cluster before `home` whose first claim is alike: only clusters sharing a term of the
 * claim's prefix; of those, only ones whose sizes allow the threshold (Jaccard similarity is at
 * most the smaller size over the larger) and whose lists, from the shared term on, could still
 * reach it (positional filtering, as in PPJoin: a pair first met at a late prefix term shares none
 * of the earlier ones, so the comparison starts there); each compared once (`stamp`). The filters
 * read only the term's list, so most clusters are passed over without touching their terms. A
 * cluster's term in its tail (inTail) can pass the positional filter only against a claim shorter
 * than the cluster, and only at a place of the claim that leaves it the terms it would need then:
 * the tail lists are read for those places alone, which skips what the filter would drop anyway.
 */
function firstAlike(group: Group, terms: Int32Array, prefix: number, home: number, stamp: number): number {
  const size = terms.length;
  // From where the claim leaves too few terms to share enough with any longer cluster, no tail list.
  const longerNeeds = neededShared(size, size + 1);
  for (let p = 0; p < prefix; p++) {
    home = firstAlikeIn(group, group.byTerm.get(terms[p]!), terms, p, home, stamp);
    if (size - p >= longerNeeds) home = firstAlikeIn(group, group.byTermTail.get(terms[p]!), terms, p, home, stamp);
  }
  return home;
}

/** firstAlike over one term's list, met at place `p` of the claim's terms. */
function firstAlikeIn(
  group: Group,
  list: number[] | undefined,
  terms: Int32Array,
  p: number,
  home: number,
  stamp: number,
): number {
  if (list === undefined) return home;
  const { compared, firsts } = group;
  const size = terms.length;
  for (let k = 0; k < list.length; k += 3) {
    const index = list[k]!;
    if (index >= home) break;
    const length = list[k + 2]!;
    const smaller = Math.min(length, size);
    const larger = Math.max(length, size);
    if (smaller < SAME_EVENT * larger - 1e-9) continue;
    const position = list[k + 1]!;
    if (Math.min(size - p, length - position) < neededShared(size, length)) continue;
    if (compared[index] === stamp) continue;
    compared[index] = stamp;
    if (alike(firsts[index]!, terms, position, p)) return index;
  }
  return home;
}

/**
 * Merges dated claims into events: claims that give the same date for the same happening, in one
 * document or across documents, are one event; a sentence counts once per event. Claims report the
 * same happening when they are alike in content, or when one document dates both through anchors
 * ("the third anniversary of the invasion", "as the war enters its fourth year": a document's
 * derived dates on one day are one milestone). Each claim joins the first event it belongs to, or
 * holds already. Two claims this alike share one of the rarest terms of each (a prefix whose length
 * follows from the threshold), and their sizes differ by at most the threshold's ratio, so a claim
 * is compared only with the events passing both filters, each once: the same events as comparing
 * with all of them, without the quadratic cost on a date that thousands of claims mention. Terms
 * are compared as integer ranks, not strings. `rarity` orders terms (the index's document
 * frequency); any fixed order gives the same events. The event is exact when any claim states the
 * date outright, reported when any claim reports it, and shown with the most representative of
 * its surest claims. Events come grouped by date (and end), the groups in the order of their keys,
 * so a group merged again on its own (timeline/kept-events.ts) takes the same place.
 */
export function mergeIntoEvents(
  dated: readonly DatedClaim[],
  rarity: (term: string) => number = () => 0,
): DatedEvent[] {
  const groups = groupByDate(withoutCoarserRepeats(dated));
  return [...groups.keys()].sort().flatMap((key) => mergeGroup(groups.get(key)!, rarity));
}

/** The claims of each date (and end), in their order. */
export function groupByDate(items: readonly DatedClaim[]): Map<string, DatedClaim[]> {
  const groups = new Map<string, DatedClaim[]>();
  for (const item of items) {
    const key = dateKeyOf(item.mention);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** Merges the dated claims of one date (and end) into its events (see mergeIntoEvents). */
export function mergeGroup(items: readonly DatedClaim[], rarity: (term: string) => number): DatedEvent[] {
  const ranked = rankedTerms(items, rarity);
  const group: Group = {
    clusters: [],
    firsts: [],
    byTerm: new Map(),
    byTermTail: new Map(),
    byKey: new Map(),
    anchoredByDocument: new Map(),
    compared: [],
  };
  items.forEach((item, itemIndex) => {
    const holding = group.byKey.get(item.entry.key);
    let home = holding ? Math.min(...holding) : Infinity;
    const document = item.mention.label ? item.entry.claim.documentId : undefined;
    const anchored = document !== undefined ? group.anchoredByDocument.get(document) : undefined;
    if (anchored !== undefined) home = Math.min(home, anchored);
    const terms = ranked[itemIndex]!;
    const prefix = prefixLength(terms.length);
    home = firstAlike(group, terms, prefix, home, itemIndex);
    if (home !== Infinity) {
      if (!holding?.has(home)) {
        group.clusters[home]!.push(itemIndex);
        if (holding) holding.add(home);
        else group.byKey.set(item.entry.key, new Set([home]));
      }
    } else {
      const index = group.clusters.length;
      group.clusters.push([itemIndex]);
      group.firsts.push(terms);
      group.compared.push(itemIndex); // kept dense: a holey array would make every read slow
      if (document !== undefined && !group.anchoredByDocument.has(document))
        group.anchoredByDocument.set(document, index);
      for (let position = 0; position < prefix; position++) {
        const term = terms[position]!;
        const lists = inTail(position, terms.length) ? group.byTermTail : group.byTerm;
        const list = lists.get(term);
        if (list) list.push(index, position, terms.length);
        else lists.set(term, [index, position, terms.length]);
      }
      if (holding) holding.add(index);
      else group.byKey.set(item.entry.key, new Set([index]));
    }
  });
  return group.clusters.map((members) => {
    const cluster = members.map((index) => items[index]!);
    const modality = CERTAINTY.find((certainty) => cluster.some((item) => item.mention.modality === certainty))!;
    const surest = representativeFirst(
      members.filter((index) => items[index]!.mention.modality === modality),
      ranked,
    );
    const first = new Set(surest);
    const claims = [...surest, ...members.filter((index) => !first.has(index))].map((index) => items[index]!);
    return eventOf(claims, new Set(cluster.map((item) => item.entry.claim.documentId)).size);
  });
}

/**
 * An event of claims in their order (the representative first, of the surest modality), and how
 * many documents they come from.
 */
export function eventOf(claims: DatedClaim[], documents: number): DatedEvent {
  const { mention } = claims[0]!;
  const label = claims.find((item) => item.mention.label)?.mention.label;
  return {
    date: mention.date,
    approximate: claims.every((item) => item.mention.approximate),
    ...(mention.end ? { end: mention.end } : {}),
    modality: mention.modality,
    ...(label ? { label } : {}),
    claims,
    documents,
  };
}
