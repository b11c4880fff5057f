/**
 * The sources channels follow: adding and removing them, fetching their articles and feed items
 * into the shared corpus (each article once, however many channels and feeds reach it), polling
 * them, and telling each channel which documents it may read (its collection).
 */
import { type Corpus, documentHash } from '../core/corpus.js';
import type { DocumentScope } from '../core/scope.js';
import type { Logger } from '../logger.js';
import type { FollowedSource } from '../reply/reply.js';
import type { SourceRecord, SourceStore, WebDocument } from '../store/source-store.js';
import type { FeedItem } from './parse-feed.js';
import { readers } from './readers.js';
import { MAX_FAILURES, nextPollAfterFailure, nextPollAfterSuccess } from './poll-timing.js';
import {
  type Conditional,
  DEFAULT_LIMITS,
  FetchError,
  type FetchLimits,
  type FetchOutcome,
  safeFetch,
} from './safe-fetch.js';
import { contentHash, normaliseUrl, toSourceDocument, WEB_PREFIX, webDocumentId } from './web-document.js';

export interface LiveSourcesOptions {
  store: SourceStore;
  corpus: Corpus;
  log: Logger;
  limits?: FetchLimits;
  clock?: () => Date;
  /** A web document added, changed or removed (to record its arrival for digests). */
  onDocument?: (change: { documentId: string; kind: 'added' | 'changed' | 'removed' }) => void | Promise<void>;
  /** Most items of a feed fetched at once (the newest first in feed order). */
  maxItems?: number;
  /** Pages fetched at the same time. */
  concurrency?: number;
}

/** A source could not be added; the message says why, for the user. */
export class SourceProblem extends Error {
  override readonly name = 'SourceProblem';
}

/** How long a replica's claim on a due poll lasts when it never records the outcome (it died mid-poll). */
const POLL_LEASE_MS = 5 * 60_000;

/** Runs `work` over items, at most `limit` at a time. */
async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(runners);
}

export class LiveSources {
  private readonly docsBySource = new Map<number, Set<string>>();
  private readonly itemsBySource = new Map<number, Set<string>>();
  private readonly sourcesByScope = new Map<string, Set<number>>();
  /**
   * Counts this replica's own changes to the three maps above: a catch-up that read the store before
   * one of them must not rebuild the maps from what it read (an add's new follow would vanish).
   */
  private localEdits = 0;
  /** The web documents indexed here, with their text fingerprints. */
  private readonly webDocuments = new Map<string, string>();
  private version = 0;
  /** The store's change version this replica has caught up with (see sync). */
  private seenChanges = -1;
  private timer: NodeJS.Timeout | undefined;
  private syncTimer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private syncing: Promise<void> | undefined;
  private readonly limits: FetchLimits;
  private readonly clock: () => Date;

  private constructor(private readonly options: LiveSourcesOptions) {
    this.limits = options.limits ?? DEFAULT_LIMITS;
    this.clock = options.clock ?? (() => new Date());
  }

  /** Loads the stored sources and documents into the corpus: nothing is fetched again to start. */
  static async open(options: LiveSourcesOptions): Promise<LiveSources> {
    const sources = new LiveSources(options);
    const { store, corpus, log } = options;
    // Read first: whatever changes after this is caught up by the next sync.
    sources.seenChanges = await store.changeVersion();
    for (const document of await store.documents()) {
      try {
        corpus.add(toSourceDocument(document));
        sources.webDocuments.set(document.id, document.contentHash);
      } catch (error) {
        log.error({ err: error, document: document.id }, 'a stored web document could not be indexed');
      }
    }
    for (const item of await store.items()) sources.link(item.sourceId, item.itemKey, item.documentId);
    for (const follow of await store.follows()) sources.addToScope(follow.scope, follow.sourceId);
    corpus.tidy();
    return sources;
  }

  /** Whether a document came from the web (the folder watcher leaves those alone). */
  isWebDocument(documentId: string): boolean {
    return this.webDocuments.has(documentId);
  }

