/**
 * The one gate a document's URL passes before any renderer links it: only http(s), normalised by
 * the WHATWG parser (spaces, quotes and angle brackets percent-encoded), then every character a
 * chat format treats as syntax percent-encoded too, so a URL can never end its link early.
 */

/** Characters that are syntax in a link of Slack mrkdwn or Discord Markdown, and never needed raw in a URL path or query. */
const LINK_SYNTAX = /[\s()[\]<>|\\`*_~"'{}^]/gu;

/**
 * Longest link target made, as long as front matter and /sources add take a URL: a longer one (a
 * feed item's, say) would crowd the sentence it cites out of a message, so it is shown unlinked.
 */
export const MAX_LINK = 2000;

/** The URL as a link target, or undefined when it is not an http(s) URL or is longer than MAX_LINK. */
export function linkTarget(url: string | null | undefined): string | undefined {
  if (!url || url.length > MAX_LINK) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  const target = parsed.href.replace(LINK_SYNTAX, (character) =>
    encodeURIComponent(character).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
  );
  return target.length > MAX_LINK ? undefined : target;
}
