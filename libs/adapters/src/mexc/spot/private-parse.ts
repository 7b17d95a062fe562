import type { PrivateAccountV3Api, PrivateDealsV3Api, PrivateOrdersV3Api } from '@cexgw/mexc-proto';
import { compareDecimal, fromScaled, toScaled } from '../../core/decimal.js';
import type { Balance, Fill, OrderRequest, OrderState, OrderStatus, OrderType, TimeInForce } from '../../core/private-exchange.js';
import type { Pair } from '../../core/symbol.js';
import type { Side } from '../../core/types.js';
import { WireReader } from '../../core/wire-read.js';
import { int64 } from './int64.js';

// MEXC wire <-> unified for the private side, read strictly (core/wire-read.ts): a value the
// venue always sends that is missing or unreadable refuses the answer or the push item
// (malformed_response), never becomes "undefined", "0" or a default side. Protobuf pushes are
// proto3, where an absent field decodes as its default ("", 0, false): an empty id, a zero
// tradeType or status are absent values and are refused like missing JSON members.
// Shapes: docs/venues/mexc-spot-wire.md, "Private REST and websocket".

const read = new WireReader('mexc_spot');

/** The venue's order type for a request: MEXC folds time in force and post-only into the type. */
export function venueOrderType(request: OrderRequest): string {
  if (request.type === 'market') return 'MARKET';
  if (request.postOnly) return 'LIMIT_MAKER';
  if (request.timeInForce === 'ioc') return 'IMMEDIATE_OR_CANCEL';
  if (request.timeInForce === 'fok') return 'FILL_OR_KILL';
  return 'LIMIT';
}

/** DOC "ENUM definitions", Order type. */
const ORDER_TYPES = ['LIMIT', 'MARKET', 'LIMIT_MAKER', 'IMMEDIATE_OR_CANCEL', 'FILL_OR_KILL'] as const;
type VenueOrderType = (typeof ORDER_TYPES)[number];

const UNIFIED_TYPE: Readonly<Record<VenueOrderType, { type: OrderType; timeInForce: TimeInForce; postOnly: boolean }>> = {
  LIMIT: { type: 'limit', timeInForce: 'gtc', postOnly: false },
  MARKET: { type: 'market', timeInForce: 'ioc', postOnly: false },
  LIMIT_MAKER: { type: 'limit', timeInForce: 'gtc', postOnly: true },
  IMMEDIATE_OR_CANCEL: { type: 'limit', timeInForce: 'ioc', postOnly: false },
  FILL_OR_KILL: { type: 'limit', timeInForce: 'fok', postOnly: false },
};

/** DOC "ENUM definitions", Order Status. */
const STATUS: Readonly<Record<string, OrderStatus>> = {
  NEW: 'open',
  PARTIALLY_FILLED: 'partially_filled',
  FILLED: 'filled',
  CANCELED: 'cancelled',
  PARTIALLY_CANCELED: 'cancelled',
};
const STATUSES = Object.keys(STATUS);

const SIDE: Readonly<Record<string, Side>> = { BUY: 'buy', SELL: 'sell' };
const SIDES = Object.keys(SIDE);

/** quote / base, exact to 12 places, "" before any fill. */
export function averagePrice(quote: string, base: string): string {
  if (base === '0' || compareDecimal(base, '0') === 0) return '';
  const q = toScaled(quote);
  const b = toScaled(base);
  const places = 12n;
  // (q / b) scaled to `places` decimals, truncated: q.units * 10^(places + b.scale - q.scale) / b.units
  const shift = places + BigInt(b.scale) - BigInt(q.scale);
  const numerator = shift >= 0n ? q.units * 10n ** shift : q.units / 10n ** -shift;
  return fromScaled(numerator / b.units, Number(places));
}

/** A limit order's price (positive); "" for a market order, whose price is only a reference. */
function orderPrice(value: unknown, type: OrderType): string {
  return type === 'market' ? '' : read.positive(value, 'an order price');
}

/** A limit order's quantity (positive); a market buy sized in quote may show none ("0" then). */
function orderQuantity(value: unknown, type: OrderType): string {
  if (type !== 'market') return read.positive(value, 'an order quantity');
  const quantity = read.decimalOrZero(value, 'an order quantity');
  if (quantity.startsWith('-')) throw read.malformed('an order quantity', value, 'a non-negative number');
  return quantity;
}

/** An order of GET /api/v3/order or GET /api/v3/openOrders. */
export function orderFromWire(answer: unknown, symbol: Pair): OrderState {
  const wire = read.object(answer, 'an order');
  return orderOf(wire, symbol, read.millis(wire.time, 'an order time'), read.millis(wire.updateTime, 'an order update time'));
}

