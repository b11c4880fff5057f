/**
 * Text for Slack mrkdwn, safe by construction: one escaping function for every text from a
 * document or a user, one function that builds links, and truncation that never cuts an entity,
 * a link or a surrogate pair. Slack reads `&`, `<` and `>` as syntax (`<!channel>` pings a channel,
 * `<url|label>` is a link); the escaped forms are `&amp;`, `&lt;`, `&gt;`.
 */
import { oneLine } from './one-line.js';
import { linkTarget } from './safe-url.js';

/** Escapes the three characters Slack treats as control sequences, on one line (a line break could start a quote). */
export function escapeSlack(text: string): string {
  return oneLine(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A link, `<url|label>` (or `<url>` without a label), when the URL is http(s); otherwise the
 * label alone (escaped), or nothing. The URL is percent-encoded where Slack would read syntax
 * (`|`, `<`, `>`) and entity-escaped (`&`); the label is escaped, its `|` shown as `¦`.
 */
export function slackLink(url: string | null | undefined, label?: string): string {
  const target = linkTarget(url);
  const text = label === undefined ? undefined : escapeSlack(label).replace(/\|/g, '¦');
  if (!target) return text ?? '';
  return text === undefined ? `<${escapeSlack(target)}>` : `<${escapeSlack(target)}|${text}>`;
}

/** A cut at `at` would split an entity (`&amp;`), a link (`<...>`) or a surrogate pair: where to cut instead. */
function safeCut(text: string, at: number): number {
  let cut = at;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  const ampersand = text.lastIndexOf('&', cut - 1);
  if (ampersand >= 0 && !text.slice(ampersand, cut).includes(';') && /^&(amp|lt|gt);/.test(text.slice(ampersand)))
    cut = ampersand;
  const opening = text.lastIndexOf('<', cut - 1);
  if (opening >= 0 && text.indexOf('>', opening) >= cut) cut = opening;
  return cut;
}

/** Cuts escaped mrkdwn to at most `max` characters, ending with "…" when cut, never inside an entity, a link or a surrogate pair. */
export function truncateSlack(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < 1) return '';
  return `${text.slice(0, safeCut(text, max - 1))}…`;
}