  /**
   * The collection of the given scopes (a channel and its workspace): every folder document, and
   * the web documents of the sources they follow. Undefined when there are no web documents at all.
   */
  scopeOf(scopes: readonly string[]): DocumentScope | undefined {
    if (this.webDocuments.size === 0) return undefined;
    const followed = scopes.flatMap((scope) => [...(this.sourcesByScope.get(scope) ?? [])]);
    const docs = followed.map((id) => this.docsBySource.get(id)).filter((set) => set !== undefined);
    return {
      key: `${[...new Set(followed)].sort((a, b) => a - b).join(',')}@${this.version}`,
      has: (documentId) => !this.webDocuments.has(documentId) || docs.some((set) => set.has(documentId)),
    };
  }

  /** The sources the scopes follow (the first scope is the channel, the others its workspace). */
  async list(scopes: readonly string[]): Promise<FollowedSource[]> {
    const all = await this.options.store.sources();
    const views: FollowedSource[] = [];
    for (const source of all) {
      const index = scopes.findIndex((scope) => this.sourcesByScope.get(scope)?.has(source.id));
      if (index < 0) continue;
      views.push({
        url: source.url,
        kind: source.kind,
        title: source.title,
        status: source.status,
        lastError: source.lastError,
        lastFetchedAt: source.lastFetchedAt,
        nextPollAt: source.status === 'failing' ? null : source.nextPollAt,
        everyMinutes: source.everyMinutes,
        documents: this.docsBySource.get(source.id)?.size ?? 0,
        through: index === 0 ? 'channel' : 'workspace',
      });
    }
    return views;
  }

  /**
   * Follows a URL in a scope: fetched now when new (an article, or a feed with its items' articles);
   * a source already known is shared, and one marked failing is tried again. Throws SourceProblem.
   */
  async add(raw: string, scope: string, by: string, everyMinutes: number): Promise<FollowedSource> {
    const url = normaliseUrl(raw);
    const { store } = this.options;
    let source = await store.sourceByUrl(url);
    if (!source || source.status === 'failing') {
      let outcome: FetchOutcome;
      try {
        outcome = await safeFetch(url, {}, this.limits);
      } catch (error) {
        throw new SourceProblem(`${url} could not be fetched: ${(error as Error).message}`);
      }
      if (outcome.kind !== 'fetched') throw new SourceProblem(`${url} answered "not modified" to a first request`);
      const { looksLikeFeed } = await readers();
      const kind = looksLikeFeed(outcome.contentType, outcome.text) ? 'feed' : 'article';
      const now = this.clock();
      if (!source) {
        source = await store.addSource({
          url,
          kind,
          title: null,
          everyMinutes,
          status: 'ok',
          lastError: null,
          failures: 0,
          lastFetchedAt: null,
          // Leased while this replica fetches it, so no other replica polls it meanwhile.
          nextPollAt: new Date(now.getTime() + POLL_LEASE_MS).toISOString(),
          etag: null,
          lastModified: null,
          createdAt: now.toISOString(),
        });
      } else {
        await store.updateSource(source.id, { kind, everyMinutes, status: 'ok', failures: 0, lastError: null });
        source = { ...source, kind, everyMinutes, status: 'ok', failures: 0, lastError: null };
      }
      try {
        await this.absorb(source, outcome);
      } catch (error) {
        if (this.docsBySource.get(source.id)?.size) {
          await this.recordFailure(source, error);
        } else {
          await store.removeSource(source.id);
          throw new SourceProblem(`${url} could not be read: ${(error as Error).message}`);
        }
      }
    } else if (source.everyMinutes !== everyMinutes) {
      await store.updateSource(source.id, { everyMinutes });
    }
    await store.follow({ sourceId: source.id, scope, addedBy: by, addedAt: this.clock().toISOString() });
    this.addToScope(scope, source.id);
    return (await this.list([scope])).find((view) => view.url === url)!;
  }

