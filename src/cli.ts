/** `npm run cli -- <command> ...`: the JSON CLI entry point for scripts and evaluations. */
import { commands } from '../commands/index.js';
import { cliUsage, parseCliArguments, runCli, type CliArguments } from './adapters/cli/run-cli.js';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createApp, STATE_FILE } from './app.js';
import { commandLineFolder, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { exitWithStartupError } from './startup-error.js';

let args: CliArguments | 'help' | 'usage';
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
if (args === 'usage') {
  process.stderr.write(
    `Give a command, as in: npm run cli -- ask "what is the NATO condition"\n\n${cliUsage(commands)}\n`,
  );
  process.exit(2);
}

// Paths typed on the command line are the shell's, also under npm run cli (which runs in the project folder).
const typedFrom = commandLineFolder();
if (args.dataDir !== undefined) args.dataDir = resolve(typedFrom, args.dataDir);
if (args.png !== undefined) args.png = resolve(typedFrom, args.png);

try {
  const config = loadConfig(args.dataDir !== undefined ? { dataDir: args.dataDir } : {});
  const log = createLogger(config.logLevel ?? 'warn');
  // Digests and sources need the state file; other commands read it only when it exists (the sources
  // followed from the CLI are its local collection), and otherwise leave no file behind.
  const withState =
    args.command === 'digest' || args.command === 'sources' || existsSync(join(config.stateDir, STATE_FILE));
  const app = await createApp({ config, log, withState });
  const origin = { platform: 'cli', channelId: 'cli', userId: 'cli', canManage: () => true };
  process.exitCode = await runCli(
    args,
    { ...app.context, origin },
    { stdin: process.stdin, stdout: process.stdout, log },
  );
  await app.close();
} catch (error) {
  exitWithStartupError(error);
}
