import { formatScaled, hashString, Prng } from '../engine/index.js';

/** One public liquidation order (what a venue prints on its public liquidation channel: Gate futures.public_liquidates, Binance forceOrder). */
export interface PublicLiquidation {
  contract: string;
  /** Price as a decimal string (the push prints it as a JSON number). */
  price: string;
  /** Signed contracts: the liquidation order's side (+ buy, - sell). */
  size: number;
  timeMs: number;
}

const MAX_KEPT = 1000;

/**
 * Public liquidations: injected through POST /__sim/liquidate, or synthetic ones every
 * `intervalMs` (0 = none) on a random listed contract near its mark price.
 */
export class LiquidationFeed {
  readonly recent: PublicLiquidation[] = [];
  private readonly listeners = new Set<(l: PublicLiquidation) => void>();
  private readonly timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly now: () => number,
    synthetic: { intervalMs: number; seed?: number; contracts: string[]; markOf: (contract: string) => { scale: number; raw: bigint } } | undefined,
  ) {
    if (synthetic && synthetic.intervalMs > 0 && synthetic.contracts.length > 0) {
      const prng = new Prng(((synthetic.seed ?? 1) ^ hashString('liquidations')) >>> 0);
      this.timer = setInterval(() => {
        const contract = prng.pick(synthetic.contracts);
        const m = synthetic.markOf(contract);
        const side = prng.chance(0.5) ? 1 : -1;
        // a liquidation order trades through the mark by up to 0.5%
        const offsetPpm = BigInt(prng.int(0, 5000) * side);
        const raw = m.raw + (m.raw * offsetPpm) / 1_000_000n;
        const price = formatScaled(raw, m.scale);
        this.emit({ contract, price, size: side * prng.int(1, 500), timeMs: this.now() });
      }, synthetic.intervalMs);
      this.timer.unref?.();
    }
  }

  onLiquidation(listener: (l: PublicLiquidation) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(l: PublicLiquidation): void {
    this.recent.push(l);
    if (this.recent.length > MAX_KEPT) this.recent.splice(0, this.recent.length - MAX_KEPT);
    for (const f of this.listeners) f(l);
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.listeners.clear();
  }
}
