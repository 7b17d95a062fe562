import { canonicalDecimal, percentToFraction, stepFromPrecision } from '../../core/decimal.js';
import type { Pair } from '../../core/symbol.js';
import type { Level, OrderBookSnapshot, SymbolInfo, SymbolStatus, Ticker, Trade } from '../../core/types.js';
import type { WireLevel } from '../common/wire.js';
import type { WireCurrencyPair, WireOrderBook, WireTicker, WireTrade, WireWsTicker, WireWsTrade } from './wire.js';

// Wire -> unified conversions for Gate.io spot. One place, shared by REST and websocket paths.

function status(pair: WireCurrencyPair, nowSeconds: number): SymbolStatus {
  if (pair.delisting_time && pair.delisting_time > 0 && pair.delisting_time <= nowSeconds) return 'delisted';
  return pair.trade_status === 'tradable' ? 'trading' : 'halted';
}

function optionalDecimal(value: string | undefined | null): string {
  return value ? canonicalDecimal(value) : '';
}

export function toSymbolInfo(pair: WireCurrencyPair, symbol: Pair, nowSeconds: number): SymbolInfo {
  return {
    symbol,
    venueSymbol: pair.id,
    status: status(pair, nowSeconds),
    priceTick: stepFromPrecision(pair.precision),
    quantityStep: stepFromPrecision(pair.amount_precision),
    pricePrecision: pair.precision,
    quantityPrecision: pair.amount_precision,
    minQuantity: optionalDecimal(pair.min_base_amount),
    maxQuantity: optionalDecimal(pair.max_base_amount),
    minNotional: optionalDecimal(pair.min_quote_amount),
    maxNotional: optionalDecimal(pair.max_quote_amount),
    takerFeeRate: pair.fee ? percentToFraction(pair.fee) : '',
  };
}

/** GET /spot/currency_pairs, as the catalogue reads it. */
export function symbolInfosFromPairs(pairs: readonly WireCurrencyPair[], nowSeconds: number): SymbolInfo[] {
  return pairs.map((pair) => toSymbolInfo(pair, { base: pair.base, quote: pair.quote }, nowSeconds));
}

export function toLevels(levels: readonly WireLevel[] | undefined): Level[] {
  if (!levels) return [];
  return levels.map(([price, amount]) => [canonicalDecimal(price), canonicalDecimal(amount)] as const);
}

export function toOrderBook(book: WireOrderBook, symbol: Pair): OrderBookSnapshot {
  return {
    symbol,
    bids: toLevels(book.bids),
    asks: toLevels(book.asks),
    updateId: book.id ?? 0,
    timestampMs: book.current,
  };
}

/** "1606292218213.4578" -> 1606292218213 without going through a float. */
export function millisFromDecimalString(value: string): number {
  const dot = value.indexOf('.');
  return Number(dot === -1 ? value : value.slice(0, dot));
}

export function toTrade(trade: WireTrade | WireWsTrade, symbol: Pair): Trade {
  return {
    symbol,
    tradeId: String(trade.id),
    price: canonicalDecimal(trade.price),
    quantity: canonicalDecimal(trade.amount),
    takerSide: trade.side,
    timestampMs: millisFromDecimalString(trade.create_time_ms),
  };
}

/** GET /spot/tickers item (gate-api Ticker): best bid and ask with their sizes. */
export function toTicker(ticker: WireTicker, symbol: Pair, timestampMs: number): Ticker {
  return { ...tickerOf(ticker, symbol, timestampMs), bestBidQuantity: optionalDecimal(ticker.highest_size), bestAskQuantity: optionalDecimal(ticker.lowest_size) };
}

/** A spot.tickers push: the documented push carries best bid and ask prices, not their sizes. */
export function tickerFromPush(ticker: WireWsTicker, symbol: Pair, timestampMs: number): Ticker {
  return tickerOf(ticker, symbol, timestampMs);
}

function tickerOf(ticker: WireTicker | WireWsTicker, symbol: Pair, timestampMs: number): Ticker {
  return {
    symbol,
    lastPrice: optionalDecimal(ticker.last),
    bestBid: optionalDecimal(ticker.highest_bid),
    bestBidQuantity: '',
    bestAsk: optionalDecimal(ticker.lowest_ask),
    bestAskQuantity: '',
    high24h: optionalDecimal(ticker.high_24h),
    low24h: optionalDecimal(ticker.low_24h),
    baseVolume24h: optionalDecimal(ticker.base_volume),
    quoteVolume24h: optionalDecimal(ticker.quote_volume),
    changePercent24h: ticker.change_percentage ?? '',
    timestampMs,
  };
}
