import type { BookEvent } from '../../engine/index.js';
import type { GateSpotContext } from './context.js';
import * as fmt from './format.js';
import type { GateWsConnection } from './ws-connection.js';
import { update } from '../common/ws-protocol.js';

export type PairChannel = 'spot.trades' | 'spot.tickers' | 'spot.book_ticker';
export const PAIR_CHANNELS: readonly PairChannel[] = ['spot.trades', 'spot.tickers', 'spot.book_ticker'];

/**
 * The per-pair channels: spot.trades (every trade, realtime), spot.book_ticker (every change of
 * best bid/ask, realtime) and spot.tickers (on a timer, 1000 ms at the venue).
 */
export class MarketChannels {
  private readonly subs = new Map<PairChannel, Map<string, Set<GateWsConnection>>>();
  private readonly lastBbo = new Map<string, string>();
  private readonly lastTickerU = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;
  private readonly detach: () => void;

  constructor(
    private readonly ctx: GateSpotContext,
    tickerIntervalMs: number,
  ) {
    for (const c of PAIR_CHANNELS) this.subs.set(c, new Map());
    this.detach = ctx.engine.onBookEvent((e) => this.onBookEvent(e));
    this.timer = setInterval(() => this.pushTickers(), tickerIntervalMs);
    this.timer.unref?.();
  }

  subscribe(channel: PairChannel, conn: GateWsConnection, pairs: readonly string[]): void {
    const bySymbol = this.subs.get(channel) as Map<string, Set<GateWsConnection>>;
    for (const p of pairs) {
      let set = bySymbol.get(p);
      if (!set) bySymbol.set(p, (set = new Set()));
      set.add(conn);
      if (channel === 'spot.tickers') this.lastTickerU.delete(p);
    }
  }

  unsubscribe(channel: PairChannel, conn: GateWsConnection, pairs: readonly string[]): void {
    const bySymbol = this.subs.get(channel) as Map<string, Set<GateWsConnection>>;
    for (const p of pairs) bySymbol.get(p)?.delete(conn);
  }

  removeConnection(conn: GateWsConnection): void {
    for (const bySymbol of this.subs.values()) for (const set of bySymbol.values()) set.delete(conn);
  }

  close(): void {
    clearInterval(this.timer);
    this.detach();
  }

  private subscribers(channel: PairChannel, symbol: string): Set<GateWsConnection> | undefined {
    const set = this.subs.get(channel)?.get(symbol);
    return set && set.size > 0 ? set : undefined;
  }

  private onBookEvent(e: BookEvent): void {
    const spec = this.ctx.pairs.get(e.symbol);
    if (!spec) return;
    const tradeSubs = this.subscribers('spot.trades', e.symbol);
    if (tradeSubs && e.trades.length > 0) {
      const now = this.ctx.now();
      for (const t of e.trades) {
        const frame = update(now, 'spot.trades', fmt.wsTrade(spec, t));
        for (const c of tradeSubs) c.send(frame);
      }
    }
    const bboSubs = this.subscribers('spot.book_ticker', e.symbol);
    if (bboSubs) {
      const book = this.ctx.engine.book(e.symbol);
      const bid = book.bestPrice('bid');
      const ask = book.bestPrice('ask');
      const result = {
        t: e.timestamp,
        u: e.updateId,
        s: spec.id,
        b: bid === undefined ? '' : fmt.price(spec, bid),
        B: bid === undefined ? '' : fmt.amount(spec, book.levelQuantity('bid', bid)),
        a: ask === undefined ? '' : fmt.price(spec, ask),
        A: ask === undefined ? '' : fmt.amount(spec, book.levelQuantity('ask', ask)),
      };
      const key = `${result.b}|${result.B}|${result.a}|${result.A}`;
      if (this.lastBbo.get(e.symbol) !== key) {
        this.lastBbo.set(e.symbol, key);
        const frame = update(this.ctx.now(), 'spot.book_ticker', result);
        for (const c of bboSubs) c.send(frame);
      }
    }
  }

  private pushTickers(): void {
    const bySymbol = this.subs.get('spot.tickers') as Map<string, Set<GateWsConnection>>;
    for (const [symbol, set] of bySymbol) {
      if (set.size === 0) continue;
      const u = this.ctx.engine.updateId(symbol);
      if (this.lastTickerU.get(symbol) === u) continue;
      this.lastTickerU.set(symbol, u);
      const spec = this.ctx.pairs.get(symbol);
      if (!spec) continue;
      const frame = update(this.ctx.now(), 'spot.tickers', fmt.wsTicker(spec, this.ctx.market.stats(symbol), this.ctx.engine.book(symbol)));
      for (const c of set) c.send(frame);
    }
  }
}
