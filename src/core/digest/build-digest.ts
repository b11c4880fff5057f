/**
 * A digest: the documents that arrived in a window, grouped by document, each with its most
 * important claims first (headline and lead, claims other documents also report, claims that date
 * an event), each cited; and how much was left out.
 */
import { citationOf, type Citation } from '../citation.js';
import { createCheckpoint } from '../cooperative.js';
import type { Corpus, IndexedClaim } from '../corpus.js';
import type { DocumentScope } from '../scope.js';
import type { DocumentInfo } from '../document.js';
import { precisionOf } from '../timeline/calendar.js';
import { datedClaimsOf } from '../timeline/events.js';
import { warmDates } from '../timeline/warm.js';

/** Why a claim made the digest. */
export type DigestReason = 'headline' | 'lead' | 'also reported elsewhere' | 'dated event';

export interface DigestItem {
  /** The sentence, verbatim. */
  text: string;
  citation: Citation;
  reasons: DigestReason[];
}

export interface DigestSection {
  document: string;
  title: string;
  url: string | null;
  /** ISO instant the document arrived. */
  arrivedAt: string;
  items: DigestItem[];
}

export interface DigestResult {
  /** ISO instants bounding the window: documents that arrived after `since`, up to `until`. */
  since: string;
  until: string;
  sections: DigestSection[];
  /** Documents and claims that arrived but are not shown. */
  leftOut: { documents: number; claims: number };
  note: string;
}

export interface DigestOptions {
  since: Date;
  until: Date;
  /** When each document arrived; documents without an arrival time are never new. */
  arrivedAt: (documentId: string) => Date | undefined;
  /** Most documents shown (default 8) and claims each (default 3). */
  maxDocuments?: number;
  maxClaims?: number;
  /** Only these documents (a channel's collection); default every document. */
  scope?: DocumentScope;
}

/** Claims this alike in two documents report the same thing. */
const SAME_REPORT = 0.3;
/** A claim is looked up by at most this many of its rarest terms... */
const LOOKUP_TERMS = 6;
/** ...and only while their claims add up to about this many (two terms at least), as /ask does. */
const LOOKUP_POSTINGS = 1_500;
/** "Also reported elsewhere" counts up to this many other documents. */
const MAX_OTHER_REPORTS = 3;

type Checkpoint = () => Promise<void>;

/** The rarest term ids of a claim, within the lookup budget, rarest first. */
function lookupTerms(corpus: Corpus, terms: readonly number[]): number[] {
  const frequency = (id: number): number => corpus.index.frequencyOfId(id);
  const byRarity = [...terms].sort((a, b) => frequency(a) - frequency(b)).slice(0, LOOKUP_TERMS);
  const chosen: number[] = [];
  let postings = 0;
  for (const id of byRarity) {
    if (chosen.length >= 2 && postings + frequency(id) > LOOKUP_POSTINGS) break;
    chosen.push(id);
    postings += frequency(id);
  }
  return chosen;
}

/** Per-term and per-claim counters in flat arrays, grown as ids and keys need, reused across claims. */
class Counters {
  /** mark[termId] === stamp: the term is one of the current claim's. */
  private mark = new Uint32Array(1_024);
  /** seen[termId] === visit: the term was already counted for the candidate being compared. */
  private seen = new Uint32Array(1_024);
  private stamp = 0;
  private visit = 0;
  /** Shared lookup terms by candidate key (zeroed after each claim). */
  shared = new Uint8Array(1_024);

  private static fit<T extends Uint8Array | Uint32Array>(array: T, index: number, make: (size: number) => T): T {
    if (index < array.length) return array;
    const grown = make(Math.max(index + 1, array.length * 2));
    grown.set(array);
    return grown;
  }

  /** Makes `terms` the current claim's; returns how many distinct terms it has. */
  setOwn(terms: ArrayLike<number>): number {
    this.stamp++;
    let distinct = 0;
    for (let i = 0; i < terms.length; i++) {
      const id = terms[i]!;
      this.mark = Counters.fit(this.mark, id, (size) => new Uint32Array(size));
      if (this.mark[id] !== this.stamp) (this.mark[id] = this.stamp), distinct++;
    }
    return distinct;
  }

  /** Jaccard similarity of a candidate's terms with the current claim's (`own` distinct terms). */
  jaccard(terms: ArrayLike<number>, own: number): number {
    this.visit++;
    let distinct = 0;
    let both = 0;
    for (let i = 0; i < terms.length; i++) {
      const id = terms[i]!;
      this.seen = Counters.fit(this.seen, id, (size) => new Uint32Array(size));
      if (this.seen[id] === this.visit) continue;
      this.seen[id] = this.visit;
      distinct++;
      if (id < this.mark.length && this.mark[id] === this.stamp) both++;
    }
    const union = own + distinct - both;
    return union === 0 ? 0 : both / union;
  }