/**
 * The answer of DELETE /api/v3/order. It carries no times (DOC "Cancel Order", ccxt's live
 * capture): `cancelledMs` is the venue's time as the caller knows it (its synchronised clock).
 */
export function orderFromCancel(answer: unknown, symbol: Pair, cancelledMs: number): OrderState {
  return orderOf(read.object(answer, 'a cancel answer'), symbol, 0, cancelledMs);
}

/**
 * What order answers share. The order's own client id is `origClientOrderId` where the answer has
 * it (a cancel answer's `clientOrderId` is the cancel request's), else `clientOrderId`.
 */
function orderOf(wire: Record<string, unknown>, symbol: Pair, createdMs: number, updatedMs: number): OrderState {
  const venueType = read.oneOf(wire.type, ORDER_TYPES, 'an order type');
  const unified = UNIFIED_TYPE[venueType];
  const filled = read.unsigned(wire.executedQty, 'an executed quantity');
  const quote = read.unsigned(wire.cummulativeQuoteQty, 'a cumulative quote quantity');
  const original = read.optionalText(wire.origClientOrderId, 'a client order id');
  return {
    orderId: read.id(wire.orderId, 'an order id'),
    clientOrderId: original || read.optionalText(wire.clientOrderId, 'a client order id'),
    symbol,
    side: SIDE[read.oneOf(wire.side, SIDES, 'an order side')]!,
    ...unified,
    status: STATUS[read.oneOf(wire.status, STATUSES, 'an order status')]!,
    price: orderPrice(wire.price, unified.type),
    quantity: orderQuantity(wire.origQty, unified.type),
    filledQuantity: filled,
    filledQuoteQuantity: quote,
    averageFillPrice: averagePrice(quote, filled),
    createdMs,
    updatedMs,
    reason: '',
  };
}

/** The POST answer carries no state: the order is open and unfilled as far as that answer says. */
export function orderFromPlacement(answer: unknown, request: OrderRequest): OrderState {
  const wire = read.object(answer, 'a new order answer');
  const placedMs = read.millis(wire.transactTime, 'a transaction time');
  return {
    orderId: read.id(wire.orderId, 'an order id'),
    clientOrderId: request.clientOrderId,
    symbol: request.symbol,
    side: request.side,
    type: request.type,
    timeInForce: request.type === 'market' ? 'ioc' : request.timeInForce,
    postOnly: request.postOnly,
    status: 'open',
    price: request.price,
    quantity: request.quantity,
    filledQuantity: '0',
    filledQuoteQuantity: '0',
    averageFillPrice: '',
    createdMs: placedMs,
    updatedMs: placedMs,
    reason: '',
  };
}

/** A fee and its asset: the asset may be left out only when nothing was charged. */
function fee(amount: unknown, asset: unknown): { fee: string; feeAsset: string } {
  const charged = read.decimal(amount, 'a fee');
  return { fee: charged, feeAsset: charged === '0' ? read.optionalText(asset, 'a fee asset') : read.text(asset, 'a fee asset') };
}

/** A GET /api/v3/myTrades item. */
export function fillFromMyTrade(answer: unknown, symbol: Pair): Fill {
  const wire = read.object(answer, 'a trade');
  return {
    fillId: read.id(wire.id, 'a trade id'),
    orderId: read.id(wire.orderId, 'an order id'),
    clientOrderId: read.optionalText(wire.clientOrderId, 'a client order id'),
    symbol,
    side: read.boolean(wire.isBuyer, 'isBuyer') ? 'buy' : 'sell',
    price: read.positive(wire.price, 'a trade price'),
    quantity: read.positive(wire.qty, 'a trade quantity'),
    ...fee(wire.commission, wire.commissionAsset),
    isMaker: read.boolean(wire.isMaker, 'isMaker'),
    timestampMs: read.millis(wire.time, 'a trade time'),
  };
}

/** tradeType of the private pushes: 1 buy, 2 sell (the account's side); 0 is an absent value. */
const TRADE_TYPE: Readonly<Record<number, Side>> = { 1: 'buy', 2: 'sell' };
const TRADE_TYPES = [1, 2];

/** A protobuf time (int64): present and positive. */
function pushTime(value: PrivateDealsV3Api['time'], what: string): number {
  const ms = int64(value);
  if (ms <= 0) throw read.malformed(what, ms, 'a time in milliseconds');
  return ms;
}

