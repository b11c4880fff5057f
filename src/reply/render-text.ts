/** Renders a reply as plain text for a terminal: each snippet, then `[title, ¶N]`. */
import type { Answer } from '../core/ask.js';
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
  return answer.text.replace(new RegExp(`(?<![\\p{L}\\p{N}])(${words.join('|')})(?![\\p{L}\\p{N}])`, 'gu'), (word) => BOLD(word));
}

function citationLine(answer: Answer): string {
  const { title, paragraph, url, attribution } = answer.citation;
  const parts = [`[${title}, ¶${paragraph}]`];
  if (attribution) parts.push(`according to ${attribution}`);
  if (url) parts.push(url);
  return parts.join(' ');
}

/** The reply as lines of text, without a trailing newline. */
export function renderText(reply: Reply, style: TextStyle = { color: false }): string {
  const dim = style.color ? DIM : (text: string) => text;
  switch (reply.kind) {
    case 'answer': {
      const { answers, note } = reply.result;
      if (answers.length === 0) return note;
      return answers.map((answer, i) => `${i + 1}. "${highlight(answer, style)}"\n   ${dim(citationLine(answer))}`).join('\n');
    }
    case 'sources': {
      const lines = reply.documents.map((document) => {
        const extra = [document.source, document.published?.slice(0, 10), document.url].filter(Boolean).join(', ');
        return `- ${document.title} (${document.id}): ${document.claims} claims${extra ? `, ${extra}` : ''}`;
      });
      const count = reply.documents.length;
      return [`${count} ${count === 1 ? 'document' : 'documents'}, ${reply.claims} claims (version ${reply.version})`, ...lines].join('\n');
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
