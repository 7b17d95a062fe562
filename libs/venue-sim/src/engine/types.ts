/** Venue-neutral engine types. Prices and quantities are scaled integers (see decimal.ts). */

export type Side = 'buy' | 'sell';
export type BookSide = 'bid' | 'ask';

export interface Instrument {
  /** Engine key; venues map their own ids onto it. */
  symbol: string;
  /** Decimal places of prices; a price p is stored as p * 10^priceScale. */
  priceScale: number;
  /** Decimal places of quantities. */
  qtyScale: number;
  /** Smallest price step, in scaled units (1n = one unit of the last decimal). */
  tickSize: bigint;
  /** Smallest quantity step, in scaled units. */
  lotSize: bigint;
}

export interface OrderRequest {
  side: Side;
  type: 'limit' | 'market';
  /** Required for limit orders (scaled). */
  price?: bigint;
  /** Scaled quantity. Ignored when `quoteBudget` is set. */
  quantity: bigint;
  /**
   * Market buy by quote amount: spend at most this much quote (scaled at priceScale + qtyScale),
   * buying whole lots level by level. Only with type "market" and side "buy".
   */
  quoteBudget?: bigint;
  timeInForce?: 'gtc' | 'ioc' | 'fok';
  /** Free tag for the caller (e.g. account id). */
  owner?: string;
}

export interface RestingOrder {
  id: number;
  side: Side;
  price: bigint;
  remaining: bigint;
  original: bigint;
  owner?: string;
  /** Engine sequence at acceptance: the time priority. */
  seq: number;
}

export interface Trade {
  /** Engine-wide trade id (shared by all symbols). */
  id: number;
  /** Per-symbol consecutive trade number. */
  seq: number;
  symbol: string;
  price: bigint;
  quantity: bigint;
  takerSide: Side;
  takerOrderId: number;
  makerOrderId: number;
  /** Milliseconds since epoch (engine clock). */
  timestamp: number;
  /** Sub-millisecond ordinal inside `timestamp`, 0..999, for venues that print microseconds. */
  micros: number;
}

/** New absolute quantity at a price level; 0n means the level is gone. */
export interface LevelChange {
  side: BookSide;
  price: bigint;
  quantity: bigint;
}

/** One book mutation: every operation that changes the book bumps the symbol's update id by one. */
export interface BookEvent {
  symbol: string;
  updateId: number;
  timestamp: number;
  changes: LevelChange[];
  trades: Trade[];
}

export interface OrderResult {
  orderId: number;
  status: 'filled' | 'partially_filled_resting' | 'resting' | 'cancelled_unfilled' | 'partially_filled_cancelled' | 'rejected';
  filled: bigint;
  remaining: bigint;
  trades: Trade[];
  updateId?: number;
  reason?: string;
}

/** A price level as scaled integers: [price, total quantity]. */
export type Level = readonly [bigint, bigint];

export interface BookView {
  updateId: number;
  bids: Level[];
  asks: Level[];
}
