import type { RateLimitPolicy } from '../../core/rate-limiter.js';
import type { GateioWsApi } from '../common/ws-api.js';
import type { GateioSpotPrivateRest } from './private-rest.js';
import type { WireSpotOrder } from './private-wire.js';

/** The calls that place, cancel and read one spot order: signed REST, or the websocket API. */
export type SpotOrderCalls = Pick<GateioSpotPrivateRest, 'placeOrder' | 'cancelOrder' | 'getOrder'>;

/**
 * The websocket API's spot.order_place / order_cancel / order_status, each standing for the REST
 * call of the same body (POST /spot/orders, DELETE and GET /spot/orders/{order_id}) and counted
 * against that call's rate limits (`limits`, shared with REST: Gate limits order entry per
 * account, whatever carries it). A placement never falls back to REST; a cancel or a read does
 * while the websocket is down.
 */
export function spotWsOrderCalls(api: GateioWsApi, rest: SpotOrderCalls, limits: RateLimitPolicy): SpotOrderCalls {
  const byId = (orderId: string, currencyPair: string) => JSON.stringify({ order_id: orderId, currency_pair: currencyPair });
  const path = (orderId: string) => `/spot/orders/${encodeURIComponent(orderId)}`;
  return {
    placeOrder: async (body) => {
      await limits.acquire('POST', '/spot/orders', body.currency_pair);
      return api.request<WireSpotOrder>('spot.order_place', JSON.stringify(body));
    },
    cancelOrder: async (orderId, pair) => {
      await limits.acquire('DELETE', path(orderId));
      return api.requestOr('spot.order_cancel', byId(orderId, pair), () => rest.cancelOrder(orderId, pair));
    },
    getOrder: async (orderId, pair) => {
      await limits.acquire('GET', path(orderId));
      return api.requestOr('spot.order_status', byId(orderId, pair), () => rest.getOrder(orderId, pair));
    },
  };
}
