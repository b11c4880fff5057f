/**
 * `npm run train`: learns the /ask ranker and its abstention threshold from SQuAD v1.1 train
 * (../shared/datasets/squad-train; XQuAD is built from SQuAD dev, so it stays a held-out test and is
 * never read here) and writes models/ranker.json: one model with the word vectors, one for the
 * lexical fallback.
 *
 * Corpora are built like the evaluation's: each article cut into documents of five paragraphs,
 * 48 documents from different articles to a corpus. For every sampled question the candidates come
 * from the real index and features (src/core/candidates.ts): positives are the claims of the right
 * document holding a gold answer. Abstention learns from the same questions asked of their own
 * corpus and own document (answered when the best claim is right) against other corpora and other
 * single documents (must abstain). Articles are split 85/15 into training and validation; the
 * validation figures are printed and the threshold is set on validation.
 *
 *   nice -n 10 npm run train [-- --questions 12000 --hidden 16 --epochs 10 --ensemble 4]
 *
 * The attention re-ranker (src/core/reranker.ts) is trained in between, on the ranker's first claims:
 *
 *   nice -n 10 npm run train -- --cache scratch/f.bin --export-reranker scratch/rerank.json
 *   nice -n 10 python3 scripts/train-reranker.py scratch/rerank.json --context  # models/reranker.json
 *   nice -n 10 npm run train -- --cache scratch/f.bin --ranker-from models/ranker.json
 *
 * the last run learning abstention anew over the re-ranked order (with models/reranker.json, unless
 * `--reranker none`). Abstention also reads the answerability network (src/core/answerability.ts),
 * the re-ranker's network trained on the same export to tell whether a claim answers at all: the
 * export's questions asked of other documents (left out by --export-only) are its negatives.
 * Trained between the two runs above:
 *
 *   nice -n 10 python3 scripts/train-reranker.py scratch/rerank.json --context --answerability \
 *     --init-from models/reranker.json --epochs 3 --threads 2 --out models/answerability.json
 *
 * (the shipped network read an export written with `--other-corpus-weight 0.3`, the weight its
 * other-corpus negatives carry; abstention was then learned with the default, 0.2).
 * The re-ranker can learn from more questions than the ranker: with the ranker kept,
 *
 *   npm run train -- --questions 40000 --export-only --ranker-from models/ranker.json --export-reranker scratch/r.json
 *
 * builds only the in-corpus questions with word vectors and writes the export (about 12 minutes at load 8-10).
 *
 * Validation also reports how many questions asked of another document of their own article (on
 * topic, not answered there) get an answer. `--same-article-weight W` adds those questions of the
 * training articles to abstention's negatives, and `--withheld 0.02` reads the threshold off the right
 * answers instead (see those options); both measured, neither shipped (README).
 *
 * Experiments: `--cache scratch/f.bin` keeps the computed features for the next run with the same
 * questions, seed and features; `--semantic-only` fits only the model with word vectors (its file
 * holds it twice: not for shipping); `--ranker-from file` keeps that file's ranking weights and
 * learns abstention only (with `--keep-abstention`, its abstention too: validation is only reported, as
 * for a change of the inputs that keeps the shipped weights); `--out file` writes elsewhere than models/ranker.json.
 *
 * Questions in other words: `--paraphrase scratch/wordnet-synonyms.json` (written by
 * scripts/wordnet-synonyms.ts, whose header says how) also asks half the questions with a word or two
 * their document uses replaced by a WordNet synonym (scripts/paraphrase.ts). Training learns from
 * them (`--paraphrase-validation-only`: it does not, the control); validation reports them apart
 * ("validation in other words"), so a change can be judged on the questions users ask as well as on
 * SQuAD's, whose writers copied the paragraph's words. Measured, not shipped (README).
 *
 * Questions whose writer did put them in other words: validation also reports the questions whose
 * answering claim states at most half of the question's general weight, and `--gap-weight G` makes
 * such questions count for more in training (1 + G x the share left unsaid). Measured (README).
 *
 * Off-topic questions in a large collection: validation reports the other-corpus questions answered
 * with a claim that holds none of their gold answers (false beyond doubt), and
 * `--other-corpus-false-weight W` makes those abstention's negatives at weight W, leaving out the ones
 * whose best claim does hold a gold answer. Measured, not shipped (README).
 *
 * Questions in words the vectors lack ("What is Smardan?"): validation also reports the questions at
 * least half in such words, which the re-ranker and the answerability network cannot read; abstention
 * reads that share (ranker.ts), and `--abstain-without-unseen` learns it without, as the control.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { candidatesFor } from '../src/core/candidates.js';
import type { Claim } from '../src/core/claim.js';
import { Corpus } from '../src/core/corpus.js';
import type { SourceDocument } from '../src/core/document.js';
import { ABSTAIN_INPUTS, abstentionContext, Ranker, RANKER_PATH, type RankerWeights } from '../src/core/ranker.js';
import { ANSWERABILITY_PATH, bestAnswerability } from '../src/core/answerability.js';
import { type Ordered, RERANKER_PATH, readRerankerFile, rerankedOrder, type Reranker } from '../src/core/reranker.js';
import { FEATURE_COUNT, FEATURES } from '../src/core/ranking-features.js';
import { CLAIM_WORDS, QUESTION_WORDS, rerankerWords } from '../src/core/reranker-words.js';
import { loadSemanticData } from '../src/core/semantic-data.js';
import type { WordVectors } from '../src/core/word-vectors.js';
import { termsOf } from '../src/core/terms.js';
import { paraphrase, readSynonyms } from './paraphrase.js';

const { values: args } = parseArgs({
  options: {
    questions: { type: 'string', default: '12000' },
    hidden: { type: 'string', default: '16' },
    epochs: { type: 'string', default: '10' },
    /** Rankers trained from different starting points and averaged (stored as one wider hidden layer). */
    ensemble: { type: 'string', default: '4' },
    /** Weight of questions asked of another document of their own article among abstention's negatives (0: left out). */
    'same-article-weight': { type: 'string', default: '0' },
    /** Weight of questions asked of another 48-document corpus among abstention's negatives. */
    'other-corpus-weight': { type: 'string', default: '0.2' },
    /** Other-corpus negatives by their best claim instead (see OTHER_CORPUS_FALSE_WEIGHT); measured, not shipped. */
    'other-corpus-false-weight': { type: 'string' },
    seed: { type: 'string', default: '7' },
    'false-answers': { type: 'string', default: '0.01' },
    /**
     * With a share (0.02): the threshold is the highest that withholds at most that share of right
     * answers on validation, unless the false-answer budget needs it higher (measured, not shipped).
     */
    withheld: { type: 'string' },
    /**
     * Documents of other articles each validation question (of half of them) is asked of: 12 put
     * 17,976 questions under the false-answer budget, so its 1% is read off 180 rather than 60.
     */
    'validation-other-documents': { type: 'string', default: '12' },
    /** Hidden units of the abstention model (0: logistic, monotone in each feature). */
    'abstain-hidden': { type: 'string', default: '0' },
    'abstain-epochs': { type: 'string', default: '40' },
    /** Reuse the candidates' features from an earlier run with the same settings (a file in scratch/). */
    cache: { type: 'string' },
    /** Keep the ranking weights of this file and learn abstention only (quicker experiments). */
    'ranker-from': { type: 'string' },
    /** With --ranker-from: keep its abstention and threshold too, and only report validation. */
    'keep-abstention': { type: 'boolean' },
    /** Where to write the weights (default models/ranker.json). */
    out: { type: 'string' },
    /** Fit the model with word vectors only, for quicker experiments (not for shipping). */
    'semantic-only': { type: 'boolean' },
    /** Write the ranker's first claims per question for scripts/train-reranker.py to this file. */
    'export-reranker': { type: 'string' },
    /** The re-ranker the model with word vectors runs with (abstention learns from its order); `none` for none. */
    reranker: { type: 'string', default: RERANKER_PATH },
    /** The answerability network abstention reads (answerability.ts); `none` for none. */
    answerability: { type: 'string', default: ANSWERABILITY_PATH },
    /**
     * Which answerable questions teach abstention to answer: those with a right claim among the
     * first three shown ('shown'), or only those whose best claim is right ('first').
     */
    'abstain-positives': { type: 'string', default: 'shown' },
    /** Abstention weights keep the sign of what their input means (ABSTAIN_SIGNS; measured, not shipped). */
    'abstain-monotone': { type: 'boolean' },
    /** Abstention without the re-ranker's score of the best claim (its weight stays 0). */
    'abstain-without-evidence': { type: 'boolean' },
    /** Abstention without the share of the question the vectors lack (the control for that input). */
    'abstain-without-unseen': { type: 'boolean' },
    /**
     * With --ranker-from and --export-reranker: only the in-corpus questions with word vectors are
     * built, the re-ranker's file is written and nothing is trained (more questions fit in memory).
     */
    'export-only': { type: 'boolean' },
    /**
     * WordNet synonyms (scripts/wordnet-synonyms.ts): this share of the questions is also asked in
     * other words (scripts/paraphrase.ts), for training and, reported apart, for validation.
     */
    paraphrase: { type: 'string' },
    'paraphrase-share': { type: 'string', default: '0.5' },
    /** Paraphrased questions are reported on validation but not learned from (the control). */
    'paraphrase-validation-only': { type: 'boolean' },
    /** How many of the ranker's first claims the export holds (the re-ranker's `top`). */
    'rerank-top': { type: 'string', default: '8' },
    /**
     * Questions whose answer repeats few of their words weigh 1 + G x (the share of the question's
     * general weight the answer does not state) in the ranker's and abstention's training (0: all alike).
     */
    'gap-weight': { type: 'string', default: '0' },
  },
});
const QUESTIONS = Number(args.questions);
const EXPORT_ONLY = args['export-only'] === true;
if (EXPORT_ONLY && !(args['ranker-from'] && args['export-reranker']))
  throw new Error('--export-only needs --ranker-from and --export-reranker');
