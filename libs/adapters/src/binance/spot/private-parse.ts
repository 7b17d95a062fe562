import { compareDecimal, fromScaled, toScaled } from '../../core/decimal.js';
import type { Balance, Fill, OrderRequest, OrderState, OrderStatus, OrderType, TimeInForce } from '../../core/private-exchange.js';
import type { Pair } from '../../core/symbol.js';
import { read } from './parse.js';

// Binance spot wire <-> unified for the private side, read strictly (core/wire-read.ts): a value
// the venue always sends that is missing or unreadable refuses the answer or the event
// (malformed_response), never becomes "undefined", "0" or a default side. Shapes: rest-api.md
// and user-data-stream.md of binance/binance-spot-api-docs; docs/venues/binance-spot-wire.md.

/** The venue's order type and time in force for a request: post-only is the LIMIT_MAKER type. */
export function venueOrderParams(request: OrderRequest): { type: string; timeInForce?: string } {
  if (request.type === 'market') return { type: 'MARKET' };
  if (request.postOnly) return { type: 'LIMIT_MAKER' };
  return { type: 'LIMIT', timeInForce: request.timeInForce.toUpperCase() };
}

const SIDES = ['BUY', 'SELL'] as const;
const TYPES = ['LIMIT', 'MARKET', 'LIMIT_MAKER'] as const;
const TIFS = ['GTC', 'IOC', 'FOK'] as const;
/** enums.md "Order status"; PENDING_CANCEL is unused, EXPIRED_IN_MATCH is a self-trade prevention expiry. */
const STATUS: Readonly<Record<string, OrderStatus>> = {
  NEW: 'open',
  PENDING_NEW: 'open',
  PARTIALLY_FILLED: 'partially_filled',
  FILLED: 'filled',
  CANCELED: 'cancelled',
  PENDING_CANCEL: 'open',
  REJECTED: 'rejected',
  EXPIRED: 'expired',
  EXPIRED_IN_MATCH: 'expired',
};
const STATUSES = Object.keys(STATUS);

function unifiedType(type: (typeof TYPES)[number], tif: string): { type: OrderType; timeInForce: TimeInForce; postOnly: boolean } {
  if (type === 'MARKET') return { type: 'market', timeInForce: 'ioc', postOnly: false };
  if (type === 'LIMIT_MAKER') return { type: 'limit', timeInForce: 'gtc', postOnly: true };
  return { type: 'limit', timeInForce: read.oneOf(tif, TIFS, 'a time in force').toLowerCase() as TimeInForce, postOnly: false };
}

/** Average price of what filled, or "" when nothing did. */
function averagePrice(quote: string, filled: string): string {
  if (compareDecimal(filled, '0') === 0) return '';
  const q = toScaled(quote);
  const f = toScaled(filled);
  const scale = 12;
  const units = (q.units * 10n ** BigInt(scale + f.scale)) / (f.units * 10n ** BigInt(q.scale));
  return fromScaled(units, scale);
}

/** A market order's price is "0" and a quote-sized one's quantity too: shown as "". */
const unlessZero = (value: string): string => (value === '0' ? '' : value);

/**
 * An order answer: POST /api/v3/order (RESULT), GET /api/v3/order, GET /api/v3/openOrders items
 * and DELETE /api/v3/order, whose `clientOrderId` is the cancel's own id and `origClientOrderId`
 * the order's.
 */
export type OrderAnswer = 'placed' | 'queried' | 'cancelled';

export function orderFromWire(answer: unknown, symbol: Pair, kind: OrderAnswer = 'queried'): OrderState {
  const wire = read.object(answer, 'an order');
  const type = read.oneOf(wire.type, TYPES, 'an order type');
  const unified = unifiedType(type, wire.timeInForce as string);
  const filled = read.unsigned(wire.executedQty, 'an executed quantity');
  const quote = read.unsigned(wire.cummulativeQuoteQty, 'a cumulative quote quantity');
  // A query carries the order's times; a placement or cancel answer only the time of the action
  // (a cancel's creation time is unknown there: the action's time stands in for it).
  const createdMs = read.millis(kind === 'queried' ? wire.time : wire.transactTime, 'an order time');
  const updatedMs = kind === 'queried' ? read.millis(wire.updateTime, 'an update time') : createdMs;
  return {
    orderId: read.id(wire.orderId, 'an order id'),
    clientOrderId: read.optionalText(kind === 'cancelled' ? wire.origClientOrderId : wire.clientOrderId, 'a client order id'),
    symbol,
    side: read.oneOf(wire.side, SIDES, 'an order side') === 'BUY' ? 'buy' : 'sell',
    ...unified,
    status: STATUS[read.oneOf(wire.status, STATUSES, 'an order status')]!,
    price: unlessZero(read.unsigned(wire.price, 'an order price')),
    quantity: unlessZero(read.unsigned(wire.origQty, 'an order quantity')),
    filledQuantity: filled,
    filledQuoteQuantity: quote,
    averageFillPrice: averagePrice(quote, filled),
    createdMs,
    updatedMs,
    reason: '',
  };
}

