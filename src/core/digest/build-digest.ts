/**
 * A digest: the documents that arrived in a window, grouped by document, each with its most
 * important claims first (headline and lead, claims other documents also report, claims that date
 * an event), each cited; and how much was left out.
 */
import { citationOf, type Citation } from '../citation.js';
import type { Corpus, IndexedClaim } from '../corpus.js';
import { datedClaimsOf } from '../timeline/events.js';
import { precisionOf } from '../timeline/calendar.js';
import { similarity } from '../similarity.js';

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
}

/** Claims this alike in two documents report the same thing. */
const SAME_REPORT = 0.3;

/** Other documents holding a claim alike: looked up through the index by the claim's rarest terms. */
function otherReports(corpus: Corpus, entry: IndexedClaim): number {
  const rarest = [...entry.termSet].sort((a, b) => corpus.index.documentFrequency(a) - corpus.index.documentFrequency(b)).slice(0, 6);
  const documents = new Set<string>();
  for (const hit of corpus.index.search(rarest, 30)) {
    const other = corpus.entry(hit.key);
    if (other && other.claim.documentId !== entry.claim.documentId && similarity(other.termSet, entry.termSet) >= SAME_REPORT) documents.add(other.claim.documentId);
  }
  return documents.size;
}

function rankClaims(corpus: Corpus, documentId: string): { entry: IndexedClaim; score: number; reasons: DigestReason[] }[] {
  const document = corpus.document(documentId)!;
  const dated = new Set(datedClaimsOf(corpus, document).filter(({ mention }) => precisionOf(mention.date) === 'day' && mention.modality === 'reported').map(({ entry }) => entry.key));
  const entries = corpus.entriesOf(documentId);
  const lead = entries.find((entry) => entry.claim.kind === 'body');
  return entries
    .map((entry) => {
      const reasons: DigestReason[] = [];
      let score = 0;
      const add = (points: number, reason: DigestReason): void => {
        score += points;
        reasons.push(reason);
      };
      if (entry.claim.kind === 'headline' && entry.claim.paragraph === 1) add(3, 'headline');
      if (entry === lead) add(2, 'lead');
      const others = otherReports(corpus, entry);
      if (others > 0) add(Math.min(others, 3), 'also reported elsewhere');
      if (dated.has(entry.key)) add(1, 'dated event');
      return { entry, score, reasons };
    })
    .filter((ranked) => ranked.score > 0)
    .sort((a, b) => b.score - a.score || a.entry.key - b.entry.key);
}

/** The digest of what arrived in (since, until]. */
export function buildDigest(corpus: Corpus, options: DigestOptions): DigestResult {
  const maxDocuments = options.maxDocuments ?? 8;
  const maxClaims = options.maxClaims ?? 3;
  const arrived = corpus.documents
    .map((document) => ({ document, at: options.arrivedAt(document.id) }))
    .filter((item): item is { document: typeof item.document; at: Date } => item.at !== undefined && item.at > options.since && item.at <= options.until);
  const ranked = arrived.map(({ document, at }) => ({ document, at, claims: rankClaims(corpus, document.id) }));
  ranked.sort((a, b) => (b.claims[0]?.score ?? 0) - (a.claims[0]?.score ?? 0) || b.at.getTime() - a.at.getTime() || a.document.id.localeCompare(b.document.id));
  const shown = ranked.slice(0, maxDocuments);
  const sections = shown.map(({ document, at, claims }) => ({
    document: document.id,
    title: document.title,
    url: document.url ?? null,
    arrivedAt: at.toISOString(),
    items: claims.slice(0, maxClaims).map(({ entry, reasons }) => ({ text: entry.claim.text, citation: citationOf(entry.claim, document), reasons })),
  }));
  const totalClaims = arrived.reduce((sum, { document }) => sum + corpus.entriesOf(document.id).length, 0);
  const shownClaims = sections.reduce((sum, section) => sum + section.items.length, 0);
  const leftOut = { documents: arrived.length - shown.length, claims: totalClaims - shownClaims };
  const note =
    arrived.length === 0
      ? 'Nothing new in the documents since the last digest.'
      : `${arrived.length} new ${arrived.length === 1 ? 'document' : 'documents'}${leftOut.claims > 0 ? `; ${leftOut.claims} more claims not shown (see /sources, or /ask about them)` : ''}.`;
  return { since: options.since.toISOString(), until: options.until.toISOString(), sections, leftOut, note };
}
