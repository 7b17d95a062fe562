import { BALANCE_SCALE, divRound, formatScaled, pow10, type AccountEvent, type Balance, type ClientOrder, type Fill } from '../../engine/index.js';
import type { GatePairSpec } from './catalogue.js';

/**
 * Gate APIv4 spot private renderings: the Order model (REST and spot.orders), personal trades
 * (GET /spot/my_trades and spot.usertrades), spot accounts and spot.balances. Field sets, order
 * and JSON types: docs/venues/gateio-spot-wire.md, "Private REST and websocket".
 */

/** Order ids are numeric strings (live ids are 12 digits, e.g. "644913098758"). */
export function orderIdOf(n: number): string {
  return String(640_000_000_000 + n);
}

/** Gate's `text` when the user sets none (orders placed through APIv4). */
export const DEFAULT_TEXT = 'apiv4';

const price = (spec: GatePairSpec, v: bigint) => formatScaled(v, spec.precision);
const amount = (spec: GatePairSpec, v: bigint) => formatScaled(v, spec.amountPrecision);
const total = (spec: GatePairSpec, v: bigint) => formatScaled(v, spec.precision + spec.amountPrecision);
const balance = (v: bigint) => formatScaled(v, BALANCE_SCALE);

function avgDealPrice(spec: GatePairSpec, o: ClientOrder): string {
  if (o.filledQty === 0n) return '0';
  const extra = 4;
  return formatScaled(divRound(o.filledQuote * pow10(extra), o.filledQty), spec.precision + extra);
}

function statusOf(o: ClientOrder): 'open' | 'closed' | 'cancelled' {
  return o.status === 'open' ? 'open' : o.status === 'filled' ? 'closed' : 'cancelled';
}

/** `amount` as placed (quote for a market buy) and what is left of it. */
function amounts(spec: GatePairSpec, o: ClientOrder): { amount: string; left: string } {
  if (o.quoteQuantity !== undefined) return { amount: total(spec, o.quoteQuantity), left: total(spec, o.quoteQuantity - o.filledQuote) };
  const q = o.quantity ?? 0n;
  return { amount: amount(spec, q), left: amount(spec, q - o.filledQty) };
}

function text(o: ClientOrder): string {
  return o.clientOrderId ?? DEFAULT_TEXT;
}

/** Order as REST answers it (POST/GET/DELETE /spot/orders...): create_time_ms / update_time_ms are numbers. */
export function orderJson(spec: GatePairSpec, o: ClientOrder): Record<string, unknown> {
  const a = amounts(spec, o);
  const filledTotal = total(spec, o.filledQuote);
  return {
    id: o.id,
    text: text(o),
    amend_text: '-',
    create_time: String(Math.floor(o.createTime / 1000)),
    update_time: String(Math.floor(o.updateTime / 1000)),
    create_time_ms: o.createTime,
    update_time_ms: o.updateTime,
    status: statusOf(o),
    currency_pair: spec.id,
    type: o.type,
    account: 'spot',
    side: o.side,
    amount: a.amount,
    price: o.price === undefined ? '0' : price(spec, o.price),
    time_in_force: o.timeInForce,
    iceberg: '0',
    left: a.left,
    filled_amount: amount(spec, o.filledQty),
    fill_price: filledTotal,
    filled_total: filledTotal,
    avg_deal_price: avgDealPrice(spec, o),
    fee: balance(o.fee),
    fee_currency: o.feeAsset,
    point_fee: '0',
    gt_fee: '0',
    gt_maker_fee: '0',
    gt_taker_fee: '0',
    gt_discount: false,
    rebated_fee: '0',
    rebated_fee_currency: spec.quote,
    finish_as: o.finish,
  };
}

/** OrderCancel item of DELETE /spot/orders (cancel all): the order plus the outcome. */
export function orderCancelJson(spec: GatePairSpec, o: ClientOrder): Record<string, unknown> {
  return { ...orderJson(spec, o), succeeded: true, label: '', message: '' };
}

