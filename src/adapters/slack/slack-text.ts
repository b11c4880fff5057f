/** Text as Slack delivers it: entities decoded, the bot's own mention removed. */

/** Slack sends `&`, `<`, `>` as entities; the commands want the characters. */
export function decodeSlackEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** "<@U0BOT> what is the NATO condition" -> "what is the NATO condition". */
export function withoutMention(text: string, botUserId: string | undefined): string {
  const mention = botUserId ? new RegExp(`<@${botUserId}(\\|[^>]*)?>`, 'g') : /^\s*<@[A-Z0-9]+(\|[^>]*)?>/;
  return text.replace(mention, '').trim();
}
