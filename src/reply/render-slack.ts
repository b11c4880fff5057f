/**
 * Renders a reply as a Slack message: Block Kit sections for answers, timelines, sources and help,
 * and a fallback `text` for notifications. Slack's limits are enforced here (50 blocks, 3000
 * characters a section, 150 a header, 10 context elements, about 12,000 characters of block text
 * in all, past which chat.postMessage answers msg_blocks_too_long), and every text from a document
 * or a user goes through slack-text.ts (escaped; links built by one function; cut cleanly), so a
 * quoted `<!channel>` or `<@U123>` pings nobody and no document adds a link of its own.
 */
import { followedLines } from './followed-lines.js';
import type { Answer } from '../core/ask.js';
import type { Citation } from '../core/citation.js';
import type { TimelineEvent } from '../core/timeline/timeline.js';
import { highlightWords } from './markdown.js';
import { oneLine } from './one-line.js';
import { truncatePlain } from './plain-text.js';
import { countOf, eventDateLabel, moreCitationsLabel } from './render-text.js';
import type { Reply } from './reply.js';
import { escapeSlack, slackLink, truncateSlack } from './slack-mrkdwn.js';

export { escapeSlack };

/**
 * Slack's Block Kit limits. `blockText` is the total text of a message's blocks: chat.postMessage
 * refuses much more than about 12,000 characters (msg_blocks_too_long), whatever the blocks' count.
 */
export const SLACK_LIMITS = {
  blocks: 50,
  sectionText: 3000,
  header: 150,
  contextElements: 10,
  text: 40_000,
  blockText: 12_000,
} as const;

export type SlackBlock =
  | { type: 'header'; text: { type: 'plain_text'; text: string } }
  | { type: 'section'; text: { type: 'mrkdwn'; text: string } }
  | { type: 'context'; elements: { type: 'mrkdwn'; text: string }[] }
  | { type: 'divider' };

export interface SlackMessage {
  /** Plain fallback for notifications and screen readers. */
  text: string;
  blocks: SlackBlock[];
  /** Shown to the asker only (errors). */
  ephemeral: boolean;
}

export interface SlackRenderOptions {
  /** Corpus version for the context line. */
  version: string;
}

/** Bold for Slack mrkdwn: `*word*`. */
function slackHighlight(text: string, words: readonly string[]): string {
  return highlightWords(text, words, escapeSlack).replace(/\*\*/g, '*');
}

