import type { Account, AccountMarket, BalanceCause, ClientOrder, HoldPlan, HoldRefusal, Ledger, PlaceRequest } from './accounts.js';
import type { OrderBook } from './order-book.js';
import { abs, applyRate, applyTrade, contractMath, initialMargin, notional, priceToS, sign, unrealisedPnl, type ContractMath } from './perp-math.js';
import type { Trade } from './types.js';

/**
 * Margin accounts of a linear perpetual-futures venue, in one settle asset, single position mode:
 * a wallet (`total`) and one signed position per contract, run isolated at a leverage or cross
 * with a leverage limit. The settle asset's Balance mirrors it for the shared control API:
 * locked = margin held by open orders, free = available = total - position margin - order margin.
 * An order holds the initial margin (plus taker fee) of the part that would open a position;
 * fills move the position (perpMath.ts), realise PnL and pay fees (maker rebates when negative).
 * Funding and liquidation are applied by the venue through applyFunding / takeOver.
 */

export interface PerpTerms {
  symbol: string;
  /** Base units per contract, e.g. "0.0001". */
  multiplier: string;
  maintenanceRate: string;
  leverageMin: number;
  leverageMax: number;
  /** Isolated leverage of a position the user never set one for. */
  defaultLeverage: number;
  /** Cross leverage limit of a position the user never set one for. */
  crossLeverageDefault: number;
}

export interface RealisedPnl {
  /** Price PnL, fees (negative = paid) and funding (negative = paid), at BALANCE_SCALE. */
  pnl: bigint;
  fee: bigint;
  fund: bigint;
}

export interface PerpPosition {
  account: Account;
  symbol: string;
  /** Signed contracts (quantity scale): > 0 long, < 0 short. */
  size: bigint;
  /** Entry price at BALANCE_SCALE; 0 while flat. */
  entry: bigint;
  /** 0 = cross margin (then crossLimit applies). */
  leverage: number;
  crossLimit: number;
  /** Position margin at BALANCE_SCALE. */
  margin: bigint;
  /** Realised since the position last opened from flat. */
  realised: RealisedPnl;
  /** Sum of the realised PnL of closed positions; the last one. */
  historyPnl: bigint;
  lastClosePnl: bigint;
  updateId: number;
  updateTime: number;
  /** When the position last opened from flat (0 = never). */
  openTime: number;
}

export interface PerpWallet {
  account: Account;
  /** Wallet balance excluding unrealised PnL (BALANCE_SCALE). */
  total: bigint;
  /** Deposits, realised PnL, fees, funding since the start (BALANCE_SCALE; fees and payments negative). */
  history: { dnw: bigint; pnl: bigint; fee: bigint; fund: bigint };
  positions: Map<string, PerpPosition>;
}

export type PositionCause = 'fill' | 'leverage' | 'margin' | 'funding' | 'liquidation';

export type PerpEvent =
  | { type: 'position'; position: PerpPosition; cause: PositionCause; timestamp: number }
  /** A change of the wallet balance: realised PnL, a fee, a funding payment. `ref`: the order id, when an order caused it. */
  | { type: 'wallet'; wallet: PerpWallet; kind: 'pnl' | 'fee' | 'fund'; change: bigint; symbol: string; ref?: string; timestamp: number };

export type LeverageOutcome = { ok: true; position: PerpPosition } | { ok: false; error: 'insufficient_available'; needed: bigint; available: bigint };
export type MarginOutcome = { ok: true; position: PerpPosition } | { ok: false; error: 'cross_margin' | 'empty' | 'insufficient_available' | 'remove_too_much' };

/** What a liquidation took over, as the position was just before. */
export interface TakeOver {
  position: PerpPosition;
  size: bigint;
  entry: bigint;
  leverage: number;
  margin: bigint;
}

interface Contract {
  terms: PerpTerms;
  math: ContractMath;
}

export class PerpLedger implements Ledger {
  private readonly contracts = new Map<string, Contract>();
  private readonly wallets = new Map<Account, PerpWallet>();
  private readonly listeners = new Set<(e: PerpEvent) => void>();

