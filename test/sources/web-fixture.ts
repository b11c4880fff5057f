/**
 * A loopback web server serving real-world-shaped pages and feeds for the live-sources tests:
 * news pages with navigation, cookie banners, related links and comments around the story; an RSS
 * 2.0 feed with CDATA and entities; Atom; JSON Feed; a malformed feed; conditional requests (304);
 * error statuses; a slow answer; an oversized body; redirects. It records every request.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  path: string;
  ifNoneMatch: string | undefined;
  ifModifiedSince: string | undefined;
  status: number;
}

/** A news page: the story among the chrome a real site wraps it in. */
export function newsPage(options: {
  title: string;
  paragraphs: string[];
  canonical?: string;
  published?: string;
  site?: string;
}): string {
  const { title, paragraphs, canonical, published, site = 'Harbour Gazette' } = options;
  return `<!doctype html>
<html lang="en"><head>
<meta charset="utf-8"><title>${title} | ${site}</title>
${canonical ? `<link rel="canonical" href="${canonical}">` : ''}
<meta property="og:site_name" content="${site}">
${published ? `<meta property="article:published_time" content="${published}">` : ''}
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"${title}"}</script>
</head><body>
<div id="cookie-banner" class="cookie-consent">We use cookies to improve your experience. Accept all cookies to continue reading our journalism.</div>
<header class="site-header"><nav class="main-nav"><ul>
<li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/business">Business</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/weather">Weather forecasts for the coming fortnight</a></li></ul></nav></header>
<main><article class="story">
<h1>${title}</h1>
<p class="byline">By Mara Ellison</p>
${paragraphs.map((text) => `<p>${text}</p>`).join('\n')}
</article>
<aside class="related"><h2>Related stories</h2><ul>
<li><a href="/world/a">Celebrity chef opens a floating restaurant in the old dockyard warehouse</a></li>
<li><a href="/world/b">Lottery winner buys the lighthouse that overlooks the bay for charity</a></li></ul></aside>
<section class="comments"><h2>Comments</h2>
<div class="comment">Great article, totally agree with everything the minister proposed here.</div>
<div class="comment">First! Subscribe to my channel for daily unboxing videos of kitchen gadgets.</div></section>
</main>
<footer><p>© Harbour Gazette. All rights reserved. Terms of service. Privacy policy. Contact the newsroom.</p></footer>
</body></html>`;
}

type Route = (request: IncomingMessage, response: ServerResponse) => unknown;

export class WebFixture {
  readonly requests: SeenRequest[] = [];
  private readonly routes = new Map<string, Route>();
  private readonly server: Server = createServer((request, response) => void this.handle(request, response));
  private port = 0;

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  url(path: string): string {
    return `${this.origin}${path}`;
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  route(path: string, route: Route): void {
    this.routes.set(path, route);
  }

  /** Serves a body with a content type, an ETag and Last-Modified, answering 304 to a matching conditional request. */
  serve(path: string, contentType: string, body: () => string): void {
    this.route(path, (request, response) => {
      const text = body();
      const etag = `"${Buffer.from(text).length.toString(16)}-${simpleHash(text)}"`;
      const lastModified = 'Thu, 20 Feb 2025 10:00:00 GMT';
      if (request.headers['if-none-match'] === etag) {
        response.writeHead(304, { etag, 'last-modified': lastModified }).end();
        return;
      }
      response.writeHead(200, { 'content-type': contentType, etag, 'last-modified': lastModified }).end(text);
    });
  }

  /** The requests made for a path. */
  seen(path: string): SeenRequest[] {
    return this.requests.filter((request) => request.path === path);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const route = this.routes.get(path);
    response.on('finish', () =>
      this.requests.push({
        path,
        ifNoneMatch: request.headers['if-none-match'] as string | undefined,
        ifModifiedSince: request.headers['if-modified-since'] as string | undefined,
        status: response.statusCode,
      }),
    );
    if (!route) {
      response.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>');
      return;
    }
    await route(request, response);
  }
}

function simpleHash(text: string): string {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (hash * 31 + text.charCodeAt(i)) | 0;
  return (hash >>> 0).toString(16);
}
