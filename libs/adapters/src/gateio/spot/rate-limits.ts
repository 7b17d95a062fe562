import type { RateLimitTable } from '../../core/rate-limiter.js';
import { ownLimitOnly, PER_ENDPOINT, publicRateLimits } from '../common/rate-limits.js';

// Gate.io spot REST limits (sources in ../common/rate-limits.ts). Private: order placement
// (single and batch) and amendment together 10 requests per second per account AND market
// (currency pair: the request's scope); cancellation (single and batch) 200 per second in all;
// every other private endpoint 200 per 10 s of its own.

export const GATEIO_SPOT_PUBLIC_RATE_LIMITS: RateLimitTable = publicRateLimits(['GET /spot/currency_pairs', 'GET /spot/order_book', 'GET /spot/trades', 'GET /spot/tickers', 'GET /spot/time']);

export const GATEIO_SPOT_PRIVATE_RATE_LIMITS: RateLimitTable = {
  buckets: {
    placement: { capacity: 10, intervalMs: 1_000, per: 'scope' },
    cancellation: { capacity: 200, intervalMs: 1_000 },
    endpoint: PER_ENDPOINT,
  },
  endpoints: {
    'POST /spot/orders': { placement: 1 },
    'DELETE /spot/orders/{order_id}': { cancellation: 1 },
    ...ownLimitOnly(['GET /spot/orders/{order_id}', 'GET /spot/orders', 'GET /spot/open_orders', 'GET /spot/accounts', 'GET /spot/my_trades', 'GET /spot/time']),
  },
  undeclared: { endpoint: 1 },
};
