import type { Server } from 'node:http';
import { send } from '../../common/http.js';
import { createSimHttpServer, type SimRequest } from '../../common/simHttpServer.js';
import { BinanceRestError, injectedErrorResponse, notFound } from '../common/rest-errors.js';
import type { SocketGroup } from '../common/socket-group.js';
import type { BinanceStreamServer } from '../common/stream-server.js';
import type { BinanceSpotContext } from './context.js';
import { handleControl } from './control-api.js';
import { handlePublicGet, publicWeight, REST_PREFIX } from './rest-routes.js';

const JSON_TYPE = 'application/json;charset=UTF-8';

/** The signed half of the REST API: the answer of a signed route, or undefined when the route is not one. */
export type SignedRoutes = (request: SimRequest, route: string) => Promise<{ body: unknown; weight: number; order: boolean } | undefined>;

/** Binance spot's REST API (/api/v3), the stream upgrades and /__sim/ on the shared simulator server. */
export function createBinanceSpotHttpServer(ctx: BinanceSpotContext, sockets: SocketGroup, streams: BinanceStreamServer, signed: SignedRoutes): Server {
  const serveRest = async (request: SimRequest): Promise<void> => {
    const { res, url, path, method } = request;
    try {
      if (!path.startsWith(`${REST_PREFIX}/`)) throw notFound();
      const route = `${method} ${path}`;
      const answered = await signed(request, route);
      if (answered) {
        const headers = ctx.usage.count(answered.weight, answered.order);
        send(res, 200, JSON_TYPE, JSON.stringify(answered.body), headers);
        return;
      }
      if (method !== 'GET') throw notFound();
      const sub = path.slice(REST_PREFIX.length);
      const headers = ctx.usage.count(publicWeight(sub, url.searchParams), false);
      send(res, 200, JSON_TYPE, JSON.stringify(handlePublicGet(ctx, sub, url.searchParams)), headers);
    } catch (e) {
      const err = e instanceof BinanceRestError ? e : new BinanceRestError(500, -1000, 'An unknown error occurred while processing the request.');
      send(res, err.status, JSON_TYPE, JSON.stringify(err.body()), err.headers);
    }
  };

  return createSimHttpServer(ctx, sockets, {
    control: (method, path, query, body) => handleControl(ctx, sockets, streams, method, path, query, body),
    injectedErrorResponse,
    serveRest,
    internalError: { contentType: JSON_TYPE, body: JSON.stringify({ code: -1000, msg: 'An unknown error occurred while processing the request.' }) },
  });
}
