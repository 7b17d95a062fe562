import type { AdapterMetrics } from '../../core/metrics.js';
import type { Credentials } from '../../core/private-exchange.js';
import { endpointLimits, type RateLimitPolicy } from '../../core/rate-limiter.js';
import type { RestClient } from '../../core/rest-client.js';
import type { ServerClock } from '../../core/server-clock.js';
import { gateioTradingRestClient } from '../common/trading-rest.js';
import type { WireOpenOrders, WireSpotAccount, WireSpotOrder, WireUserTrade } from './private-wire.js';
import { GATEIO_SPOT_PRIVATE_RATE_LIMITS } from './rate-limits.js';

/** GET /spot/my_trades page size ceiling; the venue serves pages only while limit x (page - 1) <= 1000. */
export const MY_TRADES_PAGE = 1000;
export const MY_TRADES_MAX_PAGES = 2;
/** Open orders per page: GET /spot/orders?status=open at most 100, /spot/open_orders 100 per pair. */
export const OPEN_ORDERS_PAGE = 100;

/** Gate.io API v4 spot private endpoints, signed with HMAC-SHA512. */
export class GateioSpotPrivateRest {
  readonly client: RestClient;
  /** The account's order entry limits, which the websocket API's order channels count against too. */
  readonly limits: RateLimitPolicy = endpointLimits(GATEIO_SPOT_PRIVATE_RATE_LIMITS);

  constructor(venue: string, baseUrl: string, credentials: Credentials, clock: ServerClock, metrics: AdapterMetrics) {
    this.client = gateioTradingRestClient({ venue, baseUrl, credentials, clock, metrics, limits: this.limits });
  }

  placeOrder(body: Record<string, string>): Promise<WireSpotOrder> {
    return this.client.request({ method: 'POST', path: '/spot/orders', body: JSON.stringify(body), signed: true, idempotent: false, scope: body.currency_pair });
  }

  /** `orderId` may be the venue id or our "t-..." text. */
  cancelOrder(orderId: string, currencyPair: string): Promise<WireSpotOrder> {
    return this.client.request({ method: 'DELETE', path: `/spot/orders/${encodeURIComponent(orderId)}`, query: { currency_pair: currencyPair }, signed: true, idempotent: false });
  }

  getOrder(orderId: string, currencyPair: string): Promise<WireSpotOrder> {
    return this.client.request({ method: 'GET', path: `/spot/orders/${encodeURIComponent(orderId)}`, query: { currency_pair: currencyPair }, signed: true });
  }

  /** One page (from 1) of a pair's open orders. */
  openOrders(currencyPair: string, page: number): Promise<WireSpotOrder[]> {
    return this.client.request({ method: 'GET', path: '/spot/orders', query: { currency_pair: currencyPair, status: 'open', page, limit: OPEN_ORDERS_PAGE }, signed: true });
  }

  /** Recently finished orders of a pair (newest first): where a client id is found once its order is done. */
  finishedOrders(currencyPair: string, limit = 100): Promise<WireSpotOrder[]> {
    return this.client.request({ method: 'GET', path: '/spot/orders', query: { currency_pair: currencyPair, status: 'finished', limit }, signed: true });
  }

  /** One page (from 1) of every pair's open orders: the page counts orders per pair, every pair with any is listed. */
  allOpenOrders(page: number): Promise<WireOpenOrders[]> {
    return this.client.request({ method: 'GET', path: '/spot/open_orders', query: { page, limit: OPEN_ORDERS_PAGE }, signed: true });
  }

  accounts(): Promise<WireSpotAccount[]> {
    return this.client.request({ method: 'GET', path: '/spot/accounts', signed: true });
  }

  /** One page (from 1) of a pair's fills in [from, to] (seconds, both given: `from` alone means 7 days from it). */
  myTrades(currencyPair: string, fromSeconds: number, toSeconds: number, page: number): Promise<WireUserTrade[]> {
    return this.client.request({ method: 'GET', path: '/spot/my_trades', query: { currency_pair: currencyPair, from: fromSeconds, to: toSeconds, limit: MY_TRADES_PAGE, page }, signed: true });
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
