/** A document as loaded from the data folder, before it is split into claims. */
export interface SourceDocument {
  /** Stable id: the file's path inside the data folder, without extension ("reports/kyiv-visit"). */
  id: string;
  /** The file's path inside the data folder, as found. */
  path: string;
  /** Front matter `title`, else the first line of the text. */
  title: string;
  /** Whether the title came from the front matter rather than the first line. */
  titleFromFrontMatter: boolean;
  /** Who published it (front matter `source`). */
  source?: string;
  /** Where the original lives (front matter `url`). */
  url?: string;
  /** Publication date, ISO 8601 (front matter `published`). */
  published?: string;
  /** Free labels (front matter `tags`). */
  tags: string[];
  /** The text after the front matter, line endings normalised to \n. */
  body: string;
}

/** A document as the corpus keeps it once its claims are made: its metadata, without the body. */
export type DocumentInfo = Omit<SourceDocument, 'body'>;

/** A file that could not be loaded, and why, for one warning. */
export interface LoadWarning {
  /** The file's path inside the data folder (a model file's: inside the project). */
  file: string;
  /** What is wrong with it and what to do, in a sentence. */
  problem: string;
  /**
   * A model file (the word vectors or a network), which is not used rather than skipped; `loaded`: a
   * document that loaded all the same (cut, or without a bad field); default a skipped document.
   */
  kind?: 'model' | 'loaded';
}
