import { GatewayError } from '../../core/errors.js';
import { endpointLimits } from '../../core/rate-limiter.js';
import { RestClient } from '../../core/rest-client.js';
import { ExponentialBackoff } from '../../core/retry.js';
import type { AdapterMetrics } from '../../core/metrics.js';
import { serverTimeMs, type WireSystemTime } from '../common/system-time.js';
import { gateioErrorClassifier } from '../common/errors.js';
import type { WireCurrencyPair, WireOrderBook, WireTicker, WireTrade } from './wire.js';
import { GATEIO_SPOT_PUBLIC_RATE_LIMITS } from './rate-limits.js';

/** Gate.io API v4 public spot endpoints. */
export class GateioSpotPublicRest {
  readonly client: RestClient;

  constructor(venue: string, baseUrl: string, metrics: AdapterMetrics) {
    this.client = new RestClient({
      venue,
      baseUrl,
      metrics,
      classifier: gateioErrorClassifier(venue),
      retry: new ExponentialBackoff({ maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 2_000 }),
      rateLimits: endpointLimits(GATEIO_SPOT_PUBLIC_RATE_LIMITS),
    });
  }

  currencyPairs(): Promise<WireCurrencyPair[]> {
    return this.client.request({ method: 'GET', path: '/spot/currency_pairs' });
  }

  orderBook(currencyPair: string, limit: number, withId = true): Promise<WireOrderBook> {
    return this.client.request({ method: 'GET', path: '/spot/order_book', query: { currency_pair: currencyPair, limit, with_id: withId } });
  }

  trades(currencyPair: string, limit: number): Promise<WireTrade[]> {
    return this.client.request({ method: 'GET', path: '/spot/trades', query: { currency_pair: currencyPair, limit } });
  }

  async ticker(currencyPair: string): Promise<WireTicker> {
    const tickers = await this.client.request<WireTicker[]>({ method: 'GET', path: '/spot/tickers', query: { currency_pair: currencyPair } });
    const ticker = tickers[0];
    if (!ticker) throw new GatewayError('not_found', `gateio_spot has no ticker for ${currencyPair}`, { venue: 'gateio_spot' });
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