const HIDDEN = Number(args.hidden);
const ENSEMBLE = Number(args.ensemble);
const OTHER_CORPUS_WEIGHT = Number(args['other-corpus-weight']);
/**
 * With a weight: questions asked of another corpus are abstention's negatives at that weight when
 * their best claim holds none of their gold answers, and left out when it does (instead of all of
 * them at --other-corpus-weight).
 */
const OTHER_CORPUS_FALSE_WEIGHT =
  args['other-corpus-false-weight'] === undefined ? undefined : Number(args['other-corpus-false-weight']);
if (OTHER_CORPUS_FALSE_WEIGHT !== undefined && !(OTHER_CORPUS_FALSE_WEIGHT >= 0))
  throw new Error('--other-corpus-false-weight: a number from 0 up');
const SAME_ARTICLE_WEIGHT = Number(args['same-article-weight']);
const EPOCHS = Number(args.epochs);
const VALIDATION_OTHER_DOCUMENTS = Number(args['validation-other-documents']);
const PARAGRAPHS_PER_DOCUMENT = 5;
const DOCUMENTS_PER_CORPUS = 48;
/** Highest share of questions asked of another article's document that may still get an answer, on validation. */
const FALSE_ANSWER_BUDGET = Number(args['false-answers']);
/** Highest share of validation questions whose right best claim abstention may withhold (undefined: no such bound). */
const WITHHELD_BUDGET = args.withheld === undefined ? undefined : Number(args.withheld);

// Seeded generators (mulberry32): the same data and model on every run.
/** One mulberry32 step: the next state and a draw in [0, 1). */
function mulberry32(previous: number): [number, number] {
  const next = (previous + 0x6d2b79f5) >>> 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return [next, ((t ^ (t >>> 14)) >>> 0) / 4294967296];
}
let state = Number(args.seed) >>> 0;
function random(): number {
  let value: number;
  [state, value] = mulberry32(state);
  return value;
}
/** A second generator, so that paraphrasing leaves the questions drawn and their order as they were. */
let paraphraseState = (Number(args.seed) + 1_000_003) >>> 0;
function paraphraseRandom(): number {
  let value: number;
  [paraphraseState, value] = mulberry32(paraphraseState);
  return value;
}
const SYNONYMS = args.paraphrase ? readSynonyms(args.paraphrase) : undefined;
const PARAPHRASE_SHARE = Number(args['paraphrase-share']);
const documentTermSets = new WeakMap<SourceDocument, Set<string>>();
/** The question in other words, for the share of questions paraphrased; undefined otherwise. */
function paraphrased(question: Question): Question | undefined {
  if (!SYNONYMS || paraphraseRandom() >= PARAPHRASE_SHARE) return undefined;
  let terms = documentTermSets.get(question.document);
  if (!terms) documentTermSets.set(question.document, (terms = new Set(termsOf(question.document.body))));
  const text = paraphrase(question.text, terms, SYNONYMS, paraphraseRandom);
  return text === null ? undefined : { ...question, text };
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

interface SquadArticle {
  title: string;
  paragraphs: { context: string; qas: { question: string; answers: string[] }[] }[];
}
interface Question {
  text: string;
  answers: string[];
  document: SourceDocument;
  article: string;
}

const squad = JSON.parse(
  gunzipSync(readFileSync(new URL('../../shared/datasets/squad-train/train-v1.1.json.gz', import.meta.url))).toString(
    'utf8',
  ),
) as {
  articles: SquadArticle[];
};
const articles = shuffle([...squad.articles]);
const validationArticles = new Set(
  articles.slice(0, Math.round(articles.length * 0.15)).map((article) => article.title),
);

const documentsByArticle = new Map<string, { document: SourceDocument; questions: Question[] }[]>();

/** The article's documents, made once: a question's sibling documents are the same objects. */
function documentsOf(article: SquadArticle): { document: SourceDocument; questions: Question[] }[] {
  const made = documentsByArticle.get(article.title);
  if (made) return made;
  const out: { document: SourceDocument; questions: Question[] }[] = [];
  for (let start = 0; start < article.paragraphs.length; start += PARAGRAPHS_PER_DOCUMENT) {
    const paragraphs = article.paragraphs.slice(start, start + PARAGRAPHS_PER_DOCUMENT);
    const id = `${article.title}-${start / PARAGRAPHS_PER_DOCUMENT + 1}`;
    const title = article.title.replace(/_/g, ' ');
    const document: SourceDocument = {
      id,
      path: `${id}.md`,
      title,
      titleFromFrontMatter: true,
      tags: [],
      // Opened by its title, as the news reports the bot serves are: the ranker learns what a
      // headline that repeats the question's subject is worth.
      body: [title, ...paragraphs.map((p) => p.context)].join('\n\n'),
    };
    const questions = paragraphs.flatMap((p) =>
      p.qas.map((qa) => ({ text: qa.question, answers: qa.answers, document, article: article.title })),
    );
    out.push({ document, questions });
  }
  documentsByArticle.set(article.title, out);
  return out;
}

/** Corpora of DOCUMENTS_PER_CORPUS documents, each from a different article. */
function corporaOf(selected: SquadArticle[]): { documents: SourceDocument[]; questions: Question[] }[] {
  const pools = selected.map((article) => shuffle([...documentsOf(article)]));
  const corpora: { documents: SourceDocument[]; questions: Question[] }[] = [];
  for (;;) {
    const open = shuffle(pools.filter((pool) => pool.length > 0));
    if (open.length < DOCUMENTS_PER_CORPUS) break;
    const picked = open.slice(0, DOCUMENTS_PER_CORPUS).map((pool) => pool.pop()!);
    corpora.push({ documents: picked.map((p) => p.document), questions: picked.flatMap((p) => p.questions) });
  }
  return corpora;
}

const fold = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201C\u201D]/g, '"');

