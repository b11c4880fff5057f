/** Renders a reply as plain text for a terminal: each snippet, then `[title, ¶N]`. */
import { followedLines } from './followed-lines.js';
import type { Answer } from '../core/ask.js';
import type { Citation } from '../core/citation.js';
import type { DigestResult } from '../core/digest/build-digest.js';
import { dateLabel, parseIso } from '../core/timeline/calendar.js';
import type { TimelineEvent } from '../core/timeline/timeline.js';
import type { Reply } from './reply.js';

export interface TextStyle {
  /** Bold matched terms with ANSI codes (only for a terminal that shows them). */
  color: boolean;
}

const BOLD = (text: string): string => `\u001b[1m${text}\u001b[22m`;
const DIM = (text: string): string => `\u001b[2m${text}\u001b[22m`;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function highlight(answer: Answer, style: TextStyle): string {
  if (!style.color || answer.terms.length === 0) return answer.text;
  const words = answer.terms.map(escapeRegExp).sort((a, b) => b.length - a.length);
  return answer.text.replace(new RegExp(`(?<![\\p{L}\\p{N}])(${words.join('|')})(?![\\p{L}\\p{N}])`, 'gu'), (word) =>
    BOLD(word),
  );
}

/**
 * A sentence in quotation marks of a kind it does not use itself: `""We will meet," he said."`
 * reads as an empty quote, so a sentence holding straight quotes is wrapped in curly ones.
 */
function quoted(text: string): string {
  return text.includes('"') ? `\u201c${text}\u201d` : `"${text}"`;
}

function citationLine({ citation }: { citation: Citation }): string {
  const { title, paragraph, url, attribution } = citation;
  const parts = [`[${breaksMarked(title)}, ¶${paragraph}]`];
  if (attribution) parts.push(`according to ${breaksMarked(attribution)}`);
  if (url) parts.push(breaksMarked(url));
  return parts.join(' ');
}

/** "20 February 2025", "~2022", "25 January 2011 – 11 February 2011", as the event's precision allows. */
export function eventDateLabel(event: TimelineEvent): string {
  const label = (iso: string): string => {
    const date = parseIso(iso);
    return date ? dateLabel(date, event.approximate) : iso;
  };
  return event.end ? `${label(event.date)} – ${label(event.end)}` : label(event.date);
}

/** "1 claim", "2 claims". */
export const countOf = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;
const counted = (count: number, noun: string): string => countOf(count, `more ${noun}`);

/**
 * What an event's other citations are, after the first, to follow its citation: more sentences of
 * the same report are not more reports (" (+2 more sentences)", " (+1 more report)", " (+3 more
 * sentences from 2 more reports)"); empty when it has one.
 */
export function moreCitationsLabel(event: TimelineEvent): string {
  const sentences = event.citations.length - 1;
  const reports = event.documents - 1;
  if (sentences <= 0) return '';
  if (reports <= 0) return ` (+${counted(sentences, 'sentence')})`;
  if (reports === sentences) return ` (+${counted(reports, 'report')})`;
  return ` (+${counted(sentences, 'sentence')} from ${counted(reports, 'report')})`;
}

function timelineLines(event: TimelineEvent): string {
  const heading = [eventDateLabel(event), event.modality !== 'reported' ? event.modality : '', event.label ?? '']
    .filter(Boolean)
    .join(' · ');
  const more = moreCitationsLabel(event);
  return `${heading}
   ${quoted(event.text)}
   ${citationLine({ citation: event.citations[0]! })}${more}`;
}

function digestText(result: DigestResult, marker: string | undefined): string {
  const heading = `Digest: ${result.note}`;
  const sections = result.sections.map((section) => {
    const items = section.items.map(
      (item, i) => `  ${i + 1}. ${quoted(item.text)}\n     ${citationLine(item)} · ${item.reasons.join(', ')}`,
    );
    return [
      `■ ${breaksMarked(section.title)} (arrived ${section.arrivedAt.slice(0, 16).replace('T', ' ')} UTC)`,
      ...items,
    ].join('\n');
  });
  return [heading, ...sections, ...(marker ? [marker] : [])].join('\n');
}

