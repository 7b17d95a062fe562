import type { BookEvent, MatchingEngine, Trade } from '../engine/index.js';

const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;

interface MinuteBucket {
  minute: number;
  open: bigint;
  high: bigint;
  low: bigint;
  baseVolume: bigint;
  quoteVolume: bigint;
}

export interface DayStats {
  last: bigint;
  open: bigint;
  high: bigint;
  low: bigint;
  /** Scaled at qtyScale. */
  baseVolume: bigint;
  /** Scaled at priceScale + qtyScale. */
  quoteVolume: bigint;
}

/** Recent trades and rolling 24h statistics of one symbol, fed by engine events. */
class SymbolMarket {
  readonly trades: Trade[] = [];
  private readonly buckets: MinuteBucket[] = [];
  last: bigint;

  constructor(
    readonly symbol: string,
    private readonly initialPrice: bigint,
    private readonly maxTrades: number,
  ) {
    this.last = initialPrice;
  }

  record(trade: Trade): void {
    this.trades.push(trade);
    if (this.trades.length > this.maxTrades * 1.25) this.trades.splice(0, this.trades.length - this.maxTrades);
    this.last = trade.price;
    const minute = Math.floor(trade.timestamp / MINUTE);
    let bucket = this.buckets[this.buckets.length - 1];
    if (!bucket || bucket.minute !== minute) {
      bucket = { minute, open: trade.price, high: trade.price, low: trade.price, baseVolume: 0n, quoteVolume: 0n };
      this.buckets.push(bucket);
      while (this.buckets.length > DAY_MINUTES + 1) this.buckets.shift();
    }
    if (trade.price > bucket.high) bucket.high = trade.price;
    if (trade.price < bucket.low) bucket.low = trade.price;
    bucket.baseVolume += trade.quantity;
    bucket.quoteVolume += trade.quantity * trade.price;
  }

  stats(now: number): DayStats {
    const from = Math.floor(now / MINUTE) - DAY_MINUTES;
    let open: bigint | undefined;
    let high = this.last;
    let low = this.last;
    let baseVolume = 0n;
    let quoteVolume = 0n;
    for (const b of this.buckets) {
      if (b.minute <= from) continue;
      if (open === undefined) open = b.open;
      if (b.high > high) high = b.high;
      if (b.low < low) low = b.low;
      baseVolume += b.baseVolume;
      quoteVolume += b.quoteVolume;
    }
    return { last: this.last, open: open ?? this.initialPrice, high, low, baseVolume, quoteVolume };
  }
}

/** Per-symbol trade history and rolling 24h stats, fed by engine events; shared by every venue. */
export class MarketState {
  private readonly markets = new Map<string, SymbolMarket>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly engine: MatchingEngine,
    initialPrices: Map<string, bigint>,
    maxTradesPerSymbol = 20_000,
  ) {
    for (const [symbol, price] of initialPrices) this.markets.set(symbol, new SymbolMarket(symbol, price, maxTradesPerSymbol));
    this.unsubscribe = engine.onBookEvent((e: BookEvent) => {
      const m = this.markets.get(e.symbol);
      if (m) for (const t of e.trades) m.record(t);
    });
  }

  close(): void {
    this.unsubscribe();
  }

  /** Trades in ascending id order (oldest first). */
  trades(symbol: string): readonly Trade[] {
    return this.market(symbol).trades;
  }

  stats(symbol: string): DayStats {
    return this.market(symbol).stats(this.engine.now());
  }

  private market(symbol: string): SymbolMarket {
    const m = this.markets.get(symbol);
    if (!m) throw new Error(`unknown symbol ${symbol}`);
    return m;
  }
}