/**
 * 1 when the claim answers the question: a sentence of its document holding a gold answer (SQuAD's
 * answers are spans of the paragraphs, so the title line never is one, even when it names the answer).
 */
function answers(question: Question, claim: Claim, foldedAnswers: string[]): number {
  if (claim.documentId !== question.document.id || claim.kind === 'headline') return 0;
  return holdsGoldAnswer(claim, foldedAnswers);
}

/** 1 when the claim's text holds one of the gold answers, whatever its document. */
function holdsGoldAnswer(claim: Claim, foldedAnswers: string[]): number {
  const text = fold(claim.text);
  return foldedAnswers.some((answer) => text.includes(answer)) ? 1 : 0;
}

/** One question asked of one corpus: its candidates' features and which of them answer. */
interface Sample {
  features: Float32Array;
  labels: Uint8Array;
  /** With word vectors: the question's and each candidate's word rows (reranker-words.ts), for the re-ranker. */
  questionWords?: Int32Array;
  candidateWords?: Int32Array[];
  /** Asked of a corpus that holds its answer. */
  answerable: boolean;
  /** Candidates.missingName: the question names something no document of the corpus does. */
  missingName: number;
  /** Candidates.unseenGeneral: how much of the question the word vectors lack. */
  unseenGeneral: number;
  /** Asked where its answer is not: which candidates still hold a gold answer's words (the question fits there too). */
  holdsAnswer?: Uint8Array;
}

/** The question's candidates with and without word vectors (the same claims, other features). */
function samplesOf(corpus: Corpus, question: Question, vectors: WordVectors, answerable: boolean): [Sample, Sample] {
  const folded = question.answers.map(fold);
  return [vectors, null].map((variant) => {
    const candidates = candidatesFor(corpus, question.text, variant);
    const labels = new Uint8Array(candidates.entries.length);
    if (answerable)
      for (const [i, entry] of candidates.entries.entries()) labels[i] = answers(question, entry.claim, folded);
    const { missingName, unseenGeneral } = candidates;
    const holdsAnswer = answerable
      ? undefined
      : Uint8Array.from(candidates.entries.map((entry) => holdsGoldAnswer(entry.claim, folded)));
    if (!variant) return { features: candidates.features, labels, answerable, missingName, unseenGeneral, holdsAnswer };
    return {
      features: candidates.features,
      labels,
      answerable,
      missingName,
      unseenGeneral,
      holdsAnswer,
      questionWords: rerankerWords(question.text, variant, QUESTION_WORDS),
      candidateWords: candidates.entries.map((entry) => rerankerWords(entry.claim.text, variant, CLAIM_WORDS)),
    };
  }) as [Sample, Sample];
}

/** The question's candidates with word vectors only, for the re-ranker's export. */
function semanticSampleOf(corpus: Corpus, question: Question, vectors: WordVectors): Sample {
  const folded = question.answers.map(fold);
  const candidates = candidatesFor(corpus, question.text, vectors);
  const labels = candidates.entries.map((entry) => answers(question, entry.claim, folded));
  return {
    features: candidates.features,
    labels: Uint8Array.from(labels),
    answerable: true,
    missingName: candidates.missingName,
    unseenGeneral: candidates.unseenGeneral,
    questionWords: rerankerWords(question.text, vectors, QUESTION_WORDS),
    candidateWords: candidates.entries.map((entry) => rerankerWords(entry.claim.text, vectors, CLAIM_WORDS)),
  };
}

interface Split {
  /** In-corpus questions, for ranking (and for abstention positives). */
  inCorpus: Sample[];
  /** The same questions asked of their own document alone. */
  ownDocument: Sample[];
  /** Questions asked of a corpus of other articles. */
  otherCorpus: Sample[];
  /** Questions asked of one document of another article. */
  otherDocument: Sample[];
  /**
   * Questions asked of another document of their own article, one that holds no gold answer: on
   * topic, but not answered there ("Who led the Panthers in sacks?" of a report on the game that
   * does not say). A team asks its documents such questions more often than off-topic ones.
   */
  sameArticle: Sample[];
}

const SPLIT_KINDS = ['inCorpus', 'ownDocument', 'otherCorpus', 'otherDocument', 'sameArticle'] as const;
const emptySplit = (): Split => Object.fromEntries(SPLIT_KINDS.map((kind) => [kind, []])) as unknown as Split;

/** Another document of the question's article whose text holds none of its gold answers, if any. */
function siblingWithoutAnswer(question: Question, q: number): SourceDocument | undefined {
  const folded = question.answers.map(fold);
  const siblings = (documentsByArticle.get(question.article) ?? [])
    .map((sibling) => sibling.document)
    .filter(
      (document) => document !== question.document && !folded.some((answer) => fold(document.body).includes(answer)),
    );
  return siblings[q % Math.max(1, siblings.length)];
}

/**
 * Samples for the semantic and the lexical model. Half the questions are asked of `otherDocuments`
 * documents of another article each: validation asks several, so that the abstention threshold,
 * the probability only 1% of them reach, is read off dozens of questions rather than a handful.
 * With `sameArticle`, each question is also asked of another document of its own article
 * (validation always, to report it; training only when abstention learns from it).
 */
function build(
  selected: SquadArticle[],
  questionCount: number,
  vectors: WordVectors,
  label: string,
  otherDocuments: number,
  sameArticle: boolean,
): { splits: [Split, Split]; paraphrases: [Split, Split] } {
  const corpora = corporaOf(selected);
  const perCorpus = Math.ceil(questionCount / corpora.length);
  const splits: [Split, Split] = [emptySplit(), emptySplit()];
  const paraphrases: [Split, Split] = [emptySplit(), emptySplit()];
  let into = splits;
  const add = (kind: keyof Split, samples: [Sample, Sample]): void => {
    into[0][kind].push(samples[0]);
    into[1][kind].push(samples[1]);
  };
  const started = performance.now();
  corpora.forEach((built, c) => {
    const corpus = Corpus.from(built.documents);
    const other = corpora[(c + 1) % corpora.length]!;
    const otherCorpus = Corpus.from(other.documents);
    const questions = shuffle([...built.questions]).slice(0, perCorpus);
    // One corpus per single document, shared by the questions that ask it.
    const alone = new Map<SourceDocument, Corpus>();
    const corpusOf = (document: SourceDocument): Corpus => {
      let single = alone.get(document);
      if (!single) alone.set(document, (single = Corpus.from([document])));
      return single;
    };
    const ask = (q: number, question: Question): void => {
      add('inCorpus', samplesOf(corpus, question, vectors, true));
      if (q % 2 === 0) {
        add('ownDocument', samplesOf(corpusOf(question.document), question, vectors, true));
        add('otherCorpus', samplesOf(otherCorpus, question, vectors, false));
      } else
        for (let k = 0; k < otherDocuments; k++)
          add(
            'otherDocument',
            samplesOf(corpusOf(other.documents[(q + 13 * k) % other.documents.length]!), question, vectors, false),
          );
      const sibling = sameArticle ? siblingWithoutAnswer(question, q) : undefined;
      if (sibling) add('sameArticle', samplesOf(corpusOf(sibling), question, vectors, false));
    };
    for (const [q, question] of questions.entries()) {
      if (EXPORT_ONLY) {
        splits[0].inCorpus.push(semanticSampleOf(corpus, question, vectors));
        continue;
      }
      into = splits;
      ask(q, question);
      const other = paraphrased(question);
      if (!other) continue;
      into = paraphrases;
      ask(q, other);
    }
    if (c % 10 === 9)
      console.log(
        `  ${label}: ${c + 1} of ${corpora.length} corpora (${((performance.now() - started) / 1000).toFixed(0)} s)`,
      );
  });
  console.log(
    `${label}: ${corpora.length} corpora, ${splits[0].inCorpus.length} questions (${((performance.now() - started) / 1000).toFixed(0)} s)`,
  );
  return { splits, paraphrases };
}

