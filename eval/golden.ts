/** Reads the shared question sets and says whether a snippet satisfies a case. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The shared folder beside the project: evaluations and tests may read it, the product never does. */
export const SHARED = fileURLToPath(new URL('../../shared/', import.meta.url));

export interface GoldenCase {
  id: string;
  ask: string;
  within: number;
  document?: string;
  expect_any: string[];
}

export interface GoldenSet {
  cases: GoldenCase[];
  no_answer: string[];
}

export function readGolden(relativePath: string): GoldenSet {
  return JSON.parse(readFileSync(SHARED + relativePath, 'utf8')) as GoldenSet;
}

/** A set of eval/natural-questions.json: its cases asked of the named documents of one folder. */
export interface NaturalSet extends GoldenSet {
  name: string;
  /** Absolute path of the folder. */
  folder: string;
  documents: string[];
}

/** The project's natural-question sets (eval/natural-questions.json), folders resolved. */
export function readNaturalSets(): NaturalSet[] {
  const file = JSON.parse(readFileSync(new URL('natural-questions.json', import.meta.url), 'utf8')) as {
    sets: (NaturalSet & { inProject?: boolean })[];
  };
  return file.sets.map(({ inProject, folder, ...set }) => ({
    ...set,
    folder: inProject ? fileURLToPath(new URL(`../${folder}/`, import.meta.url)) : SHARED + folder,
  }));
}

/** Case-insensitive, curly quotes folded, as the golden files define matching. */
export function foldForMatch(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201C\u201D]/g, '"');
}

/** Whether one snippet satisfies a case (right document when the case names one, and a gold string). */
export function snippetMatches(goldenCase: GoldenCase, text: string, document: string): boolean {
  if (goldenCase.document !== undefined && goldenCase.document !== document) return false;
  const folded = foldForMatch(text);
  return goldenCase.expect_any.some((expected) => folded.includes(foldForMatch(expected)));
}

/** Whether one of the first `within` answers cites the case's passage: what a golden test asserts. */
export function citedWithin(
  goldenCase: GoldenCase,
  answers: readonly { text: string; citation: { document: string } }[],
): boolean {
  return answers
    .slice(0, goldenCase.within)
    .some((answer) => snippetMatches(goldenCase, answer.text, answer.citation.document));
}
