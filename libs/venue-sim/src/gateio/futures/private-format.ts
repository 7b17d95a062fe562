import { BALANCE_SCALE, divRound, formatScaled, perpMath, pow10, type Account, type ClientOrder, type Fill, type FinishReason, type PerpLedger, type PerpPosition } from '../../engine/index.js';
import type { GateContractSpec } from './catalogue.js';
import { price, priceScaleOf, size } from './format.js';

/**
 * Gate APIv4 futures private REST renderings: FuturesOrder, my_trades items, Position and the
 * futures account. Money and prices are strings, sizes integers (strings with
 * X-Gate-Size-Decimal: 1). Field order follows docs/venues/gateio-futures-wire.md and the
 * fixtures of libs/adapters/test/fixtures/gateio-futures/.
 */

/** Money (and entry prices) are rendered rounded to 12 decimals, trailing zeros trimmed. */
export const MONEY_DP = 12;
export const money = (v: bigint): string => formatScaled(perpMath.roundTo(v, MONEY_DP), MONEY_DP);

/** Futures order ids: integers, far below 2^53 (live ids pass it; clients read them as int64). */
export function futuresOrderIdOf(n: number): string {
  return String(580_000_000_000 + n);
}

/** `text` of an order placed without one (ccxt's live capture shows "api"). */
export const DEFAULT_TEXT = 'api';
/** `text` of a liquidation order (one of the reserved source values). */
export const LIQUIDATION_TEXT = 'liquidation';

export const textOf = (o: ClientOrder): string => o.clientOrderId ?? (o.venueOrder ? LIQUIDATION_TEXT : DEFAULT_TEXT);
export const signedOf = (o: ClientOrder, q: bigint): bigint => (o.side === 'buy' ? q : -q);

/** Average fill price (4 decimals finer than the tick), "0" before any fill. */
export function fillPrice(spec: GateContractSpec, o: ClientOrder): string {
  if (o.filledQty === 0n) return '0';
  return formatScaled(divRound(o.filledQuote * pow10(4), o.filledQty), priceScaleOf(spec) + 4);
}

/** finish_as of a finished order (market orders run IOC: what the book could not fill ends "ioc"). */
export function finishAsOf(o: ClientOrder): Exclude<FinishReason, 'depth_not_enough' | 'open'> {
  return o.finish === 'depth_not_enough' || o.finish === 'open' ? 'ioc' : o.finish;
}

/** FuturesOrder (POST/GET/DELETE /futures/usdt/orders...): finish_time and finish_as only once finished. */
export function orderJson(spec: GateContractSpec, o: ClientOrder, decimal: boolean): Record<string, unknown> {
  const q = o.quantity ?? 0n;
  const out: Record<string, unknown> = {
    id: Number(o.id),
    user: o.account.uid,
    contract: spec.name,
    create_time: o.createTime / 1000,
    update_time: o.updateTime / 1000,
    size: size(signedOf(o, q), decimal),
    iceberg: size(0n, decimal),
    left: size(signedOf(o, q - o.filledQty), decimal),
    price: o.type === 'market' || o.price === undefined ? '0' : price(spec, o.price),
    fill_price: fillPrice(spec, o),
    mkfr: spec.makerFeeRate,
    tkfr: spec.takerFeeRate,
    tif: o.timeInForce,
    refu: 0,
    is_reduce_only: o.reduceOnly === true,
    is_close: o.closePosition === true,
    is_liq: o.venueOrder === true,
    text: textOf(o),
    status: o.status === 'open' ? 'open' : 'finished',
  };
  if (o.status !== 'open') {
    out.finish_time = o.updateTime / 1000;
    out.finish_as = finishAsOf(o);
  }
  out.stp_id = 0;
  out.stp_act = '-';
  out.amend_text = '-';
  return out;
}

/** Seconds with the sub-millisecond ordinal as a fraction (e.g. 1514764800.123004). */
export const fillSeconds = (f: Fill): number => (f.timestamp * 1000 + f.micros) / 1e6;

/**
 * GET /futures/usdt/my_trades item (gate-api MyFuturesTrade: `id` a number) or, with `timerange`,
 * a GET /my_trades_timerange item (MyFuturesTradeTimeRange: `trade_id` a string). order_id is a
 * string; size and close_size signed.
 */
export function myTradeJson(spec: GateContractSpec, f: Fill, decimal: boolean, timerange: boolean): Record<string, unknown> {
  return {
    ...(timerange ? { trade_id: String(f.tradeId) } : { id: f.tradeId }),
    create_time: fillSeconds(f),
    contract: spec.name,
    order_id: f.order.id,
    size: size(signedOf(f.order, f.quantity), decimal),
    price: price(spec, f.price),
    text: textOf(f.order),
    fee: money(f.fee),
    point_fee: '0',
    role: f.role,
    close_size: size(signedOf(f.order, f.closedQty ?? 0n), decimal),
  };
}

/** A position with what it is rendered against. */
export interface PositionView {
  spec: GateContractSpec;
  ledger: PerpLedger;
  position: PerpPosition;
  /** Mark price at its own scale. */
  mark: { value: bigint; scale: number };
  /** Open orders of the account on the contract. */
  openOrders: ClientOrder[];
}

