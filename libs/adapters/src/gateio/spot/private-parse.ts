import { canonicalDecimal, compareDecimal, fromScaled, toScaled } from '../../core/decimal.js';
import { GatewayError } from '../../core/errors.js';
import type { Balance, Fill, OrderRequest, OrderState, OrderStatus } from '../../core/private-exchange.js';
import type { Symbol } from '../../core/symbol.js';
import { clientOrderIdFromText, textFromClientOrderId } from '../common/client-order-id.js';
import { millisFromDecimalString } from './parse.js';
import type { WireBalanceUpdate, WireSpotAccount, WireSpotOrder, WireUserTrade } from './private-wire.js';

function decimal(value: string | null | undefined): string {
  return value ? canonicalDecimal(value) : '0';
}

function subtract(a: string, b: string): string {
  const x = toScaled(a);
  const y = toScaled(b);
  const scale = Math.max(x.scale, y.scale);
  return fromScaled(x.units * 10n ** BigInt(scale - x.scale) - y.units * 10n ** BigInt(scale - y.scale), scale);
}

function millis(value: string | number | undefined, seconds?: string): number {
  if (typeof value === 'number') return Math.floor(value);
  if (value) return millisFromDecimalString(value);
  return seconds ? Number(seconds) * 1000 : 0;
}

function status(wire: WireSpotOrder, filled: string): OrderStatus {
  const anyFill = compareDecimal(filled, '0') > 0;
  if (wire.status === 'cancelled') return 'cancelled';
  if (wire.status === 'closed' || wire.event === 'finish') {
    if (wire.finish_as === 'filled' || compareDecimal(wire.left ? canonicalDecimal(wire.left) : '0', '0') === 0) return 'filled';
    return wire.finish_as === 'ioc' || wire.finish_as === 'fok' || wire.finish_as === 'poc' ? (anyFill ? 'cancelled' : 'expired') : 'cancelled';
  }
  return anyFill ? 'partially_filled' : 'open';
}

export function orderFromWire(wire: WireSpotOrder, symbol: Symbol): OrderState {
  const amount = decimal(wire.amount);
  const left = decimal(wire.left);
  const marketBuy = wire.type === 'market' && wire.side === 'buy';
  // A market buy is sized in quote: its amount and left are quote; the base filled is not in them.
  const filled = wire.filled_amount ? decimal(wire.filled_amount) : marketBuy ? '0' : subtract(amount, left);
  const quote = decimal(wire.filled_total);
  const average = wire.avg_deal_price && compareDecimal(canonicalDecimal(wire.avg_deal_price), '0') > 0 ? canonicalDecimal(wire.avg_deal_price) : '';
  return {
    orderId: String(wire.id),
    clientOrderId: clientOrderIdFromText(wire.text),
    symbol,
    side: wire.side,
    type: wire.type,
    timeInForce: wire.time_in_force === 'poc' ? 'gtc' : wire.time_in_force,
    postOnly: wire.time_in_force === 'poc',
    status: status(wire, filled),
    price: wire.type === 'market' ? '' : decimal(wire.price),
    quantity: marketBuy ? '' : amount,
    filledQuantity: filled,
    filledQuoteQuantity: quote,
    averageFillPrice: average,
    createdMs: millis(wire.create_time_ms, wire.create_time),
    updatedMs: millis(wire.update_time_ms, wire.update_time),
    reason: wire.finish_as && wire.finish_as !== 'filled' && wire.finish_as !== 'open' ? wire.finish_as : '',
  };
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

export function fillFromWire(wire: WireUserTrade, symbol: Symbol): Fill {
  return {
    fillId: String(wire.id),
    orderId: String(wire.order_id),
    clientOrderId: clientOrderIdFromText(wire.text),
    symbol,
    side: wire.side,
    price: decimal(wire.price),
    quantity: decimal(wire.amount),
    fee: decimal(wire.fee),
    feeAsset: wire.fee_currency ?? '',
    isMaker: wire.role === 'maker',
    timestampMs: millis(wire.create_time_ms),
  };
}

export function balanceFromAccount(wire: WireSpotAccount): Balance {
  return { asset: wire.currency, free: decimal(wire.available), locked: decimal(wire.locked) };
}

export function balanceFromPush(wire: WireBalanceUpdate): Balance {
  return { asset: wire.currency, free: decimal(wire.available), locked: decimal(wire.freeze) };
}

export { clientOrderIdFromText, textFromClientOrderId };
