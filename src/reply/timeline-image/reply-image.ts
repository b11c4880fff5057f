/**
 * The picture that goes with a reply, for the platforms that show images: a /timeline reply with
 * events gets its timeline as a PNG; every other reply gets none.
 */
import type { Reply } from '../reply.js';
import type { Theme } from './spec.js';

export interface ReplyImage {
  /** File name, also the `attachment://` name. */
  name: string;
  png: Buffer;
  /** Alternative text: what the picture shows. */
  description: string;
}

/** Whether the reply has a picture to draw (a timeline with events). */
export function hasPicture(reply: Reply): reply is Extract<Reply, { kind: 'timeline' }> {
  return reply.kind === 'timeline' && reply.result.events.length > 0;
}

/** The reply's picture, or undefined when it has none. */
export async function replyImage(reply: Reply, theme: Theme): Promise<ReplyImage | undefined> {
  if (!hasPicture(reply)) return undefined;
  const { events } = reply.result;
  const description = `Timeline of ${events.length} dated ${events.length === 1 ? 'event' : 'events'}, from ${events[0]!.date} to ${events.at(-1)!.date}`;
  // The chart libraries load with the first picture, not with the adapter.
  const { timelinePng } = await import('./render-png.js');
  return { name: 'timeline.png', png: await timelinePng(events, theme), description };
}
