/**
 * What the learned ranker sees of one candidate claim for one question: a fixed list of numbers
 * (FEATURES names them in order). Coverage of the question is measured twice, with term weights
 * from the corpus (which claims stand out here) and from general English (which words carry the
 * question anywhere: "Ukraine" more than "getting"), exactly, through a typo, and softly through
 * word vectors; beside it the index score, the claim's place and kind, and the answer type.
 */
import { answerTypeOf, offersAnswerType, type AnswerType } from './answer-type.js';
import type { IndexedClaim } from './corpus.js';
import type { Query, QueryTerm } from './query.js';
import type { IndexHit } from './search-index.js';
import { tokenize, toTerm } from './terms.js';
import type { WordVectors } from './word-vectors.js';

export const FEATURES = [
  'exactCorpus',
  'exactGeneral',
  'fuzzyGeneral',
  'nearbyGeneral',
  'localShare',
  'contextCorpus',
  'contextGeneral',
  'softGeneral',
  'softStrongGeneral',
  'softCorpus',
  'claimSoftCoverage',
  'missingGeneral',
  'documentGeneral',
  'corpusGeneral',
  'corpusMissing',
  'subjectSentence',
  'subjectDocument',
  'bigrams',
  'compactness',
  'density',
  'indexScoreShare',
  'indexRank',
  'indexScoreLog',
  'typeNumber',
  'typeDate',
  'typeName',
  'typePlace',
  'offersNumber',
  'offersDate',
  'offersName',
  'offersPlace',
  'neighbour',
  'attributed',
  'position',
  'sentenceInParagraph',
  'headline',
  'caption',
  'length',
  'questionTerms',
  'opensWithPronoun',
  'previousCovers',
  'nextCovers',
  'unaddressedGeneral',
  'addressedGeneral',
] as const;
export const FEATURE_COUNT = FEATURES.length;
/**
 * The last features look beyond one claim. How much of the question its neighbours state: the
 * answer often sits beside the sentence that repeats the question ("He is also the oldest
 * quarterback..." follows the one naming him). And how much of the question any candidate states
 * (exactly, nearby or in other words): it lets abstention tell a question the documents address in
 * other words from one about something they never mention.
 */
const SET_FEATURES = 4;
const EXACT_GENERAL = FEATURES.indexOf('exactGeneral');
const SOFT_STRONG_GENERAL = FEATURES.indexOf('softStrongGeneral');

/** A cosine at or above this counts a question word as said in other words. */
const STRONG_COSINE = 0.55;
/** Credit for a word the claim only states through a pronoun or the next sentence's reference. */
const NEARBY_CREDIT = 0.8;

/** A question term with everything the features need. */
export interface WeightedTerm {
  term: QueryTerm;
  /** Corpus weight (inverse claim frequency). */
  corpus: number;
  /** General-English weight: higher for words rarer in a large corpus. */
  general: number;
  /** Vector rows of the question words that gave this term (empty without vectors). */
  vectorIds: number[];
  /** Whether some document uses the term itself (then its corrections are variant spellings, not typo fixes). */
  known: boolean;
  /**
   * Whether a near spelling in a claim may stand for this word: not when general English knows the
   * word itself ("Victoria" is a word, not a typo of "victory"); always without vectors to tell.
   */
  typoCandidate: boolean;
}

