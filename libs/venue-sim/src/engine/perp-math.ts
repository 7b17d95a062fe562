import { divRound, parseScaled, pow10, rescale } from './decimal.js';
import { BALANCE_SCALE } from './scales.js';

/**
 * Linear (quote-settled) perpetual contract arithmetic on scaled integers, no floats. Money and
 * prices are at BALANCE_SCALE (S); sizes are signed contract counts at the instrument's quantity
 * scale. The formulas are the standard linear-contract approximations (docs/venues/
 * gateio-futures-wire.md "Funding, margin, PnL"), not venue-sourced:
 *   notional = |size| x multiplier x price;  unrealised PnL = size x multiplier x (mark - entry);
 *   isolated margin = notional at entry / leverage;  entry = volume-weighted on growth, unchanged
 *   on reduce, the fill price on a flip;  liquidation (long) = entry - margin per contract-unit +
 *   entry x maintenance rate, (short) = entry + margin per unit - entry x maintenance rate, which is
 *   entry x (1 -/+ 1/leverage +/- maintenance rate) while the margin is the initial one.
 */

const S = BALANCE_SCALE;
const ONE = pow10(S);

export const abs = (v: bigint): bigint => (v < 0n ? -v : v);
export const sign = (v: bigint): bigint => (v < 0n ? -1n : v > 0n ? 1n : 0n);

/** Per-contract constants of the arithmetic. */
export interface ContractMath {
  /** Base units per contract at scale S. */
  multiplier: bigint;
  /** Decimals of sizes. */
  qtyScale: number;
  /** Maintenance rate at scale S. */
  maintenanceRate: bigint;
}

export function contractMath(multiplier: string, qtyScale: number, maintenanceRate: string): ContractMath {
  return { multiplier: parseScaled(multiplier, S), qtyScale, maintenanceRate: parseScaled(maintenanceRate, S) };
}

/** Converts an engine price (at `scale`) to scale S. */
export const priceToS = (price: bigint, scale: number): bigint => rescale(price, scale, S);

/** size x multiplier x price at scale S (signed like size x price; truncated toward zero). */
export function notional(c: ContractMath, size: bigint, price: bigint): bigint {
  return (size * c.multiplier * price) / pow10(S + c.qtyScale);
}

/** A fee (or funding) of `rateNum / 10^rateScale` on an amount at scale S (truncated toward zero). */
export function applyRate(amount: bigint, rateNum: bigint, rateScale: number): bigint {
  return (amount * rateNum) / pow10(rateScale);
}

export interface PositionState {
  size: bigint;
  entry: bigint;
  margin: bigint;
}

export interface TradeOutcome extends PositionState {
  /** Realised price PnL of the part that closed (scale S). */
  pnl: bigint;
  /** Contracts of the old position this trade closed (unsigned). */
  closed: bigint;
}

/** A trade of `trade` signed contracts at `price` (scale S) on a position run at leverage `lev`. */
export function applyTrade(c: ContractMath, p: PositionState, trade: bigint, price: bigint, lev: number): TradeOutcome {
  const L = BigInt(lev);
  const s = p.size;
  if (s === 0n || sign(s) === sign(trade)) {
    const size = s + trade;
    const entry = (abs(s) * p.entry + abs(trade) * price) / abs(size);
    return { size, entry, margin: p.margin + notional(c, abs(trade), price) / L, pnl: 0n, closed: 0n };
  }
  const closed = abs(trade) < abs(s) ? abs(trade) : abs(s);
  const pnl = sign(s) * notional(c, closed, price - p.entry);
  const size = s + trade;
  if (size === 0n) return { size, entry: 0n, margin: 0n, pnl, closed };
  if (sign(size) === sign(s)) return { size, entry: p.entry, margin: p.margin - (p.margin * closed) / abs(s), pnl, closed };
  // flipped: what is left is a new position opened at the trade price
  return { size, entry: price, margin: notional(c, abs(size), price) / L, pnl, closed };
}

/** Unrealised PnL against `mark` (scale S). */
export function unrealisedPnl(c: ContractMath, p: PositionState, mark: bigint): bigint {
  return p.size === 0n ? 0n : notional(c, p.size, mark - p.entry);
}

/** Initial margin of a position's size at its entry price for leverage `lev`. */
export function initialMargin(c: ContractMath, p: PositionState, lev: number): bigint {
  return notional(c, abs(p.size), p.entry) / BigInt(lev);
}

/** Approximate liquidation price at scale S (0 when flat or when a long can never be liquidated). */
export function liquidationPrice(c: ContractMath, p: PositionState): bigint {
  if (p.size === 0n) return 0n;
  const perUnit = (p.margin * pow10(S + c.qtyScale)) / (abs(p.size) * c.multiplier);
  const maintenance = (p.entry * c.maintenanceRate) / ONE;
  const liq = p.size > 0n ? p.entry - perUnit + maintenance : p.entry + perUnit - maintenance;
  return liq > 0n ? liq : 0n;
}

/** A scale-S value rounded (half away from zero) to `scale` decimals, still at scale `scale`. */
export function roundTo(v: bigint, scale: number): bigint {
  return divRound(v, pow10(S - scale));
}