// ---- the model -----------------------------------------------------------------------------

const N = FEATURE_COUNT;
const EXACT_GENERAL = FEATURES.indexOf('exactGeneral');
const GAP_WEIGHT = Number(args['gap-weight']);
if (!(GAP_WEIGHT >= 0)) throw new Error('--gap-weight: a number from 0 up');

/**
 * How much of the question its best answering claim leaves unsaid, by general weight (0 to 1; 0 with
 * no answering claim): SQuAD's writers mostly copied the sentence's words, users put them in others.
 */
function wordGap(sample: Sample): number {
  let best = -1;
  for (let r = 0; r < sample.labels.length; r++)
    if (sample.labels[r]) best = Math.max(best, sample.features[r * N + EXACT_GENERAL]!);
  return best < 0 ? 0 : Math.min(1, Math.max(0, 1 - best));
}

/** A training question's weight: questions put in other words count for more with --gap-weight. */
function gapWeight(sample: Sample): number {
  return 1 + GAP_WEIGHT * wordGap(sample);
}

/** Validation's questions whose answer states at most half of them: the kind users ask. */
const IN_OTHER_WORDS_GAP = 0.5;
/** Validation's questions mostly in words the vectors lack (names such as "Kublai"): the networks cannot read them. */
const UNSEEN_SUBSET = 0.5;

function standardiser(samples: Sample[]): { mean: number[]; scale: number[] } {
  const mean = new Float64Array(N);
  const squares = new Float64Array(N);
  let rows = 0;
  for (const sample of samples) {
    for (let r = 0; r < sample.labels.length; r++) {
      for (let i = 0; i < N; i++) {
        const value = sample.features[r * N + i]!;
        mean[i]! += value;
        squares[i]! += value * value;
      }
      rows++;
    }
  }
  const scale: number[] = [];
  for (let i = 0; i < N; i++) {
    mean[i]! /= rows;
    scale.push(Math.sqrt(Math.max(squares[i]! / rows - mean[i]! ** 2, 0)) || 1);
  }
  return { mean: [...mean], scale };
}

class Adam {
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  private t = 0;
  constructor(
    private readonly params: Float64Array,
    private readonly rate: number,
  ) {
    this.m = new Float64Array(params.length);
    this.v = new Float64Array(params.length);
  }
  step(gradient: Float64Array, rate = this.rate): void {
    this.t++;
    for (let i = 0; i < this.params.length; i++) {
      this.m[i] = 0.9 * this.m[i]! + 0.1 * gradient[i]!;
      this.v[i] = 0.999 * this.v[i]! + 0.001 * gradient[i]! ** 2;
      const mHat = this.m[i]! / (1 - 0.9 ** this.t);
      const vHat = this.v[i]! / (1 - 0.999 ** this.t);
      this.params[i]! -= (rate * mHat) / (Math.sqrt(vHat) + 1e-8);
    }
  }
}

/** Parameter layout: linear[N] | hiddenWeights[H*N] | hiddenBias[H] | outputWeights[H]. */
function trainRanker(samples: Sample[], mean: number[], scale: number[]): Float64Array {
  const H = HIDDEN;
  const params = new Float64Array(N + H * N + 2 * H);
  for (let i = N; i < N + H * N; i++) params[i] = (random() - 0.5) * 0.2;
  for (let i = N + H * N + H; i < params.length; i++) params[i] = (random() - 0.5) * 0.2;
  const adam = new Adam(params, 0.01);
  const usable = samples.filter((sample) => sample.labels.some((label) => label === 1));
  const x = new Float64Array(N);
  const gradient = new Float64Array(params.length);
  const hiddenOut = new Float64Array(H);
  const BATCH = 32;
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    shuffle(usable);
    let loss = 0;
    const rate = 0.01 * 0.5 ** Math.floor(epoch / 3);
    for (let b = 0; b < usable.length; b += BATCH) {
      gradient.fill(0);
      for (const sample of usable.slice(b, b + BATCH)) {
        const count = sample.labels.length;
        const scores = new Float64Array(count);
        for (let r = 0; r < count; r++) scores[r] = forward(params, sample.features, r * N, mean, scale, x, hiddenOut);
        const top = Math.max(...scores);
        let all = 0;
        let positive = 0;
        for (let r = 0; r < count; r++) {
          const e = Math.exp(scores[r]! - top);
          all += e;
          if (sample.labels[r]) positive += e;
        }
        const weight = gapWeight(sample);
        loss += -weight * Math.log(positive / all);
        for (let r = 0; r < count; r++) {
          const e = Math.exp(scores[r]! - top);
          const g = weight * (e / all - (sample.labels[r] ? e / positive : 0));
          if (Math.abs(g) < 1e-6) continue;
          forward(params, sample.features, r * N, mean, scale, x, hiddenOut);
          for (let i = 0; i < N; i++) gradient[i]! += g * x[i]!;
          for (let h = 0; h < H; h++) {
            const out = params[N + H * N + H + h]!;
            gradient[N + H * N + H + h]! += g * hiddenOut[h]!;
            const inner = g * out * (1 - hiddenOut[h]! ** 2);
            for (let i = 0; i < N; i++) gradient[N + h * N + i]! += inner * x[i]!;
            gradient[N + H * N + h]! += inner;
          }
        }
      }
      for (let i = 0; i < gradient.length; i++) gradient[i]! /= BATCH;
      adam.step(gradient, rate);
    }
    console.log(`  epoch ${epoch + 1}: loss ${(loss / usable.length).toFixed(4)}`);
  }
  return params;
}

function forward(
  params: Float64Array,
  features: Float32Array,
  offset: number,
  mean: number[],
  scale: number[],
  x: Float64Array,
  hiddenOut: Float64Array,
): number {
  const H = HIDDEN;
  for (let i = 0; i < N; i++) x[i] = (features[offset + i]! - mean[i]!) / scale[i]!;
  let score = 0;
  for (let i = 0; i < N; i++) score += params[i]! * x[i]!;
  for (let h = 0; h < H; h++) {
    let sum = params[N + H * N + h]!;
    for (let i = 0; i < N; i++) sum += params[N + h * N + i]! * x[i]!;
    hiddenOut[h] = Math.tanh(sum);
    score += params[N + H * N + H + h]! * hiddenOut[h]!;
  }
  return score;
}

function weightsOf(params: Float64Array, mean: number[], scale: number[]): RankerWeights {
  const H = HIDDEN;
  return {
    features: [...FEATURES],
    mean,
    scale,
    hidden: H,
    linear: [...params.subarray(0, N)],
    hiddenWeights: [...params.subarray(N, N + H * N)],
    hiddenBias: [...params.subarray(N + H * N, N + H * N + H)],
    outputWeights: [...params.subarray(N + H * N + H)],
    abstain: {
      hidden: 0,
      hiddenWeights: [],
      hiddenBias: [],
      outputWeights: [],
      weights: new Array(ABSTAIN_INPUTS).fill(0),
      bias: 0,
      threshold: 0,
    },
    runnerUpShare: 0,
  };
}

