import type { BinanceLimitTable } from '../common/rate-limits.js';

// Binance USDⓈ-M REST limits (the derivatives docs' "Limits" and each endpoint's weight;
// GET /fapi/v1/exchangeInfo's `rateLimits` answers the same): 2400 request weight per minute per
// IP, and per account 300 orders per 10 s and 1200 per minute, reported in X-MBX-USED-WEIGHT-1M,
// X-MBX-ORDER-COUNT-10S and X-MBX-ORDER-COUNT-1M.

export const BINANCE_USDM_LIMITS: BinanceLimitTable = {
  limits: [
    { header: 'x-mbx-used-weight-1m', capacity: 2400, intervalMs: 60_000, counts: 'weight' },
    { header: 'x-mbx-order-count-10s', capacity: 300, intervalMs: 10_000, counts: 'orders' },
    { header: 'x-mbx-order-count-1m', capacity: 1200, intervalMs: 60_000, counts: 'orders' },
  ],
  weights: {
    'GET /fapi/v1/ping': 1,
    'GET /fapi/v1/time': 1,
    'GET /fapi/v1/exchangeInfo': 1,
    'GET /fapi/v1/depth': 10, // by limit: see depthWeight
    'GET /fapi/v1/trades': 5,
    'GET /fapi/v1/ticker/24hr': 1, // one symbol
    'GET /fapi/v1/ticker/bookTicker': 2, // one symbol
    'GET /fapi/v1/premiumIndex': 10, // every symbol; 1 with a symbol
    'GET /fapi/v1/fundingInfo': 1,
    'POST /fapi/v1/order': 1,
    'DELETE /fapi/v1/order': 1,
    'GET /fapi/v1/order': 1,
    'GET /fapi/v1/openOrders': 40, // every symbol; 1 with a symbol
    'GET /fapi/v3/account': 5,
    'GET /fapi/v3/balance': 5,
    'GET /fapi/v2/positionRisk': 5,
    'GET /fapi/v1/userTrades': 5,
    'POST /fapi/v1/leverage': 1,
    'POST /fapi/v1/marginType': 1,
    'GET /fapi/v1/positionSide/dual': 30,
    'GET /fapi/v1/leverageBracket': 1,
    'POST /fapi/v1/listenKey': 1,
    'PUT /fapi/v1/listenKey': 1,
    'DELETE /fapi/v1/listenKey': 1,
  },
  orderEndpoints: new Set(['POST /fapi/v1/order']),
};
