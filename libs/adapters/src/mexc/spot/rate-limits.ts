import type { RateLimitTable } from '../../core/rate-limiter.js';

// MEXC spot v3 REST limits, from mexcdevelop/apidocs (branches spot_v3_en and spot_v3_cn @
// 2025-08-08, source/index.html.md, "LIMITS" / "限频规则" and each endpoint's "Weight(IP)" /
// "Weight(UID)"): IP and UID (account) limits are counted separately, 500 weight per 10 s each.
// The pages disagree on what shares those 500: the English says "each endpoint ... an
// independent 500", the Chinese original "all endpoints share 500 weight per 10 s" (所有接口共用).
// The shared reading is the stricter one and is the one taken: every endpoint draws on one IP
// bucket. GET /api/v3/account is further limited to 2 requests per second ("rate limit: 2
// times/s"). Endpoints without a documented weight (userDataStream) count 1. The IP bucket of a
// process is its own: a market-data and a trading process on one IP share the venue's 500 without
// knowing it, so each keeps well below it in practice, and a 429 is retried after Retry-After.

export const MEXC_SPOT_RATE_LIMITS: RateLimitTable = {
  buckets: {
    ip: { capacity: 500, intervalMs: 10_000 },
    uid: { capacity: 500, intervalMs: 10_000 },
    twoPerSecond: { capacity: 2, intervalMs: 1_000, per: 'endpoint' },
  },
  endpoints: {
    'GET /api/v3/ping': { ip: 1 },
    'GET /api/v3/time': { ip: 1 },
    'GET /api/v3/exchangeInfo': { ip: 10 },
    'GET /api/v3/depth': { ip: 1 },
    'GET /api/v3/trades': { ip: 5 },
    'GET /api/v3/ticker/24hr': { ip: 1 }, // with a symbol; 40 without (never sent)
    'GET /api/v3/ticker/bookTicker': { ip: 1 },
    'POST /api/v3/order': { ip: 1, uid: 1 },
    'DELETE /api/v3/order': { ip: 1 },
    'GET /api/v3/order': { ip: 2 },
    'GET /api/v3/openOrders': { ip: 3 },
    'GET /api/v3/account': { ip: 10, twoPerSecond: 1 },
    'GET /api/v3/myTrades': { ip: 10 },
    'POST /api/v3/userDataStream': { ip: 1 },
    'PUT /api/v3/userDataStream': { ip: 1 },
    'DELETE /api/v3/userDataStream': { ip: 1 },
  },
  undeclared: { ip: 1 },
};
