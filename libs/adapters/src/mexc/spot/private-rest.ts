import type { AdapterMetrics } from '../../core/metrics.js';
import type { RateLimitPolicy } from '../../core/rate-limiter.js';
import type { Credentials } from '../../core/private-exchange.js';
import { tradingRestClient, type QueryValue, type RestClient } from '../../core/rest-client.js';
import type { ServerClock } from '../../core/server-clock.js';
import { mexcAuth } from './auth.js';
import { mexcErrorClassifier } from './errors.js';
import type { WireAccount, WireMyTrade, WireNewOrder, WireOrder } from './private-wire.js';

/** GET /api/v3/myTrades answers at most 100 fills per call (docs/venues/mexc-spot-wire.md). */
export const MY_TRADES_PAGE = 100;

/** MEXC spot v3 SIGNED endpoints (orders, account, trade history, user data stream). */
export class MexcSpotPrivateRest {
  readonly client: RestClient;

  constructor(venue: string, baseUrl: string, credentials: Credentials, clock: ServerClock, metrics: AdapterMetrics, rateLimits: RateLimitPolicy) {
    this.client = tradingRestClient({
      venue,
      baseUrl,
      metrics,
      classifier: mexcErrorClassifier(venue),
      rateLimits,
      auth: mexcAuth(credentials, clock),
    });
  }

  placeOrder(params: Record<string, QueryValue>): Promise<WireNewOrder> {
    return this.client.request({ method: 'POST', path: '/api/v3/order', query: params, signed: true, idempotent: false });
  }

  cancelOrder(symbol: string, ref: { orderId?: string; origClientOrderId?: string }): Promise<WireOrder> {
    return this.client.request({ method: 'DELETE', path: '/api/v3/order', query: { symbol, ...ref }, signed: true, idempotent: false });
  }

  getOrder(symbol: string, ref: { orderId?: string; origClientOrderId?: string }): Promise<WireOrder> {
    return this.client.request({ method: 'GET', path: '/api/v3/order', query: { symbol, ...ref }, signed: true });
  }

  openOrders(symbol: string): Promise<WireOrder[]> {
    return this.client.request({ method: 'GET', path: '/api/v3/openOrders', query: { symbol }, signed: true });
  }

  account(): Promise<WireAccount> {
    return this.client.request({ method: 'GET', path: '/api/v3/account', signed: true });
  }

  /** At most MY_TRADES_PAGE fills of [startTime, endTime] (which ones, when more match, is not documented). */
  myTrades(symbol: string, startTime: number, endTime: number): Promise<WireMyTrade[]> {
    return this.client.request({ method: 'GET', path: '/api/v3/myTrades', query: { symbol, startTime, endTime, limit: MY_TRADES_PAGE }, signed: true });
  }

  createListenKey(): Promise<{ listenKey: string }> {
    return this.client.request({ method: 'POST', path: '/api/v3/userDataStream', signed: true, idempotent: false });
  }

  keepAliveListenKey(listenKey: string): Promise<unknown> {
    return this.client.request({ method: 'PUT', path: '/api/v3/userDataStream', query: { listenKey }, signed: true });
  }

  deleteListenKey(listenKey: string): Promise<unknown> {
    return this.client.request({ method: 'DELETE', path: '/api/v3/userDataStream', query: { listenKey }, signed: true });
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
