/**
 * Bolt's HTTP receiver refuses a signed request older than 5 minutes but accepts one stamped in the
 * future, so a request captured with a future timestamp could be replayed for as long as that lasts.
 * This guard refuses (401) a request stamped more than MAX_SKEW_S ahead, before Bolt reads it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HTTPReceiver } from '@slack/bolt';
import type { Logger } from '../../logger.js';

/** Clock difference tolerated between Slack and this host, as Bolt tolerates for the past. */
export const MAX_SKEW_S = 5 * 60;

/** Wraps the receiver's request listener so that requests from the future are refused. */
export function refuseFutureRequests(receiver: HTTPReceiver, log: Logger, clock: () => number = Date.now): void {
  const listener = receiver.requestListener;
  receiver.requestListener = (request: IncomingMessage, response: ServerResponse) => {
    const stamp = Number(request.headers['x-slack-request-timestamp']);
    if (Number.isFinite(stamp) && stamp > clock() / 1000 + MAX_SKEW_S) {
      log.warn(
        { timestamp: stamp, aheadSeconds: Math.round(stamp - clock() / 1000) },
        'refused a Slack request stamped in the future',
      );
      response.writeHead(401).end();
      return;
    }
    return listener(request, response);
  };
}
