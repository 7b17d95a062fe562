import type { Unsubscribe } from './exchange.js';
import type { PublicExchange } from './exchange.js';
import type { Pair } from './symbol.js';
import type { Side } from './types.js';

// Futures-only public data (USDT-settled perpetuals). Sizes on the unified side are base units;
// contracts appear only where the API names them.

export interface ContractInfo {
  readonly symbol: Pair;
  readonly venueSymbol: string;
  /** Base units per contract. */
  readonly contractMultiplier: string;
  readonly priceTick: string;
  readonly minContracts: string;
  readonly maxContracts: string;
  readonly minLeverage: number;
  readonly maxLeverage: number;
  readonly fundingIntervalS: number;
  readonly nextFundingTimeMs: number;
  readonly inDelisting: boolean;
}

export interface FundingRate {
  readonly symbol: Pair;
  readonly rate: string;
  readonly predictedRate: string;
  readonly nextFundingTimeMs: number;
  readonly timestampMs: number;
}

export interface MarkPrice {
  readonly symbol: Pair;
  readonly markPrice: string;
  readonly indexPrice: string;
  readonly timestampMs: number;
}

export interface Liquidation {
  readonly symbol: Pair;
  /** Side of the liquidation order (a long is liquidated by a sell). */
  readonly side: Side;
  readonly price: string;
  readonly contracts: string;
  readonly baseQuantity: string;
  readonly timestampMs: number;
}

/** A futures venue's public side: everything a spot venue offers, plus contracts and funding. */
export interface FuturesPublicExchange extends PublicExchange {
  listContracts(): readonly ContractInfo[];
  getFundingRate(symbol: Pair): Promise<FundingRate>;
  getMarkPrice(symbol: Pair): Promise<MarkPrice>;
  watchFundingRate(symbol: Pair, listener: (rate: FundingRate) => void): Unsubscribe;
  watchMarkPrice(symbol: Pair, listener: (mark: MarkPrice) => void): Unsubscribe;
  watchLiquidations(symbol: Pair, listener: (liquidation: Liquidation) => void): Unsubscribe;
}

export function isFuturesPublicExchange(exchange: PublicExchange): exchange is FuturesPublicExchange {
  return typeof (exchange as Partial<FuturesPublicExchange>).listContracts === 'function';
}

/**
 * The first funding time after `nowMs` on a schedule known from one past or future funding
 * time and the interval: contract lists are loaded once, funding happens every interval.
 */
export function rollFundingTime(knownMs: number, intervalMs: number, nowMs: number): number {
  if (knownMs > nowMs || intervalMs <= 0 || knownMs <= 0) return knownMs;
  return knownMs + Math.ceil((nowMs - knownMs + 1) / intervalMs) * intervalMs;
}
