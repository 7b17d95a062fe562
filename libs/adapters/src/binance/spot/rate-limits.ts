import type { BinanceLimitTable } from '../common/rate-limits.js';

// Binance spot REST limits (binance-spot-api-docs rest-api.md, "LIMITS", and each endpoint's
// "Weight"; GET /api/v3/exchangeInfo's `rateLimits` answers the same): 6000 request weight per
// minute per IP, and per account 100 orders per 10 s and 200000 per day. The venue reports its
// counts in X-MBX-USED-WEIGHT-1M, X-MBX-ORDER-COUNT-10S and X-MBX-ORDER-COUNT-1D.

export const BINANCE_SPOT_LIMITS: BinanceLimitTable = {
  limits: [
    { header: 'x-mbx-used-weight-1m', capacity: 6000, intervalMs: 60_000, counts: 'weight' },
    { header: 'x-mbx-order-count-10s', capacity: 100, intervalMs: 10_000, counts: 'orders' },
    { header: 'x-mbx-order-count-1d', capacity: 200_000, intervalMs: 86_400_000, counts: 'orders' },
  ],
  weights: {
    'GET /api/v3/ping': 1,
    'GET /api/v3/time': 1,
    'GET /api/v3/exchangeInfo': 20,
    'GET /api/v3/depth': 5, // by limit: see depthWeight
    'GET /api/v3/trades': 25,
    'GET /api/v3/ticker/24hr': 2, // one symbol
    'GET /api/v3/ticker/bookTicker': 2, // one symbol
    'POST /api/v3/order': 1,
    'DELETE /api/v3/order': 1,
    'GET /api/v3/order': 4,
    'GET /api/v3/openOrders': 6, // one symbol; 80 without
    'GET /api/v3/allOrders': 20,
    'GET /api/v3/account': 20,
    'GET /api/v3/myTrades': 20,
  },
  orderEndpoints: new Set(['POST /api/v3/order']),
};
