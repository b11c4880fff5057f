/**
 * The corpus the bot serves: documents, their claims, the claim index and the aliases the documents
 * define. Documents can be added and removed one at a time; everything derived follows.
 */
import { createHash } from 'node:crypto';
import { findAliases } from './aliases.js';
import type { Claim } from './claim.js';
import { claimsOf } from './claims.js';
import type { SourceDocument } from './document.js';
import { ClaimIndex, type IndexEntry } from './search-index.js';
import { termsOf, toTerm } from './terms.js';

/** A claim as the ranking sees it. */
export interface IndexedClaim extends IndexEntry {
  claim: Claim;
  /**
   * Terms the next sentence uses to refer back to this one ("This condition is meant to..."):
   * the thing the demonstrative names is what this sentence states.
   */
  referredTerms: ReadonlySet<string>;
  /** Names of the previous sentence when this one opens with a pronoun ("He is also the oldest..."). */
  antecedentTerms: ReadonlySet<string>;
}

const OPENING_PRONOUN = /^(?:he|she|it|they|his|her|its|their|him|them)\b/i;
const NAME = /(?<=\S\s+)\p{Lu}[\p{L}'’-]*/gu;

/** Terms of the names in the previous sentence, when a sentence opens with a pronoun. */
function antecedentTerms(sentence: string, previous: string | undefined): Set<string> {
  if (!previous || !OPENING_PRONOUN.test(sentence)) return new Set();
  const first = /^\p{Lu}[\p{L}'’-]*/u.exec(previous)?.[0];
  const names = [...(first ? [first] : []), ...[...previous.matchAll(NAME)].map((match) => match[0])];
  return new Set(termsOf(names.join(' ')));
}

const DEMONSTRATIVE = /^(?:this|that|these|those|such)\s+([\p{L}'’-]+)(?:\s+([\p{L}'’-]+))?/iu;

/** Terms of the noun phrase a sentence opens with when it opens with a demonstrative. */
function demonstrativeTerms(sentence: string | undefined): Set<string> {
  const match = sentence ? DEMONSTRATIVE.exec(sentence) : null;
  if (!match) return new Set();
  return new Set(termsOf([match[1], match[2]].filter(Boolean).join(' ')));
}

/** An acronym and its long form, as terms. */
export interface TermAlias {
  short: string;
  long: readonly string[];
}

export class Corpus {
  /** The claim index; ranking queries it directly. */
  readonly index = new ClaimIndex();
  private readonly documentsById = new Map<string, SourceDocument>();
  private readonly entriesByDocument = new Map<string, IndexedClaim[]>();
  private readonly entriesByKey = new Map<number, IndexedClaim>();
  private readonly paragraphTerms = new Map<string, Set<string>>();
  private readonly titleTerms = new Map<string, Set<string>>();
  private readonly localFrequencies = new Map<string, Map<string, number>>();
  private readonly hashes = new Map<string, string>();
  private aliasCache: TermAlias[] | undefined;
  private nextKey = 0;

  /** Builds a corpus from loaded documents. */
  static from(documents: readonly SourceDocument[]): Corpus {
    const corpus = new Corpus();
    for (const document of documents) corpus.add(document);
    return corpus;
  }

  /** Adds a document, replacing any with the same id. */
  add(document: SourceDocument): void {
    if (this.documentsById.has(document.id)) this.remove(document.id);
    const claims = claimsOf(document);
    const entries = claims.map((claim, i): IndexedClaim => {
      const terms = termsOf(claim.text);
      const next = claims[i + 1]?.paragraph === claim.paragraph ? claims[i + 1]?.text : undefined;
      const previous = claims[i - 1]?.paragraph === claim.paragraph ? claims[i - 1]?.text : undefined;
      return {
        key: this.nextKey++,
        terms,
        termSet: new Set(terms),
        referredTerms: demonstrativeTerms(next),
        antecedentTerms: antecedentTerms(claim.text, previous),
        claim,
      };
    });
    for (const entry of entries) {
      const paragraphKey = `${document.id}#p${entry.claim.paragraph}`;
      const paragraph = this.paragraphTerms.get(paragraphKey) ?? new Set<string>();
      for (const term of entry.terms) paragraph.add(term);
      this.paragraphTerms.set(paragraphKey, paragraph);
      this.entriesByKey.set(entry.key, entry);
    }
    this.documentsById.set(document.id, document);
    this.entriesByDocument.set(document.id, entries);
    this.titleTerms.set(document.id, new Set(termsOf(document.title)));
    const local = new Map<string, number>();
    for (const entry of entries) for (const term of entry.termSet) local.set(term, (local.get(term) ?? 0) + 1);
    this.localFrequencies.set(document.id, local);
    this.hashes.set(document.id, createHash('sha256').update(JSON.stringify(document)).digest('hex'));
    this.index.add(entries);
    this.aliasCache = undefined;
  }

  /** Removes a document and its claims; unknown ids are ignored. */
  remove(documentId: string): void {
    const entries = this.entriesByDocument.get(documentId);
    if (!entries) return;
    this.index.remove(entries);
    for (const entry of entries) {
      this.entriesByKey.delete(entry.key);
      this.paragraphTerms.delete(`${documentId}#p${entry.claim.paragraph}`);
    }
    this.documentsById.delete(documentId);
    this.entriesByDocument.delete(documentId);
    this.titleTerms.delete(documentId);
    this.localFrequencies.delete(documentId);
    this.hashes.delete(documentId);
    this.aliasCache = undefined;
  }

  /** The documents, sorted by id. */
  get documents(): SourceDocument[] {
    return [...this.documentsById.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  /** A document by id. */
  document(id: string): SourceDocument | undefined {
    return this.documentsById.get(id);
  }

  /** The claims of a document in reading order (empty for an unknown id). */
  claimsOf(documentId: string): Claim[] {
    return (this.entriesByDocument.get(documentId) ?? []).map((entry) => entry.claim);
  }

  /** Number of claims indexed. */
  get claimCount(): number {
    return this.entriesByKey.size;
  }

  /** An indexed claim by its index key. */
  entry(key: number): IndexedClaim | undefined {
    return this.entriesByKey.get(key);
  }

  /** Terms of the paragraph a claim stands in (its context). */
  paragraphTermsOf(claim: Claim): ReadonlySet<string> {
    return this.paragraphTerms.get(`${claim.documentId}#p${claim.paragraph}`) ?? new Set();
  }

  /** How many claims of one document hold a term, and how many claims it has. */
  localFrequency(documentId: string, term: string): { frequency: number; claims: number } {
    return {
      frequency: this.localFrequencies.get(documentId)?.get(term) ?? 0,
      claims: this.entriesByDocument.get(documentId)?.length ?? 0,
    };
  }

  /** Terms of a document's title. */
  titleTermsOf(documentId: string): ReadonlySet<string> {
    return this.titleTerms.get(documentId) ?? new Set();
  }

  /** Acronyms the documents define, as terms, learned afresh after each change. */
  get aliases(): readonly TermAlias[] {
    if (!this.aliasCache) {
      const seen = new Map<string, TermAlias>();
      for (const entries of this.entriesByDocument.values()) {
        for (const entry of entries) {
          for (const alias of findAliases(entry.claim.text)) {
            const short = toTerm(alias.short);
            const long = termsOf(alias.long);
            if (short && long.length >= 2) seen.set(`${short}=${long.join(' ')}`, { short, long });
          }
        }
      }
      this.aliasCache = [...seen.values()];
    }
    return this.aliasCache;
  }

  /** Short fingerprint of the documents' content: changes whenever any document does. */
  get version(): string {
    const hash = createHash('sha256');
    for (const id of [...this.hashes.keys()].sort()) hash.update(`${id}:${this.hashes.get(id)}\n`);
    return hash.digest('hex').slice(0, 8);
  }
}
