import { compareDecimal, subtractDecimal } from '../../core/decimal.js';
import { GatewayError } from '../../core/errors.js';
import type { Balance, Fill, OrderRequest, OrderState, OrderStatus } from '../../core/private-exchange.js';
import type { Pair } from '../../core/symbol.js';
import { WireReader } from '../../core/wire-read.js';
import { clientOrderIdFromText, textFromClientOrderId } from '../common/client-order-id.js';
import type { WireBalanceUpdate, WireOpenOrders, WireSpotAccount, WireSpotOrder, WireSpotOrderPush, WireUserTrade } from './private-wire.js';

// Wire -> unified for Gate.io spot trading, read strictly (core/wire-read.ts): what the venue
// always sends must be there and readable, or the answer is refused (REST) or the push item
// dropped and counted; nothing becomes "undefined", "0" or a default side.

const read = new WireReader('gateio_spot');
const SIDES = ['buy', 'sell'] as const;
const TYPES = ['limit', 'market'] as const;
const TIME_IN_FORCE = ['gtc', 'ioc', 'poc', 'fok'] as const;
const ROLES = ['maker', 'taker'] as const;

/** What a REST order and a spot.orders push item share; `finished` comes from `status` (REST) or `event` (push). */
function orderOf(wire: WireSpotOrder | WireSpotOrderPush, symbol: Pair, finished: boolean, cancelled: boolean): OrderState {
  const type = read.oneOf(wire.type, TYPES, 'an order type');
  const side = read.oneOf(wire.side, SIDES, 'an order side');
  const tif = read.oneOf(wire.time_in_force, TIME_IN_FORCE, 'a time in force');
  const amount = read.unsigned(wire.amount, 'an order amount');
  const left = read.unsigned(wire.left, "an order's amount left");
  const marketBuy = type === 'market' && side === 'buy';
  // A market buy is sized in quote: its amount and left are quote; the base filled is not in them.
  const filled = wire.filled_amount !== undefined ? read.unsigned(wire.filled_amount, 'a filled amount') : marketBuy ? '0' : subtractDecimal(amount, left);
  const finishAs = read.optionalText(wire.finish_as, 'a finish reason');
  return {
    orderId: read.id(wire.id, 'an order id'),
    clientOrderId: clientOrderIdFromText(read.optionalText(wire.text, 'an order text')),
    symbol,
    side,
    type,
    timeInForce: tif === 'poc' ? 'gtc' : tif,
    postOnly: tif === 'poc',
    status: status(finished, cancelled, finishAs, left, filled),
    price: type === 'market' ? '' : read.positive(wire.price, 'an order price'),
    quantity: marketBuy ? '' : amount,
    filledQuantity: filled,
    filledQuoteQuantity: read.decimalOrZero(wire.filled_total, 'a filled total'),
    averageFillPrice: read.priceOrEmpty(wire.avg_deal_price, 'an average fill price'),
    createdMs: read.millis(wire.create_time_ms, 'an order creation time'),
    updatedMs: read.millis(wire.update_time_ms, 'an order update time'),
    reason: finishAs && finishAs !== 'filled' && finishAs !== 'open' ? finishAs : '',
  };
}

function status(finished: boolean, cancelled: boolean, finishAs: string, left: string, filled: string): OrderStatus {
  const anyFill = compareDecimal(filled, '0') > 0;
  if (cancelled) return 'cancelled';
  if (finished) {
    if (finishAs === 'filled' || left === '0') return 'filled';
    return finishAs === 'ioc' || finishAs === 'fok' || finishAs === 'poc' ? (anyFill ? 'cancelled' : 'expired') : 'cancelled';
  }
  return anyFill ? 'partially_filled' : 'open';
}

const ORDER_STATUSES = ['open', 'closed', 'cancelled'] as const;

/** A REST order (gate-api Order): POST/GET/DELETE /spot/orders..., GET /spot/orders, /spot/open_orders. */
export function orderFromWire(wire: WireSpotOrder, symbol: Pair): OrderState {
  const state = read.oneOf(wire.status, ORDER_STATUSES, 'an order status');
  return orderOf(wire, symbol, state !== 'open', state === 'cancelled');
}

const EVENTS = ['put', 'update', 'finish'] as const;

/** A spot.orders push item: no `status`; `event` says put, update or finish. */
export function orderFromPush(wire: WireSpotOrderPush, symbol: Pair): OrderState {
  return orderOf(wire, symbol, read.oneOf(wire.event, EVENTS, 'an order event') === 'finish', false);
}

/** GET /spot/open_orders: open orders grouped by pair; pairs the catalogue does not know are left out. */
export function openOrdersFromGroups(groups: readonly WireOpenOrders[], symbolOf: (pair: string) => Pair | undefined): OrderState[] {
  return groups.flatMap((group) => {
    const symbol = symbolOf(group.currency_pair);
    return symbol ? group.orders.map((wire) => orderFromWire(wire, symbol)) : [];
  });
}

/** The POST /spot/orders body for a request. */
export function orderBody(request: OrderRequest, currencyPair: string): Record<string, string> {
  const marketBuy = request.type === 'market' && request.side === 'buy';
  const body: Record<string, string> = {
    text: textFromClientOrderId(request.clientOrderId, 'gateio_spot'),
    currency_pair: currencyPair,
    type: request.type,
    account: 'spot',
    side: request.side,
    amount: marketBuy && request.quoteQuantity ? request.quoteQuantity : request.quantity,
    time_in_force: request.postOnly ? 'poc' : request.type === 'market' ? (request.timeInForce === 'fok' ? 'fok' : 'ioc') : request.timeInForce,
  };
  if (request.type === 'limit') body.price = request.price;
  if (marketBuy && !request.quoteQuantity) {
    throw new GatewayError('invalid_argument', 'gateio_spot sizes market buys in quote: give quote_quantity');
  }
  return body;
}

/** A GET /spot/my_trades item (gate-api Trade) or a spot.usertrades push item (no fee currency there). */
export function fillFromWire(wire: WireUserTrade, symbol: Pair): Fill {
  return {
    fillId: read.id(wire.id, 'a trade id'),
    orderId: read.id(wire.order_id, 'an order id'),
    clientOrderId: clientOrderIdFromText(read.optionalText(wire.text, 'a trade text')),
    symbol,
    side: read.oneOf(wire.side, SIDES, 'a trade side'),
    price: read.positive(wire.price, 'a fill price'),
    quantity: read.positive(wire.amount, 'a fill amount'),
    fee: read.decimalOrZero(wire.fee, 'a fee'),
    feeAsset: read.optionalText(wire.fee_currency, 'a fee currency'),
    isMaker: read.oneOf(wire.role, ROLES, 'a trade role') === 'maker',
    timestampMs: read.millis(wire.create_time_ms, 'a fill time'),
  };
}

export function balanceFromAccount(wire: WireSpotAccount): Balance {
  return { asset: read.text(wire.currency, 'a currency'), free: read.unsigned(wire.available, 'an available balance'), locked: read.unsigned(wire.locked, 'a locked balance') };
}

/** When a spot.balances item was made (ms); 0 when the item does not say. */
export function balanceTimeMs(wire: WireBalanceUpdate): number {
  return wire.timestamp_ms === undefined ? 0 : read.millis(wire.timestamp_ms, 'a balance time');
}

export function balanceFromPush(wire: WireBalanceUpdate): Balance {
  return { asset: read.text(wire.currency, 'a currency'), free: read.unsigned(wire.available, 'an available balance'), locked: read.unsigned(wire.freeze, 'a frozen balance') };
}

export { clientOrderIdFromText, textFromClientOrderId };
