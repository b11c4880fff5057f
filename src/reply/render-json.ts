/**
 * Renders a reply as the JSON object the CLI prints (one per question). The shapes are a
 * documented contract (README): /ask gives { query, answers: [{ text, score, terms, citation }], note }, and
 * `hint` when nothing answers;
 * an error from any command gives { command, input, error, code }.
 */
import type { Reply } from './reply.js';

/** The JSON value for a reply; errors have one shape whatever the command. */
export function renderJson(reply: Reply): unknown {
  switch (reply.kind) {
    case 'answer':
      return {
        query: reply.result.query,
        answers: reply.result.answers.map(({ text, score, terms, kind, citation }) => ({
          text,
          score,
          terms,
          kind,
          citation,
        })),
        note: reply.result.note,
        ...(reply.result.hint ? { hint: reply.result.hint } : {}),
      };
    case 'timeline':
      return { events: reply.result.events, note: reply.result.note, matched: reply.result.matched };
    case 'digest':
      return { ...reply.result, ...(reply.marker ? { marker: reply.marker } : {}) };
    case 'notice':
      return { notice: reply.title, lines: reply.lines };
    case 'sources':
      return {
        documents: reply.documents,
        claims: reply.claims,
        version: reply.version,
        followed: reply.followed,
        ...(reply.followedProblem ? { followedProblem: reply.followedProblem } : {}),
      };
    case 'help':
      return { commands: reply.commands };
    case 'error':
      return { command: reply.command, input: reply.input ?? null, error: reply.message, code: reply.code };
  }
}

/**
 * One JSON line for stdout. JSON.stringify leaves DEL and the C1 controls (U+007F-U+009F) raw, and
 * some terminals act on U+009B as a control sequence: written as \u escapes instead (same value).
 */
export function jsonLine(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\u009f\u2028\u2029]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
