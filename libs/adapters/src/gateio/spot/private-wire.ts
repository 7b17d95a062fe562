// Gate.io API v4 spot private shapes (docs/venues/gateio-spot-wire.md, "Private REST and websocket").

/** POST /spot/orders, GET/DELETE /spot/orders/{id}, GET /spot/orders (gate-api Order). */
export interface WireSpotOrder {
  id: string;
  text: string;
  create_time_ms?: string | number;
  update_time_ms?: string | number;
  create_time?: string;
  update_time?: string;
  status?: 'open' | 'closed' | 'cancelled';
  currency_pair: string;
  type: 'limit' | 'market';
  side: 'buy' | 'sell';
  /** Base quantity, or the quote amount of a market buy. */
  amount: string;
  price: string;
  time_in_force: 'gtc' | 'ioc' | 'poc' | 'fok';
  left: string;
  filled_amount?: string;
  filled_total: string;
  avg_deal_price?: string;
  fee?: string;
  fee_currency?: string;
  finish_as?: string;
}

/** A spot.orders push item: the order without `status`, with `event` (put, update, finish). */
export interface WireSpotOrderPush extends Omit<WireSpotOrder, 'status'> {
  event: 'put' | 'update' | 'finish';
}

/** GET /spot/open_orders item (gate-api OpenOrders): `total` counts this page's orders of the pair. */
export interface WireOpenOrders {
  currency_pair: string;
  total?: number;
  orders: WireSpotOrder[];
}

export interface WireSpotAccount {
  currency: string;
  available: string;
  locked: string;
}

/** GET /spot/my_trades item and spot.usertrades push item. */
export interface WireUserTrade {
  id: string | number;
  order_id: string;
  currency_pair: string;
  create_time_ms: string | number;
  side: 'buy' | 'sell';
  role: 'maker' | 'taker';
  amount: string;
  price: string;
  fee: string;
  /** Absent from spot.usertrades pushes in the documented example. */
  fee_currency?: string;
  text?: string;
}

/** spot.balances push item. */
export interface WireBalanceUpdate {
  timestamp_ms?: string;
  currency: string;
  total: string;
  available: string;
  freeze: string;
}
