import type { AdapterMetrics } from '../../core/metrics.js';
import type { RateLimitPolicy } from '../../core/rate-limiter.js';
import { RestClient } from '../../core/rest-client.js';
import { ExponentialBackoff } from '../../core/retry.js';
import { binanceErrorClassifier } from './errors.js';

/** How a market names its public endpoints and prices the depth request. */
export interface BinancePublicPaths {
  /** "/api/v3" (spot) or "/fapi/v1" (USDⓈ-M). */
  readonly prefix: string;
  readonly depthWeight: (limit: number) => number;
}

/** Binance's public market-data endpoints, the same names on spot and USDⓈ-M under their prefixes. */
export class BinancePublicRest {
  readonly client: RestClient;

  /** `rateLimits`: the process's Binance limits, shared with its private client (one IP weight). */
  constructor(
    venue: string,
    baseUrl: string,
    private readonly paths: BinancePublicPaths,
    metrics: AdapterMetrics,
    rateLimits: RateLimitPolicy,
  ) {
    this.client = new RestClient({
      venue,
      baseUrl,
      metrics,
      classifier: binanceErrorClassifier(venue),
      retry: new ExponentialBackoff({ maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 2_000 }),
      rateLimits,
    });
  }

  exchangeInfo(): Promise<unknown> {
    return this.get('/exchangeInfo');
  }

  depth(symbol: string, limit: number): Promise<unknown> {
    return this.client.request({ method: 'GET', path: `${this.paths.prefix}/depth`, query: { symbol, limit }, weight: this.paths.depthWeight(limit) });
  }

  trades(symbol: string, limit: number): Promise<unknown> {
    return this.get('/trades', { symbol, limit });
  }

  ticker24h(symbol: string): Promise<unknown> {
    return this.get('/ticker/24hr', { symbol });
  }

  bookTicker(symbol: string): Promise<unknown> {
    return this.get('/ticker/bookTicker', { symbol });
  }

  serverTime(): Promise<unknown> {
    return this.get('/time');
  }

  /** Any other public GET of the market (USDⓈ-M: premiumIndex, fundingInfo); `weight` where the parameters set it. */
  get(path: string, query?: Record<string, string | number>, weight?: number): Promise<unknown> {
    return this.client.request({ method: 'GET', path: `${this.paths.prefix}${path}`, query, weight });
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