/** The mean of several rankers' scores, as one ranker whose hidden layer holds all of theirs. */
function averaged(members: RankerWeights[]): RankerWeights {
  const k = members.length;
  const first = members[0]!;
  return {
    ...first,
    hidden: first.hidden * k,
    linear: first.linear.map((_, i) => members.reduce((sum, member) => sum + member.linear[i]!, 0) / k),
    hiddenWeights: members.flatMap((member) => member.hiddenWeights),
    hiddenBias: members.flatMap((member) => member.hiddenBias),
    outputWeights: members.flatMap((member) => member.outputWeights.map((weight) => weight / k)),
  };
}

interface Ranked {
  order: number[];
  probabilities: number[];
  abstainInput: Float64Array | null;
}

/** The answerability network's best logit by sample (it reads words only: computed once). */
const answerabilityCache = new WeakMap<Sample, number>();

/** Re-ranked orders by sample (one ranker per sample: each fit has samples of its own). */
const rerankedCache = new WeakMap<Sample, Ordered>();

/** Ranks a sample's candidates; the abstention input is the standardised best row and its share. */
function rankSample(ranker: Ranker, weights: RankerWeights, sample: Sample): Ranked {
  const count = sample.labels.length;
  if (count === 0) return { order: [], probabilities: [], abstainInput: null };
  const scores = Array.from({ length: count }, (_, r) => ranker.score(sample.features, r * N));
  const useReranker = sample.questionWords !== undefined ? reranker : null;
  // The re-ranker's order does not change while abstention is fitted: computed once per sample.
  let reordered = useReranker ? rerankedCache.get(sample) : undefined;
  if (!reordered) {
    reordered = rerankedOrder(
      scores,
      useReranker,
      vectors,
      () => sample.questionWords!,
      (r) => sample.candidateWords![r]!,
      (r, out) => ranker.standardise(sample.features, r * N, out),
    );
    if (useReranker) rerankedCache.set(sample, reordered);
  }
  const { order, scores: ordered, evidence } = reordered;
  const top = ordered[0]!;
  const exps = ordered.map((score) => Math.exp(score - top));
  const total = exps.reduce((a, b) => a + b, 0);
  // Candidates the re-ranker leaves out get no share.
  const probabilities = new Array<number>(count).fill(0);
  order.forEach((r, k) => {
    probabilities[r] = exps[k]! / total;
  });
  const best = order[0]!;
  const input = new Float64Array(ABSTAIN_INPUTS);
  for (let i = 0; i < N; i++) input[i] = (sample.features[best * N + i]! - weights.mean[i]!) / weights.scale[i]!;
  const evidenceRead = args['abstain-without-evidence'] ? evidence.map(() => 0) : evidence;
  let answerability = answerabilityCache.get(sample);
  if (answerability === undefined) {
    answerability = useReranker
      ? bestAnswerability(
          answerabilityModel,
          vectors,
          () => sample.questionWords!,
          (k) => sample.candidateWords![order[k]!]!,
          order.length,
        )
      : 0;
    answerabilityCache.set(sample, answerability);
  }
  input.set(
    abstentionContext(
      ordered,
      evidenceRead,
      sample.missingName,
      answerability,
      args['abstain-without-unseen'] ? 0 : sample.unseenGeneral,
    ),
    N,
  );
  return { order, probabilities, abstainInput: input };
}

const ABSTAIN_HIDDEN = Number(args['abstain-hidden']);
const ABSTAIN_POSITIVES = args['abstain-positives'];
if (ABSTAIN_POSITIVES !== 'first' && ABSTAIN_POSITIVES !== 'shown')
  throw new Error('--abstain-positives: first or shown');
const ABSTAIN_EPOCHS = Number(args['abstain-epochs']);

/**
 * With --abstain-monotone, abstention's linear weights keep the sign of what their input means:
 * more of the question stated (exactly, in other words, in the claim's paragraph or document, by
 * the corpus) never lowers the chance of answering, and a weightier word or name left unstated
 * never raises it. SQuAD's questions repeat their sentence's words, so unconstrained weights learn
 * that coverage in other words alone is suspect (softGeneral's weight was negative), and a corpus
 * that knows less of the question could even raise the chance (corpusGeneral's); people ask in
 * their own words. On validation the constrained model withholds fewer right answers at each
 * budget of wrong-document answers from 0.2% to 2% (as many at 5%), but it is not the default:
 * the README says why (a question about a name the networks cannot see).
 */
const ABSTAIN_MONOTONE = args['abstain-monotone'] === true;
const MORE_IS_ANSWER = [
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
  'documentGeneral',
  'corpusGeneral',
  'subjectSentence',
  'subjectDocument',
  'bigrams',
  'addressedGeneral',
] as const;
const MORE_IS_NOT = ['missingGeneral', 'corpusMissing', 'unaddressedGeneral'] as const;
/** Abstention inputs by index and the sign their weight keeps (context: abstentionContext()'s layout). */
const ABSTAIN_SIGNS: [number, 1 | -1][] = [
  ...MORE_IS_ANSWER.map((name) => [FEATURES.indexOf(name), 1] as [number, 1]),
  ...MORE_IS_NOT.map((name) => [FEATURES.indexOf(name), -1] as [number, -1]),
  [FEATURE_COUNT, 1], // the best claim's share
  [FEATURE_COUNT + 1, 1], // its re-ranker score
  [FEATURE_COUNT + 5, -1], // a name no document uses
  [FEATURE_COUNT + 6, 1], // the answerability network's logit
];

/** Class-balanced logistic loss; parameter layout: linear[M] | hiddenWeights[H*M] | hiddenBias[H] | outputWeights[H] | bias. */
function trainAbstention(inputs: Float64Array[], labels: number[], importance: number[]): RankerWeights['abstain'] {
  const M = ABSTAIN_INPUTS;
  const H = ABSTAIN_HIDDEN;
  // The same start and order whether the features were computed in this run or read from --cache.
  state = Number(args.seed) >>> 0;
  const params = new Float64Array(M + H * M + 2 * H + 1);
  for (let i = M; i < M + H * M; i++) params[i] = (random() - 0.5) * 0.2;
  for (let i = M + H * M + H; i < M + H * M + 2 * H; i++) params[i] = (random() - 0.5) * 0.2;
  const adam = new Adam(params, 0.005);
  const total = importance.reduce((sum, weight) => sum + weight, 0);
  const positives = importance.reduce((sum, weight, i) => sum + (labels[i] ? weight : 0), 0);
  const weightOf = (s: number): number =>
    (labels[s] ? 0.5 / positives : 0.5 / (total - positives)) * total * importance[s]!;
  const gradient = new Float64Array(params.length);
  const hidden = new Float64Array(H);
  const order = inputs.map((_, i) => i);
  const BATCH = 64;
  for (let epoch = 0; epoch < ABSTAIN_EPOCHS; epoch++) {
    shuffle(order);
    let loss = 0;
    for (let b = 0; b < order.length; b += BATCH) {
      gradient.fill(0);
      const batch = order.slice(b, b + BATCH);
      for (const s of batch) {
        const x = inputs[s]!;
        let z = params[params.length - 1]!;
        for (let i = 0; i < M; i++) z += params[i]! * x[i]!;
        for (let h = 0; h < H; h++) {
          let sum = params[M + H * M + h]!;
          for (let i = 0; i < M; i++) sum += params[M + h * M + i]! * x[i]!;
          hidden[h] = Math.tanh(sum);
          z += params[M + H * M + H + h]! * hidden[h]!;
        }
        const p = 1 / (1 + Math.exp(-z));
        const w = weightOf(s);
        loss -= w * (labels[s] ? Math.log(p + 1e-12) : Math.log(1 - p + 1e-12));
        const g = (p - labels[s]!) * w;
        for (let i = 0; i < M; i++) gradient[i]! += g * x[i]!;
        for (let h = 0; h < H; h++) {
          gradient[M + H * M + H + h]! += g * hidden[h]!;
          const inner = g * params[M + H * M + H + h]! * (1 - hidden[h]! ** 2);
          for (let i = 0; i < M; i++) gradient[M + h * M + i]! += inner * x[i]!;
          gradient[M + H * M + h]! += inner;
        }
        gradient[params.length - 1]! += g;
      }
      for (let i = 0; i < gradient.length; i++) gradient[i] = gradient[i]! / batch.length + 1e-4 * params[i]!;
      adam.step(gradient, epoch < ABSTAIN_EPOCHS / 2 ? 0.005 : 0.001);
      if (ABSTAIN_MONOTONE) for (const [i, sign] of ABSTAIN_SIGNS) params[i] = sign * Math.max(0, sign * params[i]!);
    }
    if (epoch % 10 === 9) console.log(`  abstention epoch ${epoch + 1}: loss ${(loss / order.length).toFixed(4)}`);
  }
  return {
    hidden: H,
    weights: [...params.subarray(0, M)],
    hiddenWeights: [...params.subarray(M, M + H * M)],
    hiddenBias: [...params.subarray(M + H * M, M + H * M + H)],
    outputWeights: [...params.subarray(M + H * M + H, M + H * M + 2 * H)],
    bias: params[params.length - 1]!,
    threshold: 0.5,
  };
}

