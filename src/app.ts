/**
 * The one place the app is assembled, for `npm start`, the CLI and tests alike: config -> logger
 * -> state -> corpus -> arrivals -> digest subscriptions -> the context every command runs with.
 * A state file that cannot be used is reported here and leaves the rest working. `startApp`
 * returns before the documents are loaded (the platforms connect meanwhile and answer "still
 * loading"); `createApp` waits for them.
 */
import type { CommandContext } from '../commands/command.js';
import { commands } from '../commands/index.js';
import type { Config } from './config.js';
import { Corpus } from './core/corpus.js';
import type { OpenProgress } from './core/open-corpus.js';
import { CorpusLoading } from './corpus-loading.js';
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
  /** Opens the documents (default: the data folder through its snapshot); tests pace it. */
  openDocuments?: (onProgress: (progress: OpenProgress) => void) => Promise<Corpus>;
}

export interface App {
  /** The documents (an empty corpus until `loaded` resolves). */
  corpus: Corpus;
  /** The state store, when opened; its `problem` says what is wrong while it cannot be used. */
  store: StateStore | undefined;
  arrivals: ArrivalLog | undefined;
  /** The web sources channels follow (with the state file). */
  sources: LiveSources | undefined;
  /** Each channel's collection (with the state file). */
  collections: ChannelCollections | undefined;
  /** What every command runs with (each adapter adds the request's origin); filled in once the documents are loaded. */
  context: CommandContext;
  /** Resolves once the documents are loaded and every part above is there; rejects when none can be served. */
  loaded: Promise<void>;
  /** Saves the snapshot again when the corpus learned something worth keeping (the dates /timeline found). */
  keepSnapshot(): void;
  /** Keeps the dates /timeline found in the snapshot, and closes the state store. */
  close(): Promise<void>;
}

/** The app with its documents loaded. */
export async function createApp(options: AppOptions): Promise<App> {
  const app = await startApp(options);
  await app.loaded;
  return app;
}

/**
 * The app with its state store open and its documents loading: `context.loading` says how far they
 * are (commands answer with it meanwhile), and `loaded` resolves once the corpus, arrivals, sources
 * and digests are in place.
 */
export async function startApp({
  config,
  log,
  platforms = [],
  withState = true,
  clock,
  fetchLimits,
  openDocuments,
}: AppOptions): Promise<App> {
  const started = performance.now();
  const store = withState
    ? await openStateStore({ stateDir: config.stateDir, databaseUrl: config.databaseUrl })
    : undefined;
  if (store?.problem) log.error({ state: store.location }, `Digests are unavailable: ${store.problem}`);
  const loading = new CorpusLoading();
  const context: CommandContext = { corpus: new Corpus(), commands, loading: loading.current };
  let closed = false;
  const app: App = {
    corpus: context.corpus,
    store,
    arrivals: undefined,
    sources: undefined,
    collections: undefined,
    context,
    loaded: Promise.resolve(),
    keepSnapshot: () => keepSnapshot(app.corpus, config, log),
    close: async () => {
      closed = true;
      keepSnapshot(app.corpus, config, log);
      await app.sources?.close();
      await store?.close();
    },
  };
  const open = openDocuments ?? ((onProgress) => openData(config, log, onProgress));
  app.loaded = (async () => {
    const corpus = await open(loading.update);
    if (closed) return;
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
    // The state store's own problem says what to fix; a source store that failed to open was logged.
    const stateProblem =
      store?.problem ??
      (store && !sources ? 'they could not be opened from the state store (the log says why).' : undefined);
    Object.assign(app, { corpus, arrivals, sources, collections });
    // Adapters read the context at each request: from now on commands run on the documents.
    Object.assign(context, {
      corpus,
      ...(digests ? { digests } : {}),
      ...(arrivals ? { arrivedAt: arrivals.arrivedAt } : {}),
      ...(collections ? { sources: collections.sources, scopeOf: collections.scopeOf } : {}),
      ...(stateProblem ? { stateProblem } : {}),
    });
    delete context.loading;
    loading.finish();
    const ms = Math.round(performance.now() - started);
    log.info({ documents: corpus.documents.length, claims: corpus.claimCount, ms }, 'corpus ready');
  })();
  // A start that fails leaves nothing loading (the caller exits, saying why).
  app.loaded.catch(() => loading.finish()); // the caller learns of a failure by awaiting `loaded`
  return app;
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
