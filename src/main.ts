/**
 * `npm start`: the composition root. Config -> logger -> corpus -> state -> adapters. Platform
 * adapters run when their tokens are set, with the daily digest scheduler and the data folder
 * watched for new documents; with none configured, the console runs on the documents.
 */
import { join } from 'node:path';
import { commands } from '../commands/index.js';
import { runConsole } from './adapters/console/console-adapter.js';
import { loadConfig } from './config.js';
import { openCorpus } from './core/open-corpus.js';
import { warmTimeline } from './core/timeline/warm.js';
import { CorpusWatcher } from './corpus-watcher.js';
import { ArrivalLog } from './digest/arrivals.js';
import { createDigestSubscriptions } from './digest/subscriptions.js';
import type { DigestPoster } from './digest/poster.js';
import { createLogger } from './logger.js';
import { exitWithStartupError } from './startup-error.js';
import { StateStore } from './store/state-store.js';

/** A running platform adapter. */
interface RunningAdapter {
  poster: DigestPoster;
  stop(): Promise<void>;
}

try {
  const started = performance.now();
  const config = loadConfig();
  const platforms = config.discord !== undefined || config.slack !== undefined;
  const log = createLogger(config.logLevel ?? (platforms ? 'info' : 'warn'));
  const { corpus, warnings } = await openCorpus(config.dataDir);
  for (const warning of warnings) log.warn(warning, `skipped ${warning.file}: it ${warning.problem}`);
  const store = StateStore.open(join(config.stateDir, 'briefbot.sqlite'));
  const arrivals = new ArrivalLog(store, corpus);
  const platformNames = [...(config.discord ? ['discord'] : []), ...(config.slack ? ['slack'] : [])];
  const digests = createDigestSubscriptions({ store, corpus, arrivedAt: arrivals.arrivedAt, platforms: platformNames });
  const context = { corpus, commands, digests, arrivedAt: arrivals.arrivedAt };
  log.info({ documents: corpus.documents.length, claims: corpus.claimCount, ms: Math.round(performance.now() - started) }, 'corpus ready');

  if (!platforms) {
    const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
    const origin = { platform: 'console', channelId: 'console', userId: 'console', canManage: () => true };
    await runConsole({ input: process.stdin, output: process.stdout, context: { ...context, origin }, log, interactive });
    store.close();
  } else {
    const watcher = new CorpusWatcher({
      dataDir: config.dataDir,
      corpus,
      log,
      onChange: ({ documentId, kind }) => (kind === 'removed' ? arrivals.forget(documentId) : arrivals.record(documentId)),
    });
    watcher.start();
    const running: Record<string, RunningAdapter> = {};
    // Platform SDKs load only when configured: the console starts without them.
    if (config.discord) {
      const { DiscordAdapter } = await import('./adapters/discord/discord-adapter.js');
      const discord = new DiscordAdapter({ config: config.discord, context, log });
      await discord.start();
      running.discord = discord;
    }
    if (config.slack) {
      const { SlackAdapter } = await import('./adapters/slack/slack-adapter.js');
      const slack = new SlackAdapter({ config: config.slack, context, log });
      await slack.start();
      running.slack = slack;
    }
    const posters = Object.fromEntries(Object.entries(running).map(([name, adapter]) => [name, adapter.poster]));
    const { DigestScheduler } = await import('./digest/scheduler.js');
    const scheduler = new DigestScheduler({ store, corpus, arrivedAt: arrivals.arrivedAt, posters, log });
    scheduler.start();
    void warmTimeline(corpus).then(() => log.info('timeline ready'));
    let stopping = false;
    const shutdown = (signal: string): void => {
      if (stopping) return;
      stopping = true;
      log.info({ signal }, 'shutting down: finishing replies in flight');
      watcher.stop();
      void scheduler
        .stop()
        .then(() => Promise.allSettled(Object.values(running).map((adapter) => adapter.stop())))
        .then(() => {
          store.close();
          process.exit(0);
        });
    };
    process.once('SIGINT', () => shutdown('SIGINT'));
    process.once('SIGTERM', () => shutdown('SIGTERM'));
  }
} catch (error) {
  exitWithStartupError(error);
}
