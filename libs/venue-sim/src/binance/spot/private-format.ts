import { BALANCE_SCALE, formatScaled, type Balance, type ClientOrder, type Fill } from '../../engine/index.js';
import type { BinanceSpotSymbolSpec } from './catalogue.js';
import * as fmt from './format.js';

/**
 * Binance spot private renderings: REST order / trade / account JSON and the user data stream's
 * executionReport and outboundAccountPosition events (rest-api.md, user-data-stream.md), every
 * amount with 8 decimals.
 */

export type SpotOrderType = 'LIMIT' | 'MARKET' | 'LIMIT_MAKER';
export type SpotOrderStatus = 'NEW' | 'PARTIALLY_FILLED' | 'FILLED' | 'CANCELED' | 'EXPIRED';

/** An account amount: 8 decimals as the venue prints them, more only where the exact value has them. */
const amount = (v: bigint): string => {
  const exact = formatScaled(v, BALANCE_SCALE);
  const decimals = exact.includes('.') ? exact.length - exact.indexOf('.') - 1 : 0;
  return formatScaled(v / 10n ** BigInt(BALANCE_SCALE - Math.max(8, decimals)), Math.max(8, decimals), true);
};

export function orderTypeOf(o: ClientOrder): SpotOrderType {
  if (o.type === 'market') return 'MARKET';
  return o.timeInForce === 'poc' ? 'LIMIT_MAKER' : 'LIMIT';
}

/** GTC / IOC / FOK; a LIMIT_MAKER rests as GTC and a MARKET order is shown as GTC, as the venue does. */
export function timeInForceOf(o: ClientOrder): string {
  return o.timeInForce === 'ioc' ? 'IOC' : o.timeInForce === 'fok' ? 'FOK' : 'GTC';
}

/** What was left of an IOC, FOK or market order expires; a cancel is CANCELED. */
export function statusOf(o: ClientOrder): SpotOrderStatus {
  if (o.status === 'filled') return 'FILLED';
  if (o.status === 'open') return o.filledQty > 0n ? 'PARTIALLY_FILLED' : 'NEW';
  return o.finish === 'cancelled' ? 'CANCELED' : 'EXPIRED';
}

/** Fields every order answer shares. */
function orderCore(spec: BinanceSpotSymbolSpec, o: ClientOrder): Record<string, unknown> {
  return {
    symbol: spec.symbol,
    orderId: Number(o.id),
    orderListId: -1,
    clientOrderId: o.clientOrderId ?? '',
    price: fmt.price(spec, o.price ?? 0n),
    origQty: fmt.qty(spec, o.quantity ?? o.filledQty),
    executedQty: fmt.qty(spec, o.filledQty),
    cummulativeQuoteQty: fmt.quote(spec, o.filledQuote),
    status: statusOf(o),
    timeInForce: timeInForceOf(o),
    type: orderTypeOf(o),
    side: o.side === 'buy' ? 'BUY' : 'SELL',
  };
}

/** POST /api/v3/order answer with newOrderRespType RESULT. */
export function newOrderResult(spec: BinanceSpotSymbolSpec, o: ClientOrder): Record<string, unknown> {
  const { clientOrderId, ...core } = orderCore(spec, o);
  return {
    symbol: core.symbol,
    orderId: core.orderId,
    orderListId: -1,
    clientOrderId,
    transactTime: o.createTime,
    price: core.price,
    origQty: core.origQty,
    executedQty: core.executedQty,
    origQuoteOrderQty: fmt.quote(spec, o.quoteQuantity ?? 0n),
    cummulativeQuoteQty: core.cummulativeQuoteQty,
    status: core.status,
    timeInForce: core.timeInForce,
    type: core.type,
    side: core.side,
    workingTime: o.createTime,
    selfTradePreventionMode: 'NONE',
  };
}

/** POST /api/v3/order answer with newOrderRespType ACK. */
export function newOrderAck(spec: BinanceSpotSymbolSpec, o: ClientOrder): Record<string, unknown> {
  return { symbol: spec.symbol, orderId: Number(o.id), orderListId: -1, clientOrderId: o.clientOrderId ?? '', transactTime: o.createTime };
}

