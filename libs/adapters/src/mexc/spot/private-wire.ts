// MEXC spot v3 signed-endpoint shapes as documented (docs/venues/mexc-spot-wire.md, "Private REST").
// What the venue sends is not trusted to match: private-parse.ts reads every answer strictly.

/** POST /api/v3/order answer: no status, no fills. */
export interface WireNewOrder {
  symbol: string;
  orderId: string;
  price: string;
  origQty: string;
  type: string;
  side: 'BUY' | 'SELL';
  transactTime: number;
}

/** GET/DELETE /api/v3/order, GET /api/v3/openOrders item. */
export interface WireOrder {
  symbol: string;
  orderId: string;
  clientOrderId?: string;
  origClientOrderId?: string;
  price: string;
  origQty: string;
  executedQty: string;
  cummulativeQuoteQty: string;
  status: 'NEW' | 'FILLED' | 'PARTIALLY_FILLED' | 'CANCELED' | 'PARTIALLY_CANCELED' | string;
  timeInForce?: string;
  type: string;
  side: 'BUY' | 'SELL';
  time?: number;
  updateTime?: number;
  origQuoteOrderQty?: string;
}

export interface WireAccount {
  balances: Array<{ asset: string; free: string; locked: string }>;
}

/** GET /api/v3/myTrades item. */
export interface WireMyTrade {
  symbol: string;
  id: string;
  orderId: string;
  price: string;
  qty: string;
  quoteQty: string;
  commission: string;
  commissionAsset: string;
  time: number;
  isBuyer: boolean;
  isMaker: boolean;
  clientOrderId?: string | null;
}
