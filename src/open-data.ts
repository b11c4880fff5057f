/**
 * Start-up's corpus for `npm start` and the CLI: the data folder opened through its snapshot in
 * STATE_DIR, with progress shown, and every skipped file and snapshot problem logged once.
 */
import type { Corpus } from './core/corpus.js';
import type { LoadWarning } from './core/document.js';
import { type OpenProgress, openCorpus, saveCorpusSnapshot } from './core/open-corpus.js';
import type { Logger } from './logger.js';
import { startupProgress } from './progress.js';

export interface DataFolder {
  dataDir: string;
  stateDir: string;
}

export async function openData(
  { dataDir, stateDir }: DataFolder,
  log: Logger,
  onProgress?: (progress: OpenProgress) => void,
): Promise<Corpus> {
  const progress = startupProgress(log);
  const started = performance.now();
  let opened: Awaited<ReturnType<typeof openCorpus>>;
  try {
    opened = await openCorpus(dataDir, {
      stateDir,
      onProgress: (step) => {
        progress.onProgress(step);
        onProgress?.(step);
      },
    });
  } finally {
    progress.done();
  }
  const { corpus, warnings, snapshot } = opened;
  for (const warning of warnings) log.warn(warning, warningLine(warning));
  if (snapshot?.problem) log.warn({ snapshot: snapshot.path }, snapshot.problem);
  if (snapshot?.saveProblem) log.warn({ snapshot: snapshot.path }, snapshot.saveProblem);
  log.info(
    { ms: Math.round(performance.now() - started), fromSnapshot: snapshot?.loaded ?? false, ...snapshot?.changes },
    'documents opened',
  );
  return corpus;
}

/** Saves the snapshot again when the corpus learned something worth keeping (the dates /timeline found). */
export function keepSnapshot(corpus: Corpus, { dataDir, stateDir }: DataFolder, log: Logger): void {
  if (!corpus.mentionsAdded) return;
  try {
    saveCorpusSnapshot(corpus, stateDir, dataDir);
  } catch (error) {
    log.warn({ err: error }, 'the snapshot could not be saved: the next start will date the documents again');
  }
}

/** The log line of a file that could not be used (a document skipped, a model file not used) or loaded with a caveat. */
export function warningLine(warning: LoadWarning): string {
  if (warning.kind === 'loaded') return `loaded ${warning.file}, but it ${warning.problem}`;
  return `${warning.kind === 'model' ? 'not using' : 'skipped'} ${warning.file}: it ${warning.problem}`;
}
