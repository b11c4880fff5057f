/**
 * The page and feed readers, loaded with the first fetch rather than at start-up: they bring a DOM
 * (linkedom), Readability and a feed parser, over a second of start-up on a small machine that a
 * bot following no sources should not pay.
 */
import type { extractArticle } from './extract-article.js';
import type { looksLikeFeed, readFeed } from './parse-feed.js';

export interface Readers {
  extractArticle: typeof extractArticle;
  readFeed: typeof readFeed;
  looksLikeFeed: typeof looksLikeFeed;
}

let loading: Promise<Readers> | undefined;

export function readers(): Promise<Readers> {
  loading ??= Promise.all([import('./extract-article.js'), import('./parse-feed.js')]).then(([article, feed]) => ({
    extractArticle: article.extractArticle,
    readFeed: feed.readFeed,
    looksLikeFeed: feed.looksLikeFeed,
  }));
  return loading;
}
