/**
 * The one place the app is assembled, for `npm start`, the CLI and tests alike: config -> logger
 * -> corpus -> state -> arrivals -> digest subscriptions -> the context every command runs with.
 * A state file that cannot be used is reported here and leaves the rest working.
 */
import type { CommandContext } from '../commands/command.js';
import { commands } from '../commands/index.js';
import type { Config } from './config.js';
import type { Corpus } from './core/corpus.js';
import { ArrivalLog } from './digest/arrivals.js';
import { createDigestSubscriptions } from './digest/subscriptions.js';
import type { Logger } from './logger.js';
import { keepSnapshot, openData } from './open-data.js';
import { SqliteSourceStore } from './store/sqlite-source-store.js';
import { openStateStore } from './store/open-state-store.js';
import type { StateStore } from './store/state-store.js';
import { channelCollections, type ChannelCollections } from './sources/channel-sources.js';
import { LiveSources } from './sources/live-sources.js';
import { DEFAULT_LIMITS, type FetchLimits } from './sources/safe-fetch.js';

export { STATE_FILE } from './store/state-store.js';

export interface AppOptions {
  config: Config;
  log: Logger;
  /** Platforms that will post scheduled digests (none for the console and the CLI). */
  platforms?: readonly string[];
  /** Open the state file (subscriptions, arrivals); the CLI needs it only for /digest. */
  withState?: boolean;
  /** The current time (a fixed clock in tests). */
  clock?: () => Date;
  /** Limits of fetching followed sources (tests shorten the timeout); private addresses follow the config. */
  fetchLimits?: Partial<FetchLimits>;
}

export interface App {
  corpus: Corpus;
  /** The state store, when opened; its `problem` says what is wrong while it cannot be used. */
  store: StateStore | undefined;
  arrivals: ArrivalLog | undefined;
  /** The web sources channels follow (with the state file). */
  sources: LiveSources | undefined;
  /** Each channel's collection (with the state file). */
  collections: ChannelCollections | undefined;
  /** What every command runs with (each adapter adds the request's origin). */
  context: CommandContext;
  /** Saves the snapshot again when the corpus learned something worth keeping (the dates /timeline found). */
  keepSnapshot(): void;
  /** Keeps the dates /timeline found in the snapshot, and closes the state store. */
  close(): Promise<void>;
}

export async function createApp({
  config,
  log,
  platforms = [],
  withState = true,
  clock,
  fetchLimits,
}: AppOptions): Promise<App> {
  const started = performance.now();
  const corpus = await openData(config, log);
  const store = withState
    ? await openStateStore({ stateDir: config.stateDir, databaseUrl: config.databaseUrl })
    : undefined;
  if (store?.problem) log.error({ state: store.location }, `Digests are unavailable: ${store.problem}`);
  const arrivals = store ? await ArrivalLog.open(store, corpus, clock, log) : undefined;
  const sources =
    store && !store.problem ? await openSources(config, store, corpus, log, arrivals, clock, fetchLimits) : undefined;
  const collections = sources ? channelCollections(sources) : undefined;
  const digests =
    store && arrivals
      ? createDigestSubscriptions({
          store,
          corpus,
          arrivedAt: arrivals.arrivedAt,
          platforms,
          ...(clock ? { clock } : {}),
          ...(collections ? { scopeOf: collections.scopeOf } : {}),
        })
      : undefined;
  const context: CommandContext = {
    corpus,
    commands,
    ...(digests ? { digests } : {}),
    ...(arrivals ? { arrivedAt: arrivals.arrivedAt } : {}),
    ...(collections ? { sources: collections.sources, scopeOf: collections.scopeOf } : {}),
  };
  const ms = Math.round(performance.now() - started);
  log.info({ documents: corpus.documents.length, claims: corpus.claimCount, ms }, 'corpus ready');
  return {
    corpus,
    store,
    arrivals,
    sources,
    collections,
    context,
    keepSnapshot: () => keepSnapshot(corpus, config, log),
    close: async () => {
      keepSnapshot(corpus, config, log);
      await sources?.close();
      await store?.close();
    },
  };
}

/** The followed sources, their documents put back into the corpus from the state store (nothing is fetched). */
async function openSources(
  config: Config,
  state: StateStore,
  corpus: Corpus,
  log: Logger,
  arrivals: ArrivalLog | undefined,
  clock: (() => Date) | undefined,
  fetchLimits: Partial<FetchLimits> | undefined,
): Promise<LiveSources | undefined> {
  try {
    // On PostgreSQL every replica shares the sources: one polls each due source, all index what it stored.
    // The PostgreSQL driver loads only when it is used, as for the state store.
    const store =
      state.engine === 'postgres' && config.databaseUrl
        ? (await import('./store/postgres-source-store.js')).PostgresSourceStore.open(config.databaseUrl)
        : SqliteSourceStore.open(state.location);
    const live = await LiveSources.open({
      store,
      corpus,
      log,
      limits: { ...DEFAULT_LIMITS, allowPrivate: config.sourcesAllowPrivate === true, ...fetchLimits },
      ...(clock ? { clock } : {}),
      onDocument: ({ documentId, kind }) =>
        kind === 'removed' ? arrivals?.forget(documentId) : arrivals?.record(documentId),
    });
    await arrivals?.recordAll(
      corpus.documents.filter((document) => live.isWebDocument(document.id)).map((document) => document.id),
    );
    return live;
  } catch (error) {
    log.error({ err: error }, 'followed sources are unavailable: the state store cannot hold them');
    return undefined;
  }
}
