import type { BucketLimit, Draws, RateLimitTable } from '../../core/rate-limiter.js';

// Gate.io API v4 "Frequency limit rule" (https://www.gate.com/docs/developers/apiv4/en/#frequency-limit-rule,
// as captured in rosssaunders/coincise docs/gateio/rate_limits.md @616af42): every public
// endpoint 200 requests per 10 s per endpoint and IP; private endpoints are counted per account
// (UID), 200 per 10 s per endpoint unless the order entry rules below say otherwise. Weights are 1.

/** "200r/10s per endpoint". */
export const PER_ENDPOINT: BucketLimit = { capacity: 200, intervalMs: 10_000, per: 'endpoint' };

const ONE: Draws = { endpoint: 1 };

/** Endpoints that count against nothing but their own 200 per 10 s. */
export function ownLimitOnly(endpoints: readonly string[]): Record<string, Draws> {
  return Object.fromEntries(endpoints.map((endpoint) => [endpoint, ONE]));
}

/** A public REST client's table: every endpoint its own 200 per 10 s. */
export function publicRateLimits(endpoints: readonly string[]): RateLimitTable {
  return { buckets: { endpoint: PER_ENDPOINT }, endpoints: ownLimitOnly(endpoints), undeclared: ONE };
}
