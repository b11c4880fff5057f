/**
 * What the bot remembers about live sources (issue: channels follow article URLs and feeds): the
 * sources, who follows them, the documents fetched from them (text and metadata, so a restart
 * neither loses nor refetches them) and each source's fetch state (validators, failures, next poll).
 * Asynchronous like the rest of the state store, so an engine that talks to a server fits too.
 */

export type SourceKind = 'article' | 'feed';
/** `ok`: polled on schedule. `retrying`: the last polls failed, backing off. `failing`: given up until added again. */
export type SourceStatus = 'ok' | 'retrying' | 'failing';

export interface SourceRecord {
  id: number;
  /** The URL as added (normalised). */
  url: string;
  kind: SourceKind;
  title: string | null;
  everyMinutes: number;
  status: SourceStatus;
  lastError: string | null;
  /** Consecutive failed polls. */
  failures: number;
  /** ISO instants. */
  lastFetchedAt: string | null;
  nextPollAt: string;
  etag: string | null;
  lastModified: string | null;
  createdAt: string;
}

export type NewSource = Omit<SourceRecord, 'id'>;

/** A scope (`<platform>:<channel>` or `<platform>:workspace:<id>`) following a source. */
export interface Follow {
  sourceId: number;
  scope: string;
  addedBy: string;
  addedAt: string;
}

/** A document fetched from the web, as stored. */
export interface WebDocument {
  id: string;
  /** Canonical URL: what citations link to. */
  url: string;
  title: string;
  site: string;
  byline: string | null;
  published: string | null;
  /** Paragraphs, blank-line separated (headings as `## text`). */
  body: string;
  /** Fingerprint of the text, to find the same article under another URL. */
  contentHash: string;
  /** True when the page could not be fetched and the feed item's own text stands in. */
  fromFeed: boolean;
  fetchedAt: string;
}

/** Which document a source's item (or an article source's page) became. */
export interface SourceItem {
  sourceId: number;
  itemKey: string;
  documentId: string;
}

export interface SourceStore {
  sources(): Promise<SourceRecord[]>;
  sourceByUrl(url: string): Promise<SourceRecord | undefined>;
  addSource(source: NewSource): Promise<SourceRecord>;
  updateSource(id: number, patch: Partial<NewSource>): Promise<void>;
  /**
   * Claims a due poll of a source for this replica: moves its next poll from `seenNextPollAt` (the
   * value read) to `leaseUntil`, atomically. False when another replica claimed it first (or it
   * changed meanwhile). The poll's outcome then sets the real next poll; a replica that dies
   * mid-poll leaves the lease, and the source is polled again once it runs out.
   */
  claimPoll(id: number, seenNextPollAt: string, leaseUntil: string): Promise<boolean>;
  /** Removes a source with its follows and items (its documents stay until `removeDocument`). */
  removeSource(id: number): Promise<void>;

  follows(): Promise<Follow[]>;
  follow(follow: Follow): Promise<void>;
  /** True when the scope followed the source. */
  unfollow(sourceId: number, scope: string): Promise<boolean>;

  /** Every document, or only the given ones. */
  documents(ids?: readonly string[]): Promise<WebDocument[]>;
  /** Each document's text fingerprint, by id (cheap: no bodies). */
  documentHashes(): Promise<Map<string, string>>;
  /**
   * A number that moves whenever a document, a source item or a follow is added, changed or removed,
   * by any replica (a trigger bumps it in the same transaction). Cheap, for polling.
   */
  changeVersion(): Promise<number>;
  saveDocument(document: WebDocument): Promise<void>;
  removeDocument(id: string): Promise<void>;
  /** The document a URL (canonical, item link, or a syndicated copy's) is known as. */
  documentOfUrl(url: string): Promise<string | undefined>;
  /** The document whose text has this fingerprint. */
  documentOfContent(contentHash: string): Promise<string | undefined>;
  addDocumentUrl(url: string, documentId: string): Promise<void>;
  /** Every URL a document is known by, first the canonical one. */
  documentUrls(documentId: string): Promise<string[]>;

  items(): Promise<SourceItem[]>;
  addItem(item: SourceItem): Promise<void>;

  close(): Promise<void>;
}