/** How the vector vocabulary writes a word: lower case, without a possessive ("Putin’s" -> "putin"). */
function vectorWord(surface: string): string {
  return surface.toLowerCase().replace(/['’]s$/, '');
}

/** General-English weight from a word's frequency rank; words past the vocabulary count as rare. */
function generalWeight(rank: number, vocabulary: number): number {
  return Math.log(1 + (rank < 0 ? 2 * vocabulary : rank) / 50);
}

/** Weighs a query's terms; without vectors the corpus weight stands in for the general one. */
export function weighTerms(query: Query, question: string, vectors: WordVectors | null): WeightedTerm[] {
  const surfaces = new Map<string, Set<string>>();
  for (const token of tokenize(question)) {
    const term = toTerm(token.surface);
    if (term === null) continue;
    const set = surfaces.get(term) ?? new Set<string>();
    set.add(vectorWord(token.surface));
    surfaces.set(term, set);
  }
  return query.terms.map((term) => {
    if (!vectors)
      return {
        term,
        corpus: term.weight,
        general: term.weight,
        vectorIds: [],
        known: false,
        typoCandidate: true,
      };
    const ids = [...(surfaces.get(term.term) ?? [])].map((word) => vectors.id(word)).filter((id) => id >= 0);
    const rank = ids.length > 0 ? Math.min(...ids) : -1;
    return {
      term,
      corpus: term.weight,
      general: generalWeight(rank, vectors.size),
      vectorIds: ids,
      known: false,
      typoCandidate: ids.length === 0,
    };
  });
}

export interface ClaimWords {
  /** Vector rows of the claim's content words, without repeats. */
  ids: Int32Array;
  /** The terms of those words, parallel to ids. */
  terms: string[];
}

/** One corpus's claim words by claim key (keys are not reused within a corpus). */
export type ClaimWordCache = Map<number, ClaimWords>;
const CLAIM_WORD_CACHE_SIZE = 200_000;

function claimWords(entry: IndexedClaim, vectors: WordVectors, claimWordCache: ClaimWordCache): ClaimWords {
  let words = claimWordCache.get(entry.key);
  if (!words) {
    const ids: number[] = [];
    const terms: string[] = [];
    const seen = new Set<number>();
    for (const token of tokenize(entry.claim.text)) {
      const term = toTerm(token.surface);
      if (term === null) continue;
      const id = vectors.id(vectorWord(token.surface));
      if (id < 0 || seen.has(id)) continue;
      seen.add(id);
      ids.push(id);
      terms.push(term);
    }
    words = { ids: Int32Array.from(ids), terms };
    if (claimWordCache.size >= CLAIM_WORD_CACHE_SIZE) claimWordCache.clear();
    claimWordCache.set(entry.key, words);
  }
  return words;
}

// Plain loops, not some/every with closures: these run for every term of every candidate.
function covers(term: QueryTerm, terms: ReadonlySet<string>): boolean {
  if (terms.has(term.term)) return true;
  const { alternatives } = term;
  for (let g = 0; g < alternatives.length; g++) if (holdsAll(terms, alternatives[g]!)) return true;
  return false;
}

function holdsAll(terms: ReadonlySet<string>, wanted: readonly string[]): boolean {
  for (let i = 0; i < wanted.length; i++) if (!terms.has(wanted[i]!)) return false;
  return true;
}

function holdsAny(terms: ReadonlySet<string>, wanted: readonly string[]): boolean {
  for (let i = 0; i < wanted.length; i++) if (terms.has(wanted[i]!)) return true;
  return false;
}

/**
 * Where each vector row's cosines sit in the current question's table: per row the table that
 * filed it (a stamp) and its offset, in arrays shared by the tables of one set of vectors, so
 * finding a claim word's row costs two array reads instead of a map entry per word.
 */
interface RowSlots {
  stamp: Uint32Array;
  offset: Int32Array;
  tables: number;
}
const rowSlots = new WeakMap<WordVectors, RowSlots>();

function rowSlotsOf(vectors: WordVectors): RowSlots {
  let slots = rowSlots.get(vectors);
  if (!slots || slots.tables === 0xffffffff) {
    slots = { stamp: new Uint32Array(vectors.size), offset: new Int32Array(vectors.size), tables: 0 };
    rowSlots.set(vectors, slots);
  }
  return slots;
}

/**
 * Cosines between the question's word vectors and the words of its candidates: one row per claim
 * word, computed when the word is first met (claims of one question share many words), in a flat
 * table read by offset rather than a map entry per pair.
 */
export class CosineTable {
  /** Every term's vector rows in turn: term t's are at starts[t]..starts[t + 1]. */
  private readonly questionIds: Int32Array;
  readonly starts: Int32Array;
  /** Cosines, `width` per claim word: values[row + q] against questionIds[q]. */
  values = new Float64Array(0);
  private rowCount = 0;
  private readonly slots: RowSlots;
  /** This table's stamp in `slots` (a newer table's rows overwrite ours: we then file the row again). */
  private readonly stamp: number;

  constructor(
    terms: readonly WeightedTerm[],
    private readonly vectors: WordVectors,
  ) {
    this.slots = rowSlotsOf(vectors);
    this.stamp = ++this.slots.tables;
    this.starts = new Int32Array(terms.length + 1);
    for (let t = 0; t < terms.length; t++) this.starts[t + 1] = this.starts[t]! + terms[t]!.vectorIds.length;
    this.questionIds = Int32Array.from(terms.flatMap((term) => term.vectorIds));
  }

  get width(): number {
    return this.questionIds.length;
  }

  private claimRows = new Int32Array(64);

  /**
   * Offsets in `values` of the rows of a claim's words, in order: a scratch array, valid until the
   * next call (`values` no longer moves once every row is in).
   */
  rowsOf(words: ClaimWords): Int32Array {
    if (this.claimRows.length < words.ids.length) this.claimRows = new Int32Array(2 * words.ids.length);
    for (let i = 0; i < words.ids.length; i++) this.claimRows[i] = this.row(words.ids[i]!);
    return this.claimRows;
  }

  /** Offset in `values` of a claim word's row. */
  private row(id: number): number {
    const { slots } = this;
    if (slots.stamp[id] === this.stamp) return slots.offset[id]!;
    const width = this.width;
    const at = this.rowCount++ * width;
    if (at + width > this.values.length) {
      const grown = new Float64Array(Math.max(64 * width, 2 * this.values.length));
      grown.set(this.values);
      this.values = grown;
    }
    for (let q = 0; q < width; q++) this.values[at + q] = this.vectors.cosine(this.questionIds[q]!, id);
    slots.stamp[id] = this.stamp;
    slots.offset[id] = at;
    return at;
  }
}

/**
 * Best cosine between the question words of term `t` and the claim's other words (`rows`: their
 * rows in the table, from rowsOf).
 */
function bestCosine(t: number, term: WeightedTerm, words: ClaimWords, table: CosineTable, rows: Int32Array): number {
  const from = table.starts[t]!;
  const to = table.starts[t + 1]!;
  if (from === to) return 0;
  const values = table.values;
  let best = 0;
  for (let i = 0; i < words.ids.length; i++) {
    if (words.terms[i] === term.term.term) continue;
    const row = rows[i]!;
    for (let q = from; q < to; q++) if (values[row + q]! > best) best = values[row + q]!;
  }
  return best;
}

/** How on-topic the claim's words are: the mean over them of their best match among the question's words. */
function claimCoverage(
  terms: readonly WeightedTerm[],
  words: ClaimWords,
  table: CosineTable,
  rows: Int32Array,
): number {
  if (words.ids.length === 0) return 0;
  const values = table.values;
  let sum = 0;
  for (let i = 0; i < words.ids.length; i++) {
    let exact = false;
    for (const term of terms) {
      if (words.terms[i] === term.term.term) {
        exact = true;
        break;
      }
    }
    let best = 0;
    if (exact) best = 1;
    else {
      const row = rows[i]!;
      for (let q = 0; q < table.width; q++) best = Math.max(best, values[row + q]!);
    }
    sum += best;
  }
  return sum / words.ids.length;
}

/** Each term of the question mapped to the terms that follow it. */
function adjacentPairs(terms: readonly string[]): Map<string, Set<string>> {
  const pairs = new Map<string, Set<string>>();
  for (let i = 0; i + 1 < terms.length; i++) {
    const next = pairs.get(terms[i]!) ?? new Set<string>();
    next.add(terms[i + 1]!);
    pairs.set(terms[i]!, next);
  }
  return pairs;
}

function termIndexById(query: Query, idOf: (term: string) => number | undefined): Map<number, number> {
  const index = new Map<number, number>();
  for (const [i, { term }] of query.terms.entries()) {
    const id = idOf(term);
    if (id !== undefined) index.set(id, i);
  }
  return index;
}

function pairsById(
  pairs: ReadonlyMap<string, ReadonlySet<string>>,
  idOf: (term: string) => number | undefined,
): Map<number, Set<number>> {
  const byId = new Map<number, Set<number>>();
  for (const [first, nexts] of pairs) {
    const id = idOf(first);
    if (id === undefined) continue;
    const ids = new Set<number>();
    for (const next of nexts) {
      const nextId = idOf(next);
      if (nextId !== undefined) ids.add(nextId);
    }
    if (ids.size > 0) byId.set(id, ids);
  }
  return byId;
}

/**
 * Terms of the words a question writes as names: capitalised past its first word ("What would
 * Putin be promised?"), or in capitals anywhere ("NATO", "GUR").
 */
function nameTermsOf(question: string): Set<string> {
  const names = new Set<string>();
  for (const [i, token] of tokenize(question).entries()) {
    const { surface } = token;
    // All capitals as the abstention model was trained (names-2): "V&A" and "G7" count, unlike isAllCaps.
    const capitals = surface.length >= 2 && surface === surface.toUpperCase() && /\p{Lu}/u.test(surface);
    if (!(capitals || (i > 0 && /^\p{Lu}/u.test(surface)))) continue;
    const term = toTerm(surface);
    if (term !== null) names.add(term);
  }
  return names;
}

/** What stays the same for every candidate of one question. */
export interface QuestionFeatures {
  terms: WeightedTerm[];
  type: AnswerType;
  questionTermSet: ReadonlySet<string>;
  /** Index in `terms` of each question term, by its id in the index's term table (query terms are distinct). */
  termIndex: ReadonlyMap<number, number>;
  /** Scratch: which question terms a claim holds (one byte per term, cleared per claim). */
  metTerms: Uint8Array;
  /** The question's adjacent term pairs, by term id (pairs with a term no claim holds left out). */
  questionPairs: ReadonlyMap<number, ReadonlySet<number>>;
  pairCount: number;
  /** General-weighted share of the question in words some document uses: low for off-topic questions. */
  corpusGeneral: number;
  /** General weight of the weightiest question word no document uses, against the weightiest word. */
  corpusMissing: number;
  /** The same for names only (capitalised words past the first, or written in capitals). */
  missingName: number;
  /** General-weighted share of the question in words the vectors lack: what the networks cannot read. */
  unseenGeneral: number;
  /** The question's subject: its two weightiest words in general English (indexes into terms). */
  subject: number[];
  subjectWeight: number;
  /** Where the claims' word rows are kept between questions. */
  claimWords: ClaimWordCache;
  /** The question's cosines against claim words (null without vectors). */
  cosines: CosineTable | null;
  corpusTotal: number;
  generalTotal: number;
  generalMax: number;
}

export function questionFeatures(
  query: Query,
  question: string,
  questionTerms: readonly string[],
  vectors: WordVectors | null,
  known: (term: string) => boolean,
  claimWords: ClaimWordCache,
  /** A term's id in the index's term table: claims are read as ids, so no strings are built per claim. */
  idOf: (term: string) => number | undefined,
): QuestionFeatures {
  const terms = weighTerms(query, question, vectors);
  for (const term of terms) term.known = known(term.term.term);
  const generalTotal = terms.reduce((sum, term) => sum + term.general, 0) || 1;
  // A typo correction does not make a word known: "Victoria" is not in a text that says "victory".
  const isKnown = ({ term }: WeightedTerm): boolean =>
    known(term.term) || term.alternatives.some((group) => group.every(known));
  const knownWeight = terms.filter(isKnown).reduce((sum, term) => sum + term.general, 0);
  const generalMax = terms.reduce((max, term) => Math.max(max, term.general), 0) || 1;
  const missingMax = terms.filter((term) => !isKnown(term)).reduce((max, term) => Math.max(max, term.general), 0);
  const names = nameTermsOf(question);
  // A name general English does not know, within a typo of a known word ("Maastrich"), is a slip.
  const missingNameMax = terms
    .filter(
      (term) =>
        names.has(term.term.term) && !isKnown(term) && !(term.typoCandidate && term.term.corrections.length > 0),
    )
    .reduce((max, term) => Math.max(max, term.general), 0);
  const pairs = adjacentPairs(questionTerms);
  const subject = terms
    .map((_, i) => i)
    .sort((a, b) => terms[b]!.general - terms[a]!.general)
    .slice(0, 2);
  return {
    terms,
    type: answerTypeOf(question),
    questionTermSet: new Set(query.terms.map((term) => term.term)),
    termIndex: termIndexById(query, idOf),
    metTerms: new Uint8Array(query.terms.length),
    questionPairs: pairsById(pairs, idOf),
    pairCount: [...pairs.values()].reduce((sum, next) => sum + next.size, 0),
    corpusGeneral: knownWeight / generalTotal,
    corpusMissing: missingMax / generalMax,
    missingName: missingNameMax / generalMax,
    unseenGeneral: vectors
      ? terms.filter((term) => term.vectorIds.length === 0).reduce((sum, term) => sum + term.general, 0) / generalTotal
      : 0,
    subject,
    subjectWeight: subject.reduce((sum, i) => sum + terms[i]!.general, 0) || 1,
    claimWords,
    cosines: vectors ? new CosineTable(terms, vectors) : null,
    corpusTotal: terms.reduce((sum, term) => sum + term.corpus, 0) || 1,
    generalTotal,
    generalMax,
  };
}

/**
 * Writes the features of one candidate into `out` at `offset`. `topIndexScore` is the best index
 * score among the question's candidates and `indexRank` this candidate's place among them. A hit
 * that matched no term is a neighbour of a good hit, brought in for what its paragraph says.
 */
export function candidateFeatures(
  question: QuestionFeatures,
  entry: IndexedClaim,
  hit: IndexHit,
  indexRank: number,
  topIndexScore: number,
  vectors: WordVectors | null,
  out: Float32Array,
  offset: number,
  addressed: Float32Array,
): void {
  const { termClaims, claimCount, titleTerms } = entry.context;
  const words = vectors ? claimWords(entry, vectors, question.claimWords) : null;
  const rows = words ? question.cosines!.rowsOf(words) : null;
  let exactCorpus = 0;
  let exactGeneral = 0;
  let fuzzyGeneral = 0;
  let nearbyGeneral = 0;
  let localWeight = 0;
  let localTotal = 0;
  let contextCorpus = 0;
  let contextGeneral = 0;
  let softGeneral = 0;
  let softStrong = 0;
  let softCorpus = 0;
  let missing = 0;
  let documentGeneral = 0;
  let matchedTerms = 0;
  let subjectSentence = 0;
  let subjectDocument = 0;
  const inSubject = question.subject;
  const questionTerms = question.terms;
  for (let index = 0; index < questionTerms.length; index++) {
    const weighted = questionTerms[index]!;
    const subjectWeight = inSubject.includes(index) ? weighted.general : 0;
    const { term } = weighted;
    const frequency = termClaims.get(term.term) ?? 0;
    const local = Math.log(1 + (claimCount - frequency + 0.5) / (frequency + 0.5));
    localTotal += local;
    if (frequency > 0) {
      documentGeneral += weighted.general;
      subjectDocument += subjectWeight;
    }
    // A known word's variant spelling ("Zelensky", "Zelenskyy") states it; an unknown word's near
    // spelling ("Victoria", "victory") may be another word, and has a feature of its own.
    if (covers(term, entry.termSet) || (weighted.known && holdsAny(entry.termSet, term.corrections))) {
      exactCorpus += weighted.corpus;
      exactGeneral += weighted.general;
      localWeight += local;
      matchedTerms++;
      subjectSentence += subjectWeight;
      addressed[index] = 1;
      continue;
    }
    let credit = 0;
    if (entry.referredTerms.has(term.term) || entry.antecedentTerms.has(term.term)) {
      nearbyGeneral += weighted.general;
      credit = NEARBY_CREDIT;
    } else if (weighted.typoCandidate && holdsAny(entry.termSet, term.corrections)) {
      fuzzyGeneral += weighted.general;
      credit = 0.5;
    }
    localWeight += credit * local;
    if (covers(term, entry.paragraphTerms) || covers(term, titleTerms)) {
      contextCorpus += weighted.corpus;
      contextGeneral += weighted.general;
    }
    const cosine = words ? bestCosine(index, weighted, words, question.cosines!, rows!) : 0;
    softGeneral += weighted.general * cosine;
    softCorpus += weighted.corpus * cosine;
    // A typo-like resemblance is not evidence that the documents address the word.
    const coverage = Math.max(
      cosine,
      entry.referredTerms.has(term.term) || entry.antecedentTerms.has(term.term) ? NEARBY_CREDIT : 0,
    );
    if (coverage > addressed[index]!) addressed[index] = coverage;
    if (cosine >= STRONG_COSINE) {
      softStrong += weighted.general;
      subjectSentence += subjectWeight;
    } else if (credit === 0) missing = Math.max(missing, weighted.general);
  }
  const claimTerms = entry.termSet.size || 1;
  const pairs = question.questionPairs;
  let pairHits = 0;
  const ids = entry.termIds;
  if (question.pairCount > 0)
    for (let i = 0; i + 1 < ids.length; i++) if (pairs.get(ids[i]!)?.has(ids[i + 1]!)) pairHits++;
  // How close together the claim states the question's words: answers sit near them.
  let first = -1;
  let last = -1;
  let inClaim = 0;
  const met = question.metTerms;
  met.fill(0);
  for (let i = 0; i < ids.length; i++) {
    const at = question.termIndex.get(ids[i]!);
    if (at === undefined) continue;
    if (first < 0) first = i;
    last = i;
    if (met[at] === 0) {
      met[at] = 1;
      inClaim++;
    }
  }
  const compactness = inClaim >= 2 ? inClaim / (last - first + 1) : 0;
  const text = entry.claim.text;
  const type = question.type;
  const offers = type === 'any' ? false : offersAnswerType(type, text, question.questionTermSet);
  const f = out;
  let o = offset;
  f[o++] = exactCorpus / question.corpusTotal;
  f[o++] = exactGeneral / question.generalTotal;
  f[o++] = fuzzyGeneral / question.generalTotal;
  f[o++] = nearbyGeneral / question.generalTotal;
  f[o++] = localTotal > 0 ? localWeight / localTotal : 0;
  f[o++] = contextCorpus / question.corpusTotal;
  f[o++] = contextGeneral / question.generalTotal;
  f[o++] = softGeneral / question.generalTotal;
  f[o++] = softStrong / question.generalTotal;
  f[o++] = softCorpus / question.corpusTotal;
  f[o++] = words ? claimCoverage(question.terms, words, question.cosines!, rows!) : 0;
  f[o++] = missing / question.generalMax;
  f[o++] = documentGeneral / question.generalTotal;
  f[o++] = question.corpusGeneral;
  f[o++] = question.corpusMissing;
  f[o++] = subjectSentence / question.subjectWeight;
  f[o++] = subjectDocument / question.subjectWeight;
  f[o++] = question.pairCount > 0 ? Math.min(pairHits, question.pairCount) / question.pairCount : 0;
  f[o++] = compactness;
  f[o++] = matchedTerms / claimTerms;
  f[o++] = topIndexScore > 0 ? hit.score / topIndexScore : 0;
  f[o++] = 1 / (1 + indexRank);
  f[o++] = Math.log(1 + hit.score);
  f[o++] = type === 'number' ? 1 : 0;
  f[o++] = type === 'date' ? 1 : 0;
  f[o++] = type === 'name' ? 1 : 0;
  f[o++] = type === 'place' ? 1 : 0;
  f[o++] = type === 'number' && offers ? 1 : 0;
  f[o++] = type === 'date' && offers ? 1 : 0;
  f[o++] = type === 'name' && offers ? 1 : 0;
  f[o++] = type === 'place' && offers ? 1 : 0;
  f[o++] = hit.matched.length === 0 ? 1 : 0;
  f[o++] = entry.claim.attribution !== undefined ? 1 : 0;
  f[o++] = 1 / (1 + entry.position);
  f[o++] = 1 / entry.claim.sentence;
  f[o++] = entry.claim.kind === 'headline' ? 1 : 0;
  f[o++] = entry.claim.kind === 'caption' ? 1 : 0;
  f[o++] = Math.log(1 + claimTerms) / 4;
  f[o++] = Math.log(1 + question.terms.length) / 2;
  f[o++] = entry.antecedentTerms.size > 0 ? 1 : 0;
}

/** The row of the candidate with this key, or -1: a scan of a few dozen, rather than a Map or Set per question. */
export function rowOfKey(entries: readonly IndexedClaim[], key: number): number {
  for (let row = 0; row < entries.length; row++) if (entries[row]!.key === key) return row;
  return -1;
}

/**
 * Fills the features that look beyond one claim once every candidate has its own: `addressed`
 * holds, per question term, the best any candidate did (1 exact, a cosine when said in other words).
 */
export function setFeatures(
  question: QuestionFeatures,
  entries: readonly IndexedClaim[],
  addressed: Float32Array,
  out: Float32Array,
): void {
  let unaddressed = 0;
  let addressedWeight = 0;
  for (let index = 0; index < question.terms.length; index++) {
    const term = question.terms[index]!;
    const coverage = addressed[index]!;
    addressedWeight += term.general * coverage;
    unaddressed = Math.max(unaddressed, term.general * (1 - coverage));
  }
  // A document's claims have consecutive keys in reading order: the claim `step` places on is key + step.
  // Found by a scan (a few dozen candidates): a Map of rows was a fiftieth of an ask's garbage.
  const covers = (entry: IndexedClaim, step: number): number => {
    const row = rowOfKey(entries, entry.key + step);
    if (row < 0) return 0;
    const other = entries[row]!.claim;
    if (other.documentId !== entry.claim.documentId || other.paragraph !== entry.claim.paragraph) return 0;
    const o = row * FEATURE_COUNT;
    return out[o + EXACT_GENERAL]! + out[o + SOFT_STRONG_GENERAL]!;
  };
  for (let row = 0; row < entries.length; row++) {
    const entry = entries[row]!;
    const o = (row + 1) * FEATURE_COUNT - SET_FEATURES;
    out[o] = covers(entry, -1);
    out[o + 1] = covers(entry, 1);
    out[o + 2] = unaddressed / question.generalMax;
    out[o + 3] = addressedWeight / question.generalTotal;
  }
}
