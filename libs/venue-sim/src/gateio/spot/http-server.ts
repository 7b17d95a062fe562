import type { Server } from 'node:http';
import { readBody, send } from '../../common/http.js';
import { createSimHttpServer, rawPathOf, rawQueryOf, type SimRequest } from '../../common/sim-http-server.js';
import type { GateSpotContext } from './context.js';
import { handleControl } from './control-api.js';
import { GateRestError, injectedErrorResponse, methodNotAllowed, notFound } from '../common/rest-errors.js';
import { handlePublicGet } from './rest-routes.js';
import { verifySignedRequest } from '../common/private-auth.js';
import { handlePrivate, isPrivateRoute } from './private-routes.js';
import type { GateSpotWsServer } from './ws-server.js';

export const REST_PREFIX = '/api/v4';
const RATE_LIMIT = 200;
const RATE_WINDOW_MS = 10_000;
const INTERNAL_ERROR = { label: 'INTERNAL', message: 'Internal server error' };

/** Per-endpoint request counting for the X-Gate-RateLimit-* headers (200 r / 10 s at the venue). */
class RateCounter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  hit(endpoint: string, now: number): { remain: number; reset: number } {
    let w = this.windows.get(endpoint);
    if (!w || now - w.start >= RATE_WINDOW_MS) this.windows.set(endpoint, (w = { start: now, count: 0 }));
    w.count += 1;
    const remain = Math.max(0, RATE_LIMIT - w.count);
    return { remain, reset: Math.floor((remain === 0 ? w.start + RATE_WINDOW_MS : now) / 1000) };
  }
}

/** Gate's REST v4 API, websocket upgrade and /__sim/ on the shared simulator server. */
export function createGateSpotHttpServer(ctx: GateSpotContext, ws: GateSpotWsServer): Server {
  const rate = new RateCounter();

  const serveRest = async ({ req, res, url, path, method }: SimRequest): Promise<void> => {
    const now = ctx.now();
    const limit = rate.hit(path, now);
    const headers = {
      'X-Gate-RateLimit-Requests-Remain': String(limit.remain),
      'X-Gate-RateLimit-Limit': String(RATE_LIMIT),
      'X-Gate-RateLimit-Reset-Timestamp': String(limit.reset),
    };
    try {
      if (!path.startsWith(`${REST_PREFIX}/`)) throw notFound();
      const rel = path.slice(REST_PREFIX.length);
      if (isPrivateRoute(method, rel)) {
        const rawBody = await readBody(req);
        const account = verifySignedRequest(ctx, method, rawPathOf(req), rawQueryOf(req), rawBody, req.headers);
        const out = handlePrivate(ctx, account, method, rel, url.searchParams, rawBody);
        send(res, out.status, 'application/json', JSON.stringify(out.body), headers);
        return;
      }
      if (method !== 'GET') throw methodNotAllowed();
      const body = handlePublicGet(ctx, path.slice(REST_PREFIX.length), url.searchParams);
      send(res, 200, 'application/json', JSON.stringify(body), headers);
    } catch (e) {
      if (e instanceof GateRestError) {
        send(res, e.status, 'application/json', JSON.stringify(e.body()), headers);
      } else {
        send(res, 500, 'application/json', JSON.stringify(INTERNAL_ERROR), headers);
      }
    }
  };

  return createSimHttpServer(ctx, ws, {
    control: (method, path, query, body) => handleControl(ctx, ws, method, path, query, body),
    injectedErrorResponse,
    serveRest,
    internalError: { contentType: 'application/json', body: JSON.stringify(INTERNAL_ERROR) },
  });
}
