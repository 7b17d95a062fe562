import { randomBytes } from 'node:crypto';
import { Backoff, delay, type BackoffOptions } from './backoff.js';
import { Endpoint, type ClientConstructor, type EndpointLike } from './endpoint.js';
import { isRetryable, OrderOutcomeUnknownError, type GatewayError } from './errors.js';
import { Side } from './generated/cexgw/v1/common.js';
import { FuturesTradingClient, MarginMode, type FuturesBalance, type FuturesOrder, type GetPositionsResponse, type Position, type SetLeverageResponse } from './generated/cexgw/v1/futures_trading.js';
import { OrderStatus, OrderType, TimeInForce, TradingClient, type Balance, type GetBalancesResponse, type ListOpenOrdersResponse, type Order } from './generated/cexgw/v1/trading.js';
import { toSymbol, type SymbolLike } from './symbols.js';
import { unary, type UnaryCall } from './unary.js';

export type SideLike = Side | 'buy' | 'sell';
export type OrderTypeLike = OrderType | 'limit' | 'market';
export type TimeInForceLike = TimeInForce | 'gtc' | 'ioc' | 'fok';

export interface TraderOptions {
  /** The venue's trading service, with the gateway token: { addresses, token, credentials }. */
  readonly endpoint: EndpointLike;
  /** Deadline of each attempt, ms. Default 15000: longer than the gateway's own placement deadline (10 s). */
  readonly deadlineMs?: number;
  /** Attempts per call on UNAVAILABLE / DEADLINE_EXCEEDED, the first included. Default 5. */
  readonly attempts?: number;
  readonly backoff?: BackoffOptions;
  /** Start of generated client order ids (letters, digits, _ and -; up to 12 characters). Default "ts". */
  readonly clientOrderIdPrefix?: string;
}

export interface PlaceOrderParams {
  readonly symbol: SymbolLike;
  readonly side: SideLike;
  /** Default: limit when a price is given, else market. */
  readonly type?: OrderTypeLike;
  /** Base quantity, a decimal string. */
  readonly quantity?: string;
  /** Limit price, a decimal string. */
  readonly price?: string;
  /** Quote amount for a MARKET BUY sized in quote. */
  readonly quoteQuantity?: string;
  readonly timeInForce?: TimeInForceLike;
  readonly postOnly?: boolean;
  /** Idempotency key, 1-32 of [A-Za-z0-9_-]; generated when absent. Every retry sends the same one. */
  readonly clientOrderId?: string;
}

export interface FuturesOrderParams extends Omit<PlaceOrderParams, 'quantity' | 'quoteQuantity'> {
  /** Size in whole contracts, or ... */
  readonly contracts?: string;
  /** ... in base units (an exact number of contracts). Exactly one of the two. */
  readonly baseQuantity?: string;
  readonly reduceOnly?: boolean;
}

export interface OrderRef {
  readonly symbol: SymbolLike;
  readonly orderId?: string;
  readonly clientOrderId?: string;
}

const CLIENT_ORDER_ID = /^[A-Za-z0-9_-]{1,32}$/;
const FINAL = new Set([OrderStatus.ORDER_STATUS_CANCELLED, OrderStatus.ORDER_STATUS_FILLED, OrderStatus.ORDER_STATUS_EXPIRED, OrderStatus.ORDER_STATUS_REJECTED]);

function side(value: SideLike): Side {
  if (typeof value !== 'string') return value;
  if (value === 'buy') return Side.SIDE_BUY;
  if (value === 'sell') return Side.SIDE_SELL;
  throw new Error(`side ${JSON.stringify(value)} is not buy or sell`);
}

function orderType(value: OrderTypeLike | undefined, price: string | undefined): OrderType {
  if (value === undefined) return price ? OrderType.ORDER_TYPE_LIMIT : OrderType.ORDER_TYPE_MARKET;
  if (typeof value !== 'string') return value;
  return { limit: OrderType.ORDER_TYPE_LIMIT, market: OrderType.ORDER_TYPE_MARKET }[value];
}

function timeInForce(value: TimeInForceLike | undefined): TimeInForce {
  if (value === undefined) return TimeInForce.TIME_IN_FORCE_UNSPECIFIED;
  if (typeof value !== 'string') return value;
  return { gtc: TimeInForce.TIME_IN_FORCE_GTC, ioc: TimeInForce.TIME_IN_FORCE_IOC, fok: TimeInForce.TIME_IN_FORCE_FOK }[value];
}

