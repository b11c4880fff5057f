/**
 * Text from a document or a user is always set inside a line the renderer writes (a quote, a
 * citation, a bullet, a heading). A line break in it (a title written over several lines in front
 * matter or a feed) would start a line of its own under the bot's name: a quote, or a citation the
 * bot never gave. Each run of breaks becomes one space. A bidirectional override or isolate would
 * reorder the rest of the line, the bot's citation with it: it is shown as U+FFFD, as in the console.
 */
const LINE_BREAKS = /[\n\r\v\f\u0085\u2028\u2029]+/g;
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

/** The text on one line, in the order it is written. */
export function oneLine(text: string): string {
  return text.replace(LINE_BREAKS, ' ').replace(BIDI_CONTROLS, '\uFFFD');
}