  /** Counts one shared term for a candidate; true the first time the candidate is seen. */
  share(key: number): boolean {
    this.shared = Counters.fit(this.shared, key, (size) => new Uint8Array(size));
    return this.shared[key]!++ === 0;
  }
}

/**
 * For each given claim, how many other documents hold a claim alike (Jaccard >= SAME_REPORT), up to
 * MAX_OTHER_REPORTS. Candidates share at least two of its rarest terms (the one, for a claim with
 * one), read from the index's postings. A candidate holds one of all but the commonest of those
 * terms, so the commonest term's (longest) postings are never read, only checked on candidates.
 */
async function countOtherReports(
  corpus: Corpus,
  claims: readonly IndexedClaim[],
  checkpoint: Checkpoint,
): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  const counters = new Counters();
  for (const { key, claim } of claims) {
    await checkpoint();
    const own = corpus.termIdsOf(key);
    const ownDistinct = counters.setOwn(own);
    const lookup = lookupTerms(corpus, [...new Set(own)]);
    // A document's claims have consecutive keys: its own claims are skipped by range.
    const home = corpus.record(claim.documentId)!;
    const first = home.firstKey;
    const end = home.firstKey + home.claimCount;
    const candidates: number[] = [];
    for (const id of lookup.length >= 2 ? lookup.slice(0, -1) : lookup) {
      corpus.index.forEachClaimWith(id, (other) => {
        if ((other < first || other >= end) && counters.share(other)) candidates.push(other);
      });
    }
    const commonest = lookup.length >= 2 ? lookup.at(-1)! : undefined;
    const needed = Math.min(2, lookup.length);
    const alike = new Set<number>();
    for (const other of candidates) {
      const count = counters.shared[other]!;
      counters.shared[other] = 0;
      if (alike.size >= MAX_OTHER_REPORTS) continue;
      const slot = corpus.documentSlotOf(other);
      if (alike.has(slot)) continue;
      const terms = corpus.termIdsOf(other);
      if (count < needed && !(count + 1 === needed && commonest !== undefined && terms.includes(commonest))) continue;
      if (counters.jaccard(terms, ownDistinct) >= SAME_REPORT) alike.add(slot);
    }
    counts.set(key, alike.size);
  }
  return counts;
}

/** A claim while it is ranked: its points so far; other reports add at most MAX_OTHER_REPORTS. */
interface ScoredClaim {
  entry: IndexedClaim;
  headline: boolean;
  lead: boolean;
  dated: boolean;
  /** Points before other reports are counted. */
  base: number;
  /** Other documents reporting it, once counted. */
  others?: number;
}

const scoreOf = (claim: ScoredClaim): number => claim.base + (claim.others ?? 0);

function reasonsOf(claim: ScoredClaim): DigestReason[] {
  const reasons: DigestReason[] = [];
  if (claim.headline) reasons.push('headline');
  if (claim.lead) reasons.push('lead');
  if (claim.others) reasons.push('also reported elsewhere');
  if (claim.dated) reasons.push('dated event');
  return reasons;
}

function baseScores(corpus: Corpus, document: DocumentInfo): ScoredClaim[] {
  const dated = new Set(
    datedClaimsOf(corpus, document)
      .filter(({ mention }) => precisionOf(mention.date) === 'day' && mention.modality === 'reported')
      .map(({ entry }) => entry.key),
  );
  const entries = corpus.entriesOf(document.id);
  const lead = entries.find((entry) => entry.claim.kind === 'body');
  return entries.map((entry) => {
    const claim = {
      entry,
      headline: entry.claim.kind === 'headline' && entry.claim.paragraph === 1,
      lead: entry === lead,
      dated: dated.has(entry.key),
    };
    return { ...claim, base: (claim.headline ? 3 : 0) + (claim.lead ? 2 : 0) + (claim.dated ? 1 : 0) };
  });
}

/** One new document while it is ranked: its claims, and bounds on its score (its best claim's). */
class Candidate {
  constructor(
    readonly document: DocumentInfo,
    readonly at: Date,
    readonly claims: ScoredClaim[],
  ) {}

  /** The best score among claims counted so far. */
  get known(): number {
    return Math.max(0, ...this.claims.filter((claim) => claim.others !== undefined).map(scoreOf));
  }

