import type { Level, OrderBookSnapshot, SymbolInfo, Ticker, Trade } from '@cexgw/adapters';
import type { SymbolInfoMessage, TickerMessage, TradeMessage } from '@cexgw/grpc';

// Unified adapter types -> cexgw.v1 messages (plain objects in proto-loader's keepCase form).

const STATUS = { trading: 'SYMBOL_STATUS_TRADING', halted: 'SYMBOL_STATUS_HALTED', delisted: 'SYMBOL_STATUS_DELISTED' } as const;
const SIDE = { buy: 'SIDE_BUY', sell: 'SIDE_SELL' } as const;

export function levelsMessage(levels: readonly Level[]): Array<{ price: string; quantity: string }> {
  const out = new Array<{ price: string; quantity: string }>(levels.length);
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i]!;
    out[i] = { price: level[0], quantity: level[1] };
  }
  return out;
}

export function symbolInfoMessage(info: SymbolInfo): SymbolInfoMessage {
  return {
    symbol: info.symbol,
    venue_symbol: info.venueSymbol,
    status: STATUS[info.status],
    price_tick: info.priceTick,
    quantity_step: info.quantityStep,
    price_precision: info.pricePrecision,
    quantity_precision: info.quantityPrecision,
    min_quantity: info.minQuantity,
    max_quantity: info.maxQuantity,
    min_notional: info.minNotional,
    max_notional: info.maxNotional,
    taker_fee_rate: info.takerFeeRate,
  };
}

export function orderBookMessage(book: OrderBookSnapshot) {
  return {
    symbol: book.symbol,
    bids: levelsMessage(book.bids),
    asks: levelsMessage(book.asks),
    venue_update_id: book.updateId,
    venue_timestamp_ms: book.timestampMs,
  };
}

export function tradeMessage(trade: Trade): TradeMessage {
  return {
    symbol: trade.symbol,
    trade_id: trade.tradeId,
    price: trade.price,
    quantity: trade.quantity,
    taker_side: SIDE[trade.takerSide],
    timestamp_ms: trade.timestampMs,
  };
}

export function tickerMessage(ticker: Ticker): TickerMessage {
  return {
    symbol: ticker.symbol,
    last_price: ticker.lastPrice,
    best_bid: ticker.bestBid,
    best_bid_quantity: ticker.bestBidQuantity,
    best_ask: ticker.bestAsk,
    best_ask_quantity: ticker.bestAskQuantity,
    high_24h: ticker.high24h,
    low_24h: ticker.low24h,
    base_volume_24h: ticker.baseVolume24h,
    quote_volume_24h: ticker.quoteVolume24h,
    change_percent_24h: ticker.changePercent24h,
    timestamp_ms: ticker.timestampMs,
  };
}
