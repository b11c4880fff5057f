/**
 * The semantic data /ask uses beside exact words: the compact word vectors shipped in `models/` and
 * the two networks that read them (the re-ranker and the answerability network). Loaded once per
 * process, on first use, all or none: the learned abstention reads both networks' scores, so the
 * vectors without them would answer on the wrong scale. When any file is missing or corrupt the bot
 * still answers, from exact words only, and the caller that opens the corpus gets one warning to log.
 */
import { relative } from 'node:path';
import { ANSWERABILITY_PATH } from './answerability.js';
import type { LoadWarning } from './document.js';
import { projectFile } from './project-file.js';
import { loadNetworkFile, NetworkFileError, RERANKER_PATH, type Reranker } from './reranker.js';
import { WordVectors, WordVectorsError } from './word-vectors.js';

/** Where the converted vectors live (scripts/convert-word-vectors.ts writes them). */
export const WORD_VECTORS_PATH = projectFile('models/word-vectors.bin');

export interface SemanticData {
  /** The vectors, or null when the semantic data could not be loaded (then ranking is lexical). */
  vectors: WordVectors | null;
  /** The attention re-ranker (reranker.ts); null exactly when `vectors` is. */
  reranker: Reranker | null;
  /** The answerability network (answerability.ts); null exactly when `vectors` is. */
  answerability: Reranker | null;
  /** Why the semantic data is not used, once, for the log. */
  warning?: LoadWarning;
}

export interface SemanticFiles {
  vectors: string;
  reranker: string;
  answerability: string;
}

const SHIPPED: SemanticFiles = {
  vectors: WORD_VECTORS_PATH,
  reranker: RERANKER_PATH,
  answerability: ANSWERABILITY_PATH,
};

const lexicalOnly = (file: string, problem: string): SemanticData => ({
  vectors: null,
  reranker: null,
  answerability: null,
  warning: {
    // Shipped files by their place in the project, which is what a reader can restore.
    file: file.startsWith(projectFile('models')) ? relative(projectFile('.'), file) : file,
    kind: 'model',
    problem: `${problem}; /ask answers from exact words only (restore it with git checkout models/ or see scripts/convert-word-vectors.ts and scripts/train-ranker.ts)`,
  },
});

/** Loads the vectors and both networks (the shipped files unless told), turning an unusable file into a warning. */
export function loadSemanticData(files: Partial<SemanticFiles> = {}): SemanticData {
  const paths = { ...SHIPPED, ...files };
  let vectors: WordVectors;
  try {
    vectors = WordVectors.load(paths.vectors);
  } catch (error) {
    if (!(error instanceof WordVectorsError)) throw error;
    return lexicalOnly(paths.vectors, error.message);
  }
  const networks: Reranker[] = [];
  for (const path of [paths.reranker, paths.answerability]) {
    try {
      const network = loadNetworkFile(path);
      if (network.dimensions !== vectors.dimensions)
        return lexicalOnly(
          path,
          `was trained on word vectors of ${network.dimensions} dimensions, not ${vectors.dimensions}`,
        );
      networks.push(network);
    } catch (error) {
      if (!(error instanceof NetworkFileError)) throw error;
      return lexicalOnly(path, error.message);
    }
  }
  return { vectors, reranker: networks[0]!, answerability: networks[1]! };
}

let shared: SemanticData | undefined;

/** The process-wide semantic data, loaded on first call. */
export function semanticData(): SemanticData {
  shared ??= loadSemanticData();
  return shared;
}

/** Replaces the process-wide semantic data (other files, or none). */
export function useSemanticData(data: SemanticData): void {
  shared = data;
}