/** `<url|title ¶N>` when an http(s) url is known, else `_title ¶N_`; escaped. */
export function slackCitation(citation: Citation): string {
  const label = `${citation.title} ¶${citation.paragraph}`;
  // Italics end at the label's own underscore ("harbour_notes_2025"): such a label is shown upright.
  const italic = /[_*~`]/.test(label) ? escapeSlack(label) : `_${escapeSlack(label)}_`;
  const linked = slackLink(citation.url) ? slackLink(citation.url, label) : italic;
  return citation.attribution ? `${linked} · according to ${escapeSlack(citation.attribution)}` : linked;
}

const section = (text: string): SlackBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: truncateSlack(text, SLACK_LIMITS.sectionText) },
});
const context = (text: string): SlackBlock => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text: truncateSlack(text, SLACK_LIMITS.sectionText) }],
});
const header = (text: string): SlackBlock => ({
  type: 'header',
  text: { type: 'plain_text', text: truncatePlain(oneLine(text), SLACK_LIMITS.header) },
});

/** The characters of a block's text, as counted against SLACK_LIMITS.blockText. */
export function blockTextLength(block: SlackBlock): number {
  if (block.type === 'section' || block.type === 'header') return block.text.text.length;
  if (block.type === 'context') return block.elements.reduce((sum, element) => sum + element.text.length, 0);
  return 0;
}

function answerSection(answer: Answer): SlackBlock {
  const citation = `— ${slackCitation(answer.citation)}`;
  const room = SLACK_LIMITS.sectionText - citation.length - 4;
  const quote = slackHighlight(answer.text, answer.terms);
  return section(`>${quote.length > room ? truncateSlack(escapeSlack(answer.text), room) : quote}\n${citation}`);
}

function eventSection(event: TimelineEvent): SlackBlock {
  const heading = [
    `*${escapeSlack(eventDateLabel(event))}*`,
    event.modality !== 'reported' ? event.modality : '',
    event.label ? escapeSlack(event.label) : '',
  ]
    .filter(Boolean)
    .join(' · ');
  const more = moreCitationsLabel(event);
  const citation = `— ${slackCitation(event.citations[0]!)}${more}`;
  // The sentence gives way to a long citation, as in an answer: cut at the section's end, the citation would go.
  const room = Math.min(2000, SLACK_LIMITS.sectionText - heading.length - citation.length - 4);
  return section(`${heading}\n>${truncateSlack(escapeSlack(event.text), room)}\n${citation}`);
}

/** Room kept for the note that says what was left out. */
const NOTE_ROOM = 200;

/**
 * Keeps as many body blocks as fit beside the fixed ones, in count and in total text, and a note
 * saying what was left out.
 */
function fit(
  top: SlackBlock[],
  body: SlackBlock[] | { count: number; at: (index: number) => SlackBlock },
  bottom: SlackBlock[],
  leftOutNote: (count: number) => string,
): SlackBlock[] {
  // A long body (a timeline of tens of thousands of events) is made only as far as it can be shown.
  const count = Array.isArray(body) ? body.length : body.count;
  const at = Array.isArray(body) ? (index: number) => body[index]! : body.at;
  const fixed = [...top, ...bottom].reduce((sum, block) => sum + blockTextLength(block), 0);
  const made: SlackBlock[] = [];
  if (count <= SLACK_LIMITS.blocks - top.length - bottom.length) {
    for (let index = 0; index < count; index++) made.push(at(index));
    const total = fixed + made.reduce((sum, block) => sum + blockTextLength(block), 0);
    if (total <= SLACK_LIMITS.blockText) return [...top, ...made, ...bottom];
  }
  const room = SLACK_LIMITS.blocks - top.length - bottom.length - 1;
  const kept: SlackBlock[] = [];
  let used = fixed + NOTE_ROOM;
  for (let index = 0; index < count; index++) {
    const block = made[index] ?? at(index);
    if (kept.length >= room || used + blockTextLength(block) > SLACK_LIMITS.blockText) break;
    kept.push(block);
    used += blockTextLength(block);
  }
  return [...top, ...kept, context(`_${escapeSlack(leftOutNote(count - kept.length))}_`), ...bottom];
}

/** The Slack message for a reply. */
export function renderSlack(reply: Reply, { version }: SlackRenderOptions): SlackMessage {
  const footer = (note?: string): SlackBlock =>
    context(`briefbot · corpus ${version}${note ? ` · ${escapeSlack(note)}` : ''}`);
  switch (reply.kind) {
    case 'answer': {
      const { answers, note, hint, query } = reply.result;
      if (answers.length === 0) {
        const blocks = [section(escapeSlack(note)), ...(hint ? [context(escapeSlack(hint))] : [])];
        return { text: escapeSlack(hint ? `${note} ${hint}` : note), blocks, ephemeral: false };
      }
      return {
        text: truncateSlack(
          escapeSlack(`${answers[0]!.text} (${answers[0]!.citation.title}, ¶${answers[0]!.citation.paragraph})`),
          3000,
        ),
        blocks: fit(
          [header(query)],
          answers.map(answerSection),
          [footer(note)],
          (count) => `${count} more cited sentences left out.`,
        ),
        ephemeral: false,
      };
    }
    case 'timeline': {
      const { events, note } = reply.result;
      if (events.length === 0)
        return { text: escapeSlack(note), blocks: [section(escapeSlack(note))], ephemeral: false };
      return {
        text: `Timeline: ${escapeSlack(note)}`,
        blocks: fit(
          [header('Timeline')],
          { count: events.length, at: (index) => eventSection(events[index]!) },
          [footer(note)],
          (count) => `${count} more; narrow with from:/to: or limit:.`,
        ),
        ephemeral: false,
      };
    }
    case 'digest': {
      const { sections, note } = reply.result;
      const bottom = context(`briefbot · corpus ${version}${reply.marker ? ` · ${escapeSlack(reply.marker)}` : ''}`);
      if (sections.length === 0)
        return { text: escapeSlack(note), blocks: [section(escapeSlack(note)), bottom], ephemeral: false };
      const body = sections.map((digestSection) =>
        section(
          [
            `*${escapeSlack(digestSection.title)}*`,
            ...digestSection.items.map(
              (item) => `>${truncateSlack(escapeSlack(item.text), 600)}\n— ${slackCitation(item.citation)}`,
            ),
          ].join('\n'),
        ),
      );
      return {
        text: `Daily digest: ${escapeSlack(note)}`,
        blocks: fit(
          [header('Daily digest')],
          [...body, context(escapeSlack(note))],
          [bottom],
          (count) => `${count} more; see /sources.`,
        ),
        ephemeral: false,
      };
    }
    case 'notice':
      return {
        text: escapeSlack(reply.title),
        blocks: [header(reply.title), section(reply.lines.map(escapeSlack).join('\n'))],
        ephemeral: false,
      };
    case 'sources': {
      const lines = reply.documents.map((document) =>
        section(
          `• ${escapeSlack(document.title)} — ${countOf(document.claims, 'claim')}${slackLink(document.url) ? ` · ${slackLink(document.url)}` : ''}`,
        ),
      );
      const followed = reply.followed.map((source) => {
        const [head, state] = followedLines(source);
        return section(`◦ followed: ${escapeSlack(head)}\n${escapeSlack(state)}`);
      });
      const title = `${countOf(reply.documents.length, 'document')}, ${countOf(reply.claims, 'claim')}`;
      return {
        text: title,
        blocks: fit(
          [header(title)],
          [...(reply.followedProblem ? [section(escapeSlack(reply.followedProblem))] : []), ...followed, ...lines],
          [footer()],
          (count) => `${count} more sources and documents.`,
        ),
        ephemeral: false,
      };
    }
    case 'help':
      return {
        text: 'briefbot commands',
        blocks: fit(
          [header('briefbot commands')],
          reply.commands.map((command) =>
            section(
              `*${escapeSlack(command.usage)}*\n${escapeSlack(command.description)}\n_e.g._ ${command.examples.map((example) => `\`${escapeSlack(example)}\``).join(' ')}`,
            ),
          ),
          [context('Mention the bot in a thread to ask there: @briefbot what is the NATO condition')],
          (count) => `${count} more commands.`,
        ),
        ephemeral: false,
      };
    case 'error':
      return {
        text: `⚠️ ${escapeSlack(reply.message)}`,
        blocks: [section(`⚠️ ${escapeSlack(reply.message)}`)],
        ephemeral: true,
      };
  }
}
