/** Live endpoints (API v4). Only these two lines differ between the simulator and the venue. */
export const GATEIO_SPOT_REST_URL = 'https://api.gateio.ws/api/v4';
export const GATEIO_SPOT_WS_URL = 'wss://api.gateio.ws/ws/v4/';

export const CHANNEL = {
  obu: 'spot.obu',
  orderBookUpdate: 'spot.order_book_update',
  trades: 'spot.trades',
  tickers: 'spot.tickers',
  pong: 'spot.pong',
} as const;

/** spot.obu depths the venue offers: 50 levels every 20 ms, 400 levels every 100 ms. */
export const OBU_DEPTHS = [50, 400] as const;
/** GET /spot/order_book `limit` ceiling and default. */
export const REST_BOOK_MAX_LIMIT = 1000;
export const REST_BOOK_DEFAULT_LIMIT = 10;
/** GET /spot/trades `limit` ceiling and default. */
export const REST_TRADES_MAX_LIMIT = 1000;
export const REST_TRADES_DEFAULT_LIMIT = 100;
/** spot.order_book_update intervals and the depth each maintains (20 ms: 20 levels, 100 ms: 100). */
export const LEGACY_DEPTH = { '20ms': 20, '100ms': 100 } as const;
export type LegacyInterval = keyof typeof LEGACY_DEPTH;
