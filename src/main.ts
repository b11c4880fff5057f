/**
 * `npm start`: the composition root. Config -> logger -> corpus -> adapters. With no platform
 * tokens configured it runs the console on the bundled documents.
 */
import { commands } from '../commands/index.js';
import { runConsole } from './adapters/console/console-adapter.js';
import { loadConfig } from './config.js';
import { openCorpus } from './core/open-corpus.js';
import { createLogger } from './logger.js';
import { exitWithStartupError } from './startup-error.js';

try {
  const started = performance.now();
  const config = loadConfig();
  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  const log = createLogger(config.logLevel ?? 'warn');
  const { corpus, warnings } = await openCorpus(config.dataDir);
  for (const warning of warnings) log.warn(warning, `skipped ${warning.file}: it ${warning.problem}`);
  log.info({ documents: corpus.documents.length, claims: corpus.claimCount, ms: Math.round(performance.now() - started) }, 'corpus ready');
  await runConsole({ input: process.stdin, output: process.stdout, context: { corpus, commands }, log, interactive });
} catch (error) {
  exitWithStartupError(error);
}
