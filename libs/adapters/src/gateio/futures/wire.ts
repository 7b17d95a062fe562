// Gate.io API v4 USDT perpetual futures public shapes (docs/venues/gateio-futures-wire.md).

/** GET /futures/usdt/contracts item. Sizes are contracts (integers, or decimal strings with X-Gate-Size-Decimal). */
export interface WireContract {
  name: string;
  quanto_multiplier: string;
  order_price_round: string;
  mark_price_round?: string;
  order_size_min: number | string;
  order_size_max: number | string;
  leverage_min: string;
  leverage_max: string;
  funding_rate: string;
  funding_rate_indicative?: string;
  funding_interval: number;
  funding_next_apply: number;
  mark_price: string;
  index_price: string;
  last_price?: string;
  in_delisting: boolean;
  status?: string;
  taker_fee_rate?: string;
}

export interface WireFuturesLevel {
  p: string;
  s: number | string;
}

/** GET /futures/usdt/order_book: `current`/`update` in seconds with a fraction. */
export interface WireFuturesOrderBook {
  id?: number;
  current: number;
  update: number;
  asks: WireFuturesLevel[];
  bids: WireFuturesLevel[];
}

/** Trades (REST and futures.trades): size signed, + = taker bought. */
export interface WireFuturesTrade {
  id: number;
  create_time: number;
  create_time_ms?: number;
  contract: string;
  size: number | string;
  price: string;
}

/** Tickers (REST and futures.tickers): all strings. */
export interface WireFuturesTicker {
  contract: string;
  last: string;
  change_percentage: string;
  mark_price: string;
  index_price: string;
  funding_rate: string;
  funding_rate_indicative?: string;
  volume_24h_base?: string;
  volume_24h_quote?: string;
  low_24h: string;
  high_24h: string;
  lowest_ask?: string;
  lowest_size?: string;
  highest_bid?: string;
  highest_size?: string;
  /** Unix seconds of the next funding: in live futures.tickers pushes, not in the documentation. */
}

/** futures.public_liquidates item: price is a JSON number here. */
export interface WirePublicLiquidation {
  price: number | string;
  size: number | string;
  time_ms: number;
  contract: string;
}