/**
 * Trading on one venue's trading service (spot, and futures on a futures process). Every call
 * is retried on UNAVAILABLE and DEADLINE_EXCEEDED, which is safe because each one is idempotent:
 * placements carry a client order id (generated here when not given) that the gateway journals,
 * so a retry after a lost answer returns the order already placed, never a second one. With an
 * active/standby pair, UNAVAILABLE from the standby moves the next attempt to the other address.
 * Errors are typed (InvalidArgumentError, FailedPreconditionError, ...) with the venue's code.
 */
export class Trader {
  private readonly endpoint: Endpoint;
  private readonly ownsEndpoint: boolean;
  private readonly deadlineMs: number;
  private readonly attempts: number;
  private readonly backoffOptions: BackoffOptions;
  private readonly prefix: string;

  constructor(options: TraderOptions) {
    this.endpoint = Endpoint.from(options.endpoint);
    this.ownsEndpoint = this.endpoint !== options.endpoint;
    this.deadlineMs = options.deadlineMs ?? 15_000;
    this.attempts = Math.max(1, options.attempts ?? 5);
    this.backoffOptions = options.backoff ?? { initialMs: 200, maxMs: 3_000 };
    this.prefix = options.clientOrderIdPrefix ?? 'ts';
    if (!/^[A-Za-z0-9_-]{0,12}$/.test(this.prefix)) throw new Error(`clientOrderIdPrefix ${JSON.stringify(this.prefix)}: up to 12 of [A-Za-z0-9_-]`);
  }

  /** A fresh client order id: prefix, milliseconds and 40 random bits (at most 28 characters). */
  newClientOrderId(): string {
    return `${this.prefix}${Date.now().toString(36)}${randomBytes(5).toString('hex')}`;
  }

  /** Places a spot order. On an unknown outcome after every retry: OrderOutcomeUnknownError. */
  async place(params: PlaceOrderParams): Promise<Order> {
    const clientOrderId = this.clientOrderId(params.clientOrderId);
    const request = {
      symbol: toSymbol(params.symbol),
      side: side(params.side),
      type: orderType(params.type, params.price),
      quantity: params.quantity ?? '',
      price: params.price ?? '',
      quoteQuantity: params.quoteQuantity ?? '',
      timeInForce: timeInForce(params.timeInForce),
      postOnly: params.postOnly ?? false,
      clientOrderId,
    };
    return this.placement(clientOrderId, () => this.call(TradingClient, (c, m, o, cb) => c.placeOrder(request, m, o, cb)));
  }

  /**
   * Cancels by order id or client order id. A retry whose answer is ambiguous (the first attempt
   * may have cancelled it) reads the order back and returns it when it is already final.
   */
  async cancel(ref: OrderRef): Promise<Order> {
    const request = this.orderRef(ref);
    let attempted = 0;
    try {
      return await this.retrying(() => {
        attempted++;
        return this.call(TradingClient, (c, m, o, cb) => c.cancelOrder(request, m, o, cb));
      });
    } catch (error) {
      if (attempted < 2) throw error;
      const order = await this.getOrder(ref).catch(() => undefined);
      if (order && FINAL.has(order.status)) return order;
      throw error;
    }
  }

  async getOrder(ref: OrderRef): Promise<Order> {
    const request = this.orderRef(ref);
    return this.retrying(() => this.call(TradingClient, (c, m, o, cb) => c.getOrder(request, m, o, cb)));
  }

  async openOrders(symbol?: SymbolLike): Promise<Order[]> {
    const request = { symbol: symbol === undefined ? undefined : toSymbol(symbol) };
    const response = await this.retrying(() => this.call<TradingClient, ListOpenOrdersResponse>(TradingClient, (c, m, o, cb) => c.listOpenOrders(request, m, o, cb)));
    return response.orders;
  }

  async balances(): Promise<Balance[]> {
    const response = await this.retrying(() => this.call<TradingClient, GetBalancesResponse>(TradingClient, (c, m, o, cb) => c.getBalances({}, m, o, cb)));
    return response.balances;
  }