function abstentionInputs(
  ranker: Ranker,
  weights: RankerWeights,
  split: Split,
): { inputs: Float64Array[]; labels: number[]; importance: number[] } {
  const inputs: Float64Array[] = [];
  const labels: number[] = [];
  const importance: number[] = [];
  for (const sample of [...split.inCorpus, ...split.ownDocument]) {
    const ranked = rankSample(ranker, weights, sample);
    // A question whose answer is not shown teaches nothing about abstaining.
    const shown = ABSTAIN_POSITIVES === 'shown' ? ranked.order.slice(0, 3) : ranked.order.slice(0, 1);
    if (!ranked.abstainInput || !shown.some((r) => sample.labels[r])) continue;
    inputs.push(ranked.abstainInput);
    labels.push(1);
    importance.push(gapWeight(sample));
  }
  // With --other-corpus-false-weight, a question asked of another corpus whose best claim holds a
  // gold answer fits that corpus too and teaches nothing; the others are false answers.
  if (OTHER_CORPUS_FALSE_WEIGHT !== undefined)
    for (const sample of split.otherCorpus) {
      const ranked = rankSample(ranker, weights, sample);
      if (!ranked.abstainInput || sample.holdsAnswer?.[ranked.order[0]!]) continue;
      inputs.push(ranked.abstainInput);
      labels.push(0);
      importance.push(OTHER_CORPUS_FALSE_WEIGHT);
    }
  // Many SQuAD questions fit several articles ("What year did the war end?"): another corpus's
  // answer to them is not always false, so those negatives may count for less.
  for (const [kind, weight] of [
    ['otherCorpus', OTHER_CORPUS_FALSE_WEIGHT === undefined ? OTHER_CORPUS_WEIGHT : 0],
    ['otherDocument', 1],
    // Built for training only when they weigh something (build()): empty otherwise.
    ['sameArticle', SAME_ARTICLE_WEIGHT],
  ] as const) {
    for (const sample of split[kind]) {
      const ranked = rankSample(ranker, weights, sample);
      if (!ranked.abstainInput) continue;
      inputs.push(ranked.abstainInput);
      labels.push(0);
      importance.push(weight);
    }
  }
  return { inputs, labels, importance };
}

/** How many of the ranker's first claims the re-ranker is trained on (and re-scores in /ask). */
const RERANK_TOP = Number(args['rerank-top']);
if (!Number.isInteger(RERANK_TOP) || RERANK_TOP < 1 || RERANK_TOP > 64)
  throw new Error('--rerank-top: a whole number from 1 to 64 (the re-ranker file allows no more)');

/** The ranker's first claims for every in-corpus question, as scripts/train-reranker.py reads them. */
function exportForReranker(weights: RankerWeights, training: Split, validation: Split, file: string): void {
  const ranker = new Ranker(weights);
  const { mean, scale } = weights;
  const rows = (samples: Sample[]): unknown[] =>
    samples
      .filter((sample) => sample.labels.length > 0 && sample.questionWords)
      .map((sample) => {
        const scores = Array.from({ length: sample.labels.length }, (_, r) => ranker.score(sample.features, r * N));
        const order = scores
          .map((_, r) => r)
          .sort((a, b) => scores[b]! - scores[a]!)
          .slice(0, RERANK_TOP);
        return {
          q: [...sample.questionWords!],
          c: order.map((r) => [...sample.candidateWords![r]!]),
          s: order.map((r) => Number(scores[r]!.toFixed(5))),
          y: order.map((r) => sample.labels[r]!),
          // How much of the question the answer leaves unsaid (wordGap), for --gap-weight there.
          g: Number(wordGap(sample).toFixed(3)),
          // The ranker's features of each claim, standardised as the ranker reads them.
          f: order.map((r) =>
            Array.from({ length: N }, (_, i) =>
              Number(((sample.features[r * N + i]! - mean[i]!) / scale[i]!).toFixed(3)),
            ),
          ),
        };
      });
  const negatives = (split: Split): unknown[] => [
    ...rows(split.otherDocument).map((row) => ({ ...(row as object), w: 1 })),
    ...rows(split.otherCorpus).map((row) => ({ ...(row as object), w: OTHER_CORPUS_WEIGHT })),
    ...(SAME_ARTICLE_WEIGHT > 0
      ? rows(split.sameArticle).map((row) => ({ ...(row as object), w: SAME_ARTICLE_WEIGHT }))
      : []),
  ];
  writeFileSync(
    file,
    JSON.stringify({
      top: RERANK_TOP,
      questionWords: QUESTION_WORDS,
      claimWords: CLAIM_WORDS,
      train: rows(training.inCorpus),
      validation: rows(validation.inCorpus),
      // Questions asked of documents about something else (none with --export-only): every claim is
      // a wrong answer; scripts/train-reranker.py --answerability learns from them what answers at all.
      trainNegatives: negatives(training),
      validationNegatives: negatives(validation),
    }),
  );
  console.log(`wrote ${file}`);
}

