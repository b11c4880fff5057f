/**
 * `npm start` with Discord and/or Slack configured: the adapters (through their one contract),
 * the daily digest scheduler, the data folder watcher and the timeline warm-up. The adapters
 * connect first: while the documents still load, every command is answered at once with how far
 * loading is, and the rest starts once they are loaded. Nothing in the background can take the
 * bot down (each failure is logged and the bot goes on answering), and stopping finishes in
 * bounded time even with a platform call that never answers.
 */
import type { App } from './app.js';
import type { PlatformAdapter } from './adapters/platform-adapter.js';
import type { Config } from './config.js';
import { healthRoutes, type Readiness, startHealthServer } from './health.js';
import type { Server } from 'node:http';
import { warmTimeline } from './core/timeline/warm.js';
import { CorpusSync } from './corpus-sync.js';
import { CorpusWatcher } from './corpus-watcher.js';
import type { DigestScheduler } from './digest/scheduler.js';
import type { Corpus } from './core/corpus.js';
import type { Logger } from './logger.js';

/** The platforms configured, by name. */
export function platformsOf(config: Config): string[] {
  return [...(config.discord ? ['discord'] : []), ...(config.slack ? ['slack'] : [])];
}

/** Creates the configured adapters; platform SDKs load only here, so the console starts without them. */
async function createAdapters(
  config: Config,
  app: App,
  log: Logger,
  routes: ReturnType<typeof healthRoutes>,
): Promise<PlatformAdapter[]> {
  const adapters: PlatformAdapter[] = [];
  if (config.discord?.shards !== undefined) {
    const { DiscordShards } = await import('./adapters/discord/discord-shards.js');
    adapters.push(new DiscordShards({ config: config.discord, log, version: () => app.context.corpus.version }));
  } else if (config.discord) {
    const { DiscordAdapter } = await import('./adapters/discord/discord-adapter.js');
    const { store } = app;
    adapters.push(
      new DiscordAdapter({
        config: config.discord,
        context: app.context,
        log,
        ...(store ? { firstDelivery: (id: string) => store.firstDelivery(`discord:${id}`, new Date()) } : {}),
      }),
    );
  }
  if (config.slack) {
    const { SlackAdapter } = await import('./adapters/slack/slack-adapter.js');
    const { stateInstallationStore } = await import('./adapters/slack/installation-store.js');
    const { store } = app;
    adapters.push(
      new SlackAdapter({
        config: config.slack,
        context: app.context,
        log,
        routes,
        // Slack ids are unique across workspaces; the prefix keeps other platforms' ids apart.
        ...(store ? { firstDelivery: (id: string) => store.firstDelivery(`slack:${id}`, new Date()) } : {}),
        ...(store && config.slack.oauth
          ? {
              installationStore: stateInstallationStore(store),
              uninstalled: async (workspaceId: string) => {
                await store.removeWorkspaceSubscriptions('slack', workspaceId);
              },
            }
          : {}),
      }),
    );
  }
  return adapters;
}

export interface ServedPlatforms {
  /** The adapters started, in the order of the configuration (Discord, then Slack). */
  adapters: PlatformAdapter[];
  /** The health check server, when it is not Slack's HTTP receiver. */
  health: Server | undefined;
  /**
   * Resolves once the documents are loaded and the digest scheduler, folder watcher and replica
   * sync run; rejects when the documents cannot be served (no documents) or a part fails to start.
   */
  loaded: Promise<void>;
  /** What /readyz answers. */
  readiness(): Promise<Readiness>;
  /** Stops everything, each part within its own bound; never rejects. */
  stop(): Promise<void>;
}

/** Starts the adapters and the background work. Throws (after stopping what started) when a platform refuses to start. */
export interface ServeOptions {
  /** Run the digest scheduler (default); a Discord shard's process leaves it to its replica. */
  digests?: boolean;
}

