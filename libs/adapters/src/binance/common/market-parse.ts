import type { Pair } from '../../core/symbol.js';
import type { Level, OrderBookSnapshot, Ticker, Trade } from '../../core/types.js';
import type { WireReader } from '../../core/wire-read.js';

// Wire -> unified readers shared by Binance spot and USDⓈ-M market data: the two markets answer
// depth, trades and tickers with the same field names (and stream events with the same letters).

function levels(read: WireReader, wire: unknown, what: string): Level[] {
  return read.list(wire, what).map((item) => {
    const pair = read.list(item, 'a level');
    return [read.positive(pair[0], 'a level price'), read.unsigned(pair[1], 'a level quantity')] as const;
  });
}

/**
 * GET depth: {lastUpdateId, bids, asks}, and on USDⓈ-M {E, T} too; `timeOf` reads the market's
 * time (spot has none: the caller stamps the arrival).
 */
export function orderBookOf(read: WireReader, answer: unknown, symbol: Pair, timeOf: (wire: Record<string, unknown>) => number): OrderBookSnapshot {
  const wire = read.object(answer, 'a depth answer');
  return {
    symbol,
    bids: levels(read, wire.bids, 'bids'),
    asks: levels(read, wire.asks, 'asks'),
    updateId: Number(read.id(wire.lastUpdateId, 'a last update id')),
    timestampMs: timeOf(wire),
  };
}

/** GET trades item: the taker bought when the buyer was not the maker. */
export function tradeOf(read: WireReader, answer: unknown, symbol: Pair): Trade {
  const wire = read.object(answer, 'a trade');
  return {
    symbol,
    tradeId: read.id(wire.id, 'a trade id'),
    price: read.positive(wire.price, 'a trade price'),
    quantity: read.positive(wire.qty, 'a trade quantity'),
    takerSide: read.boolean(wire.isBuyerMaker, 'isBuyerMaker') ? 'sell' : 'buy',
    timestampMs: read.millis(wire.time, 'a trade time'),
  };
}

/**
 * Where the two markets' events differ, field for field (spot: web-socket-streams.md; USDⓈ-M: its
 * market streams pages), so a reader touches only what its market's event has.
 */
export interface BinanceEventShape {
  /** The trade stream's id: spot's `trade` event carries t, USDⓈ-M's `aggTrade` event a. */
  readonly tradeId: 't' | 'a';
  /** Spot's 24hrTicker carries the best bid and ask (b, B, a, A); USDⓈ-M's does not. */
  readonly tickerHasBook: boolean;
  /** USDⓈ-M's bookTicker carries a transaction time T; spot's carries no time at all. */
  readonly bookTickerHasTime: boolean;
}

export const SPOT_EVENTS: BinanceEventShape = { tradeId: 't', tickerHasBook: true, bookTickerHasTime: false };
export const USDM_EVENTS: BinanceEventShape = { tradeId: 'a', tickerHasBook: false, bookTickerHasTime: true };

/** A trade ({t, p, q, T, m}) or aggTrade ({a, p, q, T, m}) event. */
export function tradeOfEvent(read: WireReader, shape: BinanceEventShape, data: Record<string, unknown>, symbol: Pair): Trade {
  return {
    symbol,
    tradeId: read.id(data[shape.tradeId], 'a trade id'),
    price: read.positive(data.p, 'a trade price'),
    quantity: read.positive(data.q, 'a trade quantity'),
    takerSide: read.boolean(data.m, 'the buyer-is-maker flag') ? 'sell' : 'buy',
    timestampMs: read.millis(data.T, 'a trade time'),
  };
}

/** An optional price or size: "" when absent. */
function optional(read: WireReader, value: unknown, what: string): string {
  return value === undefined || value === null || value === '' ? '' : read.unsigned(value, what);
}