function fit(
  name: string,
  kind: 'semantic' | 'lexical',
  training: Split,
  validation: Split,
  paraphrases: Split,
): RankerWeights {
  console.log(`== ${name} model ==`);
  let weights: RankerWeights;
  if (args['ranker-from']) {
    weights = (JSON.parse(readFileSync(args['ranker-from'], 'utf8')) as Record<typeof kind, RankerWeights>)[kind];
    // Only the ranking is kept: abstention is learned anew (its inputs may have changed).
    if (!args['keep-abstention'])
      weights.abstain = weightsOf(new Float64Array(N + HIDDEN * N + 2 * HIDDEN), [], []).abstain;
    console.log(`ranking weights from ${args['ranker-from']}`);
  } else {
    const { mean, scale } = standardiser(training.inCorpus);
    const members = Array.from({ length: ENSEMBLE }, () =>
      weightsOf(trainRanker(training.inCorpus, mean, scale), mean, scale),
    );
    weights = averaged(members);
  }
  let ranker = new Ranker(weights);
  if (kind === 'semantic' && args['export-reranker'])
    exportForReranker(weights, training, validation, args['export-reranker']);

  if (!args['keep-abstention']) {
    const abstention = abstentionInputs(ranker, weights, training);
    weights.abstain = trainAbstention(abstention.inputs, abstention.labels, abstention.importance);
    ranker = new Ranker(weights);
  }

  // Threshold on validation: the lowest that keeps false answers within budget.
  const answeredProbability = (sample: Sample): { ranked: Ranked; probability: number } => {
    const ranked = rankSample(ranker, weights, sample);
    if (!ranked.abstainInput) return { ranked, probability: 0 };
    const best = ranked.order[0]!;
    return {
      ranked,
      probability: ranker.answerProbability(sample.features, best * N, ranked.abstainInput.subarray(N)),
    };
  };
  const probabilities = (samples: Sample[]): number[] =>
    samples.map((sample) => answeredProbability(sample).probability).sort((a, b) => b - a);
  // In question order (the documents one question was asked of are consecutive), for resampling below.
  const askedOfOthers = validation.otherDocument.map((sample) => answeredProbability(sample).probability);
  const offDocument = [...askedOfOthers].sort((a, b) => b - a);
  const askedOfOtherCorpora = validation.otherCorpus.map((sample) => {
    const { ranked, probability } = answeredProbability(sample);
    return { probability, holdsAnswer: sample.holdsAnswer?.[ranked.order[0]!] === 1 };
  });
  const offCorpus = askedOfOtherCorpora.map((asked) => asked.probability).sort((a, b) => b - a);
  // Answered with a claim that holds none of the question's gold answers: false beyond doubt.
  const offCorpusFalse = askedOfOtherCorpora
    .map((asked) => (asked.holdsAnswer ? 0 : asked.probability))
    .sort((a, b) => b - a);
  const onTopic = probabilities(validation.sameArticle);
  const answeredShare = (sorted: number[], threshold: number): number =>
    sorted.filter((p) => p >= threshold).length / sorted.length;
  // False answers: the lowest threshold that keeps questions asked of a document about something
  // else within budget. Other 48-article corpora are reported beside it (many SQuAD questions, such
  // as "What year did the war end?", fit several articles there).
  const thresholdFor = (budget: number): number =>
    Math.max(offDocument[Math.floor(offDocument.length * budget)] ?? 0, 0.05) + 1e-6;
  // Answerable questions asked of their corpus and of their own document alone: a small collection
  // (the bundled article alone) must not lose its answers to a threshold set on large ones.
  const answerableProbabilities = [...validation.inCorpus, ...validation.ownDocument].map((sample) => {
    const { ranked, probability } = answeredProbability(sample);
    return { probability, correct: ranked.order.length > 0 && sample.labels[ranked.order[0]!] === 1 };
  });
  const withheldAt = (threshold: number): number =>
    answerableProbabilities.filter((p) => p.correct && p.probability < threshold).length /
    answerableProbabilities.length;
  // Right answers: the highest threshold that withholds at most WITHHELD_BUDGET of them.
  const rightProbabilities = answerableProbabilities
    .filter((p) => p.correct)
    .map((p) => p.probability)
    .sort((a, b) => a - b);
  const thresholdWithholding = (budget: number): number =>
    rightProbabilities[Math.floor(answerableProbabilities.length * budget)] ?? 1;
  const reportAt = (label: string, candidate: number): void =>
    console.log(
      `  ${label}: threshold ${candidate.toFixed(3)}, other document answered ${answeredShare(offDocument, candidate).toFixed(3)}, other corpus ${answeredShare(offCorpus, candidate).toFixed(3)}, same article ${answeredShare(onTopic, candidate).toFixed(3)}, right answers withheld (own corpus and own document) ${withheldAt(candidate).toFixed(3)}`,
    );
  for (const budget of [0.002, 0.005, 0.01, 0.02]) reportAt(`other document answered ${budget}`, thresholdFor(budget));
  for (const budget of [0.01, 0.02, 0.03]) reportAt(`right answers withheld ${budget}`, thresholdWithholding(budget));
  // With --withheld: as strict as the right answers allow, and never laxer than the false-answer
  // budget, so a model that tells unanswered questions apart better refuses more of them rather
  // than answering more. Without it: the false-answer budget alone.
  const strictest = WITHHELD_BUDGET === undefined ? 0 : thresholdWithholding(WITHHELD_BUDGET);
  const threshold = args['keep-abstention']
    ? weights.abstain.threshold
    : Math.max(strictest, thresholdFor(FALSE_ANSWER_BUDGET));
  // How much the threshold owes to which questions validation drew: the budget's point in 200
  // resamples of the questions (a tail of a few dozen moves easily). A question is drawn with all
  // the documents it was asked of: its answers there go together, so drawing them one by one would
  // understate the spread.
  const perQuestion = VALIDATION_OTHER_DOCUMENTS;
  const questionCount = Math.floor(askedOfOthers.length / perQuestion);
  const resampled = Array.from({ length: 200 }, () => {
    const drawn: number[] = [];
    for (let q = 0; q < questionCount; q++) {
      const start = Math.floor(random() * questionCount) * perQuestion;
      for (let d = 0; d < perQuestion; d++) drawn.push(askedOfOthers[start + d]!);
    }
    drawn.sort((a, b) => b - a);
    return Math.max(drawn[Math.floor(drawn.length * FALSE_ANSWER_BUDGET)] ?? 0, 0.05);
  }).sort((a, b) => a - b);
  console.log(
    `  threshold ${threshold.toFixed(3)}; the false-answer budget's point over resampled validation: 5% ${resampled[10]!.toFixed(3)}, median ${resampled[100]!.toFixed(3)}, 95% ${resampled[189]!.toFixed(3)} (${offDocument.length} other-document questions, ${questionCount} questions asked of ${perQuestion} documents each)`,
  );
  weights.abstain.threshold = threshold;

  // Runner-up share: the largest that keeps hit@3 within a tenth of a point of showing three always
  // (a snippet is left out only when it almost never holds the answer).
  const report = (share: number, samples: Sample[]): { at1: number; at3: number; lost: number } => {
    let at1 = 0;
    let at3 = 0;
    let lost = 0;
    for (const sample of samples) {
      const { ranked, probability } = answeredProbability(sample);
      if (ranked.order.length === 0) continue;
      const correctTop = sample.labels[ranked.order[0]!] === 1;
      if (probability < threshold) {
        if (correctTop) lost++;
        continue;
      }
      if (correctTop) at1++;
      const best = ranked.probabilities[ranked.order[0]!]!;
      const shown = ranked.order.slice(0, 3).filter((r) => ranked.probabilities[r]! >= share * best);
      if (shown.some((r) => sample.labels[r] === 1)) at3++;
    }
    return { at1: at1 / samples.length, at3: at3 / samples.length, lost: lost / samples.length };
  };
  const full = report(0, validation.inCorpus);
  let runnerUpShare = args['keep-abstention'] ? weights.runnerUpShare : 0;
  for (const share of args['keep-abstention'] ? [] : [0.3, 0.2, 0.1, 0.05, 0.02, 0.01]) {
    if (report(share, validation.inCorpus).at3 >= full.at3 - 0.001) {
      runnerUpShare = share;
      break;
    }
  }
  weights.runnerUpShare = runnerUpShare;
  const chosen = report(runnerUpShare, validation.inCorpus);
  const ownDocument = report(runnerUpShare, validation.ownDocument);
  const falseAnswers = `other document ${answeredShare(offDocument, threshold).toFixed(3)}, other corpus ${answeredShare(offCorpus, threshold).toFixed(3)} (without a gold answer ${answeredShare(offCorpusFalse, threshold).toFixed(3)}), other document of the same article ${answeredShare(onTopic, threshold).toFixed(3)}`;
  console.log(
    `validation (SQuAD train articles held out): hit@1 ${chosen.at1.toFixed(3)} hit@3 ${chosen.at3.toFixed(3)} (right but abstained ${chosen.lost.toFixed(3)}); ` +
      `own document alone hit@1 ${ownDocument.at1.toFixed(3)}; questions asked where their answer is not, answered: ${falseAnswers}; threshold ${threshold.toFixed(3)}, runner-up share ${runnerUpShare}`,
  );
  const gapped = validation.inCorpus.filter((sample) => wordGap(sample) >= IN_OTHER_WORDS_GAP);
  const gappedAlone = validation.ownDocument.filter((sample) => wordGap(sample) >= IN_OTHER_WORDS_GAP);
  const inOtherWords = report(runnerUpShare, gapped);
  const inOtherWordsAlone = report(runnerUpShare, gappedAlone);
  console.log(
    `validation, answers stating at most half of the question (${gapped.length} questions): hit@1 ${inOtherWords.at1.toFixed(3)} hit@3 ${inOtherWords.at3.toFixed(3)} (right but abstained ${inOtherWords.lost.toFixed(3)}); own document alone (${gappedAlone.length}) hit@1 ${inOtherWordsAlone.at1.toFixed(3)} hit@3 ${inOtherWordsAlone.at3.toFixed(3)} (right but abstained ${inOtherWordsAlone.lost.toFixed(3)})`,
  );
  const unseen = (samples: Sample[]): Sample[] => samples.filter((sample) => sample.unseenGeneral >= UNSEEN_SUBSET);
  const unseenAsked = unseen(validation.inCorpus);
  const unseenReport = report(runnerUpShare, unseenAsked);
  const unseenAlone = report(runnerUpShare, unseen(validation.ownDocument));
  console.log(
    `validation, questions at least half in words the vectors lack (${unseenAsked.length} questions): hit@1 ${unseenReport.at1.toFixed(3)} hit@3 ${unseenReport.at3.toFixed(3)} (right but abstained ${unseenReport.lost.toFixed(3)}); own document alone hit@1 ${unseenAlone.at1.toFixed(3)} (right but abstained ${unseenAlone.lost.toFixed(3)}); other document answered ${answeredShare(probabilities(unseen(validation.otherDocument)), threshold).toFixed(3)}, other corpus ${answeredShare(probabilities(unseen(validation.otherCorpus)), threshold).toFixed(3)}`,
  );
  if (paraphrases.inCorpus.length > 0) {
    const asked = report(runnerUpShare, paraphrases.inCorpus);
    const alone = report(runnerUpShare, paraphrases.ownDocument);
    console.log(
      `validation in other words (${paraphrases.inCorpus.length} questions): hit@1 ${asked.at1.toFixed(3)} hit@3 ${asked.at3.toFixed(3)} (right but abstained ${asked.lost.toFixed(3)}); own document alone hit@1 ${alone.at1.toFixed(3)} (right but abstained ${alone.lost.toFixed(3)}); other document answered ${answeredShare(probabilities(paraphrases.otherDocument), threshold).toFixed(3)}, other corpus ${answeredShare(probabilities(paraphrases.otherCorpus), threshold).toFixed(3)}`,
    );
  }
  return weights;
}

