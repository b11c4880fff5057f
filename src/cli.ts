/** `npm run cli -- <command> ...`: the JSON CLI entry point for scripts and evaluations. */
import { commands } from '../commands/index.js';
import { cliUsage, parseCliArguments, runCli, type CliArguments } from './adapters/cli/run-cli.js';
import { loadConfig } from './config.js';
import { openCorpus } from './core/open-corpus.js';
import { join } from 'node:path';
import { ArrivalLog } from './digest/arrivals.js';
import { createDigestSubscriptions } from './digest/subscriptions.js';
import { createLogger } from './logger.js';
import { StateStore } from './store/state-store.js';
import { exitWithStartupError } from './startup-error.js';

let args: CliArguments | 'help';
try {
  args = parseCliArguments(process.argv.slice(2), commands);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${cliUsage(commands)}\n`);
  process.exit(2);
}
if (args === 'help') {
  process.stdout.write(`${cliUsage(commands)}\n`);
  process.exit(0);
}

try {
  const config = loadConfig(args.dataDir !== undefined ? { dataDir: args.dataDir } : {});
  const log = createLogger(config.logLevel ?? 'warn');
  const { corpus, warnings } = await openCorpus(config.dataDir);
  for (const warning of warnings) log.warn(warning, `skipped ${warning.file}: it ${warning.problem}`);
  // Only digests need the state file (when documents arrived); other commands leave it alone.
  const store = args.command === 'digest' ? StateStore.open(join(config.stateDir, 'briefbot.sqlite')) : undefined;
  const arrivals = store ? new ArrivalLog(store, corpus) : undefined;
  const digests = store && arrivals ? createDigestSubscriptions({ store, corpus, arrivedAt: arrivals.arrivedAt, platforms: [] }) : undefined;
  const origin = { platform: 'cli', channelId: 'cli', userId: 'cli', canManage: () => true };
  const context = { corpus, commands, origin, ...(digests && arrivals ? { digests, arrivedAt: arrivals.arrivedAt } : {}) };
  process.exitCode = await runCli(args, context, { stdin: process.stdin, stdout: process.stdout, log });
  store?.close();
} catch (error) {
  exitWithStartupError(error);
}
