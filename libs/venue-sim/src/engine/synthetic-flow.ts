import type { MatchingEngine } from './matching-engine.js';
import { Prng } from './prng.js';
import type { BookSide, Side } from './types.js';

/** How the synthetic market of one instrument behaves. Prices/quantities are scaled integers. */
export interface FlowProfile {
  /** Starting fair price (scaled). */
  midPrice: bigint;
  /** Smallest and largest order quantity (scaled, multiples of the lot size). */
  minQuantity: bigint;
  maxQuantity: bigint;
  /** Book depth the flow steers toward, per side. */
  minLevels?: number;
  maxLevels?: number;
  targetLevels?: number;
  /** Mean gap between adjacent price levels, in ticks. */
  levelGapTicks?: number;
  /** Half of the usual spread, in ticks. */
  halfSpreadTicks?: number;
  /** Typical fair-price move per step, in ticks. */
  volatilityTicks?: number;
}

export type FlowAction = 'add' | 'cancel' | 'take' | 'deepen' | 'trim';

/**
 * Deterministic synthetic order flow for one instrument: passive limit adds, cancels and
 * marketable orders around a drifting fair price, steering each side toward 30–80 levels.
 * Every step performs exactly one engine operation that changes the book.
 */
export class SyntheticFlow {
  private readonly minLevels: number;
  private readonly maxLevels: number;
  private readonly targetLevels: number;
  private readonly gap: number;
  private readonly halfSpread: number;
  private readonly volatility: number;
  private readonly tick: bigint;
  private readonly lot: bigint;
  private readonly minLots: number;
  private readonly maxLots: number;
  private readonly live: number[] = [];
  /** Fair price in ticks. */
  private fair: number;
  private readonly anchor: number;
  steps = 0;

  constructor(
    private readonly engine: MatchingEngine,
    readonly symbol: string,
    private readonly prng: Prng,
    profile: FlowProfile,
  ) {
    const instrument = engine.instrument(symbol);
    this.tick = instrument.tickSize;
    this.lot = instrument.lotSize;
    this.minLevels = profile.minLevels ?? 30;
    this.maxLevels = profile.maxLevels ?? 80;
    this.targetLevels = profile.targetLevels ?? 55;
    this.gap = profile.levelGapTicks ?? 2;
    this.halfSpread = profile.halfSpreadTicks ?? 1;
    this.volatility = profile.volatilityTicks ?? 1;
    this.fair = Number(profile.midPrice / this.tick);
    this.anchor = this.fair;
    this.minLots = Math.max(1, Number(profile.minQuantity / this.lot));
    this.maxLots = Math.max(this.minLots, Number(profile.maxQuantity / this.lot));
  }

  /** Builds the initial book: `targetLevels` levels per side around the fair price. */
  seed(): void {
    for (const side of ['bid', 'ask'] as const) {
      let offset = this.halfSpread;
      for (let i = 0; i < this.targetLevels; i++) {
        const ticks = side === 'bid' ? this.fair - offset : this.fair + offset;
        if (ticks <= 0) break;
        const orders = this.prng.int(1, 3);
        for (let k = 0; k < orders; k++) this.place(side === 'bid' ? 'buy' : 'sell', ticks, 'gtc');
        offset += this.prng.int(1, this.gap * 2 - 1);
      }
    }
  }

  /** One flow step; returns what it did. */
  step(): FlowAction {
    this.steps += 1;
    this.drift();
    const book = this.engine.book(this.symbol);
    const bids = book.levelCount('bid');
    const asks = book.levelCount('ask');
    if (bids < this.minLevels && bids <= asks) return this.deepen('bid');
    if (asks < this.minLevels) return this.deepen('ask');
    if (bids < this.minLevels) return this.deepen('bid');
    if (bids > this.maxLevels && bids >= asks) return this.trim('bid');
    if (asks > this.maxLevels) return this.trim('ask');
    if (bids > this.maxLevels) return this.trim('bid');

    const r = this.prng.next();
    if (r < 0.44) return this.addPassive(bids, asks);
    if (r < 0.8) return this.cancelRandom(bids, asks);
    return this.take();
  }

  private drift(): void {
    const mid = this.midTicks();
    // random walk with a weak pull toward the book mid and a very weak one toward the start
    const step = this.prng.next() < 0.5 ? -1 : 1;
    if (this.prng.next() < 0.3) this.fair += step * this.prng.int(0, this.volatility);
    if (mid !== undefined) this.fair += Math.round((mid - this.fair) / 40);
    this.fair += Math.round((this.anchor - this.fair) / 5000);
    if (this.fair < this.halfSpread + 2) this.fair = this.halfSpread + 2;
  }

  private midTicks(): number | undefined {
    const book = this.engine.book(this.symbol);
    const bid = book.bestPrice('bid');
    const ask = book.bestPrice('ask');
    if (bid === undefined || ask === undefined) return undefined;
    return Number((bid + ask) / 2n / this.tick);
  }

