import { formatScaled, type ClientOrder, type Fill, type PerpEvent } from '../../engine/index.js';
import type { GateContractSpec } from './catalogue.js';
import { price, size } from './format.js';
import { fillPrice, finishAsOf, money, positionFigures, signedOf, textOf, type PositionView } from './private-format.js';
import type { UserLiquidation } from './risk.js';

/**
 * Private futures websocket pushes: prices, fees and money as JSON numbers (the REST objects
 * carry the same values as strings), sizes integers (strings on an X-Gate-Size-Decimal socket),
 * `user` a string. Shapes: docs/venues/gateio-futures-wire.md "Private channels and auth".
 */

const num = (text: string): number => Number(text);
const seconds = (ms: number): number => Math.floor(ms / 1000);

/**
 * futures.orders item. finish_as of an open order: "_new" on its first push, "_update" after a
 * fill (values third-party clients map; the venue's doc lists only the final ones).
 */
export function wsOrderJson(spec: GateContractSpec, o: ClientOrder, decimal: boolean): Record<string, unknown> {
  const q = o.quantity ?? 0n;
  const open = o.status === 'open';
  return {
    contract: spec.name,
    create_time: seconds(o.createTime),
    create_time_ms: o.createTime,
    fill_price: num(fillPrice(spec, o)),
    finish_as: open ? (o.filledQty === 0n ? '_new' : '_update') : finishAsOf(o),
    finish_time: open ? 0 : seconds(o.updateTime),
    finish_time_ms: open ? 0 : o.updateTime,
    iceberg: size(0n, decimal),
    id: Number(o.id),
    is_close: o.closePosition === true,
    is_liq: o.venueOrder === true,
    is_reduce_only: o.reduceOnly === true,
    left: size(signedOf(o, q - o.filledQty), decimal),
    mkfr: num(spec.makerFeeRate),
    price: o.type === 'market' || o.price === undefined ? 0 : num(price(spec, o.price)),
    refr: 0,
    refu: 0,
    size: size(signedOf(o, q), decimal),
    status: open ? 'open' : 'finished',
    text: textOf(o),
    tif: o.timeInForce,
    tkfr: num(spec.takerFeeRate),
    user: String(o.account.uid),
    update_id: o.version,
    update_time: o.updateTime,
    stp_id: '0', // a string in the futures websocket docs' table (a number over REST)
    stp_act: '-',
    amend_text: '-',
    biz_info: '-',
    stop_loss_price: '',
    stop_profit_price: '',
  };
}

/** futures.usertrades item: id and order_id strings, price a string, fee a number. */
export function wsUserTradeJson(spec: GateContractSpec, f: Fill, decimal: boolean): Record<string, unknown> {
  return {
    id: String(f.tradeId),
    create_time: seconds(f.timestamp),
    create_time_ms: f.timestamp,
    contract: spec.name,
    order_id: f.order.id,
    size: size(signedOf(f.order, f.quantity), decimal),
    price: price(spec, f.price),
    role: f.role,
    text: textOf(f.order),
    fee: num(money(f.fee)),
    point_fee: 0,
  };
}

/** futures.positions item: numbers except contract, mode and user; no mark, value or unrealised PnL. */
export function wsPositionJson(v: PositionView, decimal: boolean, now: number): Record<string, unknown> {
  const { spec, position: p } = v;
  const f = positionFigures(v);
  return {
    contract: spec.name,
    cross_leverage_limit: p.leverage === 0 ? p.crossLimit : 0,
    entry_price: num(money(p.entry)),
    history_pnl: num(money(p.historyPnl)),
    history_point: 0,
    last_close_pnl: num(money(p.lastClosePnl)),
    leverage: p.leverage,
    leverage_max: num(spec.leverageMax),
    liq_price: num(formatScaled(f.liq, v.mark.scale)),
    maintenance_rate: num(spec.maintenanceRate),
    margin: num(money(p.margin)),
    mode: 'single',
    realised_pnl: num(money(f.realised)),
    realised_point: 0,
    risk_limit: num(spec.riskLimitBase),
    size: size(p.size, decimal),
    time: seconds(now),
    time_ms: now,
    update_id: p.updateId,
    user: String(p.account.uid),
  };
}

const BALANCE_TYPE = { pnl: 'pnl', fee: 'fee', fund: 'fund' } as const;

/** futures.balances item: balance (after the change) and change as numbers, text "<contract>:<order id>" or the contract. */
export function wsBalanceJson(e: Extract<PerpEvent, { type: 'wallet' }>): Record<string, unknown> {
  return {
    balance: num(money(e.wallet.total)),
    change: num(money(e.change)),
    text: e.ref === undefined ? e.symbol : `${e.symbol}:${e.ref}`,
    time: seconds(e.timestamp),
    time_ms: e.timestamp,
    type: BALANCE_TYPE[e.kind],
    user: String(e.wallet.account.uid),
  };
}

/** futures.liquidates item: the user's own liquidation (size = the position taken over). */
export function wsLiquidationJson(spec: GateContractSpec, l: UserLiquidation, decimal: boolean): Record<string, unknown> {
  const liq = num(formatScaled(l.liqPrice, l.markScale));
  return {
    entry_price: num(money(l.entry)),
    fill_price: liq,
    left: size(0n, decimal),
    leverage: l.leverage,
    liq_price: liq,
    margin: num(money(l.margin)),
    mark_price: num(formatScaled(l.markPrice, l.markScale)),
    order_id: Number(l.orderId),
    order_price: liq,
    order_size: size(-l.size, decimal),
    size: size(l.size, decimal),
    time: seconds(l.timeMs),
    time_ms: l.timeMs,
    contract: spec.name,
    user: String(l.account.uid),
  };
}
