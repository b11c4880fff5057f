/**
 * Input lines for batch mode: one per `\n` (a `\r\n` ending counts as one), so a lone `\r` inside a
 * line stays part of it. readline would also end a line at a lone `\r` and turn one question into
 * two answers, breaking the promise of one JSON object per input line.
 */
import type { Readable } from 'node:stream';

/** The lines of a stream, without their `\n` or `\r\n`; a last line without one is included. */
export async function* inputLines(input: Readable): AsyncGenerator<string> {
  let pending = '';
  input.setEncoding('utf8');
  for await (const chunk of input as AsyncIterable<string>) {
    pending += chunk;
    let end: number;
    while ((end = pending.indexOf('\n')) >= 0) {
      yield pending.slice(0, end).replace(/\r$/, '');
      pending = pending.slice(end + 1);
    }
  }
  if (pending !== '') yield pending.replace(/\r$/, '');
}
