import { divRound, formatScaled, hashString, parseScaled, pow10, Prng, rescale, type MatchingEngine } from '../engine/index.js';
import type { MarketState } from './market-state.js';

/**
 * What funding needs of a linear perpetual contract, whatever the venue calls it (Gate.io's
 * contract fields carry these names; Binance USDⓈ-M's specs are mapped onto them).
 */
export interface PerpFundingTerms {
  /** The contract (engine symbol). */
  name: string;
  /** Price tick, e.g. "0.1"; its decimals are the engine's price scale. */
  orderPriceRound: string;
  markPriceRound: string;
  fundingRateLimit: string;
  leverageMax: string;
  maintenanceRate: string;
  fundingCapRatio: string;
  /** Seconds between fundings. */
  fundingInterval: number;
  /** Rate of the seeded history and before the first computed one. */
  fundingRate: string;
}

function decimalsOf(text: string): number {
  const i = text.indexOf('.');
  return i < 0 ? 0 : text.length - i - 1;
}

/**
 * Mark price, index price and funding of the listed contracts (not venue-sourced formulas):
 * - mark = mid of best bid/ask, rounded to mark_price_round (last trade price when a side is empty),
 *   unless a test pinned it with setMark (POST /__sim/mark);
 * - index = mark x (1 - premium), the premium a seeded bounded random walk (|premium| <= 0.1%) stepped
 *   every indexTickMs, so the index drifts slowly around the mark;
 * - funding rate = (mark - index) / index, 6 decimals, clamped to
 *   min(funding_rate_limit, (1/leverage_max - maintenance_rate) x funding_cap_ratio);
 * - funding applies at multiples of the interval (option fundingIntervalMs, default the contract's
 *   funding_interval): the rate then current is recorded in the history (newest first).
 */

const RATE_SCALE = 6;
const PPM = 1_000_000n;
const MAX_PREMIUM_PPM = 1000;
const PREMIUM_STEP_PPM = 60;
const HISTORY_MAX = 1000;
const SEEDED_HISTORY = 5;

export interface FundingRecord {
  /** Unix seconds of the settlement. */
  t: number;
  /** Rate as the venue prints it. */
  r: string;
}

export interface MarkSnapshot {
  mark: string;
  index: string;
  fundingRate: string;
  /** Unix ms of the next funding. */
  nextApplyMs: number;
  intervalMs: number;
}

class ContractFunding {
  readonly priceScale: number;
  readonly markScale: number;
  private premiumPpm: number;
  readonly history: FundingRecord[] = [];
  readonly cap: bigint;
  nextApplyMs = 0;
  /** Pinned mark (markScale), set through POST /__sim/mark. */
  pinned: bigint | undefined;

  constructor(
    readonly spec: PerpFundingTerms,
    private readonly prng: Prng,
    readonly intervalMs: number,
    now: number,
  ) {
    this.priceScale = decimalsOf(spec.orderPriceRound);
    this.markScale = Math.max(decimalsOf(spec.markPriceRound), this.priceScale);
    this.premiumPpm = prng.int(-MAX_PREMIUM_PPM / 2, MAX_PREMIUM_PPM / 2);
    const limit = parseScaled(spec.fundingRateLimit, RATE_SCALE);
    // (1/leverage_max - maintenance_rate) x funding_cap_ratio, at RATE_SCALE
    const one = pow10(RATE_SCALE);
    const inv = divRound(one, BigInt(spec.leverageMax));
    const formula = divRound((inv - parseScaled(spec.maintenanceRate, RATE_SCALE)) * parseScaled(spec.fundingCapRatio, RATE_SCALE), one);
    this.cap = formula > 0n && formula < limit ? formula : limit;
    this.nextApplyMs = (Math.floor(now / intervalMs) + 1) * intervalMs;
    for (let i = 1; i <= SEEDED_HISTORY; i++) {
      this.history.push({ t: Math.floor((this.nextApplyMs - i * intervalMs) / 1000), r: spec.fundingRate });
    }
  }

  step(): void {
    const next = this.premiumPpm + this.prng.int(-PREMIUM_STEP_PPM, PREMIUM_STEP_PPM);
    this.premiumPpm = Math.max(-MAX_PREMIUM_PPM, Math.min(MAX_PREMIUM_PPM, next));
  }

  /** Mark at markScale. */
  mark(engine: MatchingEngine, market: MarketState): bigint {
    if (this.pinned !== undefined) return this.pinned;
    const book = engine.book(this.spec.name);
    const bid = book.bestPrice('bid');
    const ask = book.bestPrice('ask');
    let raw: bigint;
    if (bid !== undefined && ask !== undefined) raw = divRound(rescale(bid + ask, this.priceScale, this.markScale), 2n);
    else raw = rescale(market.stats(this.spec.name).last, this.priceScale, this.markScale);
    const step = parseScaled(this.spec.markPriceRound, this.markScale);
    return step > 1n ? divRound(raw, step) * step : raw;
  }

