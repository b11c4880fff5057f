/**
 * The corpus the bot serves: documents, their claims, the claim index and the aliases the documents
 * define. Documents can be added and removed one at a time; everything derived follows.
 */
import { createHash } from 'node:crypto';
import { findAliases } from './aliases.js';
import type { Claim } from './claim.js';
import { claimsOf } from './claims.js';
import { antecedentTerms, referredTerms } from './discourse.js';
import type { SourceDocument } from './document.js';
import { ClaimIndex, type IndexEntry } from './search-index.js';
import { termsOf, toTerm } from './terms.js';

/** What ranking needs to know about the document a claim stands in. */
export interface DocumentContext {
  document: SourceDocument;
  titleTerms: ReadonlySet<string>;
  /** In how many of the document's claims each term occurs. */
  termClaims: ReadonlyMap<string, number>;
  claimCount: number;
}

/** A claim as the ranking sees it. */
export interface IndexedClaim extends IndexEntry {
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

interface DocumentRecord {
  context: DocumentContext;
  entries: IndexedClaim[];
  hash: string;
}

function indexClaims(document: SourceDocument, nextKey: () => number): DocumentRecord {
  const claims = claimsOf(document);
  const termClaims = new Map<string, number>();
  const context: DocumentContext = { document, titleTerms: new Set(termsOf(document.title)), termClaims, claimCount: claims.length };
  const paragraphs = new Map<number, Set<string>>();
  const entries = claims.map((claim, i): IndexedClaim => {
    const terms = termsOf(claim.text);
    const termSet = new Set(terms);
    for (const term of termSet) termClaims.set(term, (termClaims.get(term) ?? 0) + 1);
    const paragraphTerms = paragraphs.get(claim.paragraph) ?? new Set<string>();
    for (const term of termSet) paragraphTerms.add(term);
    paragraphs.set(claim.paragraph, paragraphTerms);
    const neighbour = (offset: number): string | undefined => {
      const other = claims[i + offset];
      return other?.paragraph === claim.paragraph ? other.text : undefined;
    };
    return {
      key: nextKey(),
      terms,
      termSet,
      claim,
      position: i,
      paragraphTerms,
      referredTerms: referredTerms(neighbour(1)),
      antecedentTerms: antecedentTerms(claim.text, neighbour(-1)),
      context,
    };
  });
  return { context, entries, hash: documentHash(document) };
}

/** Fingerprint of a document's content and metadata. */
export function documentHash(document: SourceDocument): string {
  return createHash('sha256').update(JSON.stringify(document)).digest('hex');
}

export class Corpus {
  /** The claim index; ranking queries it directly. */
  readonly index = new ClaimIndex();
  private readonly records = new Map<string, DocumentRecord>();
  private readonly entriesByKey = new Map<number, IndexedClaim>();
  private aliasCache: { terms: TermAlias[]; names: string[] } | undefined;
  private lastKey = 0;

  /** Builds a corpus from loaded documents. */
  static from(documents: readonly SourceDocument[]): Corpus {
    const corpus = new Corpus();
    for (const document of documents) corpus.add(document);
    return corpus;
  }

  /** Adds a document, replacing any with the same id. */
  add(document: SourceDocument): void {
    this.remove(document.id);
    const record = indexClaims(document, () => ++this.lastKey);
    for (const entry of record.entries) this.entriesByKey.set(entry.key, entry);
    this.records.set(document.id, record);
    this.index.add(record.entries);
    this.aliasCache = undefined;
  }

  /** Removes a document and its claims; unknown ids are ignored. */
  remove(documentId: string): void {
    const record = this.records.get(documentId);
    if (!record) return;
    this.index.remove(record.entries);
    for (const entry of record.entries) this.entriesByKey.delete(entry.key);
    this.records.delete(documentId);
    this.aliasCache = undefined;
  }

  /** The documents, sorted by id. */
  get documents(): SourceDocument[] {
    return [...this.records.values()].map((record) => record.context.document).sort((a, b) => a.id.localeCompare(b.id));
  }

  /** Fingerprint of one document's content (changes when the document does). */
  hashOf(documentId: string): string | undefined {
    return this.records.get(documentId)?.hash;
  }

  /** A document by id. */
  document(id: string): SourceDocument | undefined {
    return this.records.get(id)?.context.document;
  }

  /** The claims of a document in reading order (empty for an unknown id). */
  claimsOf(documentId: string): Claim[] {
    return (this.records.get(documentId)?.entries ?? []).map((entry) => entry.claim);
  }

  /** The indexed claims of a document in reading order, with their terms (empty for an unknown id). */
  entriesOf(documentId: string): readonly IndexedClaim[] {
    return this.records.get(documentId)?.entries ?? [];
  }

  /** Number of claims indexed. */
  get claimCount(): number {
    return this.entriesByKey.size;
  }

  /** An indexed claim by its index key. */
  entry(key: number): IndexedClaim | undefined {
    return this.entriesByKey.get(key);
  }

  /** Acronyms the documents define, as terms, learned afresh after each change. */
  get aliases(): readonly TermAlias[] {
    return this.learnAliases().terms;
  }

  /** The acronyms and long forms the documents define, as written ("NATO", "North Atlantic Treaty Organization"). */
  aliasNames(): readonly string[] {
    return this.learnAliases().names;
  }

  private learnAliases(): { terms: TermAlias[]; names: string[] } {
    if (!this.aliasCache) {
      const seen = new Map<string, TermAlias>();
      const names = new Set<string>();
      for (const entry of this.entriesByKey.values()) {
        for (const alias of findAliases(entry.claim.text)) {
          names.add(alias.short);
          names.add(alias.long);
          const short = toTerm(alias.short);
          const long = termsOf(alias.long);
          if (short && long.length >= 2) seen.set(`${short}=${long.join(' ')}`, { short, long });
        }
      }
      this.aliasCache = { terms: [...seen.values()], names: [...names] };
    }
    return this.aliasCache;
  }

  /** Short fingerprint of the documents' content: changes whenever any document does. */
  get version(): string {
    const hash = createHash('sha256');
    for (const id of [...this.records.keys()].sort()) hash.update(`${id}:${this.records.get(id)!.hash}\n`);
    return hash.digest('hex').slice(0, 8);
  }
}