const { vectors } = loadSemanticData();
if (!vectors) throw new Error('models/word-vectors.bin is missing or corrupt: see scripts/convert-word-vectors.ts');
const reranker: Reranker | null = args.reranker === 'none' ? null : readRerankerFile(args.reranker);
console.log(reranker ? `re-ranker: ${args.reranker}` : 'no re-ranker');
const answerabilityModel: Reranker | null = args.answerability === 'none' ? null : readRerankerFile(args.answerability);
console.log(answerabilityModel ? `answerability: ${args.answerability}` : 'no answerability network');
const cacheKey = `${QUESTIONS} ${args.seed} ${FEATURES.join()} words-1 unseen-1 holds-1 headline-1 names-2 initialisms-2 roles-1 antecedents-2 other-${VALIDATION_OTHER_DOCUMENTS} same-article-${SAME_ARTICLE_WEIGHT > 0 ? 'both' : 'validation'} paraphrase-${SYNONYMS ? `${args.paraphrase}-${PARAPHRASE_SHARE}` : 'none'}`;
interface Built {
  splits: [Split, Split];
  paraphrases: [Split, Split];
}
let cached: { key: string; training: Built; validation: Built } | undefined;
if (args.cache && existsSync(args.cache)) {
  cached = deserialize(readFileSync(args.cache)) as typeof cached;
  if (cached?.key !== cacheKey) cached = undefined;
  else console.log(`features read from ${args.cache}`);
}
const trainingBuilt =
  cached?.training ??
  build(
    articles.filter((article) => !validationArticles.has(article.title)),
    QUESTIONS,
    vectors,
    'training',
    1,
    SAME_ARTICLE_WEIGHT > 0,
  );
const validationBuilt =
  cached?.validation ??
  build(
    articles.filter((article) => validationArticles.has(article.title)),
    Math.round(QUESTIONS / 4),
    vectors,
    'validation',
    VALIDATION_OTHER_DOCUMENTS,
    true,
  );
/** Training learns from the questions and their paraphrases alike; validation reports them apart. */
const merged = (built: Built, k: 0 | 1): Split =>
  Object.fromEntries(
    SPLIT_KINDS.map((kind) => [kind, [...built.splits[k][kind], ...built.paraphrases[k][kind]]]),
  ) as unknown as Split;
const training: [Split, Split] = args['paraphrase-validation-only']
  ? trainingBuilt.splits
  : [merged(trainingBuilt, 0), merged(trainingBuilt, 1)];
const validation = validationBuilt.splits;
if (SYNONYMS)
  console.log(
    `paraphrased: ${trainingBuilt.paraphrases[0].inCorpus.length} training and ${validationBuilt.paraphrases[0].inCorpus.length} validation questions`,
  );
if (EXPORT_ONLY) {
  const file = JSON.parse(readFileSync(args['ranker-from']!, 'utf8')) as { semantic: RankerWeights };
  exportForReranker(file.semantic, training[0], validation[0], args['export-reranker']!);
  process.exit(0);
}
if (args.cache && !cached)
  writeFileSync(args.cache, serialize({ key: cacheKey, training: trainingBuilt, validation: validationBuilt }));
const semantic = fit('semantic (word vectors)', 'semantic', training[0], validation[0], validationBuilt.paraphrases[0]);
// An experiment fits the model with word vectors only; its file then holds that model twice.
const lexical = args['semantic-only']
  ? semantic
  : fit('lexical fallback', 'lexical', training[1], validation[1], validationBuilt.paraphrases[1]);
const round = (model: RankerWeights): RankerWeights =>
  JSON.parse(
    JSON.stringify(model, (_, value: unknown) => (typeof value === 'number' ? Number(value.toPrecision(6)) : value)),
  ) as RankerWeights;
writeFileSync(
  args.out ?? RANKER_PATH,
  `${JSON.stringify({ trainedOn: `SQuAD v1.1 train, ${QUESTIONS} questions, seed ${args.seed}, hidden ${HIDDEN}, epochs ${EPOCHS}`, semantic: round(semantic), lexical: round(lexical) })}\n`,
);
console.log(`wrote ${args.out ?? RANKER_PATH.pathname}`);