  /** Places a futures order sized in contracts or in base units (exactly one). */
  async placeFutures(params: FuturesOrderParams): Promise<FuturesOrder> {
    if ((params.contracts === undefined) === (params.baseQuantity === undefined)) throw new Error('a futures order needs exactly one of contracts or baseQuantity');
    const clientOrderId = this.clientOrderId(params.clientOrderId);
    const request = {
      symbol: toSymbol(params.symbol),
      side: side(params.side),
      type: orderType(params.type, params.price),
      contracts: params.contracts,
      baseQuantity: params.baseQuantity,
      price: params.price ?? '',
      timeInForce: timeInForce(params.timeInForce),
      postOnly: params.postOnly ?? false,
      reduceOnly: params.reduceOnly ?? false,
      clientOrderId,
    };
    return this.placement(clientOrderId, () => this.call(FuturesTradingClient, (c, m, o, cb) => c.placeFuturesOrder(request, m, o, cb)));
  }

  /** Closes a whole futures position with a reduce-only market order (idempotent by client order id). */
  async closePosition(params: { symbol: SymbolLike; clientOrderId?: string }): Promise<FuturesOrder> {
    const clientOrderId = this.clientOrderId(params.clientOrderId);
    const request = { symbol: toSymbol(params.symbol), clientOrderId };
    return this.placement(clientOrderId, () => this.call(FuturesTradingClient, (c, m, o, cb) => c.closePosition(request, m, o, cb)));
  }

  async setLeverage(params: { symbol: SymbolLike; leverage: number; marginMode?: 'isolated' | 'cross' }): Promise<SetLeverageResponse> {
    const marginMode = params.marginMode === undefined ? MarginMode.MARGIN_MODE_UNSPECIFIED : params.marginMode === 'cross' ? MarginMode.MARGIN_MODE_CROSS : MarginMode.MARGIN_MODE_ISOLATED;
    const request = { symbol: toSymbol(params.symbol), leverage: params.leverage, marginMode };
    return this.retrying(() => this.call(FuturesTradingClient, (c, m, o, cb) => c.setLeverage(request, m, o, cb)));
  }

  async positions(symbol?: SymbolLike): Promise<Position[]> {
    const request = { symbol: symbol === undefined ? undefined : toSymbol(symbol) };
    const response = await this.retrying(() => this.call<FuturesTradingClient, GetPositionsResponse>(FuturesTradingClient, (c, m, o, cb) => c.getPositions(request, m, o, cb)));
    return response.positions;
  }

  async futuresBalance(): Promise<FuturesBalance> {
    return this.retrying(() => this.call(FuturesTradingClient, (c, m, o, cb) => c.getFuturesBalance({}, m, o, cb)));
  }

  close(): void {
    if (this.ownsEndpoint) this.endpoint.close();
  }

  private clientOrderId(given: string | undefined): string {
    if (given === undefined) return this.newClientOrderId();
    if (!CLIENT_ORDER_ID.test(given)) throw new Error(`clientOrderId ${JSON.stringify(given)}: 1 to 32 of [A-Za-z0-9_-]`);
    return given;
  }

  private orderRef(ref: OrderRef) {
    if (!ref.orderId && !ref.clientOrderId) throw new Error('an order is named by orderId or clientOrderId');
    return { symbol: toSymbol(ref.symbol), orderId: ref.orderId ?? '', clientOrderId: ref.clientOrderId ?? '' };
  }

  private call<C, R>(Client: ClientConstructor<C>, call: UnaryCall<C, R>): Promise<R> {
    return unary(this.endpoint, Client, call, this.deadlineMs);
  }

  /** A placement: retried like any call, but an exhausted retry means its outcome is unknown. */
  private async placement<R>(clientOrderId: string, attempt: () => Promise<R>): Promise<R> {
    let attempts = 0;
    try {
      return await this.retrying(() => {
        attempts++;
        return attempt();
      });
    } catch (error) {
      if (isRetryable(error as GatewayError)) throw new OrderOutcomeUnknownError(clientOrderId, attempts, error as GatewayError);
      throw error;
    }
  }

  /** Runs `attempt` until it succeeds, fails for good, or the attempts are spent. */
  private async retrying<R>(attempt: () => Promise<R>): Promise<R> {
    const backoff = new Backoff(this.backoffOptions);
    for (let n = 1; ; n++) {
      try {
        return await attempt();
      } catch (error) {
        if (n >= this.attempts || !isRetryable(error as GatewayError)) throw error;
        await delay(backoff.next());
      }
    }
  }
}
