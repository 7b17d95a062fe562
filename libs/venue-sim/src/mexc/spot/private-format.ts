import { createHash } from 'node:crypto';
import type { IPrivateAccountV3Api, IPrivateDealsV3Api, IPrivateOrdersV3Api } from '@cexgw/mexc-proto';
import { BALANCE_SCALE, divRound, formatScaled, pow10, type AccountEvent, type Balance, type ClientOrder, type Fill } from '../../engine/index.js';
import type { MexcSymbolSpec } from './catalogue.js';

/**
 * MEXC spot v3 private renderings: REST order / trade / account JSON and the protobuf bodies of
 * the user data stream (PrivateOrdersV3Api 304, PrivateDealsV3Api 306, PrivateAccountV3Api 307).
 * Shapes and value conventions: docs/venues/mexc-spot-wire.md, "Private REST and websocket".
 */

/** Numeric core of the order ids: live ids look like C02__505979017439002624115. */
const ORDER_CORE_BASE = 505_979_017_439_000_000n;

export function orderIdOf(n: number): string {
  return `C02__${ORDER_CORE_BASE + BigInt(n)}043`;
}

/** Trade id of a fill: the order's numeric core, "X", the fill's number within the order (live: 505979017439002624X1). */
export function tradeIdOf(fill: Fill): string {
  return `${ORDER_CORE_BASE + BigInt(fill.order.n)}X${fill.order.fills.indexOf(fill) + 1}`;
}

export type MexcOrderType = 'LIMIT' | 'MARKET' | 'LIMIT_MAKER' | 'IMMEDIATE_OR_CANCEL' | 'FILL_OR_KILL';
export const MEXC_ORDER_TYPES: readonly MexcOrderType[] = ['LIMIT', 'MARKET', 'LIMIT_MAKER', 'IMMEDIATE_OR_CANCEL', 'FILL_OR_KILL'];

export function orderTypeOf(o: ClientOrder): MexcOrderType {
  if (o.type === 'market') return 'MARKET';
  switch (o.timeInForce) {
    case 'poc':
      return 'LIMIT_MAKER';
    case 'ioc':
      return 'IMMEDIATE_OR_CANCEL';
    case 'fok':
      return 'FILL_OR_KILL';
    default:
      return 'LIMIT';
  }
}

/** orderType of the private orders push: LIMIT_ORDER 1, POST_ONLY 2, IMMEDIATE_OR_CANCEL 3, FILL_OR_KILL 4, MARKET_ORDER 5. */
const WS_ORDER_TYPE: Record<MexcOrderType, number> = { LIMIT: 1, LIMIT_MAKER: 2, IMMEDIATE_OR_CANCEL: 3, FILL_OR_KILL: 4, MARKET: 5 };

export type MexcOrderStatus = 'NEW' | 'FILLED' | 'PARTIALLY_FILLED' | 'CANCELED' | 'PARTIALLY_CANCELED';
/** status of the private orders push: 1 not traded, 2 fully traded, 3 partially traded, 4 canceled, 5 partially canceled. */
const WS_STATUS: Record<MexcOrderStatus, number> = { NEW: 1, FILLED: 2, PARTIALLY_FILLED: 3, CANCELED: 4, PARTIALLY_CANCELED: 5 };

export function statusOf(o: ClientOrder): MexcOrderStatus {
  if (o.status === 'filled') return 'FILLED';
  if (o.status === 'open') return o.filledQty > 0n ? 'PARTIALLY_FILLED' : 'NEW';
  return o.filledQty > 0n ? 'PARTIALLY_CANCELED' : 'CANCELED';
}

const price = (spec: MexcSymbolSpec, v: bigint) => formatScaled(v, spec.quoteAssetPrecision);
const qty = (spec: MexcSymbolSpec, v: bigint) => formatScaled(v, spec.baseAssetPrecision);
const quote = (spec: MexcSymbolSpec, v: bigint) => formatScaled(v, spec.quoteAssetPrecision + spec.baseAssetPrecision);
const amount = (v: bigint) => formatScaled(v, BALANCE_SCALE);

