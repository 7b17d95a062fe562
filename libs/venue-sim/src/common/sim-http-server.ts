import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ControlResponse } from './control-response.js';
import type { FaultState } from './faults.js';
import { delay, readJsonBody, send } from './http.js';
import type { SimCounters } from './ws-connection.js';

/** A request already parsed far enough for routing. */
export interface SimRequest {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  path: string;
  method: string;
}

/** How one venue plugs its REST API and control API into the shared server. */
export interface SimHttpServerParts {
  /** The venue's /__sim/ control API, given the request's JSON body. */
  control(method: string, path: string, query: URLSearchParams, body: unknown): ControlResponse;
  /** The response of an injected HTTP error, in the venue's (or its edge proxy's) format. */
  injectedErrorResponse(status: number): { contentType: string; body: string; headers?: Record<string, string> };
  /** Serves one REST request that passed the injected faults. */
  serveRest(request: SimRequest): Promise<void>;
  /** What the venue answers when serving a request throws unexpectedly. */
  internalError: { contentType: string; body: string };
}

/** The venue's websocket endpoint; false = not a websocket path (the socket is dropped). */
export interface UpgradeHandler {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
}

/**
 * One node:http server carrying a venue's REST API, its websocket upgrade and /__sim/. Control
 * requests bypass the injected faults and the request counter, so a test can always reach them.
 */
export function createSimHttpServer(env: { faults: FaultState; counters: SimCounters }, ws: UpgradeHandler, parts: SimHttpServerParts): Server {
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://sim.local');
    const path = url.pathname;
    const method = req.method ?? 'GET';

    if (path.startsWith('/__sim/')) {
      const parsed = await readJsonBody(req);
      if ('error' in parsed) {
        send(res, 400, 'application/json', JSON.stringify({ error: parsed.error }));
        return;
      }
      const out = parts.control(method, path, url.searchParams, parsed.body);
      send(res, out.status, 'application/json', JSON.stringify(out.body));
      return;
    }

    env.counters.restRequests += 1;
    if (env.faults.latencyMs > 0) await delay(env.faults.latencyMs);
    const injected = env.faults.takeHttpError();
    if (injected !== undefined) {
      const r = parts.injectedErrorResponse(injected);
      send(res, injected, r.contentType, r.body, r.headers);
      return;
    }
    await parts.serveRest({ req, res, url, path, method });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, parts.internalError.contentType, parts.internalError.body));
  });
  server.on('upgrade', (req, socket, head) => {
    if (!ws.handleUpgrade(req, socket, head)) socket.destroy();
  });
  return server;
}

/** The query string of a request exactly as sent (signatures cover the raw text, not a re-encoding). */
export function rawQueryOf(req: IncomingMessage): string {
  const rawUrl = req.url ?? '';
  const q = rawUrl.indexOf('?');
  return q < 0 ? '' : rawUrl.slice(q + 1);
}

/** The path of a request exactly as sent, without its query string. */
export function rawPathOf(req: IncomingMessage): string {
  const rawUrl = req.url ?? '';
  const q = rawUrl.indexOf('?');
  return q < 0 ? rawUrl : rawUrl.slice(0, q);
}
