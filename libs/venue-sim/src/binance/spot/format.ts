import { formatScaled, parseScaled, type Level, type OrderBook, type Trade } from '../../engine/index.js';
import type { DayStats } from '../../common/market-state.js';
import { decimalsOf } from '../common/decimals.js';
import type { BinanceSpotSymbolSpec } from './catalogue.js';

/**
 * Engine values -> Binance spot JSON. Prices and quantities are strings with 8 decimals, as the
 * venue prints them ("65000.01000000", "0.00100000"); times are ms numbers.
 */

const EIGHT = 8;
const fixed8 = (value: bigint, scale: number): string => (scale >= EIGHT ? formatScaled(value, scale, true) : formatScaled(value * 10n ** BigInt(EIGHT - scale), EIGHT, true));

export const priceScale = (spec: BinanceSpotSymbolSpec): number => decimalsOf(spec.tickSize);
export const qtyScale = (spec: BinanceSpotSymbolSpec): number => decimalsOf(spec.stepSize);
export const price = (spec: BinanceSpotSymbolSpec, v: bigint): string => fixed8(v, priceScale(spec));
export const qty = (spec: BinanceSpotSymbolSpec, v: bigint): string => fixed8(v, qtyScale(spec));
/** price x quantity, at the scale of their product. */
export const quote = (spec: BinanceSpotSymbolSpec, v: bigint): string => fixed8(v, priceScale(spec) + qtyScale(spec));
/** A decimal string of the catalogue ("0.01") as the venue prints it ("0.01000000"). */
export const decimal8 = (text: string): string => fixed8(parseScaled(text, decimalsOf(text)), decimalsOf(text));

export function levels(spec: BinanceSpotSymbolSpec, list: readonly Level[]): [string, string][] {
  return list.map(([p, q]) => [price(spec, p), qty(spec, q)]);
}

/** One exchangeInfo symbol, in the field order of the documented answer. */
export function exchangeInfoSymbol(spec: BinanceSpotSymbolSpec): Record<string, unknown> {
  return {
    symbol: spec.symbol,
    status: 'TRADING',
    baseAsset: spec.baseAsset,
    baseAssetPrecision: 8,
    quoteAsset: spec.quoteAsset,
    quotePrecision: 8,
    quoteAssetPrecision: 8,
    baseCommissionPrecision: 8,
    quoteCommissionPrecision: 8,
    orderTypes: ['LIMIT', 'LIMIT_MAKER', 'MARKET', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT_LIMIT'],
    icebergAllowed: true,
    ocoAllowed: true,
    otoAllowed: true,
    opoAllowed: false,
    quoteOrderQtyMarketAllowed: true,
    allowTrailingStop: true,
    cancelReplaceAllowed: true,
    amendAllowed: true,
    pegInstructionsAllowed: false,
    isSpotTradingAllowed: true,
    isMarginTradingAllowed: false,
    filters: [
      { filterType: 'PRICE_FILTER', minPrice: decimal8(spec.tickSize), maxPrice: '1000000.00000000', tickSize: decimal8(spec.tickSize) },
      { filterType: 'LOT_SIZE', minQty: decimal8(spec.minQty), maxQty: decimal8(spec.maxQty), stepSize: decimal8(spec.stepSize) },
      { filterType: 'NOTIONAL', minNotional: decimal8(spec.minNotional), applyMinToMarket: true, maxNotional: decimal8(spec.maxNotional), applyMaxToMarket: false, avgPriceMins: 5 },
      { filterType: 'MARKET_LOT_SIZE', minQty: '0.00000000', maxQty: decimal8(spec.maxQty), stepSize: '0.00000000' },
      { filterType: 'MAX_NUM_ORDERS', maxNumOrders: 200 },
    ],
    permissions: [],
    permissionSets: [['SPOT']],
    defaultSelfTradePreventionMode: 'EXPIRE_MAKER',
    allowedSelfTradePreventionModes: ['NONE', 'EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH', 'DECREMENT'],
  };
}

/** GET /api/v3/trades item. */
export function restTrade(spec: BinanceSpotSymbolSpec, t: Trade): Record<string, unknown> {
  return { id: t.id, price: price(spec, t.price), qty: qty(spec, t.quantity), quoteQty: quote(spec, t.price * t.quantity), time: t.timestamp, isBuyerMaker: t.takerSide === 'sell', isBestMatch: true };
}

/** The change as a percent with 3 decimals ("1.730"), as the venue prints priceChangePercent. */
export function changePercent(open: bigint, last: bigint): string {
  if (open === 0n) return '0.000';
  const scaled = ((last - open) * 100_000n) / open;
  return formatScaled(scaled, 3, true);
}

/** GET /api/v3/ticker/24hr item (FULL), in the field order of the documented answer. */
export function ticker24hr(spec: BinanceSpotSymbolSpec, stats: DayStats, book: OrderBook, trades: readonly Trade[], now: number): Record<string, unknown> {
  const bid = book.bestPrice('bid');
  const ask = book.bestPrice('ask');
  const last = trades[trades.length - 1];
  const p = priceScale(spec);
  const q = qtyScale(spec);
  const weighted = stats.baseVolume === 0n ? stats.last : stats.quoteVolume / stats.baseVolume;
  const inWindow = trades.filter((t) => t.timestamp > now - 86_400_000);
  return {
    symbol: spec.symbol,
    priceChange: fixed8(stats.last - stats.open, p),
    priceChangePercent: changePercent(stats.open, stats.last),
    weightedAvgPrice: fixed8(weighted, p),
    prevClosePrice: fixed8(stats.open, p),
    lastPrice: fixed8(stats.last, p),
    lastQty: fixed8(last?.quantity ?? 0n, q),
    bidPrice: fixed8(bid ?? 0n, p),
    bidQty: fixed8(bid === undefined ? 0n : book.levelQuantity('bid', bid), q),
    askPrice: fixed8(ask ?? 0n, p),
    askQty: fixed8(ask === undefined ? 0n : book.levelQuantity('ask', ask), q),
    openPrice: fixed8(stats.open, p),
    highPrice: fixed8(stats.high, p),
    lowPrice: fixed8(stats.low, p),
    volume: fixed8(stats.baseVolume, q),
    quoteVolume: fixed8(stats.quoteVolume, p + q),
    openTime: now - 86_400_000,
    closeTime: now,
    firstId: inWindow[0]?.id ?? -1,
    lastId: inWindow[inWindow.length - 1]?.id ?? -1,
    count: inWindow.length,
  };
}

/** GET /api/v3/ticker/bookTicker item, and the bookTicker stream's prices. */
export function bookTicker(spec: BinanceSpotSymbolSpec, book: OrderBook): { symbol: string; bidPrice: string; bidQty: string; askPrice: string; askQty: string } {
  const bid = book.bestPrice('bid');
  const ask = book.bestPrice('ask');
  return {
    symbol: spec.symbol,
    bidPrice: price(spec, bid ?? 0n),
    bidQty: qty(spec, bid === undefined ? 0n : book.levelQuantity('bid', bid)),
    askPrice: price(spec, ask ?? 0n),
    askQty: qty(spec, ask === undefined ? 0n : book.levelQuantity('ask', ask)),
  };
}
