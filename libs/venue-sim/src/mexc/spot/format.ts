import { divRound, formatScaled, type Level, type OrderBook, type Trade } from '../../engine/index.js';
import type { DayStats } from '../../common/market-state.js';
import type { MexcSymbolSpec } from './catalogue.js';

/**
 * Render helpers: engine values -> MEXC spot v3 JSON. Prices and quantities are strings with
 * trailing zeros trimmed ("0" for a removed level), times are ms numbers.
 */

export const price = (spec: MexcSymbolSpec, v: bigint): string => formatScaled(v, spec.quoteAssetPrecision);
export const qty = (spec: MexcSymbolSpec, v: bigint): string => formatScaled(v, spec.baseAssetPrecision);
/** price * quantity, at the scale of their product. */
export const quote = (spec: MexcSymbolSpec, p: bigint, q: bigint): string => formatScaled(p * q, spec.quoteAssetPrecision + spec.baseAssetPrecision);

export function levels(spec: MexcSymbolSpec, list: readonly Level[]): [string, string][] {
  return list.map(([p, q]) => [price(spec, p), qty(spec, q)]);
}

/** One exchangeInfo symbol, in the field order of a live capture. */
export function exchangeInfoSymbol(spec: MexcSymbolSpec): Record<string, unknown> {
  return {
    symbol: spec.symbol,
    status: '1',
    baseAsset: spec.baseAsset,
    baseAssetPrecision: spec.baseAssetPrecision,
    quoteAsset: spec.quoteAsset,
    quotePrecision: spec.quoteAssetPrecision,
    quoteAssetPrecision: spec.quoteAssetPrecision,
    baseCommissionPrecision: spec.baseCommissionPrecision,
    quoteCommissionPrecision: spec.quoteCommissionPrecision,
    orderTypes: ['LIMIT', 'MARKET', 'LIMIT_MAKER'],
    isSpotTradingAllowed: true,
    isMarginTradingAllowed: false,
    quoteAmountPrecision: spec.quoteAmountPrecision,
    baseSizePrecision: spec.baseSizePrecision,
    permissions: ['SPOT'],
    filters: [],
    maxQuoteAmount: spec.maxQuoteAmount,
    makerCommission: spec.makerCommission,
    takerCommission: spec.takerCommission,
    quoteAmountPrecisionMarket: spec.quoteAmountPrecisionMarket,
    maxQuoteAmountMarket: spec.maxQuoteAmountMarket,
    fullName: spec.fullName,
    tradeSideType: 1,
  };
}

/** GET /api/v3/trades item. `id` is always null at the venue; tradeType is the taker side. */
export function restTrade(spec: MexcSymbolSpec, t: Trade): Record<string, unknown> {
  return {
    id: null,
    price: price(spec, t.price),
    qty: qty(spec, t.quantity),
    quoteQty: quote(spec, t.price, t.quantity),
    time: t.timestamp,
    isBuyerMaker: t.takerSide === 'sell',
    isBestMatch: true,
    tradeType: t.takerSide === 'buy' ? 'BID' : 'ASK',
  };
}

/** GET /api/v3/aggTrades item (ids are null at the venue). */
export function aggTrade(spec: MexcSymbolSpec, p: bigint, q: bigint, time: number, buyerIsMaker: boolean): Record<string, unknown> {
  return { a: null, f: null, l: null, p: price(spec, p), q: qty(spec, q), T: time, m: buyerIsMaker, M: true };
}

/** Change as a fraction with 4 decimals, trimmed ("0.0173" = +1.73 %). */
export function changeFraction(open: bigint, last: bigint): string {
  if (open === 0n) return '0';
  return formatScaled(divRound((last - open) * 10000n, open), 4);
}

/** GET /api/v3/ticker/24hr item, in the field order of a live capture. */
export function ticker24hr(spec: MexcSymbolSpec, stats: DayStats, book: OrderBook, now: number): Record<string, unknown> {
  const bid = book.bestPrice('bid');
  const ask = book.bestPrice('ask');
  return {
    symbol: spec.symbol,
    priceChange: price(spec, stats.last - stats.open),
    priceChangePercent: changeFraction(stats.open, stats.last),
    prevClosePrice: price(spec, stats.open),
    lastPrice: price(spec, stats.last),
    bidPrice: bid === undefined ? '' : price(spec, bid),
    bidQty: bid === undefined ? '' : qty(spec, book.levelQuantity('bid', bid)),
    askPrice: ask === undefined ? '' : price(spec, ask),
    askQty: ask === undefined ? '' : qty(spec, book.levelQuantity('ask', ask)),
    openPrice: price(spec, stats.open),
    highPrice: price(spec, stats.high),
    lowPrice: price(spec, stats.low),
    volume: qty(spec, stats.baseVolume),
    quoteVolume: formatScaled(stats.quoteVolume, spec.baseAssetPrecision + spec.quoteAssetPrecision),
    openTime: now - (now % 60_000),
    closeTime: now,
    count: null,
  };
}

/** GET /api/v3/ticker/bookTicker item. */
export function bookTicker(spec: MexcSymbolSpec, book: OrderBook): Record<string, string> {
  const bid = book.bestPrice('bid');
  const ask = book.bestPrice('ask');
  return {
    symbol: spec.symbol,
    bidPrice: bid === undefined ? '' : price(spec, bid),
    bidQty: bid === undefined ? '' : qty(spec, book.levelQuantity('bid', bid)),
    askPrice: ask === undefined ? '' : price(spec, ask),
    askQty: ask === undefined ? '' : qty(spec, book.levelQuantity('ask', ask)),
  };
}