/** GET /api/v3/order, openOrders and allOrders item. */
export function orderJson(spec: BinanceSpotSymbolSpec, o: ClientOrder): Record<string, unknown> {
  return {
    ...orderCore(spec, o),
    stopPrice: '0.00000000',
    icebergQty: '0.00000000',
    time: o.createTime,
    updateTime: o.updateTime,
    isWorking: o.type === 'limit',
    workingTime: o.createTime,
    origQuoteOrderQty: fmt.quote(spec, o.quoteQuantity ?? 0n),
    selfTradePreventionMode: 'NONE',
  };
}

/** DELETE /api/v3/order answer: `clientOrderId` is the cancel's own id, `origClientOrderId` the order's. */
export function cancelJson(spec: BinanceSpotSymbolSpec, o: ClientOrder, cancelId: string): Record<string, unknown> {
  const core = orderCore(spec, o);
  return {
    symbol: core.symbol,
    origClientOrderId: o.clientOrderId ?? '',
    orderId: core.orderId,
    orderListId: -1,
    clientOrderId: cancelId,
    transactTime: o.updateTime,
    price: core.price,
    origQty: core.origQty,
    executedQty: core.executedQty,
    origQuoteOrderQty: fmt.quote(spec, o.quoteQuantity ?? 0n),
    cummulativeQuoteQty: core.cummulativeQuoteQty,
    status: core.status,
    timeInForce: core.timeInForce,
    type: core.type,
    side: core.side,
    selfTradePreventionMode: 'NONE',
  };
}

/** GET /api/v3/myTrades item: `id` is the trade id (the public trade's), unique per symbol. */
export function myTradeJson(spec: BinanceSpotSymbolSpec, f: Fill): Record<string, unknown> {
  return {
    symbol: spec.symbol,
    id: f.tradeId,
    orderId: Number(f.order.id),
    orderListId: -1,
    price: fmt.price(spec, f.price),
    qty: fmt.qty(spec, f.quantity),
    quoteQty: fmt.quote(spec, f.quote),
    commission: amount(f.fee),
    commissionAsset: f.feeAsset,
    time: f.timestamp,
    isBuyer: f.side === 'buy',
    isMaker: f.role === 'maker',
    isBestMatch: true,
  };
}

/** A fill of the FULL placement answer's `fills`. */
export function placementFill(spec: BinanceSpotSymbolSpec, f: Fill): Record<string, unknown> {
  return { price: fmt.price(spec, f.price), qty: fmt.qty(spec, f.quantity), commission: amount(f.fee), commissionAsset: f.feeAsset, tradeId: f.tradeId };
}

export function balanceJson(asset: string, b: Balance): { asset: string; free: string; locked: string } {
  return { asset, free: amount(b.free), locked: amount(b.locked) };
}

/** The executionReport of an order event: x NEW, TRADE (with the fill's fields), CANCELED or EXPIRED. */
export function executionReport(spec: BinanceSpotSymbolSpec, o: ClientOrder, change: 'new' | 'fill' | 'finish', fill: Fill | undefined, now: number): Record<string, unknown> {
  const status = statusOf(o);
  const execution = fill ? 'TRADE' : change === 'new' ? 'NEW' : status === 'CANCELED' ? 'CANCELED' : 'EXPIRED';
  return {
    e: 'executionReport',
    E: now,
    s: spec.symbol,
    c: o.clientOrderId ?? '',
    S: o.side === 'buy' ? 'BUY' : 'SELL',
    o: orderTypeOf(o),
    f: timeInForceOf(o),
    q: fmt.qty(spec, o.quantity ?? 0n),
    p: fmt.price(spec, o.price ?? 0n),
    P: '0.00000000',
    F: '0.00000000',
    g: -1,
    C: '',
    x: execution,
    X: status,
    r: 'NONE',
    i: Number(o.id),
    l: fmt.qty(spec, fill?.quantity ?? 0n),
    z: fmt.qty(spec, o.filledQty),
    L: fmt.price(spec, fill?.price ?? 0n),
    n: amount(fill?.fee ?? 0n),
    N: fill ? fill.feeAsset : null,
    T: fill?.timestamp ?? o.updateTime,
    t: fill ? fill.tradeId : -1,
    I: o.version,
    w: o.status === 'open' && o.type === 'limit',
    m: fill ? fill.role === 'maker' : false,
    M: false,
    O: o.createTime,
    Z: fmt.quote(spec, o.filledQuote),
    Y: fmt.quote(spec, fill?.quote ?? 0n),
    Q: fmt.quote(spec, o.quoteQuantity ?? 0n),
    W: o.createTime,
    V: 'NONE',
  };
}
