import type { BookEvent } from '../../engine/index.js';
import type { GateFuturesContext } from './context.js';
import * as fmt from './format.js';
import type { PublicLiquidation } from '../../common/public-liquidations.js';
import { openInterest } from './rest-routes.js';
import type { GateFuturesWsConnection } from './ws-connection.js';
import { update } from '../common/ws-protocol.js';

export type ContractChannel = 'futures.trades' | 'futures.tickers' | 'futures.book_ticker' | 'futures.public_liquidates';
export const CONTRACT_CHANNELS: readonly ContractChannel[] = ['futures.trades', 'futures.tickers', 'futures.book_ticker', 'futures.public_liquidates'];
/** Subscription key for payload ["!all"] (public_liquidates). */
const ALL = '!all';

/**
 * Per-contract channels: futures.trades (realtime, one frame per book event carrying its trades),
 * futures.book_ticker (every change of best bid/ask), futures.tickers (on a timer; pushed when the
 * rendered ticker changed: mark, index and funding move on their own) and futures.public_liquidates.
 */
export class MarketChannels {
  private readonly subs = new Map<ContractChannel, Map<string, Set<GateFuturesWsConnection>>>();
  private readonly lastBbo = new Map<string, string>();
  private readonly lastTicker = new Map<string, string>();
  private readonly timer: NodeJS.Timeout;
  private readonly detach: () => void;
  private readonly detachLiq: () => void;

  constructor(
    private readonly ctx: GateFuturesContext,
    tickerIntervalMs: number,
  ) {
    for (const c of CONTRACT_CHANNELS) this.subs.set(c, new Map());
    this.detach = ctx.engine.onBookEvent((e) => this.onBookEvent(e));
    this.detachLiq = ctx.liquidations.onLiquidation((l) => this.onLiquidation(l));
    this.timer = setInterval(() => this.pushTickers(), tickerIntervalMs);
    this.timer.unref?.();
  }

  subscribe(channel: ContractChannel, conn: GateFuturesWsConnection, contracts: readonly string[]): void {
    const by = this.subs.get(channel)!;
    for (const c of contracts) {
      let set = by.get(c);
      if (!set) by.set(c, (set = new Set()));
      set.add(conn);
      if (channel === 'futures.tickers') this.lastTicker.delete(c);
    }
  }

  unsubscribe(channel: ContractChannel, conn: GateFuturesWsConnection, contracts: readonly string[]): void {
    const by = this.subs.get(channel)!;
    for (const c of contracts) by.get(c)?.delete(conn);
  }

  removeConnection(conn: GateFuturesWsConnection): void {
    for (const by of this.subs.values()) for (const set of by.values()) set.delete(conn);
  }

  close(): void {
    clearInterval(this.timer);
    this.detach();
    this.detachLiq();
  }

  private subscribers(channel: ContractChannel, contract: string): Set<GateFuturesWsConnection> | undefined {
    const set = this.subs.get(channel)?.get(contract);
    return set && set.size > 0 ? set : undefined;
  }

  /** Sends `render(decimal)` to each subscriber, rendering each size flavour once. */
  private fanOut(set: Iterable<GateFuturesWsConnection>, render: (decimal: boolean) => string): void {
    const frames = new Map<boolean, string>();
    for (const c of set) {
      let f = frames.get(c.decimalSizes);
      if (f === undefined) frames.set(c.decimalSizes, (f = render(c.decimalSizes)));
      c.send(f);
    }
  }

  private onBookEvent(e: BookEvent): void {
    const spec = this.ctx.contracts.get(e.symbol);
    if (!spec) return;
    const tradeSubs = this.subscribers('futures.trades', e.symbol);
    if (tradeSubs && e.trades.length > 0) {
      const now = this.ctx.now();
      this.fanOut(tradeSubs, (d) =>
        update(
          now,
          'futures.trades',
          e.trades.map((t) => fmt.wsTrade(spec, t, d)),
        ),
      );
    }
    const bboSubs = this.subscribers('futures.book_ticker', e.symbol);
    if (bboSubs) {
      const book = this.ctx.engine.book(e.symbol);
      const bid = book.bestPrice('bid');
      const ask = book.bestPrice('ask');
      const B = bid === undefined ? 0n : book.levelQuantity('bid', bid);
      const A = ask === undefined ? 0n : book.levelQuantity('ask', ask);
      const b = bid === undefined ? '' : fmt.price(spec, bid);
      const a = ask === undefined ? '' : fmt.price(spec, ask);
      const key = `${b}|${B}|${a}|${A}`;
      if (this.lastBbo.get(e.symbol) !== key) {
        this.lastBbo.set(e.symbol, key);
        const now = this.ctx.now();
        this.fanOut(bboSubs, (d) => update(now, 'futures.book_ticker', { t: e.timestamp, u: e.updateId, s: spec.name, b, B: fmt.size(B, d), a, A: fmt.size(A, d) }));
      }
    }
  }

  private onLiquidation(l: PublicLiquidation): void {
    const by = this.subs.get('futures.public_liquidates')!;
    const targets = new Set<GateFuturesWsConnection>([...(by.get(l.contract) ?? []), ...(by.get(ALL) ?? [])]);
    if (targets.size === 0) return;
    const now = this.ctx.now();
    this.fanOut(targets, (d) => update(now, 'futures.public_liquidates', [{ price: Number(l.price), size: fmt.size(BigInt(l.size), d), time_ms: l.timeMs, contract: l.contract }]));
  }

  private pushTickers(): void {
    const by = this.subs.get('futures.tickers')!;
    for (const [name, set] of by) {
      if (set.size === 0) continue;
      const spec = this.ctx.contracts.get(name);
      if (!spec) continue;
      const now = this.ctx.now();
      const item = fmt.wsTicker(spec, this.ctx.market.stats(name), this.ctx.funding.snapshot(name), openInterest(this.ctx, name));
      const { t: _t, ...content } = item;
      const key = JSON.stringify(content);
      if (this.lastTicker.get(name) === key) continue;
      this.lastTicker.set(name, key);
      const frame = update(now, 'futures.tickers', [item]);
      for (const c of set) c.send(frame);
    }
  }
}
