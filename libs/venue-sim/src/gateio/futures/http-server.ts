import type { Server } from 'node:http';
import { readBody, send } from '../../common/http.js';
import { createSimHttpServer, rawPathOf, rawQueryOf, type SimRequest } from '../../common/sim-http-server.js';
import { verifySignedRequest } from '../common/private-auth.js';
import type { GateFuturesContext } from './context.js';
import { handleControl } from './control-api.js';
import { handlePrivate, isPrivateRoute } from './private-routes.js';
import { wantsDecimalSizes } from './size-decimal.js';
import { GateRestError, injectedErrorResponse, methodNotAllowed, notFound } from './rest-errors.js';
import { handlePublicGet } from './rest-routes.js';
import type { GateFuturesWsServer } from './ws-server.js';

export const REST_PREFIX = '/api/v4';
const INTERNAL_ERROR = { label: 'INTERNAL', message: 'Internal server error' };

/**
 * Gate's futures REST (public, and private behind the same HMAC-SHA512 signing as spot), the
 * websocket upgrade and /__sim/ on the shared simulator server.
 */
export function createGateFuturesHttpServer(ctx: GateFuturesContext, ws: GateFuturesWsServer): Server {
  const serveRest = async ({ req, res, url, path, method }: SimRequest): Promise<void> => {
    try {
      if (!path.startsWith(`${REST_PREFIX}/`)) throw notFound();
      const rel = path.slice(REST_PREFIX.length);
      const decimal = wantsDecimalSizes(req);
      if (isPrivateRoute(method, rel)) {
        const rawBody = await readBody(req);
        const account = verifySignedRequest(ctx, method, rawPathOf(req), rawQueryOf(req), rawBody, req.headers);
        const out = handlePrivate(ctx, account, method, rel, url.searchParams, rawBody, decimal);
        send(res, out.status, 'application/json', JSON.stringify(out.body), out.headers);
        return;
      }
      if (method !== 'GET') throw methodNotAllowed();
      const body = handlePublicGet(ctx, rel, url.searchParams, decimal);
      send(res, 200, 'application/json', JSON.stringify(body));
    } catch (e) {
      if (e instanceof GateRestError) send(res, e.status, 'application/json', JSON.stringify(e.body()));
      else send(res, 500, 'application/json', JSON.stringify(INTERNAL_ERROR));
    }
  };
  return createSimHttpServer(ctx, ws, {
    control: (method, path, query, body) => handleControl(ctx, ws, method, path, query, body),
    injectedErrorResponse,
    serveRest,
    internalError: { contentType: 'application/json', body: JSON.stringify(INTERNAL_ERROR) },
  });
}