  index(mark: bigint): bigint {
    return divRound(mark * (PPM - BigInt(this.premiumPpm)), PPM);
  }

  rate(mark: bigint, index: bigint): bigint {
    if (index === 0n) return 0n;
    const r = divRound((mark - index) * pow10(RATE_SCALE), index);
    return r > this.cap ? this.cap : r < -this.cap ? -this.cap : r;
  }
}

export class FundingBoard {
  private readonly contracts = new Map<string, ContractFunding>();
  private readonly indexTimer: NodeJS.Timeout | undefined;
  private applyTimer: NodeJS.Timeout | undefined;
  private closed = false;
  /** Called after each funding settlement with the contract and its record. */
  onApply?: (contract: string, record: FundingRecord) => void;

  constructor(
    private readonly engine: MatchingEngine,
    private readonly market: MarketState,
    specs: Iterable<PerpFundingTerms>,
    private readonly now: () => number,
    options: { seed?: number; fundingIntervalMs?: number; indexTickMs?: number },
  ) {
    const t = now();
    for (const spec of specs) {
      const prng = new Prng(((options.seed ?? 1) ^ hashString(`funding:${spec.name}`)) >>> 0);
      const intervalMs = options.fundingIntervalMs ?? spec.fundingInterval * 1000;
      this.contracts.set(spec.name, new ContractFunding(spec, prng, intervalMs, t));
    }
    const tick = options.indexTickMs ?? 1000;
    if (tick > 0) {
      this.indexTimer = setInterval(() => this.stepIndex(), tick);
      this.indexTimer.unref?.();
    }
    this.scheduleApply();
  }

  /** Moves every index one random-walk step. */
  stepIndex(): void {
    for (const c of this.contracts.values()) c.step();
  }

  snapshot(contract: string): MarkSnapshot {
    const c = this.get(contract);
    const mark = c.mark(this.engine, this.market);
    const index = c.index(mark);
    return {
      mark: formatScaled(mark, c.markScale),
      index: formatScaled(index, c.markScale),
      fundingRate: formatScaled(c.rate(mark, index), RATE_SCALE),
      nextApplyMs: c.nextApplyMs,
      intervalMs: c.intervalMs,
    };
  }

  /** Mark price as a scaled integer at the contract's price scale (truncated). */
  markAtPriceScale(contract: string): bigint {
    const c = this.get(contract);
    return rescale(c.mark(this.engine, this.market), c.markScale, c.priceScale);
  }

  /** Mark price as a scaled integer at its own scale (max of mark_price_round's and the price's decimals). */
  markScaled(contract: string): { value: bigint; scale: number } {
    const c = this.get(contract);
    return { value: c.mark(this.engine, this.market), scale: c.markScale };
  }

  /** Decimals of a contract's mark price. */
  markScaleOf(contract: string): number {
    return this.get(contract).markScale;
  }

  /** Pins the mark price (at markScaleOf) until cleared with undefined; the index follows it. */
  setMark(contract: string, mark: bigint | undefined): void {
    this.get(contract).pinned = mark;
  }

  /** Funding history, newest first. */
  history(contract: string): readonly FundingRecord[] {
    return this.get(contract).history;
  }

  /** Settles every contract whose apply time has come (now >= next apply). Returns how many settled. */
  applyDue(force = false): number {
    const now = this.now();
    let n = 0;
    for (const [name, c] of this.contracts) {
      if (!force && now < c.nextApplyMs) continue;
      const applyMs = force ? now : c.nextApplyMs;
      const record = { t: Math.floor(applyMs / 1000), r: this.snapshot(name).fundingRate };
      c.history.unshift(record);
      if (c.history.length > HISTORY_MAX) c.history.length = HISTORY_MAX;
      c.nextApplyMs = (Math.floor(now / c.intervalMs) + 1) * c.intervalMs;
      this.onApply?.(name, record);
      n += 1;
    }
    return n;
  }

  close(): void {
    this.closed = true;
    if (this.indexTimer) clearInterval(this.indexTimer);
    if (this.applyTimer) clearTimeout(this.applyTimer);
  }

  private scheduleApply(): void {
    if (this.closed) return;
    let due = Infinity;
    for (const c of this.contracts.values()) due = Math.min(due, c.nextApplyMs);
    if (!Number.isFinite(due)) return;
    // long intervals are re-checked at most every minute (setTimeout's range, clock skew)
    const wait = Math.min(Math.max(0, due - this.now()), 60_000);
    this.applyTimer = setTimeout(() => {
      this.applyTimer = undefined;
      this.applyDue();
      this.scheduleApply();
    }, wait);
    this.applyTimer.unref?.();
  }

  private get(contract: string): ContractFunding {
    const c = this.contracts.get(contract);
    if (!c) throw new Error(`unknown contract ${contract}`);
    return c;
  }
}
