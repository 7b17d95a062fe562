import type { GateioWsApi } from '../common/ws-api.js';
import type { GateioFuturesPrivateRest } from './private-rest.js';
import type { WireFuturesOrder } from './private-wire.js';

/** The calls that place, cancel and read one futures order: signed REST, or the websocket API. */
export type FuturesOrderCalls = Pick<GateioFuturesPrivateRest, 'placeOrder' | 'cancelOrder' | 'getOrder'>;

/**
 * The websocket API's futures.order_place / order_cancel / order_status, each standing for the
 * REST call of the same body (POST /futures/usdt/orders, DELETE and GET .../orders/{order_id}).
 * A placement never falls back to REST; a cancel or a read does while the websocket is down.
 */
export function futuresWsOrderCalls(api: GateioWsApi, rest: FuturesOrderCalls): FuturesOrderCalls {
  const byId = (orderId: string) => JSON.stringify({ order_id: orderId });
  return {
    placeOrder: (body) => api.request<WireFuturesOrder>('futures.order_place', body),
    cancelOrder: (orderId) => api.requestOr('futures.order_cancel', byId(orderId), () => rest.cancelOrder(orderId)),
    getOrder: (orderId) => api.requestOr('futures.order_status', byId(orderId), () => rest.getOrder(orderId)),
  };
}
