import type { Server } from 'node:http';
import { readBody, send } from '../../common/http.js';
import { createSimHttpServer, rawQueryOf, type SimRequest } from '../../common/sim-http-server.js';
import type { MexcSpotContext } from './context.js';
import { handleControl } from './control-api.js';
import { injectedErrorResponse, methodNotAllowed, MexcRestError } from './rest-errors.js';
import { handlePublicGet } from './rest-routes.js';
import { verifySignedRequest } from './private-auth.js';
import { handleSignedRequest, SIGNED_PATHS } from './private-routes.js';
import type { MexcWsServer } from './ws-server.js';

const JSON_TYPE = 'application/json;charset=UTF-8';

/** MEXC's REST v3 API, websocket upgrade and /__sim/ on the shared simulator server. */
export function createMexcSpotHttpServer(ctx: MexcSpotContext, ws: MexcWsServer): Server {
  const serveRest = async ({ req, res, url, path, method }: SimRequest): Promise<void> => {
    const route = `${method} ${path}`;
    try {
      if (SIGNED_PATHS.has(route)) {
        const rawBody = method === 'GET' ? '' : await readBody(req);
        const signed = verifySignedRequest(ctx, req.headers, rawQueryOf(req), rawBody);
        send(res, 200, JSON_TYPE, JSON.stringify(handleSignedRequest(ctx, route, signed)));
        return;
      }
      if (method !== 'GET') throw methodNotAllowed();
      send(res, 200, JSON_TYPE, JSON.stringify(handlePublicGet(ctx, path, url.searchParams)));
    } catch (e) {
      const err = e instanceof MexcRestError ? e : new MexcRestError(500, 500, 'Internal error');
      send(res, err.status, JSON_TYPE, JSON.stringify(err.body()));
    }
  };

  return createSimHttpServer(ctx, ws, {
    control: (method, path, query, body) => handleControl(ctx, ws, method, path, query, body),
    injectedErrorResponse,
    serveRest,
    internalError: { contentType: JSON_TYPE, body: JSON.stringify({ code: 500, msg: 'Internal error' }) },
  });
}
