/**
 * Liveness and readiness for load balancers and orchestrators: `GET /healthz` answers 200 while the
 * process runs; `GET /readyz` answers 200 only when the corpus is loaded, the state store answers and
 * the bot is not shutting down (503 with what is missing otherwise), so traffic moves to other
 * replicas before this one stops.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Readiness {
  ready: boolean;
  /** Each check and its state, e.g. { corpus: '3 documents', state: 'ok' }. */
  checks: Record<string, string>;
}

export type ReadinessCheck = () => Promise<Readiness>;

/** Handles /healthz and /readyz; answers false for any other path (left to the caller). */
export function healthRoutes(readiness: ReadinessCheck) {
  const send = (response: ServerResponse, status: number, body: unknown): void => {
    response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    response.end(JSON.stringify(body));
  };
  return [
    {
      path: '/healthz',
      method: ['GET', 'HEAD'],
      handler: (_request: IncomingMessage, response: ServerResponse) => send(response, 200, { ok: true }),
    },
    {
      path: '/readyz',
      method: ['GET', 'HEAD'],
      handler: (_request: IncomingMessage, response: ServerResponse) => {
        readiness().then(
          (state) => send(response, state.ready ? 200 : 503, state),
          (error: unknown) => send(response, 503, { ready: false, checks: { error: String(error) } }),
        );
      },
    },
  ];
}

/** A server of its own for the two routes, when no Slack HTTP receiver serves them. */
export async function startHealthServer(port: number, readiness: ReadinessCheck, host?: string): Promise<Server> {
  const routes = healthRoutes(readiness);
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const route = routes.find(
      (candidate) => candidate.path === path && candidate.method.includes(request.method ?? ''),
    );
    if (route) return route.handler(request, response);
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}

/** The port a server listens on. */
export const portOf = (server: Server): number => (server.address() as AddressInfo).port;
