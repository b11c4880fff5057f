/**
 * Renders a reply as the JSON object the CLI prints (one per question). The /ask shape is a
 * documented contract (README): { query, answers: [{ text, score, terms, citation }], note, error? }.
 */
import type { Reply } from './reply.js';

/** The JSON value for a reply; an /ask error keeps the /ask shape with zero answers. */
export function renderJson(reply: Reply): unknown {
  switch (reply.kind) {
    case 'answer':
      return {
        query: reply.result.query,
        answers: reply.result.answers.map(({ text, score, terms, kind, citation }) => ({ text, score, terms, kind, citation })),
        note: reply.result.note,
      };
    case 'timeline':
      return { events: reply.result.events, note: reply.result.note, matched: reply.result.matched };
    case 'digest':
      return { ...reply.result, ...(reply.marker ? { marker: reply.marker } : {}) };
    case 'notice':
      return { notice: reply.title, lines: reply.lines };
    case 'sources':
      return { documents: reply.documents, claims: reply.claims, version: reply.version };
    case 'help':
      return { commands: reply.commands };
    case 'error':
      return { query: reply.input ?? null, answers: [], note: reply.message, error: reply.message, code: reply.code };
  }
}