/** A fee and its asset: the asset may be absent only when nothing was charged. */
function fee(amount: unknown, asset: unknown): { fee: string; feeAsset: string } {
  const charged = read.unsigned(amount, 'a commission');
  return { fee: charged, feeAsset: charged === '0' ? read.optionalText(asset, 'a commission asset') : read.text(asset, 'a commission asset') };
}

/** A GET /api/v3/myTrades item (no client order id: the trading service knows it by order id). */
export function fillFromMyTrade(answer: unknown, symbol: Pair): Fill {
  const wire = read.object(answer, 'a trade');
  return {
    fillId: read.id(wire.id, 'a trade id'),
    orderId: read.id(wire.orderId, 'an order id'),
    clientOrderId: '',
    symbol,
    side: read.boolean(wire.isBuyer, 'isBuyer') ? 'buy' : 'sell',
    price: read.positive(wire.price, 'a trade price'),
    quantity: read.positive(wire.qty, 'a trade quantity'),
    ...fee(wire.commission, wire.commissionAsset),
    isMaker: read.boolean(wire.isMaker, 'isMaker'),
    timestampMs: read.millis(wire.time, 'a trade time'),
  };
}

/** GET /api/v3/account: every balance, or the whole answer is refused. */
export function balancesFromAccount(answer: unknown): Balance[] {
  return read.list(read.object(answer, 'an account').balances, 'balances').map((item) => {
    const b = read.object(item, 'a balance');
    return { asset: read.text(b.asset, 'an asset'), free: read.unsigned(b.free, 'a free balance'), locked: read.unsigned(b.locked, 'a locked balance') };
  });
}

/** An executionReport: the order as it stands after the event. */
export function orderFromExecutionReport(event: Record<string, unknown>, symbol: Pair): OrderState {
  const type = read.oneOf(event.o, TYPES, 'an order type');
  const filled = read.unsigned(event.z, 'a cumulative filled quantity');
  const quote = read.unsigned(event.Z, 'a cumulative quote quantity');
  return {
    orderId: read.id(event.i, 'an order id'),
    // A cancel's report names the order's own client id in C ("original client order id").
    clientOrderId: read.optionalText(event.C, 'an original client order id') || read.optionalText(event.c, 'a client order id'),
    symbol,
    side: read.oneOf(event.S, SIDES, 'an order side') === 'BUY' ? 'buy' : 'sell',
    ...unifiedType(type, event.f as string),
    status: STATUS[read.oneOf(event.X, STATUSES, 'an order status')]!,
    price: unlessZero(read.unsigned(event.p, 'an order price')),
    quantity: unlessZero(read.unsigned(event.q, 'an order quantity')),
    filledQuantity: filled,
    filledQuoteQuantity: quote,
    averageFillPrice: averagePrice(quote, filled),
    createdMs: read.millis(event.O, 'an order creation time'),
    updatedMs: read.millis(event.T, 'a transaction time'),
    reason: event.r === 'NONE' || event.r === undefined ? '' : read.optionalText(event.r, 'a reject reason'),
  };
}

/** The fill an executionReport of execution type TRADE carries; undefined for every other type. */
export function fillFromExecutionReport(event: Record<string, unknown>, symbol: Pair): Fill | undefined {
  if (event.x !== 'TRADE') return undefined;
  return {
    fillId: read.id(event.t, 'a trade id'),
    orderId: read.id(event.i, 'an order id'),
    clientOrderId: read.optionalText(event.c, 'a client order id'),
    symbol,
    side: read.oneOf(event.S, SIDES, 'an order side') === 'BUY' ? 'buy' : 'sell',
    price: read.positive(event.L, 'a last executed price'),
    quantity: read.positive(event.l, 'a last executed quantity'),
    ...fee(event.n, event.N),
    isMaker: read.boolean(event.m, 'the maker flag'),
    timestampMs: read.millis(event.T, 'a transaction time'),
  };
}

/** outboundAccountPosition: the balances of the assets the event changed. */
export function balancesFromAccountPosition(event: Record<string, unknown>): Balance[] {
  return read.list(event.B, 'balances').map((item) => {
    const b = read.object(item, 'a balance');
    return { asset: read.text(b.a, 'an asset'), free: read.unsigned(b.f, 'a free balance'), locked: read.unsigned(b.l, 'a locked balance') };
  });
}

/** What one user data event says: an order's new state, the fill it carries, balances; nothing for other events. */
export interface UserEvent {
  readonly order?: OrderState;
  readonly fill?: Fill;
  readonly balances?: Balance[];
  readonly timestampMs?: number;
}

/** A user data stream event, read; `symbolOf` resolves a venue symbol the catalogue lists (undefined: not ours). */
export function readUserEvent(event: Record<string, unknown>, symbolOf: (venueSymbol: string) => Pair | undefined): UserEvent {
  if (event.e === 'executionReport') {
    const symbol = symbolOf(read.text(event.s, 'a symbol'));
    if (!symbol) return {};
    return { order: orderFromExecutionReport(event, symbol), fill: fillFromExecutionReport(event, symbol) };
  }
  if (event.e === 'outboundAccountPosition') return { balances: balancesFromAccountPosition(event), timestampMs: read.millis(event.E, 'an event time') };
  return {};
}
