/**
 * Escaping, links and highlighting for Markdown-like chat formats (Discord): text from a document
 * or a user must never turn into formatting, links, headings or lines of its own.
 */
import { oneLine } from './one-line.js';
import { linkTarget } from './safe-url.js';

/**
 * Escapes Discord Markdown: emphasis, code, spoilers, links, and leading quote, heading and list marks;
 * keeps the text on one line.
 */
export function escapeMarkdown(text: string): string {
  // A backslash escapes only punctuation: "\1." would show its backslash, so a list number's dot is escaped.
  return oneLine(text)
    .replace(/[\\*_~`|[\]()<>]/g, (character) => `\\${character}`)
    .replace(/^(\s*)([#>\-+])(?=\s)/gm, (_, space: string, mark: string) => `${space}\\${mark}`)
    .replace(/^(\s*\d+)\.(?=\s)/gm, (_, number: string) => `${number}\\.`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Escapes text and wraps each occurrence of the given words in `**`, as whole words. */
export function highlightWords(
  text: string,
  words: readonly string[],
  escapeText: (text: string) => string = escapeMarkdown,
): string {
  if (words.length === 0) return escapeText(text);
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}])(${[...words]
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp)
      .join('|')})(?![\\p{L}\\p{N}])`,
    'gu',
  );
  let result = '';
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    result += `${escapeText(text.slice(last, match.index))}**${escapeText(match[0])}**`;
    last = match.index + match[0].length;
  }
  return result + escapeText(text.slice(last));
}

/** Cuts text to at most `max` characters, ending with "…" when cut, never inside an escape or a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  // An odd run of backslashes at the end would escape the "…": drop the last one.
  if (/(^|[^\\])(\\\\)*\\$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/**
 * A masked link, `[label](url)`, when the URL is http(s), else the label alone. The label is
 * escaped; the URL has every character Discord Markdown reads as syntax percent-encoded
 * (parentheses, brackets, angle brackets, spaces...), so it cannot close the link early and
 * append one of its own. `label` is plain text.
 */
export function discordLink(url: string | null | undefined, label: string): string {
  const target = linkTarget(url);
  return target ? `[${escapeMarkdown(label)}](${target})` : escapeMarkdown(label);
}