/**
 * Terminal control characters: C0 controls but tab and newline, DEL, and C1 controls. ESC (and
 * the 8-bit CSI) start the sequences that clear a screen, move the cursor or draw a fake
 * hyperlink; a lone carriage return overwrites a line; the bidirectional overrides and isolates
 * reorder what follows them on the line. Document text must never carry them.
 */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/**
 * Line breaks, in a field shown on one line (a title, a file name): there they would forge lines, so
 * each is shown as U+FFFD (Discord and Slack make it a space: one-line.ts).
 */
const LINE_BREAK = /[\n\u2028\u2029]/g;

const breaksMarked = (text: string): string => text.replace(LINE_BREAK, '\uFFFD');

/** Text safe to write to a terminal: every control character shown as U+FFFD instead of acted on. */
export function withoutControls(text: string): string {
  return text.replace(CONTROL, '\uFFFD');
}

/** The reply with every text in it made safe for a terminal (our own colour codes are added after). */
function terminalSafe<T>(value: T): T {
  if (typeof value === 'string') return withoutControls(value) as T;
  if (Array.isArray(value)) return value.map(terminalSafe) as T;
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, terminalSafe(inner)])) as T;
  return value;
}

/** The reply as lines of text, without a trailing newline; no text from a document or a user can act on the terminal. */
export function renderText(unsafe: Reply, style: TextStyle = { color: false }): string {
  const reply = terminalSafe(unsafe);
  const dim = style.color ? DIM : (text: string) => text;
  switch (reply.kind) {
    case 'answer': {
      const { answers, note, hint } = reply.result;
      if (answers.length === 0) return hint ? `${note}\n${dim(hint)}` : note;
      return answers
        .map((answer, i) => `${i + 1}. ${quoted(highlight(answer, style))}\n   ${dim(citationLine(answer))}`)
        .join('\n');
    }
    case 'timeline': {
      const { events, note } = reply.result;
      return events.length === 0 ? note : [...events.map(timelineLines), note].join('\n');
    }
    case 'digest':
      return digestText(reply.result, reply.marker);
    case 'notice':
      return [breaksMarked(reply.title), ...reply.lines.map((line) => `  ${breaksMarked(line)}`)].join('\n');
    case 'sources': {
      const lines = reply.documents.map((document) => {
        const arrived = document.arrivedAt
          ? `arrived ${document.arrivedAt.slice(0, 16).replace('T', ' ')} UTC`
          : undefined;
        const extra = [document.source, document.published?.slice(0, 10), document.url, arrived]
          .filter(Boolean)
          .join(', ');
        const entry = `- ${document.title} (${document.id}): ${countOf(document.claims, 'claim')}`;
        return breaksMarked(`${entry}${extra ? `, ${extra}` : ''}`);
      });
      const count = reply.documents.length;
      const followed = reply.followed.flatMap((source) => {
        const [head, state] = followedLines(source);
        return [`- ${breaksMarked(head)}`, `    ${breaksMarked(state)}`];
      });
      return [
        `${countOf(count, 'document')}, ${countOf(reply.claims, 'claim')} (version ${reply.version})`,
        ...lines,
        ...(followed.length > 0 ? ['Followed here:', ...followed] : []),
        ...(reply.followedProblem ? [reply.followedProblem] : []),
      ].join('\n');
    }
    case 'help':
      return reply.commands
        .map((command) => `${command.usage}\n    ${command.description}\n    e.g. ${command.examples.join('   ')}`)
        .concat('Type a question without a slash to /ask it.')
        .join('\n');
    case 'error':
      return `Error: ${reply.message}`;
  }
}
