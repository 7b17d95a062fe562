import type { Server } from 'node:http';
import type { ControlResponse } from '../../common/control-response.js';
import { send } from '../../common/http.js';
import type { SimVenueCore } from '../../common/sim-venue.js';
import { createSimHttpServer, type SimRequest } from '../../common/sim-http-server.js';
import type { RequestCounters } from './request-weight.js';
import { BinanceRestError, injectedErrorResponse, notFound } from './rest-errors.js';
import type { SocketGroup } from './socket-group.js';

const JSON_TYPE = 'application/json;charset=UTF-8';

/** The signed half of a REST API: the answer of a signed route, or undefined when the route is not one. */
export type SignedRoutes = (request: SimRequest, route: string) => Promise<{ body: unknown; weight: number; order: boolean } | undefined>;

/** One Binance market's REST API as the shared server needs it. */
export interface BinanceRestApi {
  /** "/api/v3" (spot), "/fapi" (USDⓈ-M: v1, v2 and v3 below it). */
  readonly prefix: string;
  /** A public GET by its full path; throws BinanceRestError. */
  readonly publicGet: (path: string, query: URLSearchParams) => unknown;
  readonly publicWeight: (path: string, query: URLSearchParams) => number;
  readonly signed: SignedRoutes;
  readonly control: (method: string, path: string, query: URLSearchParams, body: unknown) => ControlResponse;
}

/**
 * A Binance market's REST API, its websocket upgrades and /__sim/ on the shared simulator server:
 * every answer carries the request-weight and order counts (X-MBX-*), errors are {code, msg}.
 */
export function createBinanceHttpServer(core: SimVenueCore & { usage: RequestCounters }, sockets: SocketGroup, api: BinanceRestApi): Server {
  const serveRest = async (request: SimRequest): Promise<void> => {
    const { res, url, path, method } = request;
    try {
      if (!path.startsWith(`${api.prefix}/`)) throw notFound();
      const answered = await api.signed(request, `${method} ${path}`);
      if (answered) {
        send(res, 200, JSON_TYPE, JSON.stringify(answered.body), core.usage.count(answered.weight, answered.order));
        return;
      }
      if (method !== 'GET') throw notFound();
      const headers = core.usage.count(api.publicWeight(path, url.searchParams), false);
      send(res, 200, JSON_TYPE, JSON.stringify(api.publicGet(path, url.searchParams)), headers);
    } catch (e) {
      const err = e instanceof BinanceRestError ? e : new BinanceRestError(500, -1000, 'An unknown error occurred while processing the request.');
      send(res, err.status, JSON_TYPE, JSON.stringify(err.body()), err.headers);
    }
  };

  return createSimHttpServer(core, sockets, {
    control: api.control,
    injectedErrorResponse,
    serveRest,
    internalError: { contentType: JSON_TYPE, body: JSON.stringify({ code: -1000, msg: 'An unknown error occurred while processing the request.' }) },
  });
}
