/** Live endpoints for USDT-settled perpetuals. Only these differ between the simulator and the venue. */
export const GATEIO_FUTURES_REST_URL = 'https://api.gateio.ws/api/v4';
export const GATEIO_FUTURES_WS_URL = 'wss://fx-ws.gateio.ws/v4/ws/usdt';
/** Futures paths sit under the settle currency. */
export const SETTLE_PREFIX = '/futures/usdt';

export const FUTURES_CHANNEL = {
  obu: 'futures.obu',
  trades: 'futures.trades',
  tickers: 'futures.tickers',
  liquidations: 'futures.public_liquidates',
} as const;

export const REST_BOOK_DEFAULT_LIMIT = 10;
export const REST_BOOK_MAX_LIMIT = 100;
export const REST_TRADES_DEFAULT_LIMIT = 100;
export const REST_TRADES_MAX_LIMIT = 1000;

/** Sizes as exact decimal strings, fractional contracts included (docs/venues/gateio-futures-wire.md). */
export const SIZE_DECIMAL_HEADER = { 'X-Gate-Size-Decimal': '1' } as const;

export const PRIVATE_CHANNEL = {
  orders: 'futures.orders',
  userTrades: 'futures.usertrades',
  positions: 'futures.positions',
  balances: 'futures.balances',
} as const;
