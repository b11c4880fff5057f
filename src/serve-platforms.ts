/**
 * `npm start` with Discord and/or Slack configured: the adapters (through their one contract),
 * the daily digest scheduler, the data folder watcher and the timeline warm-up. Nothing in the
 * background can take the bot down (each failure is logged and the bot goes on answering), and
 * stopping finishes in bounded time even with a platform call that never answers.
 */
import type { App } from './app.js';
import type { PlatformAdapter } from './adapters/platform-adapter.js';
import type { Config } from './config.js';
import { warmTimeline } from './core/timeline/warm.js';
import { CorpusWatcher } from './corpus-watcher.js';
import type { DigestScheduler } from './digest/scheduler.js';
import type { Logger } from './logger.js';

/** The platforms configured, by name. */
export function platformsOf(config: Config): string[] {
  return [...(config.discord ? ['discord'] : []), ...(config.slack ? ['slack'] : [])];
}

/** Creates the configured adapters; platform SDKs load only here, so the console starts without them. */
async function createAdapters(config: Config, app: App, log: Logger): Promise<PlatformAdapter[]> {
  const adapters: PlatformAdapter[] = [];
  if (config.discord) {
    const { DiscordAdapter } = await import('./adapters/discord/discord-adapter.js');
    adapters.push(new DiscordAdapter({ config: config.discord, context: app.context, log }));
  }
  if (config.slack) {
    const { SlackAdapter } = await import('./adapters/slack/slack-adapter.js');
    adapters.push(new SlackAdapter({ config: config.slack, context: app.context, log }));
  }
  return adapters;
}

export interface ServedPlatforms {
  /** The adapters started, in the order of the configuration (Discord, then Slack). */
  adapters: PlatformAdapter[];
  /** The digest scheduler; absent only when the app runs without a state store. */
  scheduler: DigestScheduler | undefined;
  /** Keeps the corpus in step with the data folder. */
  watcher: CorpusWatcher;
  /** Stops everything, each part within its own bound; never rejects. */
  stop(): Promise<void>;
}

/** Starts the adapters and the background work. Throws (after stopping what started) when a platform refuses to start. */
export async function servePlatforms(config: Config, app: App, log: Logger): Promise<ServedPlatforms> {
  const { corpus, arrivals, store } = app;
  const watcher = new CorpusWatcher({
    dataDir: config.dataDir,
    corpus,
    log,
    onChange: ({ documentId, kind }) =>
      kind === 'removed' ? arrivals?.forget(documentId) : arrivals?.record(documentId),
  });
  try {
    watcher.start();
  } catch (error) {
    log.error(
      { err: error, dataDir: config.dataDir },
      'cannot watch the data folder: new documents show after a restart',
    );
  }
  const adapters = await createAdapters(config, app, log);
  const started: PlatformAdapter[] = [];
  try {
    for (const adapter of adapters) {
      await adapter.start();
      started.push(adapter);
    }
  } catch (error) {
    watcher.stop();
    await Promise.allSettled(started.map((adapter) => adapter.stop()));
    throw error;
  }
  let scheduler: DigestScheduler | undefined;
  if (store && arrivals) {
    const { DigestScheduler } = await import('./digest/scheduler.js');
    const posters = Object.fromEntries(adapters.map((adapter) => [adapter.platform, adapter.poster]));
    scheduler = new DigestScheduler({ store, corpus, arrivedAt: arrivals.arrivedAt, posters, log });
    scheduler.start();
  }
  const warmFailed = (document: string, error: unknown): void => {
    log.error({ err: error, document }, 'dating a document failed');
  };
  warmTimeline(corpus, warmFailed).then(
    () => log.info('timeline ready'), // the dates go into the snapshot when the bot stops (app.close)
    (error: unknown) => log.error({ err: error }, 'timeline warm-up failed; /timeline computes on demand'),
  );
  const stop = async (): Promise<void> => {
    watcher.stop();
    await scheduler?.stop().catch((error: unknown) => log.error({ err: error }, 'stopping the scheduler failed'));
    const results = await Promise.allSettled(adapters.map((adapter) => adapter.stop()));
    for (const result of results) {
      if (result.status === 'rejected') log.error({ err: result.reason }, 'stopping an adapter failed');
    }
    await app.close();
  };
  return { adapters, scheduler, watcher, stop };
}