const markS = (v: PositionView): bigint => perpMath.priceToS(v.mark.value, v.mark.scale);

/** Liquidation price at the mark's scale ("0" when flat). */
export function liquidationPrice(v: PositionView): bigint {
  return perpMath.roundTo(perpMath.liquidationPrice(v.ledger.math(v.spec.name), v.position), v.mark.scale);
}

export function positionFigures(v: PositionView) {
  const p = v.position;
  const math = v.ledger.math(v.spec.name);
  const mark = markS(v);
  return {
    value: perpMath.notional(math, perpMath.abs(p.size), mark),
    unrealised: v.ledger.unrealised(p, mark),
    liq: liquidationPrice(v),
    realised: p.realised.pnl + p.realised.fee + p.realised.fund,
    maintenance: (perpMath.notional(math, perpMath.abs(p.size), mark) * math.maintenanceRate) / pow10(BALANCE_SCALE),
  };
}

export function closeOrderOf(v: PositionView): ClientOrder | undefined {
  return v.openOrders.find((o) => o.closePosition);
}

/** Position (GET /futures/usdt/positions[/{contract}], leverage and margin answers). */
export function positionJson(v: PositionView, decimal: boolean): Record<string, unknown> {
  const { spec, position: p } = v;
  const f = positionFigures(v);
  const close = closeOrderOf(v);
  return {
    user: p.account.uid,
    contract: spec.name,
    size: size(p.size, decimal),
    leverage: String(p.leverage),
    risk_limit: spec.riskLimitBase,
    leverage_max: spec.leverageMax,
    maintenance_rate: spec.maintenanceRate,
    value: money(f.value),
    margin: money(p.margin),
    entry_price: money(p.entry),
    liq_price: formatScaled(f.liq, v.mark.scale),
    mark_price: formatScaled(v.mark.value, v.mark.scale),
    initial_margin: '0',
    maintenance_margin: '0',
    unrealised_pnl: money(f.unrealised),
    realised_pnl: money(f.realised),
    pnl_pnl: money(p.realised.pnl),
    pnl_fund: money(p.realised.fund),
    pnl_fee: money(p.realised.fee),
    history_pnl: money(p.historyPnl),
    last_close_pnl: money(p.lastClosePnl),
    realised_point: '0',
    history_point: '0',
    adl_ranking: p.size === 0n ? 6 : 5,
    pending_orders: v.openOrders.length,
    close_order: close ? { id: Number(close.id), price: close.type === 'market' || close.price === undefined ? '0' : price(spec, close.price), is_liq: false } : null,
    mode: 'single',
    update_time: Math.floor(p.updateTime / 1000),
    update_id: p.updateId,
    cross_leverage_limit: p.leverage === 0 ? String(p.crossLimit) : '0',
    risk_limit_table: `SIM_${spec.leverageMax}X_V1`,
    average_maintenance_rate: spec.maintenanceRate,
    open_time: Math.floor(p.openTime / 1000),
  };
}

/** GET /futures/usdt/accounts: one object, money as strings; available = total - position margin - order margin. */
export function accountJson(account: Account, ledger: PerpLedger, views: PositionView[], dualMode: boolean): Record<string, unknown> {
  const w = ledger.wallet(account);
  let unrealised = 0n;
  let crossMargin = 0n;
  let crossMaintenance = 0n;
  let crossUnrealised = 0n;
  let isolatedMargin = 0n;
  for (const v of views) {
    const f = positionFigures(v);
    unrealised += f.unrealised;
    if (v.position.leverage === 0) {
      crossMargin += v.position.margin;
      crossMaintenance += f.maintenance;
      crossUnrealised += f.unrealised;
    } else {
      isolatedMargin += v.position.margin;
    }
  }
  const available = ledger.available(account);
  return {
    currency: ledger.settleAsset,
    total: money(w.total),
    unrealised_pnl: money(unrealised),
    position_margin: money(ledger.positionMargin(w)),
    order_margin: money(ledger.orderMargin(account)),
    available: money(available),
    point: '0',
    bonus: '0',
    in_dual_mode: dualMode,
    position_mode: dualMode ? 'dual' : 'single',
    enable_new_dual_mode: false,
    enable_credit: false,
    enable_evolved_classic: false,
    cross_initial_margin: money(crossMargin),
    cross_maintenance_margin: money(crossMaintenance),
    cross_order_margin: money(ledger.orderMargin(account)),
    cross_unrealised_pnl: money(crossUnrealised),
    cross_available: money(available),
    cross_margin_balance: money(w.total + crossUnrealised),
    cross_mmr: '0',
    cross_imr: '0',
    isolated_position_margin: money(isolatedMargin),
    margin_mode: 0,
    history: {
      dnw: money(w.history.dnw),
      pnl: money(w.history.pnl),
      fee: money(w.history.fee),
      refr: '0',
      fund: money(w.history.fund),
      point_dnw: '0',
      point_fee: '0',
      point_refr: '0',
      bonus_dnw: '0',
      bonus_offset: '0',
    },
    enable_tiered_mm: false,
  };
}
