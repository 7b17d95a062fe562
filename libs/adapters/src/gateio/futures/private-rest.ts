import { parseJsonExact } from '../../core/exact-json.js';
import type { AdapterMetrics } from '../../core/metrics.js';
import type { Credentials } from '../../core/private-exchange.js';
import { endpointLimits, type RateLimitPolicy } from '../../core/rate-limiter.js';
import type { RestClient, RestRequest } from '../../core/rest-client.js';
import type { ServerClock } from '../../core/server-clock.js';
import { gateioTradingRestClient } from '../common/trading-rest.js';
import { SETTLE_PREFIX, SIZE_DECIMAL_HEADER } from './constants.js';
import type { WireAccountDetail, WireFuturesAccount, WireFuturesOrder, WireFuturesPosition, WireFuturesTradeHistoryItem } from './private-wire.js';
import { GATEIO_FUTURES_PRIVATE_RATE_LIMITS } from './rate-limits.js';

/** GET /my_trades_timerange page size ceiling. */
export const MY_TRADES_PAGE = 1000;
/** GET /orders page size (limit/offset paging). */
export const ORDERS_PAGE = 100;

/**
 * Gate.io API v4 USDT futures private endpoints, signed with HMAC-SHA512. Answers are parsed
 * with numeric members as exact strings: order ids exceed 2^53 and sizes may be decimals.
 */
export class GateioFuturesPrivateRest {
  readonly client: RestClient;
  /** The account's order entry limits, which the websocket API's order channels count against too. */
  readonly limits: RateLimitPolicy = endpointLimits(GATEIO_FUTURES_PRIVATE_RATE_LIMITS);

  constructor(venue: string, baseUrl: string, credentials: Credentials, clock: ServerClock, metrics: AdapterMetrics) {
    this.client = gateioTradingRestClient({ venue, baseUrl, credentials, clock, metrics, limits: this.limits, headers: SIZE_DECIMAL_HEADER });
  }

  private async exact<T>(request: RestRequest): Promise<T> {
    return parseJsonExact<T>(await this.client.requestText(request));
  }

  placeOrder(body: string): Promise<WireFuturesOrder> {
    return this.exact({ method: 'POST', path: `${SETTLE_PREFIX}/orders`, body, signed: true, idempotent: false });
  }

  /** `orderId` may be the venue id or our "t-..." text. */
  cancelOrder(orderId: string): Promise<WireFuturesOrder> {
    return this.exact({ method: 'DELETE', path: `${SETTLE_PREFIX}/orders/${encodeURIComponent(orderId)}`, signed: true, idempotent: false });
  }

  getOrder(orderId: string): Promise<WireFuturesOrder> {
    return this.exact({ method: 'GET', path: `${SETTLE_PREFIX}/orders/${encodeURIComponent(orderId)}`, signed: true });
  }

  /** One page of orders, newest first; `offset` counts orders already read. */
  orders(status: 'open' | 'finished', contract: string | undefined, offset = 0): Promise<WireFuturesOrder[]> {
    return this.exact({ method: 'GET', path: `${SETTLE_PREFIX}/orders`, query: { contract, status, limit: ORDERS_PAGE, offset }, signed: true });
  }

  myTrades(contract: string | undefined, fromSeconds: number, toSeconds: number, offset: number): Promise<WireFuturesTradeHistoryItem[]> {
    return this.exact({
      method: 'GET',
      path: `${SETTLE_PREFIX}/my_trades_timerange`,
      query: { contract, from: fromSeconds, to: toSeconds, limit: MY_TRADES_PAGE, offset },
      signed: true,
    });
  }

  positions(): Promise<WireFuturesPosition[]> {
    return this.exact({ method: 'GET', path: `${SETTLE_PREFIX}/positions`, query: { holding: true }, signed: true });
  }

  position(contract: string): Promise<WireFuturesPosition> {
    return this.exact({ method: 'GET', path: `${SETTLE_PREFIX}/positions/${encodeURIComponent(contract)}`, signed: true });
  }

  /** Isolated: leverage=N. Cross: leverage=0 and cross_leverage_limit=N. Arguments go in the query, body empty. */
  setLeverage(contract: string, leverage: number, cross: boolean): Promise<WireFuturesPosition> {
    const query = cross ? { leverage: 0, cross_leverage_limit: leverage } : { leverage };
    return this.exact({ method: 'POST', path: `${SETTLE_PREFIX}/positions/${encodeURIComponent(contract)}/leverage`, query, signed: true, idempotent: false });
  }

  account(): Promise<WireFuturesAccount> {
    return this.exact({ method: 'GET', path: `${SETTLE_PREFIX}/accounts`, signed: true });
  }

  /** GET /account/detail (under the API root, not the settle prefix): the account's user id. */
  accountDetail(): Promise<WireAccountDetail> {
    return this.exact({ method: 'GET', path: '/account/detail', signed: true });
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
