import type { AdapterMetrics } from '../../core/metrics.js';
import type { Credentials } from '../../core/private-exchange.js';
import type { RateLimitPolicy } from '../../core/rate-limiter.js';
import { tradingRestClient, type RestClient } from '../../core/rest-client.js';
import type { ServerClock } from '../../core/server-clock.js';
import { gateioRestAuth } from './auth.js';
import { gateioErrorClassifier } from './errors.js';

export interface GateioTradingRestOptions {
  readonly venue: string;
  readonly baseUrl: string;
  readonly credentials: Credentials;
  readonly clock: ServerClock;
  readonly metrics: AdapterMetrics;
  /** The account's order entry limits (the websocket API's order channels count against them too). */
  readonly limits: RateLimitPolicy;
  /** Sent with every request (futures: the size-decimal header). */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * The private REST client of a Gate.io API v4 market: requests signed with HMAC-SHA512, answers
 * classified by Gate's labels, the account's limits applied. Reads retry; placing, cancelling and
 * leverage changes never do (core's tradingRestClient).
 */
export function gateioTradingRestClient(options: GateioTradingRestOptions): RestClient {
  return tradingRestClient({
    venue: options.venue,
    baseUrl: options.baseUrl,
    metrics: options.metrics,
    classifier: gateioErrorClassifier(options.venue),
    rateLimits: options.limits,
    auth: gateioRestAuth(options.credentials, options.clock),
    headers: options.headers,
  });
}
