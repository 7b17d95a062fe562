// Gate.io API v4 USDT futures private shapes (docs/venues/gateio-futures-wire.md, "REST v4 —
// private" and "Private channels"), as read through parseJsonExact: every numeric member
// (ids beyond 2^53, sizes, prices and fees that the websocket sends as JSON numbers) arrives
// as the exact string of digits the venue sent.

/** FuturesOrder (REST, gate-api FuturesOrder). `size` is signed: + buy, - sell. */
export interface WireFuturesOrder {
  id: string;
  contract: string;
  size: string;
  left?: string;
  price: string;
  fill_price?: string;
  tif?: string;
  text?: string;
  status: 'open' | 'finished';
  finish_as?: string;
  is_reduce_only?: boolean;
  is_close?: boolean;
  is_liq?: boolean;
  /** Seconds with a fraction. */
  create_time?: string;
  update_time?: string;
  finish_time?: string;
}

/** A futures.orders push item: the REST fields, plus times in ms; `update_time` is ms here. */
export interface WireFuturesOrderPush extends WireFuturesOrder {
  create_time_ms?: string;
  finish_time_ms?: string;
}

/** What a fill carries in the push and in the trade history alike. `size` signed by the order's side. */
interface WireFuturesFill {
  order_id: string;
  contract: string;
  size: string;
  price: string;
  role?: 'taker' | 'maker';
  text?: string;
  fee?: string;
}

/** futures.usertrades push items. */
export interface WireFuturesUserTrade extends WireFuturesFill {
  id: string;
  create_time?: string;
  create_time_ms?: string;
}

/**
 * GET /my_trades_timerange items (gate-api MyFuturesTradeTimeRange): the fill id is `trade_id`,
 * not `id` as on /my_trades and in the push; `create_time` is seconds with a fraction.
 */
export interface WireFuturesTradeHistoryItem extends WireFuturesFill {
  trade_id: string;
  create_time: string;
}

/** GET /positions items. `size` signed contracts; `leverage` "0" = cross margin. */
export interface WireFuturesPosition {
  contract: string;
  size: string;
  leverage: string;
  cross_leverage_limit?: string;
  entry_price?: string;
  mark_price?: string;
  margin?: string;
  unrealised_pnl?: string;
  realised_pnl?: string;
  liq_price?: string;
  update_time?: string;
  mode?: string;
}

/** futures.positions items: no mark price, unrealised PnL or value (re-read over REST). */
export interface WireFuturesPositionPush {
  contract: string;
  size: string;
}

/** GET /accounts (gate-api FuturesAccount: no user id; the doc's example shows one, its schema does not). */
export interface WireFuturesAccount {
  currency?: string;
  total: string;
  available: string;
  position_margin?: string;
  order_margin?: string;
  unrealised_pnl?: string;
  /** Deprecated by `position_mode` where present. */
  in_dual_mode?: boolean;
  /** single, dual (hedge) or split. */
  position_mode?: string;
}

/** GET /account/detail (gate-api AccountDetail). */
export interface WireAccountDetail {
  user_id: string;
}

/** futures.balances items. */
export interface WireFuturesBalancePush {
  balance: string;
  change: string;
  type?: string;
  time_ms?: string;
}