/** The price an order shows: its limit, or for a market order the best opposite price when it arrived. */
function shownPrice(o: ClientOrder): bigint {
  return o.price ?? o.refPrice ?? 0n;
}

/** Quote value of the order as placed: the quote amount of a market buy, else shown price x quantity. */
function orderQuoteValue(o: ClientOrder): bigint {
  return o.quoteQuantity ?? shownPrice(o) * (o.quantity ?? 0n);
}

function avgPrice(spec: MexcSymbolSpec, o: ClientOrder): string {
  if (o.filledQty === 0n) return '0';
  const extra = 4;
  return formatScaled(divRound(o.filledQuote * pow10(extra), o.filledQty), spec.quoteAssetPrecision + extra);
}

/** POST /api/v3/order answer. */
export function newOrderAck(spec: MexcSymbolSpec, o: ClientOrder): Record<string, unknown> {
  return {
    symbol: spec.symbol,
    orderId: o.id,
    orderListId: -1,
    price: price(spec, shownPrice(o)),
    origQty: qty(spec, o.quantity ?? 0n),
    type: orderTypeOf(o),
    side: o.side === 'buy' ? 'BUY' : 'SELL',
    transactTime: o.createTime,
  };
}

/** GET /api/v3/order, openOrders and allOrders item (field order and nulls of the live captures). */
export function orderJson(spec: MexcSymbolSpec, o: ClientOrder): Record<string, unknown> {
  return {
    symbol: spec.symbol,
    orderId: o.id,
    orderListId: -1,
    clientOrderId: o.clientOrderId ?? null,
    price: price(spec, shownPrice(o)),
    origQty: qty(spec, o.quantity ?? 0n),
    executedQty: qty(spec, o.filledQty),
    cummulativeQuoteQty: quote(spec, o.filledQuote),
    status: statusOf(o),
    timeInForce: null,
    type: orderTypeOf(o),
    side: o.side === 'buy' ? 'BUY' : 'SELL',
    stopPrice: null,
    icebergQty: null,
    time: o.createTime,
    updateTime: o.updateTime,
    isWorking: true,
    origQuoteOrderQty: quote(spec, orderQuoteValue(o)),
  };
}

/**
 * DELETE /api/v3/order and DELETE /api/v3/openOrders item: DOC's fields ("Cancel Order"), less
 * `timeInForce` (DOC's "GTC" is a Binance copy, ccxt's live capture has none, and the live order
 * objects show null) and less client ids the order does not have (no source shows them null here).
 */
export function cancelJson(spec: MexcSymbolSpec, o: ClientOrder, newClientOrderId?: string): Record<string, unknown> {
  const clientOrderId = newClientOrderId ?? o.clientOrderId;
  return {
    symbol: spec.symbol,
    ...(o.clientOrderId !== undefined && { origClientOrderId: o.clientOrderId }),
    orderId: o.id,
    ...(clientOrderId !== undefined && { clientOrderId }),
    price: price(spec, shownPrice(o)),
    origQty: qty(spec, o.quantity ?? 0n),
    executedQty: qty(spec, o.filledQty),
    cummulativeQuoteQty: quote(spec, o.filledQuote),
    status: statusOf(o),
    type: orderTypeOf(o),
    side: o.side === 'buy' ? 'BUY' : 'SELL',
  };
}

/** GET /api/v3/myTrades item. */
export function myTradeJson(spec: MexcSymbolSpec, f: Fill): Record<string, unknown> {
  return {
    symbol: spec.symbol,
    id: tradeIdOf(f),
    orderId: f.order.id,
    orderListId: -1,
    price: price(spec, f.price),
    qty: qty(spec, f.quantity),
    quoteQty: quote(spec, f.quote),
    commission: amount(f.fee),
    commissionAsset: f.feeAsset,
    time: f.timestamp,
    isBuyer: f.side === 'buy',
    isMaker: f.role === 'maker',
    isBestMatch: true,
    isSelfTrade: f.selfTrade,
    clientOrderId: f.order.clientOrderId ?? null,
  };
}

