/** Live endpoints (spot v3). Only these two lines differ between the simulator and the venue. */
export const MEXC_SPOT_REST_URL = 'https://api.mexc.com';
export const MEXC_SPOT_WS_URL = 'wss://wbs-api.mexc.com/ws';

/** Topic builders: the aggre topics put the interval before the symbol. */
export const TOPIC = {
  aggreDepth: (interval: string, symbol: string) => `spot@public.aggre.depth.v3.api.pb@${interval}@${symbol}`,
  aggreDeals: (interval: string, symbol: string) => `spot@public.aggre.deals.v3.api.pb@${interval}@${symbol}`,
  aggreBookTicker: (interval: string, symbol: string) => `spot@public.aggre.bookTicker.v3.api.pb@${interval}@${symbol}`,
} as const;

/** A connection carries at most 30 subscriptions; more are refused ("Blocked!"). */
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 30;
/** The venue closes connections after 24 h; renew a little before. */
export const MAX_CONNECTION_AGE_MS = 23.5 * 60 * 60 * 1000;
/** Without a ping the venue drops a quiet connection after a minute. */
export const PING_INTERVAL_MS = 20_000;

/** GET /api/v3/depth: default 100, max 5000; the local-book procedure asks for 1000. */
export const REST_DEPTH_DEFAULT_LIMIT = 100;
export const REST_DEPTH_MAX_LIMIT = 5000;
export const SNAPSHOT_DEPTH_LIMIT = 1000;
/** GET /api/v3/trades: default 500, max 1000. */
export const REST_TRADES_DEFAULT_LIMIT = 500;
export const REST_TRADES_MAX_LIMIT = 1000;
/** How often the 24 h statistics of a streamed ticker are refreshed over REST. */
export const TICKER_STATS_REFRESH_MS = 10_000;
