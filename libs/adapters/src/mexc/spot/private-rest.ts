import { GatewayError } from '../../core/errors.js';
import type { AdapterMetrics } from '../../core/metrics.js';
import type { RateLimitPolicy } from '../../core/rate-limiter.js';
import type { Credentials } from '../../core/private-exchange.js';
import { tradingRestClient, type QueryValue, type RestClient, type RestRequest } from '../../core/rest-client.js';
import type { ServerClock } from '../../core/server-clock.js';
import { mexcAuth } from './auth.js';
import { mexcErrorClassifier } from './errors.js';
import type { WireAccount, WireMyTrade, WireNewOrder, WireOrder } from './private-wire.js';

/** GET /api/v3/myTrades answers at most 100 fills per call (docs/venues/mexc-spot-wire.md). */
export const MY_TRADES_PAGE = 100;

/** MEXC's "Timestamp for this request is outside of the recvWindow". */
const TIMESTAMP_OUTSIDE_RECV_WINDOW = '700003';

/** MEXC spot v3 SIGNED endpoints (orders, account, trade history, user data stream). */
export class MexcSpotPrivateRest {
  readonly client: RestClient;
  private resync: Promise<unknown> | undefined;

  constructor(
    venue: string,
    baseUrl: string,
    credentials: Credentials,
    private readonly clock: ServerClock,
    metrics: AdapterMetrics,
    rateLimits: RateLimitPolicy,
  ) {
    this.client = tradingRestClient({
      venue,
      baseUrl,
      metrics,
      classifier: mexcErrorClassifier(venue),
      rateLimits,
      auth: mexcAuth(credentials, clock),
    });
  }

  /**
   * A signed request. MEXC refuses a timestamp more than 1 s ahead of its clock (or older than
   * recvWindow) before it looks at the request, so after 700003 the clock is measured again and
   * the request sent once more: nothing was placed the first time. (The offset measured at start
   * goes stale when the venue's clock moves; the periodic sync alone would leave a minute of
   * refused orders.)
   */
  private async signed<T>(request: Omit<RestRequest, 'signed'>): Promise<T> {
    try {
      return await this.client.request<T>({ ...request, signed: true });
    } catch (error) {
      if (!(error instanceof GatewayError) || error.venueCode !== TIMESTAMP_OUTSIDE_RECV_WINDOW) throw error;
      this.resync ??= this.clock.sync().finally(() => (this.resync = undefined));
      await this.resync;
      return this.client.request<T>({ ...request, signed: true });
    }
  }

  placeOrder(params: Record<string, QueryValue>): Promise<WireNewOrder> {
    return this.signed({ method: 'POST', path: '/api/v3/order', query: params, idempotent: false });
  }

  cancelOrder(symbol: string, ref: { orderId?: string; origClientOrderId?: string }): Promise<WireOrder> {
    return this.signed({ method: 'DELETE', path: '/api/v3/order', query: { symbol, ...ref }, idempotent: false });
  }

  getOrder(symbol: string, ref: { orderId?: string; origClientOrderId?: string }): Promise<WireOrder> {
    return this.signed({ method: 'GET', path: '/api/v3/order', query: { symbol, ...ref } });
  }

  openOrders(symbol: string): Promise<WireOrder[]> {
    return this.signed({ method: 'GET', path: '/api/v3/openOrders', query: { symbol } });
  }

  account(): Promise<WireAccount> {
    return this.signed({ method: 'GET', path: '/api/v3/account' });
  }

  /** At most MY_TRADES_PAGE fills of [startTime, endTime] (which ones, when more match, is not documented). */
  myTrades(symbol: string, startTime: number, endTime: number): Promise<WireMyTrade[]> {
    return this.signed({ method: 'GET', path: '/api/v3/myTrades', query: { symbol, startTime, endTime, limit: MY_TRADES_PAGE } });
  }

  createListenKey(): Promise<{ listenKey: string }> {
    return this.signed({ method: 'POST', path: '/api/v3/userDataStream', idempotent: false });
  }

  keepAliveListenKey(listenKey: string): Promise<unknown> {
    return this.signed({ method: 'PUT', path: '/api/v3/userDataStream', query: { listenKey } });
  }

  deleteListenKey(listenKey: string): Promise<unknown> {
    return this.signed({ method: 'DELETE', path: '/api/v3/userDataStream', query: { listenKey } });
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