  /** Stops following a URL in a scope; a source nobody follows is dropped with its documents. False when not followed. */
  async remove(raw: string, scope: string): Promise<boolean> {
    const url = normaliseUrl(raw);
    const { store } = this.options;
    const source = await store.sourceByUrl(url);
    if (!source || !(await store.unfollow(source.id, scope))) return false;
    this.sourcesByScope.get(scope)?.delete(source.id);
    this.localEdits++;
    this.version++;
    // The store, not this replica's view, says who else follows it (another replica may have added a follow).
    const stillFollowed = (await store.follows()).some((follow) => follow.sourceId === source.id);
    if (!stillFollowed) {
      const items = await store.items();
      const documents = new Set(items.filter((item) => item.sourceId === source.id).map((item) => item.documentId));
      const keptByOthers = new Set(items.filter((item) => item.sourceId !== source.id).map((item) => item.documentId));
      await store.removeSource(source.id);
      this.docsBySource.delete(source.id);
      this.itemsBySource.delete(source.id);
      this.localEdits++;
      for (const documentId of documents) {
        if (keptByOthers.has(documentId)) continue;
        await store.removeDocument(documentId);
        this.options.corpus.remove(documentId);
        this.webDocuments.delete(documentId);
        await this.notify(documentId, 'removed');
      }
      this.options.corpus.tidy();
    }
    return true;
  }

  /**
   * Polls every source that is due (not failing), a few at a time. With several replicas on one
   * store, each due poll is claimed first (claimPoll): one replica fetches it, the others take in
   * what it stored at their next sync.
   */
  async pollDue(): Promise<void> {
    await this.sync();
    const { store } = this.options;
    const now = this.clock();
    const due = (await store.sources()).filter(
      (source) => source.status !== 'failing' && Date.parse(source.nextPollAt) <= now.getTime(),
    );
    const lease = new Date(now.getTime() + POLL_LEASE_MS).toISOString();
    await eachLimited(due, this.options.concurrency ?? 4, async (source) => {
      if (await store.claimPoll(source.id, source.nextPollAt, lease)) await this.poll(source);
    });
  }

  /**
   * Catches up with what other replicas (or processes on the same state file) stored: documents
   * added, changed or removed, items and follows. One cheap query when nothing changed.
   */
  sync(): Promise<void> {
    this.syncing ??= this.catchUp().finally(() => {
      this.syncing = undefined;
    });
    return this.syncing;
  }

  private async catchUp(): Promise<void> {
    const { store, corpus, log } = this.options;
    const edits = this.localEdits;
    const changes = await store.changeVersion();
    if (changes === this.seenChanges) return;
    // Only documents indexed before the read can be gone: one this replica stores meanwhile is not in it yet.
    const indexed = [...this.webDocuments.keys()];
    const stored = await store.documentHashes();
    const wanted = [...stored].filter(([id, hash]) => this.webDocuments.get(id) !== hash).map(([id]) => id);
    const gone = indexed.filter((id) => !stored.has(id) && this.webDocuments.has(id));
    const fetched = wanted.length > 0 ? await store.documents(wanted) : [];
    const [items, follows] = await Promise.all([store.items(), store.follows()]);
    // An add or remove on this replica since the reads began is newer than what they saw (a follow
    // stored after store.follows() answered): the maps stay, and the next catch-up reads again.
    const current = this.localEdits === edits;
    if (current) {
      this.docsBySource.clear();
      this.itemsBySource.clear();
      for (const item of items) this.link(item.sourceId, item.itemKey, item.documentId);
      this.sourcesByScope.clear();
      for (const follow of follows) this.addToScope(follow.scope, follow.sourceId);
    }
    for (const document of fetched) {
      const known = this.webDocuments.has(document.id);
      try {
        corpus.add(toSourceDocument(document));
        this.webDocuments.set(document.id, document.contentHash);
        await this.notify(document.id, known ? 'changed' : 'added');
      } catch (error) {
        log.error({ err: error, document: document.id }, 'a stored web document could not be indexed');
      }
    }
    for (const id of gone) {
      corpus.remove(id);
      this.webDocuments.delete(id);
      await this.notify(id, 'removed');
    }
    if (fetched.length > 0 || gone.length > 0) corpus.tidy();
    this.version++;
    if (current) this.seenChanges = changes;
  }

