import type { AdapterMetrics } from '../../core/metrics.js';
import { endpointLimits, type RateLimitPolicy } from '../../core/rate-limiter.js';
import { RestClient } from '../../core/rest-client.js';
import { ExponentialBackoff } from '../../core/retry.js';
import { mexcErrorClassifier } from './errors.js';
import { MEXC_SPOT_RATE_LIMITS } from './rate-limits.js';
import type { WireDepth, WireExchangeInfo, WireTicker24h, WireTrade } from './wire.js';

/** MEXC spot v3 public endpoints. */
export class MexcSpotPublicRest {
  readonly client: RestClient;

  /** `rateLimits`: the process's MEXC limits, shared with its private client (one IP bucket). */
  constructor(venue: string, baseUrl: string, metrics: AdapterMetrics, rateLimits: RateLimitPolicy = endpointLimits(MEXC_SPOT_RATE_LIMITS)) {
    this.client = new RestClient({
      venue,
      baseUrl,
      metrics,
      classifier: mexcErrorClassifier(venue),
      retry: new ExponentialBackoff({ maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 2_000 }),
      rateLimits,
    });
  }

  exchangeInfo(): Promise<WireExchangeInfo> {
    return this.client.request({ method: 'GET', path: '/api/v3/exchangeInfo' });
  }

  depth(symbol: string, limit: number): Promise<WireDepth> {
    return this.client.request({ method: 'GET', path: '/api/v3/depth', query: { symbol, limit } });
  }

  trades(symbol: string, limit: number): Promise<WireTrade[]> {
    return this.client.request({ method: 'GET', path: '/api/v3/trades', query: { symbol, limit } });
  }

  ticker24h(symbol: string): Promise<WireTicker24h> {
    return this.client.request({ method: 'GET', path: '/api/v3/ticker/24hr', query: { symbol } });
  }

  serverTime(): Promise<{ serverTime: number }> {
    return this.client.request({ method: 'GET', path: '/api/v3/time' });
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
