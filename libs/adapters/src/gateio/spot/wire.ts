// Gate.io API v4 spot wire shapes, typed once. Field names and string/number types exactly as
// the venue sends them (see docs/venues/gateio-spot-wire.md for the sources).
import type { WireLevel } from '../common/wire.js';

/** GET /spot/currency_pairs item. */
export interface WireCurrencyPair {
  id: string;
  base: string;
  quote: string;
  fee?: string;
  min_base_amount?: string;
  min_quote_amount?: string;
  max_base_amount?: string;
  max_quote_amount?: string;
  amount_precision: number;
  precision: number;
  trade_status: 'untradable' | 'buyable' | 'sellable' | 'tradable' | string;
  sell_start?: number;
  buy_start?: number;
  delisting_time?: number;
}

/** GET /spot/order_book. `id` only with with_id=true. */
export interface WireOrderBook {
  id?: number;
  current: number;
  update: number;
  asks: WireLevel[];
  bids: WireLevel[];
}

/** GET /spot/trades item. */
export interface WireTrade {
  id: string;
  create_time: string;
  create_time_ms: string;
  currency_pair: string;
  side: 'buy' | 'sell';
  amount: string;
  price: string;
  sequence_id?: string;
}

/** GET /spot/tickers item. */
export interface WireTicker {
  currency_pair: string;
  last: string;
  lowest_ask: string;
  lowest_size?: string;
  highest_bid: string;
  highest_size?: string;
  change_percentage: string;
  base_volume: string;
  quote_volume: string;
  high_24h: string;
  low_24h: string;
}

/** spot.order_book_update push (legacy incremental channel). */
export interface WireOrderBookUpdate {
  t: number;
  /** Present (true) when the push is a full book of the channel's depth. */
  full?: boolean;
  /** Depth level of the channel, e.g. "100". */
  l?: string;
  e: string;
  E: number;
  s: string;
  U: number;
  u: number;
  b?: WireLevel[];
  a?: WireLevel[];
}

/** spot.trades push. */
export interface WireWsTrade {
  id: number;
  create_time: number;
  create_time_ms: string;
  side: 'buy' | 'sell';
  currency_pair: string;
  amount: string;
  price: string;
  range?: string;
}

/** spot.tickers push. */
export interface WireWsTicker {
  currency_pair: string;
  last: string;
  lowest_ask: string;
  highest_bid: string;
  change_percentage: string;
  base_volume: string;
  quote_volume: string;
  high_24h: string;
  low_24h: string;
}
