/**
 * The semantic data /ask uses beside exact words: the compact word vectors shipped in `models/`.
 * Loaded once per process, on first use. When the file is missing or corrupt the bot still answers,
 * from exact words only, and the caller that opens the corpus gets one warning to log.
 */
import type { LoadWarning } from './document.js';
import { projectFile } from './project-file.js';
import { WordVectors, WordVectorsError } from './word-vectors.js';

/** Where the converted vectors live (scripts/convert-word-vectors.ts writes them). */
export const WORD_VECTORS_PATH = projectFile('models/word-vectors.bin');

export interface SemanticData {
  /** The vectors, or null when they could not be loaded (then ranking is lexical). */
  vectors: WordVectors | null;
  /** Why the vectors are not used, once, for the log. */
  warning?: LoadWarning;
}

/** Loads word vectors from a file, turning a missing or corrupt file into a warning. */
export function loadSemanticData(path: string = WORD_VECTORS_PATH): SemanticData {
  try {
    return { vectors: WordVectors.load(path) };
  } catch (error) {
    if (!(error instanceof WordVectorsError)) throw error;
    return {
      vectors: null,
      warning: {
        file: path === WORD_VECTORS_PATH ? 'models/word-vectors.bin' : path,
        problem: `${error.message}; /ask answers from exact words only (restore it with git checkout models/ or see scripts/convert-word-vectors.ts)`,
      },
    };
  }
}

let shared: SemanticData | undefined;

/** The process-wide semantic data, loaded on first call. */
export function semanticData(): SemanticData {
  shared ??= loadSemanticData();
  return shared;
}

/** Replaces the process-wide semantic data (another vectors file, or none). */
export function useSemanticData(data: SemanticData): void {
  shared = data;
}