/** The best bid and ask of a ticker answer (spot ticker/24hr, or ticker/bookTicker on either market). */
export function bestPricesOf(read: WireReader, answer: unknown): Pick<Ticker, 'bestBid' | 'bestBidQuantity' | 'bestAsk' | 'bestAskQuantity'> {
  const wire = read.object(answer, 'a book ticker');
  return {
    bestBid: optional(read, wire.bidPrice, 'a bid price'),
    bestBidQuantity: optional(read, wire.bidQty, 'a bid quantity'),
    bestAsk: optional(read, wire.askPrice, 'an ask price'),
    bestAskQuantity: optional(read, wire.askQty, 'an ask quantity'),
  };
}

/**
 * GET ticker/24hr; `book`: where the best bid and ask come from (USDⓈ-M's statistics carry none:
 * its GET ticker/bookTicker; spot's carry them: the same answer).
 */
export function tickerOf(read: WireReader, answer: unknown, symbol: Pair, book: unknown = answer): Ticker {
  const wire = read.object(answer, 'a 24h ticker');
  return {
    symbol,
    lastPrice: read.unsigned(wire.lastPrice, 'a last price'),
    ...bestPricesOf(read, book),
    high24h: read.unsigned(wire.highPrice, 'a high price'),
    low24h: read.unsigned(wire.lowPrice, 'a low price'),
    baseVolume24h: read.unsigned(wire.volume, 'a volume'),
    quoteVolume24h: read.unsigned(wire.quoteVolume, 'a quote volume'),
    changePercent24h: read.decimal(wire.priceChangePercent, 'a price change percent'),
    timestampMs: read.millis(wire.closeTime, 'a close time'),
  };
}

/**
 * A 24hrTicker event ({c, h, l, v, q, P, C}, and on spot b, B, a, A); without them the best bid
 * and ask stay what the book ticker last said.
 */
export function tickerOfEvent(read: WireReader, shape: BinanceEventShape, data: Record<string, unknown>, symbol: Pair, previous: Ticker | undefined): Ticker {
  const book = shape.tickerHasBook
    ? {
        bestBid: optional(read, data.b, 'a bid price'),
        bestBidQuantity: optional(read, data.B, 'a bid quantity'),
        bestAsk: optional(read, data.a, 'an ask price'),
        bestAskQuantity: optional(read, data.A, 'an ask quantity'),
      }
    : { bestBid: previous?.bestBid ?? '', bestBidQuantity: previous?.bestBidQuantity ?? '', bestAsk: previous?.bestAsk ?? '', bestAskQuantity: previous?.bestAskQuantity ?? '' };
  return {
    symbol,
    lastPrice: read.unsigned(data.c, 'a last price'),
    ...book,
    high24h: read.unsigned(data.h, 'a high price'),
    low24h: read.unsigned(data.l, 'a low price'),
    baseVolume24h: read.unsigned(data.v, 'a volume'),
    quoteVolume24h: read.unsigned(data.q, 'a quote volume'),
    changePercent24h: read.decimal(data.P, 'a price change percent'),
    timestampMs: read.millis(data.C ?? data.E, 'a statistics close time'),
  };
}

/** A bookTicker event ({u, s, b, B, a, A}, and on USDⓈ-M T) moving the best bid and ask of the last ticker. */
export function tickerWithBook(read: WireReader, shape: BinanceEventShape, data: Record<string, unknown>, previous: Ticker, nowMs: number): Ticker {
  return {
    ...previous,
    bestBid: read.unsigned(data.b, 'a bid price'),
    bestBidQuantity: read.unsigned(data.B, 'a bid quantity'),
    bestAsk: read.unsigned(data.a, 'an ask price'),
    bestAskQuantity: read.unsigned(data.A, 'an ask quantity'),
    timestampMs: shape.bookTickerHasTime ? read.millis(data.T, 'a transaction time') : nowMs,
  };
}

/** GET time: {serverTime}. */
export function serverTimeOf(read: WireReader, answer: unknown): number {
  return read.millis(read.object(answer, 'a server time answer').serverTime, 'a server time');
}