/** GET /api/v3/account balances item. */
export function balanceJson(asset: string, b: Balance): Record<string, string> {
  return { asset, free: amount(b.free), locked: amount(b.locked) };
}

/** A stable 32-hex coin id per asset (the venue sends an opaque id, e.g. 128f589271cb4951b03e71e6323eb7be for USDT). */
export function coinIdOf(asset: string): string {
  return createHash('sha256').update(`mexc-coin:${asset}`).digest('hex').slice(0, 32);
}

/** privateOrders (304) body of an order event. */
export function privateOrdersBody(spec: MexcSymbolSpec, o: ClientOrder, lastFill?: Fill): IPrivateOrdersV3Api {
  const remainQty = o.quantity === undefined ? 0n : o.quantity - o.filledQty;
  let remainAmount = 0n;
  if (o.quoteQuantity !== undefined) remainAmount = o.quoteQuantity - o.filledQuote;
  else if (o.type === 'limit' && o.price !== undefined) remainAmount = o.price * remainQty;
  const body: IPrivateOrdersV3Api = {
    id: o.id,
    clientId: o.clientOrderId ?? '',
    price: price(spec, shownPrice(o)),
    quantity: qty(spec, o.quantity ?? 0n),
    amount: o.type === 'market' && o.quoteQuantity === undefined ? '0' : quote(spec, orderQuoteValue(o)),
    avgPrice: avgPrice(spec, o),
    orderType: WS_ORDER_TYPE[orderTypeOf(o)],
    tradeType: o.side === 'buy' ? 1 : 2,
    isMaker: lastFill ? lastFill.role === 'maker' : false,
    remainAmount: quote(spec, remainAmount),
    remainQuantity: qty(spec, remainQty),
    cumulativeQuantity: qty(spec, o.filledQty),
    cumulativeAmount: quote(spec, o.filledQuote),
    status: WS_STATUS[statusOf(o)],
    createTime: o.createTime,
  };
  if (lastFill) body.lastDealQuantity = qty(spec, lastFill.quantity);
  return body;
}

/** privateDeals (306) body of a fill. */
export function privateDealsBody(spec: MexcSymbolSpec, f: Fill): IPrivateDealsV3Api {
  return {
    price: price(spec, f.price),
    quantity: qty(spec, f.quantity),
    amount: quote(spec, f.quote),
    tradeType: f.side === 'buy' ? 1 : 2,
    isMaker: f.role === 'maker',
    isSelfTrade: f.selfTrade,
    tradeId: tradeIdOf(f),
    clientOrderId: f.order.clientOrderId ?? '',
    orderId: f.order.id,
    feeAmount: amount(f.fee),
    feeCurrency: f.feeAsset,
    time: f.timestamp,
  };
}

/** `type` of a balance change: the documented "changed type" values. */
const ACCOUNT_CHANGE_TYPE = { order_place: 'ENTRUST_PLACE', order_fill: 'ENTRUST', order_cancel: 'ENTRUST_CANCEL', order_release: 'ENTRUST_UNFROZEN' } as const;

/** privateAccount (307) body of a balance change. */
export function privateAccountBody(e: Extract<AccountEvent, { type: 'balance' }>): IPrivateAccountV3Api {
  return {
    vcoinName: e.asset,
    coinId: coinIdOf(e.asset),
    balanceAmount: amount(e.balance.free),
    balanceAmountChange: amount(e.freeChange),
    frozenAmount: amount(e.balance.locked),
    frozenAmountChange: amount(e.lockedChange),
    type: ACCOUNT_CHANGE_TYPE[e.cause],
    time: e.timestamp,
  };
}