export async function servePlatforms(
  config: Config,
  app: App,
  log: Logger,
  { digests = true }: ServeOptions = {},
): Promise<ServedPlatforms> {
  const { store } = app;
  let sync: CorpusSync | undefined;
  let watcher: CorpusWatcher | undefined;
  let scheduler: DigestScheduler | undefined;
  let loaded = false;
  let started = false;
  let stopping = false;
  const readiness = async (): Promise<Readiness> => {
    const checks: Record<string, string> = {
      corpus: loaded ? `${app.corpus.documents.length} documents, version ${app.corpus.version}` : 'loading',
      platforms: stopping ? 'stopping' : started ? 'connected' : 'starting',
    };
    if (sync) checks.shared = sync.joined ? `collection version ${sync.appliedVersion}` : 'joining';
    let ready = started && loaded && !stopping && (sync?.joined ?? true);
    if (store) {
      try {
        await store.ping();
        checks.state = `${store.engine} answering`;
      } catch (error) {
        ready = false;
        checks.state = store.problem ?? (error instanceof Error ? error.message : String(error));
      }
    }
    return { ready, checks };
  };
  const routes = healthRoutes(readiness);
  const adapters = await createAdapters(config, app, log, routes);
  // Slack's HTTP receiver serves the health checks on PORT; otherwise a small server of their own does.
  const slackServesHealth = Boolean(config.slack && !config.slack.appToken);
  let health: Server | undefined;
  if (!slackServesHealth && config.port !== undefined) health = await startHealthServer(config.port, readiness);
  const running: PlatformAdapter[] = [];
  try {
    for (const adapter of adapters) {
      await adapter.start();
      running.push(adapter);
    }
  } catch (error) {
    health?.close();
    await Promise.allSettled(running.map((adapter) => adapter.stop()));
    throw error;
  }
  started = true;

  /** The work that needs the documents: replica sync, folder watcher, scheduler, sources, warm-up. */
  const startWithDocuments = async (corpus: Corpus): Promise<void> => {
    const { arrivals, sources, collections } = app;
    // Replicas on PostgreSQL share one collection: what one reads from its folder, all index.
    sync =
      store?.engine === 'postgres'
        ? new CorpusSync({ store, corpus, dataDir: config.dataDir, log, arrivals })
        : undefined;
    const folderWatcher = new CorpusWatcher({
      dataDir: config.dataDir,
      corpus,
      log,
      onChange: async (change) => {
        await (change.kind === 'removed' ? arrivals?.forget(change.documentId) : arrivals?.record(change.documentId));
        await sync?.folderChanged(change);
      },
      // Fetched web documents, and (on PostgreSQL) documents shared by other replicas, are not the folder's.
      fromFolder: (id: string) => !sources?.isWebDocument(id) && (sync ? sync.fromFolder(id) : true),
    });
    watcher = folderWatcher;
    try {
      folderWatcher.start();
    } catch (error) {
      log.error(
        { err: error, dataDir: config.dataDir },
        'cannot watch the data folder: new documents show after a restart',
      );
    }
    await sync?.start();
    if (store && arrivals && digests) {
      const { DigestScheduler } = await import('./digest/scheduler.js');
      const posters = Object.fromEntries(adapters.map((adapter) => [adapter.platform, adapter.poster]));
      const timing = config.digestTiming;
      scheduler = new DigestScheduler({
        store,
        corpus,
        arrivedAt: arrivals.arrivedAt,
        posters,
        log,
        ...(timing?.checkEverySeconds ? { checkEverySeconds: timing.checkEverySeconds } : {}),
        ...(timing?.staleAfterSeconds ? { staleAfterMs: timing.staleAfterSeconds * 1_000 } : {}),
        ...(collections ? { scopeFor: collections.scopeForKey } : {}),
      });
      scheduler.start();
    }
    // Followed sources are polled where digests are scheduled (a Discord shard's process leaves both to its replica).
    if (digests) sources?.start();
    const warmFailed = (document: string, error: unknown): void => {
      log.error({ err: error, document }, 'dating a document failed');
    };
    warmTimeline(corpus, warmFailed).then(
      () => log.info('timeline ready'), // the dates go into the snapshot when the bot stops (app.close)
      (error: unknown) => log.error({ err: error }, 'timeline warm-up failed; /timeline computes on demand'),
    );
    loaded = true;
  };
  const withDocuments = app.loaded.then(() => (stopping ? undefined : startWithDocuments(app.corpus)));
  void withDocuments.catch(() => undefined); // the caller learns of a failure through `loaded`
  // An app whose documents are already there starts everything before this resolves.
  if (!app.context.loading) await withDocuments;
  const stop = async (): Promise<void> => {
    // Not ready from now on: load balancers stop sending requests while the ones in flight finish.
    stopping = true;
    watcher?.stop();
    await sync?.stop();
    await app.sources?.stop().catch((error: unknown) => log.error({ err: error }, 'stopping the source polls failed'));
    await scheduler?.stop().catch((error: unknown) => log.error({ err: error }, 'stopping the scheduler failed'));
    const results = await Promise.allSettled(adapters.map((adapter) => adapter.stop()));
    for (const result of results) {
      if (result.status === 'rejected') log.error({ err: result.reason }, 'stopping an adapter failed');
    }
    await app.close();
    health?.close();
  };
  return { adapters, health, loaded: withDocuments, readiness, stop };
}
