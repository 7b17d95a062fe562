import type { AdapterMetrics } from '../../core/metrics.js';
import type { Credentials } from '../../core/private-exchange.js';
import type { RateLimitPolicy } from '../../core/rate-limiter.js';
import type { ServerClock } from '../../core/server-clock.js';
import { BinanceSignedRest, type Params } from '../common/signed-rest.js';

/** GET /api/v3/myTrades: at most 1000 per call, and a time window of at most 24 hours. */
export const MY_TRADES_PAGE = 1000;
export const MY_TRADES_WINDOW_MS = 24 * 60 * 60 * 1000;

/** An order named by the venue's id or by ours. */
export type OrderKey = { orderId: string } | { origClientOrderId: string };

/** Binance spot SIGNED endpoints (orders, account, trade history). */
export class BinanceSpotPrivateRest {
  private readonly rest: BinanceSignedRest;

  constructor(venue: string, baseUrl: string, credentials: Credentials, clock: ServerClock, metrics: AdapterMetrics, rateLimits: RateLimitPolicy) {
    this.rest = new BinanceSignedRest(venue, baseUrl, credentials, clock, metrics, rateLimits);
  }

  placeOrder(params: Params): Promise<unknown> {
    return this.rest.write('POST', '/api/v3/order', { ...params, newOrderRespType: 'RESULT' });
  }

  cancelOrder(symbol: string, key: OrderKey): Promise<unknown> {
    return this.rest.write('DELETE', '/api/v3/order', { symbol, ...key });
  }

  getOrder(symbol: string, key: OrderKey): Promise<unknown> {
    return this.rest.get('/api/v3/order', { symbol, ...key });
  }

  /** Without a symbol: every open order of the account (weight 80). */
  openOrders(symbol?: string): Promise<unknown> {
    return this.rest.get('/api/v3/openOrders', symbol === undefined ? undefined : { symbol });
  }

  account(): Promise<unknown> {
    return this.rest.get('/api/v3/account', { omitZeroBalances: true });
  }

  /** Fills of one symbol in [startTime, endTime] (24 h at most), or from a trade id on. */
  myTrades(symbol: string, range: { startTime: number; endTime: number } | { fromId: number }): Promise<unknown> {
    return this.rest.get('/api/v3/myTrades', { symbol, ...range, limit: MY_TRADES_PAGE });
  }

  close(): Promise<void> {
    return this.rest.close();
  }
}
