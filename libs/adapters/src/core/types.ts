import type { Pair } from './symbol.js';

// Unified, venue-neutral shapes. Prices and quantities are canonical decimal strings.

export type Side = 'buy' | 'sell';

/** [price, quantity] as canonical decimal strings. */
export type Level = readonly [price: string, quantity: string];

export type SymbolStatus = 'trading' | 'halted' | 'delisted';

export interface SymbolInfo {
  readonly symbol: Pair;
  readonly venueSymbol: string;
  readonly status: SymbolStatus;
  readonly priceTick: string;
  readonly quantityStep: string;
  readonly pricePrecision: number;
  readonly quantityPrecision: number;
  readonly minQuantity: string;
  readonly maxQuantity: string;
  readonly minNotional: string;
  readonly maxNotional: string;
  readonly takerFeeRate: string;
}

export interface OrderBookSnapshot {
  readonly symbol: Pair;
  /** Best first. */
  readonly bids: Level[];
  /** Best first. */
  readonly asks: Level[];
  readonly updateId: number;
  readonly timestampMs: number;
}

/**
 * A change to a synchronised book, as the adapter emits it: either the full book (after
 * subscribe or any resynchronisation) or the changed levels, quantity "0" meaning removal.
 */
export type BookEvent =
  | {
      readonly type: 'snapshot';
      readonly symbol: Pair;
      readonly bids: Level[];
      readonly asks: Level[];
      readonly updateId: number;
      readonly timestampMs: number;
      readonly receivedUs: number;
    }
  | {
      readonly type: 'delta';
      readonly symbol: Pair;
      readonly bids: Level[];
      readonly asks: Level[];
      readonly firstUpdateId: number;
      readonly lastUpdateId: number;
      readonly timestampMs: number;
      readonly receivedUs: number;
    };

export interface Trade {
  readonly symbol: Pair;
  readonly tradeId: string;
  readonly price: string;
  readonly quantity: string;
  readonly takerSide: Side;
  readonly timestampMs: number;
}

export interface Ticker {
  readonly symbol: Pair;
  readonly lastPrice: string;
  readonly bestBid: string;
  readonly bestBidQuantity: string;
  readonly bestAsk: string;
  readonly bestAskQuantity: string;
  readonly high24h: string;
  readonly low24h: string;
  readonly baseVolume24h: string;
  readonly quoteVolume24h: string;
  readonly changePercent24h: string;
  readonly timestampMs: number;
}

export interface HealthReport {
  readonly restConnectivity: boolean;
  readonly websocketConnectivity: boolean;
  readonly authentication: boolean;
  readonly exchangeSpecificFeatures: boolean;
  readonly detail: string;
}

/** Microseconds since the epoch, for latency stamps (performance.timeOrigin keeps it monotonic-ish). */
export function nowMicros(): number {
  return Math.round((performance.timeOrigin + performance.now()) * 1000);
}
