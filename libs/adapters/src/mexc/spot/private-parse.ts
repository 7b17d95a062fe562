import type { PrivateAccountV3Api, PrivateDealsV3Api, PrivateOrdersV3Api } from '@cexgw/mexc-proto';
import { canonicalDecimal, compareDecimal, fromScaled, toScaled } from '../../core/decimal.js';
import type { Balance, Fill, OrderRequest, OrderState, OrderStatus, OrderType, TimeInForce } from '../../core/private-exchange.js';
import type { Symbol } from '../../core/symbol.js';
import { int64 } from './int64.js';
import type { WireMyTrade, WireNewOrder, WireOrder } from './private-wire.js';

// MEXC wire <-> unified for the private side.

/** The venue's order type for a request: MEXC folds time in force and post-only into the type. */
export function venueOrderType(request: OrderRequest): string {
  if (request.type === 'market') return 'MARKET';
  if (request.postOnly) return 'LIMIT_MAKER';
  if (request.timeInForce === 'ioc') return 'IMMEDIATE_OR_CANCEL';
  if (request.timeInForce === 'fok') return 'FILL_OR_KILL';
  return 'LIMIT';
}

function unifiedType(type: string): { type: OrderType; timeInForce: TimeInForce; postOnly: boolean } {
  switch (type) {
    case 'MARKET':
      return { type: 'market', timeInForce: 'ioc', postOnly: false };
    case 'LIMIT_MAKER':
      return { type: 'limit', timeInForce: 'gtc', postOnly: true };
    case 'IMMEDIATE_OR_CANCEL':
      return { type: 'limit', timeInForce: 'ioc', postOnly: false };
    case 'FILL_OR_KILL':
      return { type: 'limit', timeInForce: 'fok', postOnly: false };
    default:
      return { type: 'limit', timeInForce: 'gtc', postOnly: false };
  }
}

const STATUS: Readonly<Record<string, OrderStatus>> = {
  NEW: 'open',
  PARTIALLY_FILLED: 'partially_filled',
  FILLED: 'filled',
  CANCELED: 'cancelled',
  PARTIALLY_CANCELED: 'cancelled',
};

function decimal(value: string | null | undefined): string {
  return value ? canonicalDecimal(value) : '0';
}

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

export function orderFromWire(wire: WireOrder, symbol: Symbol): OrderState {
  const filled = decimal(wire.executedQty);
  const quote = decimal(wire.cummulativeQuoteQty);
  return {
    orderId: wire.orderId,
    clientOrderId: wire.clientOrderId ?? wire.origClientOrderId ?? '',
    symbol,
    side: wire.side === 'BUY' ? 'buy' : 'sell',
    ...unifiedType(wire.type),
    status: STATUS[wire.status] ?? 'open',
    price: wire.type === 'MARKET' ? '' : decimal(wire.price),
    quantity: decimal(wire.origQty),
    filledQuantity: filled,
    filledQuoteQuantity: quote,
    averageFillPrice: averagePrice(quote, filled),
    createdMs: wire.time ?? 0,
    updatedMs: wire.updateTime ?? wire.time ?? 0,
    reason: '',
  };
}

/** The POST answer carries no state: the order is open and unfilled as far as that answer says. */
export function orderFromPlacement(wire: WireNewOrder, request: OrderRequest): OrderState {
  return {
    orderId: wire.orderId,
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
    createdMs: wire.transactTime,
    updatedMs: wire.transactTime,
    reason: '',
  };
}

export function fillFromMyTrade(wire: WireMyTrade, symbol: Symbol): Fill {
  return {
    fillId: String(wire.id),
    orderId: wire.orderId,
    clientOrderId: wire.clientOrderId ?? '',
    symbol,
    side: wire.isBuyer ? 'buy' : 'sell',
    price: decimal(wire.price),
    quantity: decimal(wire.qty),
    fee: decimal(wire.commission),
    feeAsset: wire.commissionAsset,
    isMaker: wire.isMaker,
    timestampMs: wire.time,
  };
}

/** spot@private.deals.v3.api.pb body: tradeType 1 = we bought, 2 = we sold. */
export function fillFromDeal(deal: PrivateDealsV3Api, symbol: Symbol): Fill {
  return {
    fillId: deal.tradeId,
    orderId: deal.orderId,
    clientOrderId: deal.clientOrderId,
    symbol,
    side: deal.tradeType === 1 ? 'buy' : 'sell',
    price: decimal(deal.price),
    quantity: decimal(deal.quantity),
    fee: decimal(deal.feeAmount),
    feeAsset: deal.feeCurrency,
    isMaker: deal.isMaker,
    timestampMs: int64(deal.time as never),
  };
}

/** spot@private.orders.v3.api.pb status: 1 new, 2 filled, 3 partially filled, 4 cancelled, 5 partially cancelled. */
const PUSH_STATUS: Readonly<Record<number, OrderStatus>> = { 1: 'open', 2: 'filled', 3: 'partially_filled', 4: 'cancelled', 5: 'cancelled' };
/** orderType: 1 limit, 2 post only, 3 IOC, 4 FOK, 5 market. */
const PUSH_TYPE: Readonly<Record<number, string>> = { 1: 'LIMIT', 2: 'LIMIT_MAKER', 3: 'IMMEDIATE_OR_CANCEL', 4: 'FILL_OR_KILL', 5: 'MARKET' };

export function orderFromPush(push: PrivateOrdersV3Api, symbol: Symbol): OrderState {
  const filled = decimal(push.cumulativeQuantity);
  const quote = decimal(push.cumulativeAmount);
  const created = int64(push.createTime as never);
  const venueType = PUSH_TYPE[push.orderType] ?? 'LIMIT';
  return {
    orderId: push.id,
    clientOrderId: push.clientId,
    symbol,
    side: push.tradeType === 1 ? 'buy' : 'sell',
    ...unifiedType(venueType),
    status: PUSH_STATUS[push.status] ?? 'open',
    price: venueType === 'MARKET' ? '' : decimal(push.price),
    quantity: decimal(push.quantity),
    filledQuantity: filled,
    filledQuoteQuantity: quote,
    averageFillPrice: push.avgPrice && compareDecimal(canonicalDecimal(push.avgPrice), '0') > 0 ? canonicalDecimal(push.avgPrice) : averagePrice(quote, filled),
    createdMs: created,
    updatedMs: Date.now(),
    reason: '',
  };
}

export function balanceFromPush(push: PrivateAccountV3Api): Balance {
  return { asset: push.vcoinName, free: decimal(push.balanceAmount), locked: decimal(push.frozenAmount) };
}
