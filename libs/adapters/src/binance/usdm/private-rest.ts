import type { AdapterMetrics } from '../../core/metrics.js';
import type { Credentials } from '../../core/private-exchange.js';
import type { RateLimitPolicy } from '../../core/rate-limiter.js';
import type { ServerClock } from '../../core/server-clock.js';
import { BinanceSignedRest, type Params } from '../common/signed-rest.js';

/** GET /fapi/v1/userTrades: at most 1000 per call and a window of at most 7 days. */
export const USER_TRADES_PAGE = 1000;
export const USER_TRADES_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

export type OrderKey = { orderId: string } | { origClientOrderId: string };

/** Binance USDⓈ-M SIGNED endpoints (orders, account, positions, settings, trade history) and the listenKey. */
export class BinanceUsdmPrivateRest {
  private readonly rest: BinanceSignedRest;

  constructor(
    venue: string,
    baseUrl: string,
    private readonly credentials: Credentials,
    clock: ServerClock,
    metrics: AdapterMetrics,
    rateLimits: RateLimitPolicy,
  ) {
    this.rest = new BinanceSignedRest(venue, baseUrl, credentials, clock, metrics, rateLimits);
  }

  placeOrder(params: Params): Promise<unknown> {
    return this.rest.write('POST', '/fapi/v1/order', { ...params, newOrderRespType: 'RESULT' });
  }

  cancelOrder(symbol: string, key: OrderKey): Promise<unknown> {
    return this.rest.write('DELETE', '/fapi/v1/order', { symbol, ...key });
  }

  getOrder(symbol: string, key: OrderKey): Promise<unknown> {
    return this.rest.get('/fapi/v1/order', { symbol, ...key });
  }

  /** Without a symbol: every open order of the account (weight 40). */
  openOrders(symbol?: string): Promise<unknown> {
    return symbol === undefined ? this.rest.get('/fapi/v1/openOrders', undefined, 40) : this.rest.get('/fapi/v1/openOrders', { symbol }, 1);
  }

  account(): Promise<unknown> {
    return this.rest.get('/fapi/v3/account');
  }

  /** Positions (with leverage and margin type: the v2 answer has them, v3's does not). */
  positions(symbol?: string): Promise<unknown> {
    return this.rest.get('/fapi/v2/positionRisk', symbol === undefined ? undefined : { symbol });
  }

  positionMode(): Promise<unknown> {
    return this.rest.get('/fapi/v1/positionSide/dual');
  }

  leverageBrackets(): Promise<unknown> {
    return this.rest.get('/fapi/v1/leverageBracket');
  }

  setLeverage(symbol: string, leverage: number): Promise<unknown> {
    return this.rest.write('POST', '/fapi/v1/leverage', { symbol, leverage });
  }

  setMarginType(symbol: string, marginType: string): Promise<unknown> {
    return this.rest.write('POST', '/fapi/v1/marginType', { symbol, marginType });
  }

  userTrades(symbol: string, range: { startTime: number; endTime: number } | { fromId: number }): Promise<unknown> {
    return this.rest.get('/fapi/v1/userTrades', { symbol, ...range, limit: USER_TRADES_PAGE });
  }

  /** The user data stream's key (USER_STREAM: the API key, no signature); POST also answers the live key. */
  createListenKey(): Promise<unknown> {
    return this.rest.keyed('POST', '/fapi/v1/listenKey', this.credentials.apiKey);
  }

  keepAliveListenKey(): Promise<unknown> {
    return this.rest.keyed('PUT', '/fapi/v1/listenKey', this.credentials.apiKey);
  }

  deleteListenKey(): Promise<unknown> {
    return this.rest.keyed('DELETE', '/fapi/v1/listenKey', this.credentials.apiKey);
  }

  close(): Promise<void> {
    return this.rest.close();
  }
}
