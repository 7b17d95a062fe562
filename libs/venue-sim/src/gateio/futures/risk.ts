import { formatScaled, parseScaled, perpMath, rescale, type Account, type PerpPosition } from '../../engine/index.js';
import type { GateFuturesMarket } from './market-context.js';
import { priceScaleOf } from './format.js';
import { LIQUIDATION_TEXT } from './private-format.js';

/** A user's position the venue took over, as futures.liquidates reports it. */
export interface UserLiquidation {
  account: Account;
  contract: string;
  /** The position taken over (signed contracts). */
  size: bigint;
  /** Entry price and margin at BALANCE_SCALE. */
  entry: bigint;
  margin: bigint;
  leverage: number;
  /** Liquidation and mark price at markScale. */
  liqPrice: bigint;
  markPrice: bigint;
  markScale: number;
  /** The liquidation order's id. */
  orderId: string;
  timeMs: number;
}

/** Funding rates are printed with 6 decimals (funding.ts). */
const RATE_SCALE = 6;

/**
 * The venue's side of open positions:
 * - funding: at each FundingBoard settlement every open position pays (or gets) its value at mark
 *   x the rate (POST /__sim/funding/apply settles now);
 * - liquidation: when the mark reaches a position's liquidation price (checked after every book
 *   change of the contract, every fill and every POST /__sim/mark), the account's orders on the
 *   contract are cancelled (finish_as "liquidated"), the venue takes the position over at the
 *   liquidation price with a liquidation order (is_liq, text "liquidation"; the whole margin is
 *   lost), and the order is printed on futures.public_liquidates;
 * - reduce-only upkeep: after a position changes, resting reduce-only orders that could now only
 *   grow it are cancelled (finish_as "position_closed" when flat, "reduce_only" otherwise).
 * Checks triggered by engine events run in a microtask, after the operation that caused them.
 */
export class FuturesRisk {
  private readonly listeners = new Set<(l: UserLiquidation) => void>();
  private readonly dueChecks = new Set<string>();
  private readonly dueSweeps = new Map<Account, Set<string>>();
  private scheduled = false;
  private closed = false;
  private readonly detachBook: () => void;
  private readonly detachPerp: () => void;

  constructor(private readonly ctx: GateFuturesMarket) {
    ctx.funding.onApply = (contract, record) => this.fund(contract, record.r);
    this.detachBook = ctx.engine.onBookEvent((e) => {
      if (ctx.perp.openPositions(e.symbol).length > 0) this.schedule(e.symbol);
    });
    this.detachPerp = ctx.perp.onEvent((e) => {
      if (e.type !== 'position' || e.cause !== 'fill') return;
      this.schedule(e.position.symbol, e.position.account);
    });
  }

  onLiquidation(listener: (l: UserLiquidation) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.closed = true;
    this.detachBook();
    this.detachPerp();
    this.listeners.clear();
    this.ctx.funding.onApply = undefined;
  }

  /** Liquidation price of a position at its contract's mark scale (0 = none). */
  liquidationPrice(p: PerpPosition): bigint {
    const scale = this.ctx.funding.markScaleOf(p.symbol);
    return perpMath.roundTo(perpMath.liquidationPrice(this.ctx.perp.math(p.symbol), p), scale);
  }

  /** Liquidates every position of `contract` the current mark has reached; returns what was taken over. */
  check(contract: string): UserLiquidation[] {
    const mark = this.ctx.funding.markScaled(contract);
    const out: UserLiquidation[] = [];
    for (const p of this.ctx.perp.openPositions(contract)) {
      const liq = this.liquidationPrice(p);
      const liqAtMark = rescale(liq, this.ctx.funding.markScaleOf(contract), mark.scale);
      const reached = p.size > 0n ? mark.value <= liqAtMark : mark.value >= liqAtMark;
      if (reached) out.push(this.liquidate(p, liq, mark.value, mark.scale));
    }
    return out;
  }

  private liquidate(p: PerpPosition, liq: bigint, mark: bigint, markScale: number): UserLiquidation {
    const { accounts, perp } = this.ctx;
    const spec = this.ctx.contracts.get(p.symbol)!;
    for (const o of accounts.openOrders(p.account, p.symbol)) accounts.cancel(o, 'liquidated');
    const orderPrice = rescale(liq, markScale, priceScaleOf(spec));
    const order = accounts.recordVenueOrder(p.account, {
      symbol: p.symbol,
      side: p.size > 0n ? 'sell' : 'buy',
      quantity: perpMath.abs(p.size),
      price: orderPrice,
      clientOrderId: LIQUIDATION_TEXT,
    });
    const now = this.ctx.now();
    const before = perp.takeOver(p, now, order.id);
    const l: UserLiquidation = {
      account: p.account,
      contract: p.symbol,
      size: before.size,
      entry: before.entry,
      margin: before.margin,
      leverage: before.leverage,
      liqPrice: liq,
      markPrice: mark,
      markScale,
      orderId: order.id,
      timeMs: now,
    };
    this.ctx.liquidations.emit({ contract: p.symbol, price: formatScaled(liq, markScale), size: Number(-before.size), timeMs: now });
    for (const f of [...this.listeners]) f(l);
    return l;
  }

  private fund(contract: string, rate: string): void {
    const mark = this.ctx.funding.markScaled(contract);
    this.ctx.perp.applyFunding(contract, perpMath.priceToS(mark.value, mark.scale), parseScaled(rate, RATE_SCALE), RATE_SCALE, this.ctx.now());
  }

  /** Cancels the account's resting reduce-only orders on `contract` that could now only grow the position. */
  private sweep(account: Account, contract: string): void {
    const size = this.ctx.perp.position(account, contract).size;
    for (const o of this.ctx.accounts.openOrders(account, contract)) {
      if (!o.reduceOnly) continue;
      if (size === 0n) this.ctx.accounts.cancel(o, 'position_closed');
      else if ((o.side === 'buy') === size > 0n) this.ctx.accounts.cancel(o, 'reduce_only');
    }
  }

  private schedule(contract: string, account?: Account): void {
    this.dueChecks.add(contract);
    if (account) {
      let set = this.dueSweeps.get(account);
      if (!set) this.dueSweeps.set(account, (set = new Set()));
      set.add(contract);
    }
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    if (this.closed) return;
    const sweeps = [...this.dueSweeps];
    this.dueSweeps.clear();
    for (const [account, contracts] of sweeps) for (const c of contracts) this.sweep(account, c);
    const checks = [...this.dueChecks];
    this.dueChecks.clear();
    for (const c of checks) this.check(c);
  }
}