  constructor(
    readonly settleAsset: string,
    terms: Iterable<PerpTerms>,
    /** Quantity scale of an instrument (the engine's). */
    qtyScaleOf: (symbol: string) => number,
  ) {
    for (const t of terms) this.contracts.set(t.symbol, { terms: t, math: contractMath(t.multiplier, qtyScaleOf(t.symbol), t.maintenanceRate) });
  }

  onEvent(listener: (e: PerpEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  terms(symbol: string): PerpTerms {
    return this.contract(symbol).terms;
  }

  math(symbol: string): ContractMath {
    return this.contract(symbol).math;
  }

  /** The account's wallet; opened on first use with the settle asset's starting balance. */
  wallet(account: Account): PerpWallet {
    let w = this.wallets.get(account);
    if (!w) {
      const start = account.balance(this.settleAsset).free;
      w = { account, total: start, history: { dnw: start, pnl: 0n, fee: 0n, fund: 0n }, positions: new Map() };
      this.wallets.set(account, w);
    }
    return w;
  }

  /** The account's position in a contract; a flat one at the default leverage if it never had one. */
  position(account: Account, symbol: string): PerpPosition {
    const w = this.wallet(account);
    let p = w.positions.get(symbol);
    if (!p) {
      const t = this.contract(symbol).terms;
      p = {
        account,
        symbol,
        size: 0n,
        entry: 0n,
        leverage: t.defaultLeverage,
        crossLimit: t.crossLeverageDefault,
        margin: 0n,
        realised: { pnl: 0n, fee: 0n, fund: 0n },
        historyPnl: 0n,
        lastClosePnl: 0n,
        updateId: 0,
        updateTime: 0,
        openTime: 0,
      };
      w.positions.set(symbol, p);
    }
    return p;
  }

  /** Positions the account ever had or configured, in contract listing order. */
  positions(account: Account): PerpPosition[] {
    const w = this.wallet(account);
    return [...this.contracts.keys()].map((s) => w.positions.get(s)).filter((p): p is PerpPosition => p !== undefined);
  }

  /** Every open (non-zero) position in a contract. */
  openPositions(symbol: string): PerpPosition[] {
    const out: PerpPosition[] = [];
    for (const w of this.wallets.values()) {
      const p = w.positions.get(symbol);
      if (p && p.size !== 0n) out.push(p);
    }
    return out;
  }

  /** Effective leverage of a position: its isolated leverage, or the cross limit. */
  effectiveLeverage(p: PerpPosition): number {
    return p.leverage === 0 ? p.crossLimit : p.leverage;
  }

  positionMargin(w: PerpWallet): bigint {
    let sum = 0n;
    for (const p of w.positions.values()) sum += p.margin;
    return sum;
  }

  orderMargin(account: Account): bigint {
    return account.balance(this.settleAsset).locked;
  }

  available(account: Account): bigint {
    return account.balance(this.settleAsset).free;
  }

  /** Unrealised PnL of a position at `mark` (scale BALANCE_SCALE). */
  unrealised(p: PerpPosition, mark: bigint): bigint {
    return unrealisedPnl(this.contract(p.symbol).math, p, mark);
  }

  /* Ledger */

  plan(account: Account, req: PlaceRequest, m: AccountMarket, book: OrderBook): HoldPlan | HoldRefusal {
    const asset = this.settleAsset;
    if (req.reduceOnly) return { ok: true, asset, amount: 0n, feeAsset: asset };
    const c = this.contract(req.symbol);
    const p = this.position(account, req.symbol);
    const quantity = req.quantity ?? 0n;
    const opposite = p.size !== 0n && p.size > 0n !== (req.side === 'buy') ? abs(p.size) : 0n;
    const opening = quantity > opposite ? quantity - opposite : 0n;
    const price = req.type === 'limit' ? req.price : book.bestPrice(req.side === 'buy' ? 'ask' : 'bid');
    let amount = 0n;
    if (opening > 0n && price !== undefined) {
      const value = notional(c.math, opening, priceToS(price, m.priceScale));
      amount = value / BigInt(this.effectiveLeverage(p));
      if (m.taker.num > 0n) amount += applyRate(value, m.taker.num, m.taker.scale);
    }
    const available = this.available(account);
    if (amount > available) return { ok: false, error: 'insufficient_balance', asset, needed: amount, available };
    return { ok: true, asset, amount, feeAsset: asset };
  }

  lock(order: ClientOrder, amount: bigint): void {
    order.locked = amount;
    order.account.balance(this.settleAsset).locked += amount;
    this.sync(this.wallet(order.account));
  }

  settle(order: ClientOrder, t: Trade, role: 'maker' | 'taker', m: AccountMarket): { fee: bigint; closedQty: bigint } {
    const account = order.account;
    const w = this.wallet(account);
    const c = this.contract(order.symbol);
    const p = this.position(account, order.symbol);
    // the order's hold shrinks with what is left of it
    const left = (order.quantity ?? 0n) - order.filledQty;
    const consume = left <= t.quantity ? order.locked : (order.locked * t.quantity) / left;
    order.locked -= consume;
    account.balance(this.settleAsset).locked -= consume;

    const price = priceToS(t.price, m.priceScale);
    const rate = role === 'maker' ? m.maker : m.taker;
    const fee = applyRate(notional(c.math, t.quantity, price), rate.num, rate.scale);
    const before = p.size;
    const out = applyTrade(c.math, p, order.side === 'buy' ? t.quantity : -t.quantity, price, this.effectiveLeverage(p));
    if (before === 0n) this.reopen(p, t.timestamp);
    p.size = out.size;
    p.entry = out.entry;
    p.margin = out.margin;
    p.realised.pnl += out.pnl;
    p.realised.fee -= fee;
    w.total += out.pnl - fee;
    w.history.pnl += out.pnl;
    w.history.fee -= fee;
    if (out.size === 0n) this.closed(p);
    else if (before !== 0n && sign(out.size) !== sign(before)) this.flipped(p, t.timestamp);
    this.touch(p, t.timestamp);
    this.sync(w);
    if (out.closed > 0n) this.emit({ type: 'wallet', wallet: w, kind: 'pnl', change: out.pnl, symbol: p.symbol, ref: order.id, timestamp: t.timestamp });
    if (fee !== 0n) this.emit({ type: 'wallet', wallet: w, kind: 'fee', change: -fee, symbol: p.symbol, ref: order.id, timestamp: t.timestamp });
    this.emit({ type: 'position', position: p, cause: 'fill', timestamp: t.timestamp });
    return { fee, closedQty: out.closed };
  }

  release(order: ClientOrder, _cause: BalanceCause, _now: number): void {
    if (order.locked === 0n) return;
    order.account.balance(this.settleAsset).locked -= order.locked;
    order.locked = 0n;
    this.sync(this.wallet(order.account));
  }

  /* Venue operations */

  /**
   * Sets a position's margin mode and leverage: `leverage` 0 = cross with `crossLimit`. An open
   * position's margin becomes its initial margin at the new leverage, which the available balance
   * must cover.
   */
  setLeverage(account: Account, symbol: string, leverage: number, crossLimit: number | undefined, now: number): LeverageOutcome {
    const w = this.wallet(account);
    const p = this.position(account, symbol);
    const nextCross = crossLimit ?? p.crossLimit;
    const effective = leverage === 0 ? nextCross : leverage;
    const margin = p.size === 0n ? 0n : initialMargin(this.contract(symbol).math, p, effective);
    const available = this.available(account);
    if (margin - p.margin > available) return { ok: false, error: 'insufficient_available', needed: margin - p.margin, available };
    p.leverage = leverage;
    p.crossLimit = nextCross;
    p.margin = margin;
    this.touch(p, now);
    this.sync(w);
    this.emit({ type: 'position', position: p, cause: 'leverage', timestamp: now });
    return { ok: true, position: p };
  }

  /** Adds (change > 0) or removes isolated margin; what stays must cover the initial margin. */
  changeMargin(account: Account, symbol: string, change: bigint, now: number): MarginOutcome {
    const w = this.wallet(account);
    const p = this.position(account, symbol);
    if (p.size === 0n) return { ok: false, error: 'empty' };
    if (p.leverage === 0) return { ok: false, error: 'cross_margin' };
    if (change > this.available(account)) return { ok: false, error: 'insufficient_available' };
    if (p.margin + change < initialMargin(this.contract(symbol).math, p, p.leverage)) return { ok: false, error: 'remove_too_much' };
    p.margin += change;
    this.touch(p, now);
    this.sync(w);
    this.emit({ type: 'position', position: p, cause: 'margin', timestamp: now });
    return { ok: true, position: p };
  }

  /**
   * Funding at `mark` (scale BALANCE_SCALE) and `rate` (rateNum / 10^rateScale): every open
   * position pays size x multiplier x mark x rate (longs pay when the rate is positive).
   */
  applyFunding(symbol: string, mark: bigint, rateNum: bigint, rateScale: number, now: number): PerpPosition[] {
    const c = this.contract(symbol);
    const paid: PerpPosition[] = [];
    for (const p of this.openPositions(symbol)) {
      const w = this.wallet(p.account);
      const payment = -applyRate(notional(c.math, p.size, mark), rateNum, rateScale);
      p.realised.fund += payment;
      w.total += payment;
      w.history.fund += payment;
      this.touch(p, now);
      this.sync(w);
      this.emit({ type: 'wallet', wallet: w, kind: 'fund', change: payment, symbol, timestamp: now });
      this.emit({ type: 'position', position: p, cause: 'funding', timestamp: now });
      paid.push(p);
    }
    return paid;
  }

  /**
   * The venue takes a position over (liquidation): the position's whole margin is lost, the
   * position is flat afterwards. Cancel the account's orders on the contract first.
   */
  takeOver(p: PerpPosition, now: number, ref?: string): TakeOver {
    const w = this.wallet(p.account);
    const before: TakeOver = { position: p, size: p.size, entry: p.entry, leverage: p.leverage, margin: p.margin };
    const loss = -p.margin;
    p.realised.pnl += loss;
    w.total += loss;
    w.history.pnl += loss;
    p.size = 0n;
    p.entry = 0n;
    p.margin = 0n;
    this.closed(p);
    this.touch(p, now);
    this.sync(w);
    this.emit({ type: 'wallet', wallet: w, kind: 'pnl', change: loss, symbol: p.symbol, ref, timestamp: now });
    this.emit({ type: 'position', position: p, cause: 'liquidation', timestamp: now });
    return before;
  }

  private reopen(p: PerpPosition, now: number): void {
    p.realised = { pnl: 0n, fee: 0n, fund: 0n };
    p.openTime = now;
  }

  /** A position went flat: its realised PnL joins the history. */
  private closed(p: PerpPosition): void {
    const total = p.realised.pnl + p.realised.fee + p.realised.fund;
    p.historyPnl += total;
    p.lastClosePnl = total;
  }

  /** A position flipped side: the old one closed, a new one opened. */
  private flipped(p: PerpPosition, now: number): void {
    this.closed(p);
    p.realised = { pnl: 0n, fee: 0n, fund: 0n };
    p.openTime = now;
  }

  private touch(p: PerpPosition, now: number): void {
    p.updateId += 1;
    p.updateTime = now;
  }

  /** The settle asset's balance mirrors the wallet: free = total - position margin - order margin. */
  private sync(w: PerpWallet): void {
    const b = w.account.balance(this.settleAsset);
    b.free = w.total - this.positionMargin(w) - b.locked;
    b.version += 1;
  }

  private contract(symbol: string): Contract {
    const c = this.contracts.get(symbol);
    if (!c) throw new Error(`unknown contract ${symbol}`);
    return c;
  }

  private emit(e: PerpEvent): void {
    for (const l of [...this.listeners]) l(e);
  }
}
