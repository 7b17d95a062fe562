import type { RateLimitPolicy } from '../../core/rate-limiter.js';
import type { GateioWsApi } from '../common/ws-api.js';
import { SETTLE_PREFIX } from './constants.js';
import type { GateioFuturesPrivateRest } from './private-rest.js';
import type { WireFuturesOrder } from './private-wire.js';

/** The calls that place, cancel and read one futures order: signed REST, or the websocket API. */
export type FuturesOrderCalls = Pick<GateioFuturesPrivateRest, 'placeOrder' | 'cancelOrder' | 'getOrder'>;

/**
 * The websocket API's futures.order_place / order_cancel / order_status, each standing for the
 * REST call of the same body (POST /futures/usdt/orders, DELETE and GET .../orders/{order_id}),
 * counted against that call's rate limits (`limits`, shared with REST). A placement never falls
 * back to REST; a cancel or a read does while the websocket is down.
 */
export function futuresWsOrderCalls(api: GateioWsApi, rest: FuturesOrderCalls, limits: RateLimitPolicy): FuturesOrderCalls {
  const byId = (orderId: string) => JSON.stringify({ order_id: orderId });
  const path = (orderId: string) => `${SETTLE_PREFIX}/orders/${encodeURIComponent(orderId)}`;
  return {
    placeOrder: async (body) => {
      await limits.acquire('POST', `${SETTLE_PREFIX}/orders`);
      return api.request<WireFuturesOrder>('futures.order_place', body);
    },
    cancelOrder: async (orderId) => {
      await limits.acquire('DELETE', path(orderId));
      return api.requestOr('futures.order_cancel', byId(orderId), () => rest.cancelOrder(orderId));
    },
    getOrder: async (orderId) => {
      await limits.acquire('GET', path(orderId));
      return api.requestOr('futures.order_status', byId(orderId), () => rest.getOrder(orderId));
    },
  };
}
