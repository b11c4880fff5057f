/**
 * Renders a reply as a Slack message: Block Kit sections for answers, timelines, sources and help,
 * and a fallback `text` for notifications. Slack's limits are enforced here (50 blocks, 3000
 * characters a section, 150 a header, 10 context elements), and every text from a document or a
 * user is escaped (&, <, >), so a quoted `<!channel>` or `<@U123>` pings nobody.
 */
import type { Answer } from '../core/ask.js';
import type { Citation } from '../core/citation.js';
import type { TimelineEvent } from '../core/timeline/timeline.js';
import { highlightWords, truncate } from './markdown.js';
import { eventDateLabel } from './render-text.js';
import type { Reply } from './reply.js';

/** Slack's Block Kit limits. */
export const SLACK_LIMITS = { blocks: 50, sectionText: 3000, header: 150, contextElements: 10, text: 40_000 } as const;

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

/** Escapes the three characters Slack treats as control sequences. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Bold for Slack mrkdwn: `*word*`. */
function slackHighlight(text: string, words: readonly string[]): string {
  return highlightWords(text, words, escapeSlack).replace(/\*\*/g, '*');
}

/** `<url|title ¶N>` when a url is known, else `_title_, ¶N`; escaped. */
export function slackCitation(citation: Citation): string {
  const label = `${escapeSlack(citation.title)} ¶${citation.paragraph}`;
  const linked = citation.url && /^https?:\/\/[^\s|<>]+$/.test(citation.url) ? `<${citation.url}|${label.replace(/\|/g, '¦')}>` : `_${label}_`;
  return citation.attribution ? `${linked} · according to ${escapeSlack(citation.attribution)}` : linked;
}

const section = (text: string): SlackBlock => ({ type: 'section', text: { type: 'mrkdwn', text: truncate(text, SLACK_LIMITS.sectionText) } });
const context = (text: string): SlackBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text: truncate(text, SLACK_LIMITS.sectionText) }] });
const header = (text: string): SlackBlock => ({ type: 'header', text: { type: 'plain_text', text: truncate(text, SLACK_LIMITS.header) } });

function answerSection(answer: Answer): SlackBlock {
  const citation = `— ${slackCitation(answer.citation)}`;
  const room = SLACK_LIMITS.sectionText - citation.length - 4;
  const quote = slackHighlight(answer.text, answer.terms);
  return section(`>${quote.length > room ? truncate(escapeSlack(answer.text), room) : quote}\n${citation}`);
}

function eventSection(event: TimelineEvent): SlackBlock {
  const heading = [`*${escapeSlack(eventDateLabel(event))}*`, event.modality !== 'reported' ? event.modality : '', event.label ? escapeSlack(event.label) : ''].filter(Boolean).join(' · ');
  const more = event.citations.length > 1 ? ` (+${event.citations.length - 1} more)` : '';
  return section(`${heading}\n>${truncate(escapeSlack(event.text), 2000)}\n— ${slackCitation(event.citations[0]!)}${more}`);
}

/** Keeps as many body blocks as fit beside the fixed ones, and a note saying what was left out. */
function fit(top: SlackBlock[], body: SlackBlock[], bottom: SlackBlock[], leftOutNote: (count: number) => string): SlackBlock[] {
  const room = SLACK_LIMITS.blocks - top.length - bottom.length;
  if (body.length <= room) return [...top, ...body, ...bottom];
  const kept = body.slice(0, room - 1);
  return [...top, ...kept, context(`_${leftOutNote(body.length - kept.length)}_`), ...bottom];
}

/** The Slack message for a reply. */
export function renderSlack(reply: Reply, { version }: SlackRenderOptions): SlackMessage {
  const footer = (note?: string): SlackBlock => context(`briefbot · corpus ${version}${note ? ` · ${escapeSlack(note)}` : ''}`);
  switch (reply.kind) {
    case 'answer': {
      const { answers, note, query } = reply.result;
      if (answers.length === 0) return { text: escapeSlack(note), blocks: [section(escapeSlack(note))], ephemeral: false };
      return {
        text: truncate(escapeSlack(`${answers[0]!.text} (${answers[0]!.citation.title}, ¶${answers[0]!.citation.paragraph})`), 3000),
        blocks: fit([header(query)], answers.map(answerSection), [footer(note)], (count) => `${count} more cited sentences left out.`),
        ephemeral: false,
      };
    }
    case 'timeline': {
      const { events, note } = reply.result;
      if (events.length === 0) return { text: escapeSlack(note), blocks: [section(escapeSlack(note))], ephemeral: false };
      return {
        text: `Timeline: ${escapeSlack(note)}`,
        blocks: fit([header('Timeline')], events.map(eventSection), [footer(note)], (count) => `${count} more; narrow with from:/to: or limit:.`),
        ephemeral: false,
      };
    }
    case 'digest': {
      const { sections, note } = reply.result;
      const bottom = context(`briefbot · corpus ${version}${reply.marker ? ` · ${escapeSlack(reply.marker)}` : ''}`);
      if (sections.length === 0) return { text: escapeSlack(note), blocks: [section(escapeSlack(note)), bottom], ephemeral: false };
      const body = sections.map((digestSection) =>
        section(
          [`*${escapeSlack(digestSection.title)}*`, ...digestSection.items.map((item) => `>${truncate(escapeSlack(item.text), 600)}\n— ${slackCitation(item.citation)}`)].join('\n'),
        ),
      );
      return {
        text: `Daily digest: ${escapeSlack(note)}`,
        blocks: fit([header('Daily digest')], [...body, context(escapeSlack(note))], [bottom], (count) => `${count} more; see /sources.`),
        ephemeral: false,
      };
    }
    case 'notice':
      return { text: escapeSlack(reply.title), blocks: [header(reply.title), section(reply.lines.map(escapeSlack).join('\n'))], ephemeral: false };
    case 'sources': {
      const lines = reply.documents.map((document) => section(`• ${escapeSlack(document.title)} — ${document.claims} claims${document.url ? ` · <${document.url}>` : ''}`));
      const title = `${reply.documents.length} ${reply.documents.length === 1 ? 'document' : 'documents'}, ${reply.claims} claims`;
      return { text: title, blocks: fit([header(title)], lines, [footer()], (count) => `${count} more documents.`), ephemeral: false };
    }
    case 'help':
      return {
        text: 'briefbot commands',
        blocks: fit(
          [header('briefbot commands')],
          reply.commands.map((command) => section(`*${escapeSlack(command.usage)}*\n${escapeSlack(command.description)}\n_e.g._ ${command.examples.map((example) => `\`${escapeSlack(example)}\``).join(' ')}`)),
          [context('Mention the bot in a thread to ask there: @briefbot what is the NATO condition')],
          (count) => `${count} more commands.`,
        ),
        ephemeral: false,
      };
    case 'error':
      return { text: `⚠️ ${escapeSlack(reply.message)}`, blocks: [section(`⚠️ ${escapeSlack(reply.message)}`)], ephemeral: true };
  }
}
