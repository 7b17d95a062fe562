import { canonicalDecimal, decimalPlaces, isDecimalString, multiplyDecimal } from '../../core/decimal.js';
import type { ContractInfo, FundingRate, Liquidation, MarkPrice } from '../../core/futures-exchange.js';
import type { Pair } from '../../core/symbol.js';
import type { Level, OrderBookSnapshot, SymbolInfo, Ticker, Trade } from '../../core/types.js';
import type { WireContract, WireFuturesLevel, WireFuturesOrderBook, WireFuturesTicker, WireFuturesTrade, WirePublicLiquidation } from './wire.js';

// Wire -> unified for Gate.io USDT futures. Contracts become base units exactly:
// base = contracts x quanto_multiplier, on decimal strings.

function text(value: number | string): string {
  return typeof value === 'number' ? String(value) : value;
}

/** |contracts| x multiplier, canonical; the sign is the caller's business. */
export function contractsToBase(contracts: number | string, multiplier: string): string {
  const raw = text(contracts);
  return multiplyDecimal(raw.startsWith('-') ? raw.slice(1) : raw, multiplier);
}

/**
 * futures.obu levels [price, contracts] as [price, base units] (the book sync's convertLevels).
 * A level whose size is not a plain decimal is passed on unchanged, never converted or thrown
 * on: the book refuses the whole push as malformed (a signed size is not a book size).
 */
export function obuLevelsToBase(levels: readonly (readonly [string, string])[], multiplier: string): [string, string][] {
  return levels.map((level) =>
    Array.isArray(level) && level.length === 2 && typeof level[1] === 'string' && isDecimalString(level[1]) ? [level[0], multiplyDecimal(level[1], multiplier)] : (level as [string, string]),
  );
}

export function toContractInfo(wire: WireContract, symbol: Pair): ContractInfo {
  return {
    symbol,
    venueSymbol: wire.name,
    contractMultiplier: canonicalDecimal(wire.quanto_multiplier),
    priceTick: canonicalDecimal(wire.order_price_round),
    minContracts: text(wire.order_size_min),
    maxContracts: text(wire.order_size_max),
    minLeverage: Number(wire.leverage_min),
    maxLeverage: Number(wire.leverage_max),
    fundingIntervalS: wire.funding_interval,
    nextFundingTimeMs: wire.funding_next_apply * 1000,
    inDelisting: wire.in_delisting,
  };
}

/** GET /futures/usdt/contracts as the catalogue reads it: spot-shaped rules and contract terms, by name. */
export function contractCatalogue(wires: readonly WireContract[]): { infos: SymbolInfo[]; contracts: Map<string, ContractInfo> } {
  const infos: SymbolInfo[] = [];
  const contracts = new Map<string, ContractInfo>();
  for (const wire of wires) {
    const [base, quote] = wire.name.split('_');
    const symbol = { base: base!, quote: quote! };
    infos.push(toSymbolInfo(wire, symbol));
    contracts.set(wire.name, toContractInfo(wire, symbol));
  }
  return { infos, contracts };
}

/** The spot-shaped rules of a contract, in base units, for the MarketData service. */
export function toSymbolInfo(wire: WireContract, symbol: Pair): SymbolInfo {
  const multiplier = canonicalDecimal(wire.quanto_multiplier);
  const tick = canonicalDecimal(wire.order_price_round);
  return {
    symbol,
    venueSymbol: wire.name,
    status: wire.in_delisting ? 'delisted' : wire.status && wire.status !== 'trading' ? 'halted' : 'trading',
    priceTick: tick,
    quantityStep: multiplier,
    pricePrecision: decimalPlaces(tick),
    quantityPrecision: decimalPlaces(multiplier),
    minQuantity: contractsToBase(wire.order_size_min, multiplier),
    maxQuantity: contractsToBase(wire.order_size_max, multiplier),
    minNotional: '',
    maxNotional: '',
    takerFeeRate: wire.taker_fee_rate ? canonicalDecimal(wire.taker_fee_rate) : '',
  };
}

export function levelsToBase(levels: readonly WireFuturesLevel[] | undefined, multiplier: string): Level[] {
  if (!levels) return [];
  return levels.map((level) => [canonicalDecimal(level.p), contractsToBase(level.s, multiplier)] as const);
}

export function toOrderBook(wire: WireFuturesOrderBook, symbol: Pair, multiplier: string): OrderBookSnapshot {
  return {
    symbol,
    bids: levelsToBase(wire.bids, multiplier),
    asks: levelsToBase(wire.asks, multiplier),
    updateId: wire.id ?? 0,
    timestampMs: Math.floor(wire.current * 1000),
  };
}

export function toTrade(wire: WireFuturesTrade, symbol: Pair, multiplier: string): Trade {
  const size = text(wire.size);
  return {
    symbol,
    tradeId: String(wire.id),
    price: canonicalDecimal(wire.price),
    quantity: contractsToBase(size, multiplier),
    takerSide: size.startsWith('-') ? 'sell' : 'buy',
    timestampMs: wire.create_time_ms !== undefined ? Math.floor(wire.create_time_ms) : Math.floor(wire.create_time * 1000),
  };
}

function optional(value: string | undefined): string {
  return value ? canonicalDecimal(value) : '';
}

/** GET /futures/usdt/tickers item (gate-api FuturesTicker): best bid and ask with their sizes. */
export function toTicker(wire: WireFuturesTicker, symbol: Pair, multiplier: string, timestampMs: number): Ticker {
  return {
    ...tickerFromPush(wire, symbol, timestampMs),
    bestBid: optional(wire.highest_bid),
    bestBidQuantity: wire.highest_size ? contractsToBase(wire.highest_size, multiplier) : '',
    bestAsk: optional(wire.lowest_ask),
    bestAskQuantity: wire.lowest_size ? contractsToBase(wire.lowest_size, multiplier) : '',
  };
}

/** A futures.tickers push item: the documented push carries no best bid or ask. */
export function tickerFromPush(wire: WireFuturesTicker, symbol: Pair, timestampMs: number): Ticker {
  return {
    symbol,
    lastPrice: optional(wire.last),
    bestBid: '',
    bestBidQuantity: '',
    bestAsk: '',
    bestAskQuantity: '',
    high24h: optional(wire.high_24h),
    low24h: optional(wire.low_24h),
    baseVolume24h: optional(wire.volume_24h_base),
    quoteVolume24h: optional(wire.volume_24h_quote),
    changePercent24h: wire.change_percentage ?? '',
    timestampMs,
  };
}

export function toFundingRate(wire: WireFuturesTicker, symbol: Pair, nextFundingTimeMs: number, timestampMs: number): FundingRate {
  return {
    symbol,
    rate: optional(wire.funding_rate),
    predictedRate: optional(wire.funding_rate_indicative),
    nextFundingTimeMs,
    timestampMs,
  };
}

export function toMarkPrice(wire: WireFuturesTicker, symbol: Pair, timestampMs: number): MarkPrice {
  return { symbol, markPrice: optional(wire.mark_price), indexPrice: optional(wire.index_price), timestampMs };
}

export function toLiquidation(wire: WirePublicLiquidation, symbol: Pair, multiplier: string): Liquidation {
  const size = text(wire.size);
  const contracts = size.startsWith('-') ? size.slice(1) : size;
  return {
    symbol,
    side: size.startsWith('-') ? 'sell' : 'buy',
    price: canonicalDecimal(typeof wire.price === 'number' ? String(wire.price) : wire.price),
    contracts,
    baseQuantity: multiplyDecimal(contracts, multiplier),
    timestampMs: wire.time_ms,
  };
}
