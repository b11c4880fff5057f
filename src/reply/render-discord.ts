/**
 * Renders a reply as a Discord message: embeds for answers, timelines, sources and help, plain
 * content for "nothing found" and errors. Every Discord limit is enforced here, so a long reply is
 * cut cleanly with a note instead of being rejected, and document text never becomes Markdown.
 * Plain objects only: the adapter hands them to discord.js.
 */
import { followedLines } from './followed-lines.js';
import type { Answer } from '../core/ask.js';
import type { Citation } from '../core/citation.js';
import type { TimelineEvent } from '../core/timeline/timeline.js';
import { discordLink, escapeMarkdown, highlightWords, truncate } from './markdown.js';
import { linkTarget } from './safe-url.js';
import { countOf, eventDateLabel, moreCitationsLabel } from './render-text.js';
import type { Reply } from './reply.js';

/** Discord's message limits (documented API limits; the platform rejects anything larger). */
export const DISCORD_LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  total: 6000,
} as const;

export interface DiscordEmbed {
  title?: string;
  description?: string;
  color?: number;
  fields?: { name: string; value: string; inline?: boolean }[];
  footer?: { text: string };
}

export interface DiscordMessage {
  content?: string;
  embeds: DiscordEmbed[];
  /** Shown to the asker only (errors). */
  ephemeral: boolean;
}

export interface DiscordRenderOptions {
  /** Corpus version for the footer. */
  version: string;
}

const BRAND = 0x2f6fde;
// Room kept in a description for the note that says what was cut.
const NOTE_ROOM = 120;

/** `[title ¶N](url)` when an http(s) url is known, else `*title ¶N*`; escaped. */
export function discordCitation(citation: Citation): string {
  const label = `${citation.title} ¶${citation.paragraph}`;
  const linked = linkTarget(citation.url) ? discordLink(citation.url, label) : `*${escapeMarkdown(label)}*`;
  return citation.attribution ? `${linked} · according to ${escapeMarkdown(citation.attribution)}` : linked;
}

function answerBlock(answer: Answer, max: number): string {
  const citation = `— ${discordCitation(answer.citation)}`;
  const quote = highlightWords(answer.text, answer.terms);
  const room = Math.max(40, max - citation.length - 4);
  return `> ${quote.length > room ? truncate(escapeMarkdown(answer.text), room) : quote}\n${citation}`;
}

function eventBlock(event: TimelineEvent): string {
  const heading = [
    `**${escapeMarkdown(eventDateLabel(event))}**`,
    event.modality !== 'reported' ? event.modality : '',
    event.label ? escapeMarkdown(event.label) : '',
  ]
    .filter(Boolean)
    .join(' · ');
  const more = moreCitationsLabel(event);
  return `${heading}\n> ${truncate(escapeMarkdown(event.text), 600)}\n— ${discordCitation(event.citations[0]!)}${more}`;
}

/** Joins blocks into one description within the limit; says how many were left out and how to see them. */
function fitBlocks(count: number, blockAt: (index: number) => string, leftOutNote: (count: number) => string): string {
  // Blocks are made only up to the first that does not fit: a timeline may hold tens of thousands.
  const kept: string[] = [];
  let length = 0;
  for (let index = 0; index < count; index++) {
    const block = blockAt(index);
    if (length + block.length + 2 > DISCORD_LIMITS.description - NOTE_ROOM) break;
    kept.push(block);
    length += block.length + 2;
  }
  const leftOut = count - kept.length;
  return leftOut > 0 ? `${kept.join('\n\n')}\n\n*${leftOutNote(leftOut)}*` : kept.join('\n\n');
}

const fitAll = (blocks: string[], leftOutNote: (count: number) => string): string =>
  fitBlocks(blocks.length, (index) => blocks[index]!, leftOutNote);

function footer(text: string): { text: string } {
  return { text: truncate(text, DISCORD_LIMITS.footer) };
}

