/** Plain text that no chat format parses (a Slack header, a Discord autocomplete choice). */

/** The text cut to `max` characters with "…", never between the halves of an emoji (a lone surrogate). */
export function truncatePlain(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = /[\uD800-\uDBFF]/.test(text.charAt(max - 2)) ? max - 2 : max - 1;
  return `${text.slice(0, cut)}…`;
}
