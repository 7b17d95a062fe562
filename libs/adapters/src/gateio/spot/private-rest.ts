import type { AdapterMetrics } from '../../core/metrics.js';
import type { Credentials } from '../../core/private-exchange.js';
import { endpointLimits } from '../../core/rate-limiter.js';
import { tradingRestClient, type RestClient } from '../../core/rest-client.js';
import type { ServerClock } from '../../core/server-clock.js';
import { gateioRestAuth } from '../common/auth.js';
import { gateioErrorClassifier } from '../common/errors.js';
import type { WireSpotAccount, WireSpotOrder, WireUserTrade } from './private-wire.js';
import { GATEIO_SPOT_PRIVATE_RATE_LIMITS } from './rate-limits.js';

/** GET /spot/my_trades page size ceiling. */
export const MY_TRADES_PAGE = 1000;

/** Gate.io API v4 spot private endpoints, signed with HMAC-SHA512. */
export class GateioSpotPrivateRest {
  readonly client: RestClient;

  constructor(venue: string, baseUrl: string, credentials: Credentials, clock: ServerClock, metrics: AdapterMetrics) {
    this.client = tradingRestClient({ venue, baseUrl, metrics, classifier: gateioErrorClassifier(venue), rateLimits: endpointLimits(GATEIO_SPOT_PRIVATE_RATE_LIMITS), auth: gateioRestAuth(credentials, clock) });
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

  openOrders(currencyPair: string): Promise<WireSpotOrder[]> {
    return this.client.request({ method: 'GET', path: '/spot/orders', query: { currency_pair: currencyPair, status: 'open' }, signed: true });
  }

  /** Recently finished orders of a pair (newest first): where a client id is found once its order is done. */
  finishedOrders(currencyPair: string, limit = 100): Promise<WireSpotOrder[]> {
    return this.client.request({ method: 'GET', path: '/spot/orders', query: { currency_pair: currencyPair, status: 'finished', limit }, signed: true });
  }

  allOpenOrders(): Promise<Array<{ currency_pair: string; orders: WireSpotOrder[] }>> {
    return this.client.request({ method: 'GET', path: '/spot/open_orders', signed: true });
  }

  accounts(): Promise<WireSpotAccount[]> {
    return this.client.request({ method: 'GET', path: '/spot/accounts', signed: true });
  }

  myTrades(currencyPair: string, fromSeconds: number, page: number, limit = MY_TRADES_PAGE): Promise<WireUserTrade[]> {
    return this.client.request({ method: 'GET', path: '/spot/my_trades', query: { currency_pair: currencyPair, from: fromSeconds, limit, page }, signed: true });
  }


  close(): Promise<void> {
    return this.client.close();
  }
}
