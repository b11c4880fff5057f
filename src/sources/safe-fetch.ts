/**
 * Fetching a page or feed someone asked the bot to follow, without letting that person reach what
 * the bot can reach: http(s) only; the address is checked after DNS resolution, in the connect step
 * itself (so a name cannot resolve to a public address for a check and a private one for the
 * connection), and again for every redirect, which is followed by hand (at most 5). Every request
 * has a deadline (10 s, body included), a body limit (5 MB) and a list of content types it takes.
 *
 * undici is held at major 6, the one Node 20's fetch and discord.js use: importing undici installs
 * its Agent as the process-wide dispatcher when none is set yet, and a v7 Agent there stalled
 * discord.js's REST calls (test/background-faults.test.ts caught it). It loads on the first fetch,
 * not at start-up: loading it was a fifth of the console's start-up to its first answer.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import type { Agent, fetch } from 'undici';
import { isPublicAddress, literalAddress } from './public-address.js';

export interface FetchLimits {
  /** Allow loopback, private and link-local addresses (tests, intranets): SOURCES_ALLOW_PRIVATE. */
  allowPrivate: boolean;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  /** Which resolved addresses may be reached, when not the default (public ones, or all with allowPrivate). */
  addressAllowed?: (address: string) => boolean;
}

export const DEFAULT_LIMITS: FetchLimits = {
  allowPrivate: false,
  timeoutMs: 10_000,
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
};

/** What a page or feed may be served as. */
export const ACCEPTED_TYPES = [
  'text/html',
  'application/xhtml+xml',
  'application/rss+xml',
  'application/atom+xml',
  'application/feed+json',
  'application/json',
  'application/xml',
  'text/xml',
  'application/rdf+xml',
];

/** A fetch that failed, with a sentence for /sources and whether trying again later may help. */
export class FetchError extends Error {
  override readonly name = 'FetchError';
  constructor(
    message: string,
    /** A status or condition that may pass (5xx, 429, a timeout, a network error). */
    readonly transient: boolean,
    /** How long the server asked us to wait (429/503 Retry-After), in ms. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export interface Conditional {
  etag?: string | null;
  lastModified?: string | null;
}

export type FetchOutcome =
  | { kind: 'not-modified'; url: string }
  | {
      kind: 'fetched';
      /** The URL after redirects. */
      url: string;
      contentType: string;
      text: string;
      etag: string | null;
      lastModified: string | null;
    };

const anyAddress = (): boolean => true;

/** The address check the limits ask for. */
function addressCheck(limits: FetchLimits): (address: string) => boolean {
  return limits.addressAllowed ?? (limits.allowPrivate ? anyAddress : isPublicAddress);
}

function guardedLookup(allowed: (address: string) => boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const usable = addresses.filter((entry) => allowed(entry.address));
      if (usable.length === 0) {
        const refused = new Error(
          `${hostname} resolves to ${addresses.map((entry) => entry.address).join(', ')}, not a public address`,
        );
        (refused as NodeJS.ErrnoException).code = 'ENOTPUBLIC';
        return callback(refused, '', 0);
      }
      if (options.all) return (callback as (e: null, a: LookupAddress[]) => void)(null, usable);
      return callback(null, usable[0]!.address, usable[0]!.family);
    });
  };
}

/** What safeFetch uses of undici. */
interface Undici {
  Agent: typeof Agent;
  fetch: typeof fetch;
}
let undici: Promise<Undici> | undefined;
const loadUndici = (): Promise<Undici> =>
  (undici ??= import('undici').then(({ Agent, fetch }): Undici => ({ Agent, fetch })));

/** One connection pool per address check (connections are reused only under the check that made them). */
const agents = new Map<(address: string) => boolean, Agent>();
function agentFor(allowed: (address: string) => boolean, undici: Undici): Agent {
  let agent = agents.get(allowed);
  if (!agent) {
    agent = new undici.Agent({ connect: { lookup: guardedLookup(allowed) }, keepAliveTimeout: 4_000 });
    agents.set(allowed, agent);
  }
  return agent;
}