/** The Discord message for a reply. */
export function renderDiscord(reply: Reply, { version }: DiscordRenderOptions): DiscordMessage {
  switch (reply.kind) {
    case 'answer': {
      const { answers, note, hint, query } = reply.result;
      if (answers.length === 0) {
        const content = hint ? `${escapeMarkdown(note)}\n*${escapeMarkdown(hint)}*` : escapeMarkdown(note);
        return { content, embeds: [], ephemeral: false };
      }
      return {
        embeds: [
          {
            title: truncate(escapeMarkdown(query), DISCORD_LIMITS.title),
            description: fitBlocks(
              answers.length,
              (index) => answerBlock(answers[index]!, 1800),
              (count) => `${count} more cited ${count === 1 ? 'sentence' : 'sentences'} left out to fit Discord.`,
            ),
            color: BRAND,
            footer: footer(`briefbot · corpus ${version} · ${note}`),
          },
        ],
        ephemeral: false,
      };
    }
    case 'timeline': {
      const { events, note } = reply.result;
      if (events.length === 0) return { content: escapeMarkdown(note), embeds: [], ephemeral: false };
      return {
        embeds: [
          {
            title: 'Timeline',
            description: fitBlocks(
              events.length,
              (index) => eventBlock(events[index]!),
              (count) => `${count} more; narrow with from/to or limit.`,
            ),
            color: BRAND,
            footer: footer(`briefbot · corpus ${version} · ${note}`),
          },
        ],
        ephemeral: false,
      };
    }
    case 'digest': {
      const { sections, note } = reply.result;
      const footerText = `briefbot · corpus ${version}${reply.marker ? ` · ${reply.marker}` : ''}`;
      if (sections.length === 0)
        return {
          embeds: [
            { title: 'Daily digest', description: escapeMarkdown(note), color: BRAND, footer: footer(footerText) },
          ],
          ephemeral: false,
        };
      const blocks = sections.map((section) =>
        [
          `**${escapeMarkdown(section.title)}**`,
          ...section.items.map(
            (item) => `> ${truncate(escapeMarkdown(item.text), 500)}\n— ${discordCitation(item.citation)}`,
          ),
        ].join('\n'),
      );
      return {
        embeds: [
          {
            title: 'Daily digest',
            description: fitAll([...blocks, `*${escapeMarkdown(note)}*`], (count) => `${count} more; see /sources.`),
            color: BRAND,
            footer: footer(footerText),
          },
        ],
        ephemeral: false,
      };
    }
    case 'notice':
      return {
        embeds: [
          {
            // Embed titles read Markdown; a followed page's title is the page's to choose.
            title: truncate(escapeMarkdown(reply.title), DISCORD_LIMITS.title),
            description: truncate(reply.lines.map(escapeMarkdown).join('\n'), DISCORD_LIMITS.description),
            color: BRAND,
          },
        ],
        ephemeral: false,
      };
    case 'sources': {
      const lines = reply.documents.map(
        (document) =>
          `• ${escapeMarkdown(document.title)} — ${countOf(document.claims, 'claim')}${linkTarget(document.url) ? ` · ${linkTarget(document.url)}` : ''}`,
      );
      const followed = reply.followed.map((source) => {
        const [head, state] = followedLines(source);
        return `◦ followed: ${escapeMarkdown(head)}\n   ${escapeMarkdown(state)}`;
      });
      return {
        embeds: [
          {
            title: `${countOf(reply.documents.length, 'document')}, ${countOf(reply.claims, 'claim')}`,
            description: fitAll(
              [...(reply.followedProblem ? [escapeMarkdown(reply.followedProblem)] : []), ...followed, ...lines],
              (count) => `${count} more sources and documents.`,
            ),
            color: BRAND,
            footer: footer(`briefbot · corpus ${version}`),
          },
        ],
        ephemeral: false,
      };
    }
    case 'help':
      return {
        embeds: [
          {
            title: 'briefbot commands',
            fields: reply.commands.slice(0, DISCORD_LIMITS.fields).map((command) => ({
              name: truncate(command.usage, DISCORD_LIMITS.fieldName),
              value: truncate(
                `${command.description}\ne.g. ${command.examples.map((example) => `\`${example}\``).join(' ')}`,
                DISCORD_LIMITS.fieldValue,
              ),
            })),
            color: BRAND,
            footer: footer(`briefbot · corpus ${version}`),
          },
        ],
        ephemeral: false,
      };
    case 'error':
      // The message may quote what the user typed: escaped like document text.
      return {
        content: truncate(`⚠️ ${escapeMarkdown(reply.message)}`, DISCORD_LIMITS.content),
        embeds: [],
        ephemeral: true,
      };
  }
}
