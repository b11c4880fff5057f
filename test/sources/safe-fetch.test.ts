/** Fetching followed sources safely: addresses, redirects, time, size and type limits, on a loopback server. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, type FetchLimits, safeFetch } from '../../src/sources/safe-fetch.js';
import { newsPage, WebFixture } from './web-fixture.js';

const web = new WebFixture();
/** Only the loopback server itself is reachable: every other private address is refused as in production. */
const onlyFixture: FetchLimits = {
  ...DEFAULT_LIMITS,
  timeoutMs: 1_000,
  maxBytes: 256 * 1024,
  addressAllowed: (address) => address === '127.0.0.1',
};

beforeAll(async () => {
  await web.start();
  web.serve('/page.html', 'text/html; charset=utf-8', () => newsPage({ title: 'A page', paragraphs: ['Text.'] }));
  web.route('/slow', (_request, response) => {
    setTimeout(() => response.writeHead(200, { 'content-type': 'text/html' }).end('<p>late</p>'), 3_000).unref();
  });
  web.route('/huge', (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' });
    const chunk = `<p>${'filler words '.repeat(800)}</p>`;
    for (let i = 0; i < 40; i++) response.write(chunk); // about 400 KB, no Content-Length
    response.end();
  });
  web.route('/binary', (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(Buffer.from([0, 1, 2, 3]));
  });
  web.route('/to-metadata', (_request, response) => {
    response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
  });
  web.route('/to-localhost', (_request, response) => {
    response.writeHead(301, { location: `http://localhost:${new URL(web.origin).port}/page.html` }).end();
  });
  web.route('/to-page', (_request, response) => {
    response.writeHead(302, { location: '/page.html' }).end();
  });
  for (let i = 0; i < 7; i++)
    web.route(`/loop${i}`, (_request, response) => response.writeHead(302, { location: `/loop${i + 1}` }).end());
  web.route('/busy', (_request, response) => {
    response.writeHead(429, { 'retry-after': '120', 'content-type': 'text/plain' }).end('slow down');
  });
  web.route('/broken', (_request, response) => {
    response.writeHead(500, { 'content-type': 'text/plain' }).end('oops');
  });
});

afterAll(() => web.stop());

describe('safe fetching', () => {
  it('GIVEN the default limits THEN a loopback address is refused, named or literal, before any request', async () => {
    const before = web.requests.length;
    await expect(safeFetch(web.url('/page.html'))).rejects.toThrow(/127\.0\.0\.1 is not a public address/);
    const named = `http://localhost:${new URL(web.origin).port}/page.html`;
    await expect(safeFetch(named)).rejects.toThrow(/localhost resolves to .*not a public address/);
    expect(web.requests.length).toBe(before);
  });

  it('GIVEN SOURCES_ALLOW_PRIVATE THEN the loopback page is fetched, with its validators', async () => {
    const outcome = await safeFetch(web.url('/page.html'), {}, { ...DEFAULT_LIMITS, allowPrivate: true });
    expect(outcome).toMatchObject({ kind: 'fetched', contentType: 'text/html', url: web.url('/page.html') });
    if (outcome.kind !== 'fetched') throw new Error('not fetched');
    expect(outcome.etag).toMatch(/^".+"$/);
    const again = await safeFetch(
      web.url('/page.html'),
      { etag: outcome.etag },
      { ...DEFAULT_LIMITS, allowPrivate: true },
    );
    expect(again.kind).toBe('not-modified');
    expect(web.seen('/page.html').at(-1)).toMatchObject({ status: 304, ifNoneMatch: outcome.etag });
  });

  it('GIVEN a redirect to a private address THEN it is refused; a redirect to an allowed address is followed', async () => {
    await expect(safeFetch(web.url('/to-metadata'), {}, onlyFixture)).rejects.toThrow(
      /169\.254\.169\.254 is not a public address/,
    );
    const followed = await safeFetch(web.url('/to-page'), {}, onlyFixture);
    expect(followed.url).toBe(web.url('/page.html'));
  });

  it('GIVEN more than 5 redirects THEN the fetch stops with a sentence', async () => {
    await expect(safeFetch(web.url('/loop0'), {}, onlyFixture)).rejects.toThrow(/more than 5 redirects/);
  });

  it('GIVEN a response slower than the timeout THEN it fails in time, as a transient error', async () => {
    const started = performance.now();
    await expect(safeFetch(web.url('/slow'), {}, onlyFixture)).rejects.toMatchObject({
      message: expect.stringMatching(/did not answer in time/),
      transient: true,
    });
    expect(performance.now() - started).toBeLessThan(2_500);
  });

  it('GIVEN a body over the limit (no Content-Length) THEN reading stops with a sentence', async () => {
    await expect(safeFetch(web.url('/huge'), {}, onlyFixture)).rejects.toMatchObject({
      message: expect.stringMatching(/larger than/),
      transient: false,
    });
  });

  it('GIVEN a binary type, a 404, a 500 and a 429 with Retry-After THEN each says what it is', async () => {
    await expect(safeFetch(web.url('/binary'), {}, onlyFixture)).rejects.toThrow(
      /application\/octet-stream, not a web page/,
    );
    await expect(safeFetch(web.url('/nowhere'), {}, onlyFixture)).rejects.toMatchObject({
      message: expect.stringMatching(/answered 404/),
      transient: false,
    });
    await expect(safeFetch(web.url('/broken'), {}, onlyFixture)).rejects.toMatchObject({ transient: true });
    await expect(safeFetch(web.url('/busy'), {}, onlyFixture)).rejects.toMatchObject({
      message: expect.stringMatching(/answered 429/),
      transient: true,
      retryAfterMs: 120_000,
    });
  });

  it('GIVEN a scheme other than http(s) THEN it is refused', async () => {
    await expect(safeFetch('file:///etc/hostname', {}, onlyFixture)).rejects.toThrow(/only http and https/);
    await expect(safeFetch('ftp://example.org/x', {}, onlyFixture)).rejects.toThrow(/only http and https/);
  });
});
