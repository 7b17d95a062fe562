import type { DayStats } from '../../common/market-state.js';
import { formatScaled, pow10, type Level, type OrderBook, type Trade } from '../../engine/index.js';
import { priceScaleOf, qtyScaleOf, type BinanceUsdmContractSpec } from './catalogue.js';

/**
 * Engine values -> Binance USDⓈ-M JSON: prices with the contract's pricePrecision decimals
 * ("65000.10"), sizes with its quantityPrecision ("0.001"), times as ms numbers. Depth ids are the
 * engine's per-symbol versions times ten: like the venue's, consecutive events do not have
 * consecutive ids, and only `pu` says that one event follows another.
 */

const fixed = (value: bigint, scale: number, decimals: number): string => (decimals >= scale ? formatScaled(value * pow10(decimals - scale), decimals, true) : formatScaled(value, scale));

export const price = (spec: BinanceUsdmContractSpec, v: bigint): string => fixed(v, priceScaleOf(spec), spec.pricePrecision);
export const qty = (spec: BinanceUsdmContractSpec, v: bigint): string => fixed(v, qtyScaleOf(spec), spec.quantityPrecision);
/** price x quantity, at the scale of their product, trailing zeros trimmed. */
export const quote = (spec: BinanceUsdmContractSpec, v: bigint): string => formatScaled(v, priceScaleOf(spec) + qtyScaleOf(spec));

/** The venue's depth id of an engine version. */
export const depthId = (version: number): number => version * 10;

export function levels(spec: BinanceUsdmContractSpec, list: readonly Level[]): [string, string][] {
  return list.map(([p, q]) => [price(spec, p), qty(spec, q)]);
}

/** One exchangeInfo symbol, the fields of the connector's ExchangeInformationResponseSymbolsInner. */
export function exchangeInfoSymbol(spec: BinanceUsdmContractSpec): Record<string, unknown> {
  return {
    symbol: spec.symbol,
    pair: spec.symbol,
    contractType: 'PERPETUAL',
    deliveryDate: 4133404800000,
    onboardDate: spec.onboardDate,
    status: 'TRADING',
    maintMarginPercent: '2.5000',
    requiredMarginPercent: '5.0000',
    baseAsset: spec.baseAsset,
    quoteAsset: spec.quoteAsset,
    marginAsset: spec.quoteAsset,
    pricePrecision: spec.pricePrecision,
    quantityPrecision: spec.quantityPrecision,
    baseAssetPrecision: 8,
    quotePrecision: 8,
    underlyingType: 'COIN',
    underlyingSubType: ['PoW'],
    settlePlan: 0,
    triggerProtect: '0.0500',
    liquidationFee: '0.012500',
    marketTakeBound: '0.05',
    filters: [
      { filterType: 'PRICE_FILTER', minPrice: spec.tickSize, maxPrice: '4529764', tickSize: spec.tickSize },
      { filterType: 'LOT_SIZE', minQty: spec.minQty, maxQty: spec.maxQty, stepSize: spec.stepSize },
      { filterType: 'MARKET_LOT_SIZE', minQty: spec.minQty, maxQty: spec.marketMaxQty, stepSize: spec.stepSize },
      { filterType: 'MAX_NUM_ORDERS', limit: 200 },
      { filterType: 'MAX_NUM_ALGO_ORDERS', limit: 10 },
      { filterType: 'MIN_NOTIONAL', notional: spec.minNotional },
      { filterType: 'PERCENT_PRICE', multiplierUp: '1.0500', multiplierDown: '0.9500', multiplierDecimal: '4' },
    ],
    orderTypes: ['LIMIT', 'MARKET', 'STOP', 'STOP_MARKET', 'TAKE_PROFIT', 'TAKE_PROFIT_MARKET', 'TRAILING_STOP_MARKET'],
    timeInForce: ['GTC', 'IOC', 'FOK', 'GTX', 'GTD'],
  };
}

export function restTrade(spec: BinanceUsdmContractSpec, t: Trade): Record<string, unknown> {
  return { id: t.id, price: price(spec, t.price), qty: qty(spec, t.quantity), quoteQty: quote(spec, t.price * t.quantity), time: t.timestamp, isBuyerMaker: t.takerSide === 'sell', isRPITrade: false };
}

/** The change as a percent with 3 decimals. */
function changePercent(open: bigint, last: bigint): string {
  return open === 0n ? '0.000' : formatScaled(((last - open) * 100_000n) / open, 3, true);
}

/** GET /fapi/v1/ticker/24hr (no best bid and ask on USDⓈ-M). */
export function ticker24hr(spec: BinanceUsdmContractSpec, stats: DayStats, trades: readonly Trade[], now: number): Record<string, unknown> {
  const window = trades.filter((t) => t.timestamp > now - 86_400_000);
  const last = trades[trades.length - 1];
  return {
    symbol: spec.symbol,
    priceChange: price(spec, stats.last - stats.open),
    priceChangePercent: changePercent(stats.open, stats.last),
    weightedAvgPrice: price(spec, stats.baseVolume === 0n ? stats.last : stats.quoteVolume / stats.baseVolume),
    lastPrice: price(spec, stats.last),
    lastQty: qty(spec, last?.quantity ?? 0n),
    openPrice: price(spec, stats.open),
    highPrice: price(spec, stats.high),
    lowPrice: price(spec, stats.low),
    volume: qty(spec, stats.baseVolume),
    quoteVolume: quote(spec, stats.quoteVolume),
    openTime: now - 86_400_000,
    closeTime: now,
    firstId: window[0]?.id ?? 0,
    lastId: window[window.length - 1]?.id ?? 0,
    count: window.length,
  };
}

export function bookTicker(spec: BinanceUsdmContractSpec, book: OrderBook, now: number): { symbol: string; bidPrice: string; bidQty: string; askPrice: string; askQty: string; time: number } {
  const bid = book.bestPrice('bid');
  const ask = book.bestPrice('ask');
  return {
    symbol: spec.symbol,
    bidPrice: price(spec, bid ?? 0n),
    bidQty: qty(spec, bid === undefined ? 0n : book.levelQuantity('bid', bid)),
    askPrice: price(spec, ask ?? 0n),
    askQty: qty(spec, ask === undefined ? 0n : book.levelQuantity('ask', ask)),
    time: now,
  };
}
