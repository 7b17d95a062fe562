import type { Logger } from './logger.js';
import type { AdapterMetrics } from './metrics.js';
import type { Pair, SymbolMapper } from './symbol.js';
import type { HealthReport, Side, SymbolInfo } from './types.js';

// The private (trading) side of a venue: orders, fills, balances. Quantities and prices are
// canonical decimal strings on every path an order takes.

export type OrderType = 'limit' | 'market';
export type TimeInForce = 'gtc' | 'ioc' | 'fok';
export type OrderStatus = 'pending' | 'open' | 'partially_filled' | 'filled' | 'cancelled' | 'rejected' | 'expired';

export interface OrderRequest {
  readonly symbol: Pair;
  readonly side: Side;
  readonly type: OrderType;
  /** Base quantity; "" only for a market buy sized by `quoteQuantity`. */
  readonly quantity: string;
  /** Limit price; "" for market orders. */
  readonly price: string;
  /** Quote amount of a market buy; "" otherwise. */
  readonly quoteQuantity: string;
  readonly timeInForce: TimeInForce;
  readonly postOnly: boolean;
  /** Always set (the trading service generates one when the client gave none): the idempotency key. */
  readonly clientOrderId: string;
  /** Futures only: may only reduce an existing position (the venue refuses it otherwise). */
  readonly reduceOnly?: boolean;
}

export interface OrderState {
  readonly orderId: string;
  readonly clientOrderId: string;
  readonly symbol: Pair;
  readonly side: Side;
  readonly type: OrderType;
  readonly timeInForce: TimeInForce;
  readonly postOnly: boolean;
  readonly status: OrderStatus;
  readonly price: string;
  readonly quantity: string;
  readonly filledQuantity: string;
  readonly filledQuoteQuantity: string;
  readonly averageFillPrice: string;
  readonly createdMs: number;
  readonly updatedMs: number;
  readonly reason: string;
  /** Futures only. */
  readonly reduceOnly?: boolean;
}

/** One execution of one of our orders, as the venue reports it. */
export interface Fill {
  /** The venue's id of this execution: unique per venue, the key that prevents doubles. */
  readonly fillId: string;
  readonly orderId: string;
  readonly clientOrderId: string;
  readonly symbol: Pair;
  readonly side: Side;
  readonly price: string;
  readonly quantity: string;
  readonly fee: string;
  readonly feeAsset: string;
  readonly isMaker: boolean;
  readonly timestampMs: number;
}

export interface Balance {
  readonly asset: string;
  readonly free: string;
  readonly locked: string;
}

/** An order named by the venue's id or by our client order id. */
export interface OrderRef {
  readonly symbol: Pair;
  readonly orderId?: string;
  readonly clientOrderId?: string;
}

/** What the private websocket reports. */
export interface PrivateListener {
  onOrder(order: OrderState): void;
  onFill(fill: Fill): void;
  onBalances(balances: readonly Balance[], timestampMs: number): void;
  /**
   * The private stream went down or came back. After a gap the caller recovers what it missed
   * from REST history (fillsSince), since a websocket replays nothing.
   */
  onStreamState(connected: boolean, detail: string): void;
}

export interface PrivateExchange {
  readonly venue: string;
  readonly metrics: AdapterMetrics;
  readonly symbols: SymbolMapper;
  /** Loads symbol rules, synchronises the clock, opens the private stream. */
  start(listener: PrivateListener): Promise<void>;
  listSymbols(): readonly SymbolInfo[];
  symbolInfo(symbol: Pair): SymbolInfo;
  /** Sends the order once. Never retried here: a timeout leaves the outcome to getOrder. */
  placeOrder(request: OrderRequest): Promise<OrderState>;
  cancelOrder(ref: OrderRef): Promise<OrderState>;
  getOrder(ref: OrderRef): Promise<OrderState>;
  listOpenOrders(symbol?: Pair): Promise<OrderState[]>;
  /**
   * listOpenOrders() with no symbol answers every open order of the account (Gate.io). False
   * where the venue lists per symbol only (MEXC, thousands of symbols): a caller that must see
   * the whole account (the kill switch) asks per symbol for the symbols it knows.
   */
  readonly listsAllOpenOrders: boolean;
  getBalances(): Promise<Balance[]>;
  /** Our fills at or after `sinceMs` on these symbols, oldest first (REST history). */
  fillsSince(sinceMs: number, symbols: readonly Pair[]): Promise<Fill[]>;
  health(): Promise<HealthReport>;
  close(): Promise<void>;
}

/** API credentials, read by the service from the environment or files, never logged. */
export interface Credentials {
  readonly apiKey: string;
  readonly apiSecret: string;
}

export interface PrivateVenueConfig {
  readonly restBaseUrl?: string;
  readonly wsUrl?: string;
  readonly logger?: Logger;
  readonly options?: Readonly<Record<string, string>>;
  readonly credentials: Credentials;
  /** Told every secret the adapter obtains at run time (MEXC's listenKey), so the caller can keep it out of logs. */
  readonly onSecret?: (value: string) => void;
}
