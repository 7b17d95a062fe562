import { divRound, formatScaled, parseScaled, type Level, type OrderBook, type Trade } from '../../engine/index.js';
import type { DayStats } from '../../common/market-state.js';
import { decimalsOf, type GateContractSpec } from './catalogue.js';
import type { MarkSnapshot } from '../../common/perp-funding.js';

/**
 * Render helpers: engine values -> Gate futures wire JSON. Sizes are whole contracts: JSON
 * integers, or decimal strings when the client sent X-Gate-Size-Decimal: 1 (`decimal`).
 */

export type SizeValue = number | string;

export const priceScaleOf = (spec: GateContractSpec): number => decimalsOf(spec.orderPriceRound);
export const price = (spec: GateContractSpec, v: bigint): string => formatScaled(v, priceScaleOf(spec));
export const size = (v: bigint, decimal: boolean): SizeValue => (decimal ? v.toString() : Number(v));

/** REST order book / order_book_update levels: {p: string, s: size}. */
export function objectLevels(spec: GateContractSpec, list: readonly Level[], decimal: boolean): { p: string; s: SizeValue }[] {
  return list.map(([p, q]) => ({ p: price(spec, p), s: size(q, decimal) }));
}

/** futures.obu and the control API: [price, size] strings. */
export function arrayLevels(spec: GateContractSpec, list: readonly Level[]): [string, string][] {
  return list.map(([p, q]) => [price(spec, p), q.toString()]);
}

const seconds = (ms: number): number => Math.floor(ms / 1000);

export interface ContractDynamics {
  mark: MarkSnapshot;
  stats: DayStats;
  lastTradeId: number;
  tradeSize: bigint;
  openInterest: bigint;
  orderbookId: number;
}

/**
 * GET /futures/usdt/contracts item, field order as the documented example; only fields gate-api's
 * Contract model names (live answers carry a few more, e.g. cross_leverage_default, which no
 * client needs and the contract tests refuse).
 */
export function contract(spec: GateContractSpec, d: ContractDynamics, decimal: boolean): Record<string, unknown> {
  return {
    name: spec.name,
    type: 'direct',
    quanto_multiplier: spec.quantoMultiplier,
    ref_discount_rate: '0',
    order_price_deviate: spec.orderPriceDeviate,
    maintenance_rate: spec.maintenanceRate,
    mark_type: 'index',
    last_price: price(spec, d.stats.last),
    mark_price: d.mark.mark,
    index_price: d.mark.index,
    mark_price_round: spec.markPriceRound,
    in_delisting: false,
    risk_limit_base: spec.riskLimitBase,
    interest_rate: '0.0003',
    order_price_round: spec.orderPriceRound,
    order_size_min: size(BigInt(spec.orderSizeMin), decimal),
    enable_decimal: false,
    ref_rebate_rate: '0.2',
    funding_interval: Math.max(1, Math.round(d.mark.intervalMs / 1000)),
    risk_limit_step: spec.riskLimitStep,
    leverage_min: spec.leverageMin,
    leverage_max: spec.leverageMax,
    risk_limit_max: spec.riskLimitMax,
    maker_fee_rate: spec.makerFeeRate,
    taker_fee_rate: spec.takerFeeRate,
    funding_rate: d.mark.fundingRate,
    order_size_max: size(BigInt(spec.orderSizeMax), decimal),
    funding_next_apply: seconds(d.mark.nextApplyMs),
    config_change_time: spec.createTime,
    trade_size: size(d.tradeSize, decimal),
    position_size: size(d.openInterest, decimal),
    funding_impact_value: spec.fundingImpactValue,
    orders_limit: spec.ordersLimit,
    trade_id: d.lastTradeId,
    orderbook_id: d.orderbookId,
    enable_bonus: true,
    enable_credit: true,
    create_time: spec.createTime,
    funding_cap_ratio: spec.fundingCapRatio,
    status: 'trading',
    launch_time: spec.createTime,
    delisting_time: 0,
    delisted_time: 0,
    enable_circuit_breaker: false,
    funding_rate_limit: spec.fundingRateLimit,
    market_order_slip_ratio: '0.04',
    market_order_size_max: spec.marketOrderSizeMax,
    contract_type: '',
  };
}

