/**
 * Dated events: every dated mention in the corpus, merged across documents when claims report the
 * same thing on the same date (twenty wire copies of one event are one event with twenty
 * citations), each shown with its most representative claim.
 */
import type { Corpus, IndexedClaim } from '../corpus.js';
import type { DocumentInfo } from '../document.js';
import { type CalendarDate, toIso } from './calendar.js';
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

function keyOf(mention: TemporalMention): string {
  return [toIso(mention.date), mention.end ? toIso(mention.end) : '', mention.approximate, mention.modality, mention.label ?? ''].join('|');
}

/** The claim most like the others (the best-written report of the event), first. */
function representativeFirst(claims: DatedClaim[]): DatedClaim[] {
  if (claims.length <= 2) return claims;
  const sample = claims.slice(0, REPRESENTATIVE_SAMPLE);
  const centrality = (candidate: DatedClaim): number =>
    sample.reduce((sum, other) => (other === candidate ? sum : sum + similarity(candidate.entry.termSet, other.entry.termSet)), 0);
  const best = sample.reduce((a, b) => (centrality(b) > centrality(a) ? b : a));
  return [best, ...claims.filter((claim) => claim !== best)];
}

/** Merges dated claims into events: same date and kind, and alike in content. */
export function mergeIntoEvents(dated: readonly DatedClaim[]): DatedEvent[] {
  const groups = new Map<string, DatedClaim[][]>();
  for (const item of dated) {
    const clusters = groups.get(keyOf(item.mention)) ?? [];
    const home = clusters.find((cluster) => cluster.some((other) => other.entry.key === item.entry.key) || similarity(cluster[0]!.entry.termSet, item.entry.termSet) >= SAME_EVENT);
    if (home) {
      if (!home.some((other) => other.entry.key === item.entry.key)) home.push(item);
    } else {
      clusters.push([item]);
    }
    groups.set(keyOf(item.mention), clusters);
  }
  return [...groups.values()].flat().map((cluster) => {
    const { mention } = cluster[0]!;
    return {
      date: mention.date,
      approximate: mention.approximate,
      ...(mention.end ? { end: mention.end } : {}),
      modality: mention.modality,
      ...(mention.label ? { label: mention.label } : {}),
      claims: representativeFirst(cluster),
      documents: new Set(cluster.map((item) => item.entry.claim.documentId)).size,
    };
  });
}