  /** The best score it could reach once every claim is counted. */
  get possible(): number {
    return Math.max(
      this.known,
      ...this.claims.filter((claim) => claim.others === undefined).map((claim) => claim.base + MAX_OTHER_REPORTS),
    );
  }

  /** Claims not counted yet. */
  uncounted(): ScoredClaim[] {
    return this.claims.filter((claim) => claim.others === undefined);
  }

  /** Its claims that made points, best first. */
  ranked(): ScoredClaim[] {
    return this.claims
      .filter((claim) => scoreOf(claim) > 0)
      .sort((a, b) => scoreOf(b) - scoreOf(a) || a.entry.key - b.entry.key);
  }
}

const byRank = (a: Candidate, b: Candidate): number =>
  b.known - a.known || b.at.getTime() - a.at.getTime() || a.document.id.localeCompare(b.document.id);

/**
 * The `count` highest-ranked documents, each with its claims ranked. Counting other reports is the
 * costly part, so it is done in waves, only where it can change what is shown: first the claims
 * that already score (headline, lead, dated), then the rest of the documents that could still make
 * the cut, then the rest of those shown. The result is what counting every claim would give.
 */
async function bestDocuments(
  corpus: Corpus,
  candidates: Candidate[],
  count: number,
  checkpoint: Checkpoint,
): Promise<Candidate[]> {
  const countAll = async (claims: ScoredClaim[]): Promise<void> => {
    const others = await countOtherReports(
      corpus,
      claims.map((claim) => claim.entry),
      checkpoint,
    );
    for (const claim of claims) claim.others = others.get(claim.entry.key) ?? 0;
  };
  await countAll(candidates.flatMap((candidate) => candidate.claims.filter((claim) => claim.base > 0)));
  const cut = [...candidates].sort(byRank)[count - 1]?.known ?? 0;
  await countAll(
    candidates
      .filter((candidate) => candidate.possible > candidate.known && candidate.possible >= cut)
      .flatMap((candidate) => candidate.uncounted()),
  );
  const shown = [...candidates].sort(byRank).slice(0, count);
  await countAll(shown.flatMap((candidate) => candidate.uncounted()));
  return shown;
}

/**
 * The digest of what arrived in (since, until]. It may cover every document (a channel that never
 * had a digest), so it gives the event loop a turn every few milliseconds while it works.
 */
export async function buildDigest(corpus: Corpus, options: DigestOptions): Promise<DigestResult> {
  const checkpoint = createCheckpoint();
  const maxDocuments = options.maxDocuments ?? 8;
  const maxClaims = options.maxClaims ?? 3;
  const { scope } = options;
  const arrived = corpus.documents
    .filter((document) => !scope || scope.has(document.id))
    .map((document) => ({ document, at: options.arrivedAt(document.id) }))
    .filter(
      (item): item is { document: typeof item.document; at: Date } =>
        item.at !== undefined && item.at > options.since && item.at <= options.until,
    );
  await warmDates(corpus, { documents: arrived.map(({ document }) => document) });
  const candidates: Candidate[] = [];
  for (const { document, at } of arrived) {
    await checkpoint();
    candidates.push(new Candidate(document, at, baseScores(corpus, document)));
  }
  const shown = await bestDocuments(corpus, candidates, maxDocuments, checkpoint);
  const sections = shown.map((candidate) => ({
    document: candidate.document.id,
    title: candidate.document.title,
    url: candidate.document.url ?? null,
    arrivedAt: candidate.at.toISOString(),
    items: candidate
      .ranked()
      .slice(0, maxClaims)
      .map((claim) => ({
        text: claim.entry.claim.text,
        citation: citationOf(claim.entry.claim, candidate.document),
        reasons: reasonsOf(claim),
      })),
  }));
  const totalClaims = arrived.reduce((sum, { document }) => sum + corpus.entriesOf(document.id).length, 0);
  const shownClaims = sections.reduce((sum, section) => sum + section.items.length, 0);
  const leftOut = { documents: arrived.length - shown.length, claims: totalClaims - shownClaims };
  // The start of the window, not "the last digest": a first digest or a preview has none before it.
  const window =
    options.since.getTime() > 0 ? ` since ${options.since.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '';
  const note =
    arrived.length === 0
      ? `Nothing new in the documents${window}.`
      : `${arrived.length} new ${arrived.length === 1 ? 'document' : 'documents'}${leftOut.claims > 0 ? `; ${leftOut.claims} more claims not shown (see /sources, or /ask about them)` : ''}.`;
  return { since: options.since.toISOString(), until: options.until.toISOString(), sections, leftOut, note };
}