  /**
   * Polls due sources every `everyMs`, and catches up with the store every `syncMs`, in the
   * background until stopped.
   */
  start(everyMs = 30_000, syncMs = 1_000): void {
    this.syncTimer = setInterval(() => {
      this.sync().catch((error: unknown) =>
        this.options.log.error({ err: error }, 'catching up with the sources failed'),
      );
    }, syncMs);
    this.syncTimer.unref();
    this.timer = setInterval(() => {
      if (this.polling) return;
      this.polling = this.pollDue()
        .catch((error: unknown) => this.options.log.error({ err: error }, 'polling the sources failed'))
        .finally(() => {
          this.polling = undefined;
        });
    }, everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    clearInterval(this.syncTimer);
    await this.polling;
    await this.syncing?.catch(() => undefined);
  }

  /** Stops polling and closes the store. */
  async close(): Promise<void> {
    await this.stop();
    await this.options.store.close();
  }

  /** Fetches one source conditionally and takes in what is new; a failure is recorded, never thrown. */
  async poll(source: SourceRecord): Promise<void> {
    const conditional: Conditional = { etag: source.etag, lastModified: source.lastModified };
    try {
      const outcome = await safeFetch(source.url, conditional, this.limits);
      await this.absorb(source, outcome);
    } catch (error) {
      await this.recordFailure(source, error);
    }
  }

  private async recordFailure(source: SourceRecord, error: unknown): Promise<void> {
    const now = this.clock();
    const failures = source.failures + 1;
    const transient = error instanceof FetchError ? error.transient : false;
    const failing = !transient || failures >= MAX_FAILURES;
    const message = error instanceof Error ? error.message : String(error);
    const retryAfter = error instanceof FetchError ? error.retryAfterMs : undefined;
    await this.options.store.updateSource(source.id, {
      status: failing ? 'failing' : 'retrying',
      lastError: message,
      failures,
      nextPollAt: nextPollAfterFailure(failures, now, retryAfter).toISOString(),
    });
    this.options.log.warn({ source: source.url, failures, failing }, `source fetch failed: ${message}`);
  }

  /** Takes in a fetch's outcome: a feed's new items, or an article's current text. */
  private async absorb(source: SourceRecord, outcome: FetchOutcome): Promise<void> {
    const { store } = this.options;
    const now = this.clock();
    const success = {
      status: 'ok' as const,
      lastError: null,
      failures: 0,
      lastFetchedAt: now.toISOString(),
      nextPollAt: nextPollAfterSuccess(source.url, source.everyMinutes, now).toISOString(),
    };
    if (outcome.kind === 'not-modified') {
      await store.updateSource(source.id, success);
      return;
    }
    const validators = { etag: outcome.etag, lastModified: outcome.lastModified };
    if (source.kind === 'feed') {
      const feed = (await readers()).readFeed(outcome.text, outcome.url);
      const known = this.itemsBySource.get(source.id) ?? new Set();
      const fresh = feed.items.filter((item) => !known.has(item.key)).slice(0, this.options.maxItems ?? 50);
      await eachLimited(fresh, this.options.concurrency ?? 4, async (item) => {
        try {
          const documentId = await this.ingestItem(item, feed.title ?? new URL(outcome.url).host);
          if (!documentId) return;
          await store.addItem({ sourceId: source.id, itemKey: item.key, documentId });
          this.link(source.id, item.key, documentId);
        } catch (error) {
          // One item that cannot be read never stops the others; it is tried again at the next poll.
          this.options.log.warn({ source: source.url, item: item.link ?? item.key, err: error }, 'feed item skipped');
        }
      });
      await store.updateSource(source.id, { ...success, ...validators, title: feed.title ?? source.title });
    } else {
      const document = await this.articleDocument(outcome);
      const documentId = await this.keep(document, [source.url, outcome.url], true);
      await store.addItem({ sourceId: source.id, itemKey: source.url, documentId });
      this.link(source.id, source.url, documentId);
      await store.updateSource(source.id, { ...success, ...validators, title: document.title });
    }
    this.version++;
  }

  /** A feed item's document: its page's article, else (page unreachable) the item's own text, said so. */
  private async ingestItem(item: FeedItem, feedTitle: string): Promise<string | undefined> {
    const { store } = this.options;
    if (item.link) {
      const known = await store.documentOfUrl(normaliseUrl(item.link));
      if (known) return known; // reached through another feed or URL already: not fetched again
      try {
        const outcome = await safeFetch(item.link, {}, this.limits);
        if (outcome.kind === 'fetched') return await this.keep(await this.articleDocument(outcome), [item.link], false);
      } catch (error) {
        if (!item.text) throw error;
        this.options.log.info({ item: item.link, err: error }, 'article page unavailable; the feed text stands in');
      }
    }
    if (!item.text) return undefined;
    const url = item.link ? normaliseUrl(item.link) : undefined;
    const now = this.clock().toISOString();
    const document: WebDocument = {
      id: webDocumentId(url ?? `urn:item:${item.key}`),
      url: url ?? '',
      title: item.title ?? item.text.slice(0, 80),
      site: feedTitle,
      byline: null,
      published: item.published,
      body: item.text,
      contentHash: contentHash(item.text),
      fromFeed: true,
      fetchedAt: now,
    };
    return this.keep(document, url ? [url] : [], false);
  }

  /** The document of a fetched HTML page; throws when it holds no article. */
  private async articleDocument(outcome: Extract<FetchOutcome, { kind: 'fetched' }>): Promise<WebDocument> {
    const { looksLikeFeed, extractArticle } = await readers();
    if (looksLikeFeed(outcome.contentType, outcome.text) || !/html/.test(outcome.contentType))
      throw new Error(`${outcome.url} is not a web page (${outcome.contentType})`);
    const article = extractArticle(outcome.text, outcome.url);
    if (!article) throw new Error(`${outcome.url} holds no article text that could be read`);
    const body = article.blocks.join('\n\n');
    return {
      id: webDocumentId(normaliseUrl(article.canonicalUrl)),
      url: normaliseUrl(article.canonicalUrl),
      title: article.title,
      site: article.site,
      byline: article.byline,
      published: article.published,
      body,
      contentHash: contentHash(body),
      fromFeed: false,
      fetchedAt: this.clock().toISOString(),
    };
  }

  /**
   * Stores a document and indexes it, unless the same article is known (by canonical URL, or by its
   * text under another URL): then the URLs are added to that one. `replace` updates a known
   * document whose text changed (an article source polled again). Returns the document's id.
   */
  private async keep(document: WebDocument, urls: readonly string[], replace: boolean): Promise<string> {
    const { store, corpus } = this.options;
    const alsoAt = urls.filter(Boolean).map(normaliseUrl);
    const known =
      (document.url ? await store.documentOfUrl(document.url) : undefined) ??
      (await store.documentOfContent(document.contentHash));
    if (known && !(replace && known === document.id)) {
      for (const url of [document.url, ...alsoAt]) if (url) await store.addDocumentUrl(url, known);
      return known;
    }
    const before = corpus.hashOf(document.id);
    const source = toSourceDocument(document);
    if (before === documentHash(source)) return document.id; // polled again, unchanged
    await store.saveDocument(document);
    for (const url of [document.url, ...alsoAt]) if (url) await store.addDocumentUrl(url, document.id);
    corpus.add(source);
    this.webDocuments.set(document.id, document.contentHash);
    await this.notify(document.id, before ? 'changed' : 'added');
    return document.id;
  }

  private link(sourceId: number, itemKey: string, documentId: string): void {
    this.localEdits++;
    let documents = this.docsBySource.get(sourceId);
    if (!documents) this.docsBySource.set(sourceId, (documents = new Set()));
    documents.add(documentId);
    let items = this.itemsBySource.get(sourceId);
    if (!items) this.itemsBySource.set(sourceId, (items = new Set()));
    items.add(itemKey);
  }

  private addToScope(scope: string, sourceId: number): void {
    this.localEdits++;
    let ids = this.sourcesByScope.get(scope);
    if (!ids) this.sourcesByScope.set(scope, (ids = new Set()));
    ids.add(sourceId);
    this.version++;
  }

  private async notify(documentId: string, kind: 'added' | 'changed' | 'removed'): Promise<void> {
    try {
      await this.options.onDocument?.({ documentId, kind });
    } catch (error) {
      this.options.log.error({ err: error, document: documentId }, 'recording a web document change failed');
    }
  }
}

export { WEB_PREFIX };
