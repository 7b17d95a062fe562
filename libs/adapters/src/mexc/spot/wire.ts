// MEXC spot v3 REST wire shapes, typed once (docs/venues/mexc-spot-wire.md). Websocket pushes
// are protobuf: their types come from @cexgw/mexc-proto, generated from protos/mexc.

export type WireLevel = [price: string, quantity: string];

/** GET /api/v3/exchangeInfo symbol. `status` "1" online, "2" paused, "3" offline. */
export interface WireSymbol {
  symbol: string;
  status: string;
  baseAsset: string;
  quoteAsset: string;
  baseAssetPrecision: number;
  quotePrecision: number;
  quoteAssetPrecision: number;
  isSpotTradingAllowed: boolean;
  /** Despite the name: the minimum order value in quote. */
  quoteAmountPrecision: string;
  /** Despite the name: the minimum order quantity ("0" = none). */
  baseSizePrecision: string;
  maxQuoteAmount?: string;
  makerCommission?: string;
  takerCommission?: string;
}

export interface WireExchangeInfo {
  serverTime: number;
  symbols: WireSymbol[];
}

export interface WireDepth {
  lastUpdateId: number;
  bids: WireLevel[];
  asks: WireLevel[];
  timestamp?: number;
}

/** GET /api/v3/trades item: MEXC publishes no trade id (`id` is null). */
export interface WireTrade {
  id: string | null;
  price: string;
  qty: string;
  quoteQty: string;
  time: number;
  isBuyerMaker: boolean;
}

export interface WireTicker24h {
  symbol: string;
  priceChangePercent: string;
  lastPrice: string;
  bidPrice: string;
  bidQty: string;
  askPrice: string;
  askQty: string;
  highPrice: string;
  lowPrice: string;
  volume: string;
  quoteVolume: string | null;
  closeTime: number;
}

/** JSON frames on the websocket: subscription answers and pongs. */
export interface WireJsonFrame {
  id?: number;
  code?: number;
  msg?: string;
}