/** spot@private.deals.v3.api.pb body. */
export function fillFromDeal(deal: PrivateDealsV3Api, symbol: Pair): Fill {
  return {
    fillId: read.id(deal.tradeId, 'a trade id'),
    orderId: read.id(deal.orderId, 'an order id'),
    clientOrderId: deal.clientOrderId,
    symbol,
    side: TRADE_TYPE[read.oneOf(deal.tradeType, TRADE_TYPES, 'a trade type')]!,
    price: read.positive(deal.price, 'a trade price'),
    quantity: read.positive(deal.quantity, 'a trade quantity'),
    ...fee(deal.feeAmount, deal.feeCurrency),
    isMaker: deal.isMaker,
    timestampMs: pushTime(deal.time, 'a trade time'),
  };
}

/** spot@private.orders.v3.api.pb status: 1 new, 2 filled, 3 partially filled, 4 cancelled, 5 partially cancelled. */
const PUSH_STATUS: Readonly<Record<number, OrderStatus>> = { 1: 'open', 2: 'filled', 3: 'partially_filled', 4: 'cancelled', 5: 'cancelled' };
const PUSH_STATUSES = [1, 2, 3, 4, 5];
/** orderType: 1 limit, 2 post only, 3 IOC, 4 FOK, 5 market (100, stop orders, the gateway does not trade). */
const PUSH_TYPE: Readonly<Record<number, VenueOrderType>> = { 1: 'LIMIT', 2: 'LIMIT_MAKER', 3: 'IMMEDIATE_OR_CANCEL', 4: 'FILL_OR_KILL', 5: 'MARKET' };
const PUSH_TYPES = [1, 2, 3, 4, 5];

/** spot@private.orders.v3.api.pb body; `sentMs` is the wrapper's sendTime (0 when absent). */
export function orderFromPush(push: PrivateOrdersV3Api, symbol: Pair, sentMs: number): OrderState {
  const unified = UNIFIED_TYPE[PUSH_TYPE[read.oneOf(push.orderType, PUSH_TYPES, 'an order type')]!];
  const filled = read.unsigned(push.cumulativeQuantity, 'a cumulative quantity');
  const quote = read.unsigned(push.cumulativeAmount, 'a cumulative amount');
  const average = read.priceOrEmpty(push.avgPrice, 'an average price');
  const created = pushTime(push.createTime, 'an order creation time');
  return {
    orderId: read.id(push.id, 'an order id'),
    clientOrderId: push.clientId,
    symbol,
    side: TRADE_TYPE[read.oneOf(push.tradeType, TRADE_TYPES, 'a trade type')]!,
    ...unified,
    status: PUSH_STATUS[read.oneOf(push.status, PUSH_STATUSES, 'an order status')]!,
    price: orderPrice(push.price, unified.type),
    quantity: orderQuantity(push.quantity, unified.type),
    filledQuantity: filled,
    filledQuoteQuantity: quote,
    averageFillPrice: average || averagePrice(quote, filled),
    createdMs: created,
    updatedMs: sentMs || created,
    reason: '',
  };
}

/** The symbol a private push names (on its wrapper), resolved to a pair the venue lists. */
export function symbolOfPush(venueSymbol: string | null | undefined, resolve: (venueSymbol: string) => Pair | undefined): Pair {
  const text = read.text(venueSymbol, 'a push symbol');
  const symbol = resolve(text);
  if (!symbol) throw read.malformed('a push symbol', text, 'a symbol the venue lists');
  return symbol;
}

/** spot@private.account.v3.api.pb body: the asset's balances after the change. */
export function balanceFromPush(push: PrivateAccountV3Api): Balance {
  return {
    asset: read.text(push.vcoinName, 'an asset'),
    free: read.unsigned(push.balanceAmount, 'an available balance'),
    locked: read.unsigned(push.frozenAmount, 'a frozen balance'),
  };
}

/** GET /api/v3/account: every balance, or the whole answer is refused. */
export function balancesFromAccount(answer: unknown): Balance[] {
  const account = read.object(answer, 'an account');
  return read.list(account.balances, 'balances').map((item) => {
    const balance = read.object(item, 'a balance');
    return { asset: read.text(balance.asset, 'an asset'), free: read.unsigned(balance.free, 'a free balance'), locked: read.unsigned(balance.locked, 'a locked balance') };
  });
}

/** POST /api/v3/userDataStream: the new listenKey (a missing one must not become "undefined" in the stream URL). */
export function listenKeyOf(answer: unknown): string {
  return read.text(read.object(answer, 'a listenKey answer').listenKey, 'a listenKey');
}

/** A list answer (open orders, trades), refused whole when it is not a list. */
export function listOf(answer: unknown, what: string): unknown[] {
  return read.list(answer, what);
}
