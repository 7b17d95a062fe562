import { GatewayError } from '../../core/errors.js';
import type { AdapterMetrics } from '../../core/metrics.js';
import type { Credentials } from '../../core/private-exchange.js';
import type { RateLimitPolicy } from '../../core/rate-limiter.js';
import { tradingRestClient, type QueryValue, type RestClient, type RestRequest } from '../../core/rest-client.js';
import type { ServerClock } from '../../core/server-clock.js';
import { binanceAuth } from './auth.js';
import { binanceErrorClassifier } from './errors.js';

/** Binance's "Timestamp for this request is outside of the recvWindow" (or ahead of the server). */
const INVALID_TIMESTAMP = '-1021';

export type Params = Readonly<Record<string, QueryValue>>;

/**
 * Binance SIGNED REST endpoints of one market (spot /api/v3, USDⓈ-M /fapi): signed parameters in
 * the query string, reads retried on transient failures, writes never. The venue refuses a
 * timestamp outside recvWindow (or 1 s ahead of its clock) before it looks at the request, so
 * after -1021 the clock is measured again and the request sent once more: nothing was placed the
 * first time.
 */
export class BinanceSignedRest {
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
    this.client = tradingRestClient({ venue, baseUrl, metrics, classifier: binanceErrorClassifier(venue), rateLimits, auth: binanceAuth(credentials, clock) });
  }

  get(path: string, query?: Params, weight?: number): Promise<unknown> {
    return this.signed({ method: 'GET', path, query, weight });
  }

  /** A write (place, cancel, change a setting): sent once. */
  write(method: 'POST' | 'DELETE' | 'PUT', path: string, query?: Params): Promise<unknown> {
    return this.signed({ method, path, query, idempotent: false });
  }

  /** A request with the API key but no signature (USDⓈ-M's listenKey endpoints). */
  keyed(method: 'POST' | 'PUT' | 'DELETE', path: string, apiKey: string): Promise<unknown> {
    return this.client.request({ method, path, idempotent: method !== 'POST', headers: { 'X-MBX-APIKEY': apiKey } });
  }

  private async signed(request: Omit<RestRequest, 'signed'>): Promise<unknown> {
    try {
      return await this.client.request({ ...request, signed: true });
    } catch (error) {
      if (!(error instanceof GatewayError) || error.venueCode !== INVALID_TIMESTAMP) throw error;
      this.resync ??= this.clock.sync().finally(() => (this.resync = undefined));
      await this.resync;
      return this.client.request({ ...request, signed: true });
    }
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
