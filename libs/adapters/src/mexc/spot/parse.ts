import { canonicalDecimal, multiplyDecimal, stepFromPrecision } from '../../core/decimal.js';
import type { Symbol } from '../../core/symbol.js';
import type { OrderBookSnapshot, Side, SymbolInfo, SymbolStatus, Ticker, Trade } from '../../core/types.js';
import type { WireDepth, WireLevel, WireSymbol, WireTicker24h, WireTrade } from './wire.js';

// Wire -> unified conversions for MEXC spot, shared by the REST and websocket paths.

const STATUS: Readonly<Record<string, SymbolStatus>> = { '1': 'trading', '2': 'halted', '3': 'delisted' };

function optionalDecimal(value: string | null | undefined): string {
  return value ? canonicalDecimal(value) : '';
}

export function toSymbolInfo(wire: WireSymbol, symbol: Symbol): SymbolInfo {
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

function levels(wire: readonly WireLevel[]): Array<readonly [string, string]> {
  return wire.map(([price, quantity]) => [canonicalDecimal(price), canonicalDecimal(quantity)] as const);
}

export function toOrderBook(wire: WireDepth, symbol: Symbol): OrderBookSnapshot {
  return { symbol, bids: levels(wire.bids), asks: levels(wire.asks), updateId: wire.lastUpdateId, timestampMs: wire.timestamp ?? 0 };
}

/** MEXC publishes no trade id; `tradeId` stays empty. The taker bought when the buyer was not the maker. */
export function toTrade(wire: WireTrade, symbol: Symbol): Trade {
  return {
    symbol,
    tradeId: wire.id ?? '',
    price: canonicalDecimal(wire.price),
    quantity: canonicalDecimal(wire.qty),
    takerSide: wire.isBuyerMaker ? 'sell' : 'buy',
    timestampMs: wire.time,
  };
}

/** A protobuf deal: tradeType 1 = the taker bought, 2 = sold. */
export function toDeal(deal: { price: string; quantity: string; tradeType: number; time: number }, symbol: Symbol): Trade {
  const side: Side = deal.tradeType === 1 ? 'buy' : 'sell';
  return { symbol, tradeId: '', price: canonicalDecimal(deal.price), quantity: canonicalDecimal(deal.quantity), takerSide: side, timestampMs: deal.time };
}

export function toTicker(wire: WireTicker24h, symbol: Symbol): Ticker {
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