/** 24h change in percent, two decimals, trimmed. */
export function changePercentage(open: bigint, last: bigint): string {
  if (open === 0n) return '0';
  return formatScaled(divRound((last - open) * 10000n, open), 2);
}

/** Volumes: contracts, base (contracts x multiplier) and quote (sum of price x contracts x multiplier). */
function volumes(spec: GateContractSpec, stats: DayStats) {
  const multScale = decimalsOf(spec.quantoMultiplier);
  const mult = parseScaled(spec.quantoMultiplier, multScale);
  const contracts = stats.baseVolume.toString();
  const base = formatScaled(stats.baseVolume * mult, multScale);
  const quote = formatScaled(stats.quoteVolume * mult, priceScaleOf(spec) + multScale);
  return { contracts, base, quote };
}

/** GET /futures/usdt/tickers item (every field a string). */
export function restTicker(spec: GateContractSpec, stats: DayStats, book: OrderBook, mark: MarkSnapshot, openInterest: bigint): Record<string, string> {
  const ask = book.bestPrice('ask');
  const bid = book.bestPrice('bid');
  const v = volumes(spec, stats);
  const change = changePercentage(stats.open, stats.last);
  return {
    contract: spec.name,
    last: price(spec, stats.last),
    low_24h: price(spec, stats.low),
    high_24h: price(spec, stats.high),
    change_percentage: change,
    total_size: openInterest.toString(),
    volume_24h: v.contracts,
    volume_24h_btc: '0',
    volume_24h_usd: v.quote,
    volume_24h_base: v.base,
    volume_24h_quote: v.quote,
    volume_24h_settle: v.quote,
    mark_price: mark.mark,
    funding_rate: mark.fundingRate,
    funding_rate_indicative: mark.fundingRate,
    index_price: mark.index,
    quanto_base_rate: '',
    highest_bid: bid === undefined ? '' : price(spec, bid),
    highest_size: bid === undefined ? '' : book.levelQuantity('bid', bid).toString(),
    lowest_ask: ask === undefined ? '' : price(spec, ask),
    lowest_size: ask === undefined ? '' : book.levelQuantity('ask', ask).toString(),
    change_utc0: change,
    change_utc8: change,
    change_price: price(spec, stats.last - stats.open),
  };
}

/**
 * futures.tickers item, as Gate's futures websocket documentation lists it (all strings). A
 * third-party live capture also shows funding_interval, funding_next_apply and t; the docs do not,
 * so the simulator leaves them out (docs/venues/gateio-futures-wire.md).
 */
export function wsTicker(spec: GateContractSpec, stats: DayStats, mark: MarkSnapshot, openInterest: bigint): Record<string, unknown> {
  const v = volumes(spec, stats);
  return {
    contract: spec.name,
    last: price(spec, stats.last),
    change_percentage: changePercentage(stats.open, stats.last),
    funding_rate: mark.fundingRate,
    funding_rate_indicative: mark.fundingRate,
    mark_price: mark.mark,
    index_price: mark.index,
    total_size: openInterest.toString(),
    volume_24h: v.contracts,
    volume_24h_btc: '0',
    volume_24h_usd: v.quote,
    quanto_base_rate: '',
    volume_24h_quote: v.quote,
    volume_24h_settle: v.quote,
    volume_24h_base: v.base,
    low_24h: price(spec, stats.low),
    high_24h: price(spec, stats.high),
  };
}

const signed = (t: Trade): bigint => (t.takerSide === 'buy' ? t.quantity : -t.quantity);

/** GET /futures/usdt/trades item. */
export function restTrade(spec: GateContractSpec, t: Trade, decimal: boolean): Record<string, unknown> {
  return {
    id: t.id,
    create_time: t.timestamp / 1000,
    create_time_ms: t.timestamp,
    contract: spec.name,
    size: size(signed(t), decimal),
    price: price(spec, t.price),
  };
}

/** futures.trades item. */
export function wsTrade(spec: GateContractSpec, t: Trade, decimal: boolean): Record<string, unknown> {
  return {
    size: size(signed(t), decimal),
    id: t.id,
    create_time: seconds(t.timestamp),
    create_time_ms: t.timestamp,
    price: price(spec, t.price),
    contract: spec.name,
  };
}