/** Refuses a URL the bot must not fetch, before any connection. */
export function checkUrl(raw: string, allowed: (address: string) => boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FetchError(`${raw} is not a URL`, false);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new FetchError(`only http and https URLs can be followed, not ${url.protocol}`, false);
  if (url.username || url.password) throw new FetchError('URLs with a user name or password are refused', false);
  const literal = literalAddress(url.hostname);
  if (literal && !allowed(literal))
    throw new FetchError(`${url.hostname} is not a public address (set SOURCES_ALLOW_PRIVATE=true to allow it)`, false);
  return url;
}

function retryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function describeNetworkError(error: unknown, url: URL): FetchError {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code === 'ENOTPUBLIC')
    return new FetchError(`${cause.message} (set SOURCES_ALLOW_PRIVATE=true to allow it)`, false);
  if ((error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError')
    return new FetchError(`${url.host} did not answer in time`, true);
  return new FetchError(`${url.host} could not be reached (${cause?.code ?? cause?.message ?? String(error)})`, true);
}

async function readLimited(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<Buffer> {
  if (!body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new FetchError(`the response is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`, false);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** Fetches a URL within the limits, conditionally when validators are given. Throws FetchError. */
export async function safeFetch(
  raw: string,
  conditional: Conditional = {},
  limits: FetchLimits = DEFAULT_LIMITS,
): Promise<FetchOutcome> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  const client = await loadUndici();
  const allowed = addressCheck(limits);
  let url = checkUrl(raw, allowed);
  for (let hop = 0; ; hop++) {
    const headers: Record<string, string> = {
      accept:
        'text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.8, */*;q=0.1',
      'user-agent': 'briefbot (+https://github.com/briefbot)',
    };
    if (conditional.etag) headers['if-none-match'] = conditional.etag;
    if (conditional.lastModified) headers['if-modified-since'] = conditional.lastModified;
    let response: Awaited<ReturnType<Undici['fetch']>>;
    try {
      response = await client.fetch(url, {
        headers,
        redirect: 'manual',
        signal,
        dispatcher: agentFor(allowed, client),
      });
    } catch (error) {
      throw describeNetworkError(error, url);
    }
    if (response.status >= 300 && response.status < 400 && response.status !== 304) {
      await response.body?.cancel().catch(() => undefined);
      const location = response.headers.get('location');
      if (!location) throw new FetchError(`${url.host} redirected without saying where`, false);
      if (hop >= limits.maxRedirects) throw new FetchError(`more than ${limits.maxRedirects} redirects`, false);
      url = checkUrl(new URL(location, url).toString(), allowed);
      continue;
    }
    if (response.status === 304) {
      await response.body?.cancel().catch(() => undefined);
      return { kind: 'not-modified', url: url.toString() };
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      const transient = response.status === 429 || response.status >= 500 || response.status === 408;
      const wait = retryAfter(response.headers.get('retry-after'), Date.now());
      throw new FetchError(`${url.host} answered ${response.status} ${response.statusText}`.trim(), transient, wait);
    }
    const contentType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!ACCEPTED_TYPES.includes(contentType)) {
      await response.body?.cancel().catch(() => undefined);
      throw new FetchError(`${url} is ${contentType || 'of no stated type'}, not a web page or a feed`, false);
    }
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > limits.maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      throw new FetchError(`the response is larger than ${Math.round(limits.maxBytes / 1024 / 1024)} MB`, false);
    }
    let bytes: Buffer;
    try {
      bytes = await readLimited(response.body as ReadableStream<Uint8Array> | null, limits.maxBytes);
    } catch (error) {
      if (error instanceof FetchError) throw error;
      throw describeNetworkError(error, url);
    }
    if (bytes.includes(0)) throw new FetchError(`${url} holds binary data, not text`, false);
    return {
      kind: 'fetched',
      url: url.toString(),
      contentType,
      text: new TextDecoder('utf-8').decode(bytes),
      etag: response.headers.get('etag'),
      lastModified: response.headers.get('last-modified'),
    };
  }
}