  private addPassive(bids: number, asks: number): FlowAction {
    const book = this.engine.book(this.symbol);
    // thinner side gets more adds
    const pBid = bids + asks === 0 ? 0.5 : Math.min(0.8, Math.max(0.2, asks / (bids + asks)));
    const side: Side = this.prng.next() < pBid ? 'buy' : 'sell';
    const offset = this.halfSpread + this.prng.skewedInt(this.gap * 4);
    let ticks = side === 'buy' ? this.fair - offset : this.fair + offset;
    const bestAsk = book.bestPrice('ask');
    const bestBid = book.bestPrice('bid');
    if (side === 'buy' && bestAsk !== undefined && BigInt(ticks) * this.tick >= bestAsk) ticks = Number(bestAsk / this.tick) - 1;
    if (side === 'sell' && bestBid !== undefined && BigInt(ticks) * this.tick <= bestBid) ticks = Number(bestBid / this.tick) + 1;
    if (ticks <= 0) ticks = 1;
    this.place(side, ticks, 'gtc');
    return 'add';
  }

  private cancelRandom(bids: number, asks: number): FlowAction {
    const book = this.engine.book(this.symbol);
    while (this.live.length > 0) {
      const index = this.prng.int(0, this.live.length - 1);
      const id = this.live[index] as number;
      const order = book.get(id);
      this.live[index] = this.live[this.live.length - 1] as number;
      this.live.pop();
      if (!order) continue; // filled meanwhile
      // never empty a side completely by cancelling
      const side: BookSide = order.side === 'buy' ? 'bid' : 'ask';
      if (book.levelCount(side) <= 1 && book.levelQuantity(side, order.price) === order.remaining) {
        this.live.push(id);
        break;
      }
      this.engine.cancel(this.symbol, id);
      return 'cancel';
    }
    return this.addPassive(bids, asks);
  }

  private take(): FlowAction {
    const book = this.engine.book(this.symbol);
    const mid = this.midTicks() ?? this.fair;
    const lean = Math.max(-0.35, Math.min(0.35, (this.fair - mid) / (10 * this.gap)));
    const side: Side = this.prng.next() < 0.5 + lean ? 'buy' : 'sell';
    const makerSide: BookSide = side === 'buy' ? 'ask' : 'bid';
    const levels = this.prng.chance(0.25) ? 2 : 1;
    const depth = book.depth(makerSide, levels);
    if (depth.length === 0) return this.addPassive(book.levelCount('bid'), book.levelCount('ask'));
    let available = 0n;
    for (const [, q] of depth) available += q;
    const fraction = 0.2 + this.prng.next() * 0.9;
    let lots = Math.max(this.minLots, Math.floor(Number(available / this.lot) * fraction));
    lots = Math.min(lots, this.maxLots * 4);
    const limitPrice = (depth[depth.length - 1] as readonly [bigint, bigint])[0];
    const tif = this.prng.chance(0.3) ? 'gtc' : 'ioc';
    const result = this.engine.submit(this.symbol, { side, type: 'limit', price: limitPrice, quantity: BigInt(lots) * this.lot, timeInForce: tif });
    if (result.status === 'partially_filled_resting' || result.status === 'resting') this.live.push(result.orderId);
    return 'take';
  }

  private deepen(side: BookSide): FlowAction {
    const book = this.engine.book(this.symbol);
    const worst = book.worstPrice(side);
    let ticks: number;
    if (worst === undefined) {
      const other = book.bestPrice(side === 'bid' ? 'ask' : 'bid');
      const ref = other !== undefined ? Number(other / this.tick) : this.fair;
      ticks = side === 'bid' ? ref - this.halfSpread : ref + this.halfSpread;
    } else {
      const step = this.prng.int(1, this.gap * 2);
      ticks = Number(worst / this.tick) + (side === 'bid' ? -step : step);
    }
    if (ticks <= 0) return this.trim(side === 'bid' ? 'ask' : 'bid');
    this.place(side === 'bid' ? 'buy' : 'sell', ticks, 'gtc');
    return 'deepen';
  }

  /** Cancels the flow's own order deepest in the book; orders with an owner (accounts) are never touched. */
  private trim(side: BookSide): FlowAction {
    const book = this.engine.book(this.symbol);
    for (let i = book.levelCount(side) - 1; i >= 0; i--) {
      const price = book.priceAt(side, i) as bigint;
      const order = book.ordersAt(side, price).find((o) => o.owner === undefined);
      if (order) {
        this.engine.cancel(this.symbol, order.id);
        return 'trim';
      }
    }
    return this.deepen(side);
  }

  private place(side: Side, ticks: number, timeInForce: 'gtc' | 'ioc'): void {
    const lots = this.randomLots();
    const result = this.engine.submit(this.symbol, {
      side,
      type: 'limit',
      price: BigInt(ticks) * this.tick,
      quantity: BigInt(lots) * this.lot,
      timeInForce,
    });
    if (result.status === 'resting' || result.status === 'partially_filled_resting') this.live.push(result.orderId);
  }

  /** Log-uniform quantity in lots. */
  private randomLots(): number {
    const lo = Math.log(this.minLots);
    const hi = Math.log(this.maxLots);
    const lots = Math.round(Math.exp(lo + this.prng.next() * (hi - lo)));
    return Math.max(this.minLots, Math.min(this.maxLots, lots));
  }
}
