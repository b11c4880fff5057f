/**
 * `npm start`: the composition root. Config -> logger -> corpus -> adapters. Platform adapters run
 * when their tokens are set; with none configured, the console runs on the documents.
 */
import { commands } from '../commands/index.js';
import { runConsole } from './adapters/console/console-adapter.js';
import { DiscordAdapter } from './adapters/discord/discord-adapter.js';
import { SlackAdapter } from './adapters/slack/slack-adapter.js';
import { loadConfig } from './config.js';
import { openCorpus } from './core/open-corpus.js';
import { createLogger } from './logger.js';
import { exitWithStartupError } from './startup-error.js';

/** A running platform adapter. */
interface RunningAdapter {
  stop(): Promise<void>;
}

try {
  const started = performance.now();
  const config = loadConfig();
  const platforms = config.discord !== undefined || config.slack !== undefined;
  const log = createLogger(config.logLevel ?? (platforms ? 'info' : 'warn'));
  const { corpus, warnings } = await openCorpus(config.dataDir);
  for (const warning of warnings) log.warn(warning, `skipped ${warning.file}: it ${warning.problem}`);
  log.info({ documents: corpus.documents.length, claims: corpus.claimCount, ms: Math.round(performance.now() - started) }, 'corpus ready');
  const context = { corpus, commands };

  if (!platforms) {
    const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
    await runConsole({ input: process.stdin, output: process.stdout, context, log, interactive });
  } else {
    const running: RunningAdapter[] = [];
    if (config.discord) {
      const discord = new DiscordAdapter({ config: config.discord, context, log });
      await discord.start();
      running.push(discord);
    }
    if (config.slack) {
      const slack = new SlackAdapter({ config: config.slack, context, log });
      await slack.start();
      running.push(slack);
    }
    let stopping = false;
    const shutdown = (signal: string): void => {
      if (stopping) return;
      stopping = true;
      log.info({ signal }, 'shutting down: finishing replies in flight');
      void Promise.allSettled(running.map((adapter) => adapter.stop())).then(() => process.exit(0));
    };
    process.once('SIGINT', () => shutdown('SIGINT'));
    process.once('SIGTERM', () => shutdown('SIGTERM'));
  }
} catch (error) {
  exitWithStartupError(error);
}
