/**
 * Dated events: every dated mention in the corpus, merged across documents when claims report the
 * same thing on the same date (twenty wire copies of one event are one event with twenty
 * citations), each shown with its most representative claim.
 */
import type { Corpus, IndexedClaim } from '../corpus.js';
import type { DocumentInfo } from '../document.js';
import { type CalendarDate, firstDay, lastDay, toIso } from './calendar.js';
import type { TemporalMention } from './temporal.js';
import { similarity } from '../similarity.js';

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
function keyOf(mention: TemporalMention): string {
  return [toIso(mention.date), mention.end ? toIso(mention.end) : ''].join('|');
}

/**
 * Drops a mention whose sentence also gives a finer date within it ("in 2011, on January 25"):
 * the sentence reports one dated thing, at the finer date.
 */
function withoutCoarserRepeats(dated: readonly DatedClaim[]): DatedClaim[] {
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

/** The claim most like the others (the best-written report of the event), first. */
function representativeFirst(claims: DatedClaim[]): DatedClaim[] {
  if (claims.length <= 2) return claims;
  const sample = claims.slice(0, REPRESENTATIVE_SAMPLE);
  const centrality = (candidate: DatedClaim): number =>
    sample.reduce(
      (sum, other) => (other === candidate ? sum : sum + similarity(candidate.entry.termSet, other.entry.termSet)),
      0,
    );
  const best = sample.reduce((a, b) => (centrality(b) > centrality(a) ? b : a));
  return [best, ...claims.filter((claim) => claim !== best)];
}

/** Fewest rarest terms of a set that any set this alike must share one of (prefix filtering). */
function prefixLength(size: number): number {
  return size - Math.ceil(SAME_EVENT * size - 1e-9) + 1;
}

interface Group {
  clusters: DatedClaim[][];
  /** Cluster indexes (ascending) by the terms in their first claim's prefix. */
  byTerm: Map<string, number[]>;
  /** Cluster indexes holding each claim key. */
  byKey: Map<number, Set<number>>;
  /** The first cluster each document opened with an anchored date ("the third anniversary of ..."). */
  anchoredByDocument: Map<string, number>;
}

/**
 * Merges dated claims into events: claims that give the same date for the same happening, in one
 * document or across documents, are one event; a sentence counts once per event. Claims report the
 * same happening when they are alike in content, or when one document dates both through anchors
 * ("the third anniversary of the invasion", "as the war enters its fourth year": a document's
 * derived dates on one day are one milestone). Each claim joins the first event it belongs to, or
 * holds already. Two claims this alike share one of the rarest terms of each (a prefix whose length
 * follows from the threshold), so a claim is compared only with the events sharing one: the same
 * events as comparing with all of them, without the quadratic cost on a date that thousands of
 * claims mention. `rarity` orders terms (the index's document frequency); any fixed order gives the
 * same events. The event is exact when any claim states the date outright, reported when any claim
 * reports it, and shown with the most representative of its surest claims.
 */
export function mergeIntoEvents(
  dated: readonly DatedClaim[],
  rarity: (term: string) => number = () => 0,
): DatedEvent[] {
  const rank = new Map<string, number>();
  const rarityOf = (term: string): number => {
    let value = rank.get(term);
    if (value === undefined) rank.set(term, (value = rarity(term)));
    return value;
  };
  const order = (a: string, b: string): number => rarityOf(a) - rarityOf(b) || (a < b ? -1 : a > b ? 1 : 0);
  const prefixOf = (terms: ReadonlySet<string>): string[] => [...terms].sort(order).slice(0, prefixLength(terms.size));
  const groups = new Map<string, Group>();
  for (const item of withoutCoarserRepeats(dated)) {
    const key = keyOf(item.mention);
    let group = groups.get(key);
    if (!group)
      groups.set(key, (group = { clusters: [], byTerm: new Map(), byKey: new Map(), anchoredByDocument: new Map() }));
    const holding = group.byKey.get(item.entry.key);
    let home = holding ? Math.min(...holding) : Infinity;
    const document = item.entry.claim.documentId;
    const anchored = item.mention.label ? group.anchoredByDocument.get(document) : undefined;
    if (anchored !== undefined) home = Math.min(home, anchored);
    const terms = item.entry.termSet;
    const prefix = prefixOf(terms);
    for (const term of prefix) {
      for (const index of group.byTerm.get(term) ?? []) {
        if (index >= home) break;
        if (similarity(group.clusters[index]![0]!.entry.termSet, terms) >= SAME_EVENT) {
          home = index;
          break;
        }
      }
    }
    if (home !== Infinity) {
      if (!holding?.has(home)) {
        group.clusters[home]!.push(item);
        if (holding) holding.add(home);
        else group.byKey.set(item.entry.key, new Set([home]));
      }
    } else {
      const index = group.clusters.length;
      group.clusters.push([item]);
      if (item.mention.label && !group.anchoredByDocument.has(document)) group.anchoredByDocument.set(document, index);
      for (const term of prefix) {
        const list = group.byTerm.get(term);
        if (list) list.push(index);
        else group.byTerm.set(term, [index]);
      }
      if (holding) holding.add(index);
      else group.byKey.set(item.entry.key, new Set([index]));
    }
  }
  return [...groups.values()]
    .flatMap((group) => group.clusters)
    .map((cluster) => {
      const modality = CERTAINTY.find((certainty) => cluster.some((item) => item.mention.modality === certainty))!;
      const surest = representativeFirst(cluster.filter((item) => item.mention.modality === modality));
      const claims = [...surest, ...cluster.filter((item) => !surest.includes(item))];
      const { mention } = claims[0]!;
      const label = claims.find((item) => item.mention.label)?.mention.label;
      return {
        date: mention.date,
        approximate: cluster.every((item) => item.mention.approximate),
        ...(mention.end ? { end: mention.end } : {}),
        modality,
        ...(label ? { label } : {}),
        claims,
        documents: new Set(cluster.map((item) => item.entry.claim.documentId)).size,
      };
    });
}
