import { GatewayError } from '../../core/errors.js';
import type { AdapterMetrics } from '../../core/metrics.js';
import { endpointLimits } from '../../core/rate-limiter.js';
import { RestClient } from '../../core/rest-client.js';
import { ExponentialBackoff } from '../../core/retry.js';
import { serverTimeMs, type WireSystemTime } from '../common/system-time.js';
import { gateioErrorClassifier } from '../common/errors.js';
import { SETTLE_PREFIX, SIZE_DECIMAL_HEADER } from './constants.js';
import type { WireContract, WireFuturesOrderBook, WireFuturesTicker, WireFuturesTrade } from './wire.js';
import { GATEIO_FUTURES_PUBLIC_RATE_LIMITS } from './rate-limits.js';

/** Gate.io API v4 public USDT futures endpoints. */
export class GateioFuturesPublicRest {
  readonly client: RestClient;

  constructor(
    private readonly venue: string,
    baseUrl: string,
    metrics: AdapterMetrics,
  ) {
    this.client = new RestClient({
      venue,
      baseUrl,
      metrics,
      classifier: gateioErrorClassifier(venue),
      retry: new ExponentialBackoff({ maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 2_000 }),
      rateLimits: endpointLimits(GATEIO_FUTURES_PUBLIC_RATE_LIMITS),
      // Sizes as exact strings: without it a fractional contract size is truncated to an integer.
      headers: SIZE_DECIMAL_HEADER,
    });
  }

  contracts(): Promise<WireContract[]> {
    return this.client.request({ method: 'GET', path: `${SETTLE_PREFIX}/contracts` });
  }

  orderBook(contract: string, limit: number): Promise<WireFuturesOrderBook> {
    return this.client.request({ method: 'GET', path: `${SETTLE_PREFIX}/order_book`, query: { contract, limit, with_id: true } });
  }

  trades(contract: string, limit: number): Promise<WireFuturesTrade[]> {
    return this.client.request({ method: 'GET', path: `${SETTLE_PREFIX}/trades`, query: { contract, limit } });
  }

  async ticker(contract: string): Promise<WireFuturesTicker> {
    const tickers = await this.client.request<WireFuturesTicker[]>({ method: 'GET', path: `${SETTLE_PREFIX}/tickers`, query: { contract } });
    const ticker = tickers[0];
    if (!ticker) throw new GatewayError('not_found', `${this.venue} has no ticker for ${contract}`, { venue: this.venue });
    return ticker;
  }

  /** The venue's clock in milliseconds (GET /spot/time serves spot and futures alike). */
  async serverTime(): Promise<number> {
    return serverTimeMs(await this.client.request<WireSystemTime>({ method: 'GET', path: '/spot/time' }));
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
