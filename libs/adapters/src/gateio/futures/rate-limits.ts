import type { RateLimitTable } from '../../core/rate-limiter.js';
import { ownLimitOnly, PER_ENDPOINT, publicRateLimits } from '../common/rate-limits.js';

// Gate.io USDT perpetual futures REST limits (sources in ../common/rate-limits.ts). Private:
// order placement (single and batch) and amendment together 100 requests per second per
// account; cancellation (single and batch) 200 per second; every other private endpoint 200
// per 10 s of its own. (Gate lowers placement to 10 or 20 per 10 s for an hour after 86,400
// requests in 24 h without fills, or with a fill ratio under 1 %: the venue's 429 says so.)

export const GATEIO_FUTURES_PUBLIC_RATE_LIMITS: RateLimitTable = publicRateLimits([
  'GET /futures/usdt/contracts',
  'GET /futures/usdt/order_book',
  'GET /futures/usdt/trades',
  'GET /futures/usdt/tickers',
  'GET /spot/time',
]);

export const GATEIO_FUTURES_PRIVATE_RATE_LIMITS: RateLimitTable = {
  buckets: {
    placement: { capacity: 100, intervalMs: 1_000 },
    cancellation: { capacity: 200, intervalMs: 1_000 },
    endpoint: PER_ENDPOINT,
  },
  endpoints: {
    'POST /futures/usdt/orders': { placement: 1 },
    'DELETE /futures/usdt/orders/{order_id}': { cancellation: 1 },
    ...ownLimitOnly([
      'GET /futures/usdt/orders/{order_id}',
      'GET /futures/usdt/orders',
      'GET /futures/usdt/my_trades_timerange',
      'GET /futures/usdt/positions',
      'GET /futures/usdt/positions/{contract}',
      'POST /futures/usdt/positions/{contract}/leverage',
      'GET /futures/usdt/accounts',
      'GET /account/detail',
      'GET /spot/time',
    ]),
  },
  undeclared: { endpoint: 1 },
};
