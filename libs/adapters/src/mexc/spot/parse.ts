import type { PublicAggreDealsV3ApiItem } from '@cexgw/mexc-proto';
import { canonicalDecimal, multiplyDecimal, stepFromPrecision } from '../../core/decimal.js';
import type { Pair } from '../../core/symbol.js';
import type { OrderBookSnapshot, Side, SymbolInfo, SymbolStatus, Ticker, Trade } from '../../core/types.js';
import { WireReader } from '../../core/wire-read.js';
import { int64 } from './int64.js';
import type { WireDepth, WireExchangeInfo, WireLevel, WireSymbol, WireTicker24h, WireTrade } from './wire.js';

const read = new WireReader('mexc_spot');

// Wire -> unified conversions for MEXC spot, shared by the REST and websocket paths.

const STATUS: Readonly<Record<string, SymbolStatus>> = { '1': 'trading', '2': 'halted', '3': 'delisted' };

function optionalDecimal(value: string | null | undefined): string {
  return value ? canonicalDecimal(value) : '';
}

export function toSymbolInfo(wire: WireSymbol, symbol: Pair): SymbolInfo {
  const status = STATUS[wire.status] ?? 'halted';
  const minQuantity = optionalDecimal(wire.baseSizePrecision);
  return {
    symbol,
    venueSymbol: wire.symbol,
    status: status === 'trading' && !wire.isSpotTradingAllowed ? 'halted' : status,
    priceTick: stepFromPrecision(wire.quoteAssetPrecision),
    quantityStep: stepFromPrecision(wire.baseAssetPrecision),
    pricePrecision: wire.quoteAssetPrecision,
    quantityPrecision: wire.baseAssetPrecision,
    minQuantity: minQuantity === '0' ? '' : minQuantity,
    maxQuantity: '',
    minNotional: optionalDecimal(wire.quoteAmountPrecision),
    maxNotional: optionalDecimal(wire.maxQuoteAmount),
    takerFeeRate: optionalDecimal(wire.takerCommission),
  };
}

/** Every symbol of GET /api/v3/exchangeInfo; symbols are named by their own base and quote assets. */
export function symbolInfosFromExchangeInfo(answer: WireExchangeInfo): SymbolInfo[] {
  return read.list(read.object(answer, 'an exchangeInfo answer').symbols, 'symbols').map((item) => {
    const wire = read.object(item, 'a symbol') as unknown as WireSymbol;
    return toSymbolInfo(wire, { base: read.text(wire.baseAsset, 'a base asset'), quote: read.text(wire.quoteAsset, 'a quote asset') });
  });
}

/** GET /api/v3/time. */
export function serverTimeMs(answer: { serverTime: number }): number {
  return read.millis(read.object(answer, 'a server time answer').serverTime, 'a server time');
}

function levels(wire: readonly WireLevel[]): Array<readonly [string, string]> {
  return wire.map(([price, quantity]) => [canonicalDecimal(price), canonicalDecimal(quantity)] as const);
}

export function toOrderBook(wire: WireDepth, symbol: Pair): OrderBookSnapshot {
  return { symbol, bids: levels(wire.bids), asks: levels(wire.asks), updateId: wire.lastUpdateId, timestampMs: wire.timestamp ?? 0 };
}

/** GET /api/v3/trades carries no trade id (`id` is null): `tradeId` stays empty. The taker bought when the buyer was not the maker. */
export function toTrade(wire: WireTrade, symbol: Pair): Trade {
  return {
    symbol,
    tradeId: wire.id ?? '',
    price: canonicalDecimal(wire.price),
    quantity: canonicalDecimal(wire.qty),
    takerSide: wire.isBuyerMaker ? 'sell' : 'buy',
    timestampMs: wire.time,
  };
}

const TAKER_SIDE: Readonly<Record<number, Side>> = { 1: 'buy', 2: 'sell' };
const TRADE_TYPES = [1, 2];

/**
 * A protobuf deal (PublicAggreDealsV3ApiItem), read strictly: tradeType 1 = the taker bought,
 * 2 = sold (0, proto3's absent value, is refused). `tradeId` (field 5, in the schema since
 * websocket-proto 7b8ac7a) is the venue's trade id; "" from a venue that does not send it yet.
 */
export function toDeal(deal: PublicAggreDealsV3ApiItem, symbol: Pair): Trade {
  const time = int64(deal.time);
  if (time <= 0) throw read.malformed('a trade time', time, 'a time in milliseconds');
  return {
    symbol,
    tradeId: read.optionalText(deal.tradeId, 'a trade id'),
    price: read.positive(deal.price, 'a trade price'),
    quantity: read.positive(deal.quantity, 'a trade quantity'),
    takerSide: TAKER_SIDE[read.oneOf(deal.tradeType, TRADE_TYPES, 'a trade type')]!,
    timestampMs: time,
  };
}

export function toTicker(wire: WireTicker24h, symbol: Pair): Ticker {
  return {
    symbol,
    lastPrice: optionalDecimal(wire.lastPrice),
    bestBid: optionalDecimal(wire.bidPrice),
    bestBidQuantity: optionalDecimal(wire.bidQty),
    bestAsk: optionalDecimal(wire.askPrice),
    bestAskQuantity: optionalDecimal(wire.askQty),
    high24h: optionalDecimal(wire.highPrice),
    low24h: optionalDecimal(wire.lowPrice),
    baseVolume24h: optionalDecimal(wire.volume),
    quoteVolume24h: optionalDecimal(wire.quoteVolume),
    // priceChangePercent is a fraction ("0.0173" = 1.73 %); the API speaks percent.
    changePercent24h: wire.priceChangePercent ? signedTimes100(wire.priceChangePercent) : '',
    timestampMs: wire.closeTime,
  };
}

function signedTimes100(fraction: string): string {
  const negative = fraction.startsWith('-');
  const product = multiplyDecimal(negative ? fraction.slice(1) : fraction, '100');
  return negative && product !== '0' ? `-${product}` : product;
}