/** spot.orders push item: times as strings, plus user, event (put / update / finish), stp and biz fields. */
export function wsOrderJson(spec: GatePairSpec, o: ClientOrder, event: 'put' | 'update' | 'finish'): Record<string, unknown> {
  const a = amounts(spec, o);
  return {
    id: o.id,
    text: text(o),
    create_time: String(Math.floor(o.createTime / 1000)),
    update_time: String(Math.floor(o.updateTime / 1000)),
    currency_pair: spec.id,
    type: o.type,
    account: 'spot',
    side: o.side,
    amount: a.amount,
    price: o.price === undefined ? '0' : price(spec, o.price),
    time_in_force: o.timeInForce,
    left: a.left,
    filled_amount: amount(spec, o.filledQty),
    filled_total: total(spec, o.filledQuote),
    avg_deal_price: avgDealPrice(spec, o),
    fee: balance(o.fee),
    fee_currency: o.feeAsset,
    point_fee: '0',
    gt_fee: '0',
    rebated_fee: '0',
    rebated_fee_currency: spec.quote,
    create_time_ms: String(o.createTime),
    update_time_ms: String(o.updateTime),
    user: o.account.uid,
    event,
    stp_id: 0,
    stp_act: '-',
    finish_as: o.finish,
    biz_info: '-',
    amend_text: '-',
  };
}

const msWithMicros = (f: Fill, digits: number): string => `${f.timestamp}.${String(f.micros).padStart(3, '0').padEnd(digits, '0')}`;

/** GET /spot/my_trades item: every field a string. */
export function myTradeJson(spec: GatePairSpec, f: Fill): Record<string, string> {
  return {
    id: String(f.tradeId),
    create_time: String(Math.floor(f.timestamp / 1000)),
    create_time_ms: msWithMicros(f, 6),
    currency_pair: spec.id,
    side: f.side,
    role: f.role,
    amount: formatScaled(f.quantity, spec.amountPrecision, true),
    price: price(spec, f.price),
    order_id: f.order.id,
    fee: balance(f.fee),
    fee_currency: f.feeAsset,
    point_fee: '0',
    gt_fee: '0',
    amend_text: '-',
    sequence_id: String(f.marketSeq),
    text: text(f.order),
  };
}

/** spot.usertrades push item: ids and create_time are numbers, create_time_ms a string. */
export function wsUserTradeJson(spec: GatePairSpec, f: Fill): Record<string, unknown> {
  return {
    id: f.tradeId,
    user_id: f.account.uid,
    order_id: f.order.id,
    currency_pair: spec.id,
    create_time: Math.floor(f.timestamp / 1000),
    create_time_ms: msWithMicros(f, 3),
    side: f.side,
    amount: formatScaled(f.quantity, spec.amountPrecision, true),
    role: f.role,
    price: price(spec, f.price),
    fee: balance(f.fee),
    fee_currency: f.feeAsset,
    point_fee: '0',
    gt_fee: '0',
    text: text(f.order),
    id_market: f.marketSeq,
  };
}

/** GET /spot/accounts item. */
export function spotAccountJson(currency: string, b: Balance): Record<string, unknown> {
  return { currency, available: balance(b.free), locked: balance(b.locked), update_id: b.version };
}

const CHANGE_TYPE = { order_place: 'order-create', order_fill: 'order-match', order_cancel: 'order-update', order_release: 'order-update' } as const;

/** spot.balances push item (every field a string). */
export function wsBalanceJson(e: Extract<AccountEvent, { type: 'balance' }>): Record<string, string> {
  return {
    timestamp: String(Math.floor(e.timestamp / 1000)),
    timestamp_ms: String(e.timestamp),
    user: String(e.account.uid),
    currency: e.asset,
    change: balance(e.freeChange + e.lockedChange),
    total: balance(e.balance.free + e.balance.locked),
    available: balance(e.balance.free),
    freeze: balance(e.balance.locked),
    freeze_change: balance(e.lockedChange),
    change_type: CHANGE_TYPE[e.cause],
  };
}
