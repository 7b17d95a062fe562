import type { Trade } from '../../engine/index.js';
import { DepthFeed } from '../common/depth-feed.js';
import { StreamFeed, TradeFeed, type FeedFactory } from '../common/stream-hub.js';
import type { BinanceSpotSymbolSpec } from './catalogue.js';
import type { BinanceSpotContext } from './context.js';
import * as fmt from './format.js';

/** Stream names the spot venue serves (web-socket-streams.md), symbols in lower case. */
const STREAM = /^([a-z0-9]+)@(depth|depth@100ms|trade|aggTrade|bookTicker|ticker|miniTicker)$/;
const TICKER_CADENCE_MS = 1000;

/** `<symbol>@trade` (one event per trade) or `@aggTrade` (one per trade here: the engine fills one maker per trade event). */
class SpotTradeFeed extends TradeFeed {
  constructor(
    name: string,
    private readonly spec: BinanceSpotSymbolSpec,
    private readonly aggregate: boolean,
    private readonly now: () => number,
  ) {
    super(name, spec.symbol);
  }

  protected event(t: Trade): unknown {
    const common = { E: this.now(), s: this.spec.symbol };
    const body = { p: fmt.price(this.spec, t.price), q: fmt.qty(this.spec, t.quantity), T: t.timestamp, m: t.takerSide === 'sell', M: true };
    return this.aggregate ? { e: 'aggTrade', ...common, a: t.id, ...body, f: t.id, l: t.id } : { e: 'trade', ...common, t: t.id, ...body };
  }
}

/** `<symbol>@bookTicker`: the best bid and ask whenever either moved, with the book's update id. */
class BookTickerFeed extends StreamFeed {
  private last = '';

  constructor(
    name: string,
    private readonly spec: BinanceSpotSymbolSpec,
    private readonly ctx: BinanceSpotContext,
  ) {
    super(name, spec.symbol, 0);
  }

  tick(): void {
    const t = fmt.bookTicker(this.spec, this.ctx.engine.book(this.spec.symbol));
    const key = `${t.bidPrice}|${t.bidQty}|${t.askPrice}|${t.askQty}`;
    if (key === this.last) return;
    this.last = key;
    this.broadcast({ u: this.ctx.engine.updateId(this.spec.symbol), s: t.symbol, b: t.bidPrice, B: t.bidQty, a: t.askPrice, A: t.askQty });
  }
}

/** `<symbol>@ticker` (or `@miniTicker`, the statistics without best prices): the rolling 24 h statistics every second. */
class TickerFeed extends StreamFeed {
  constructor(
    name: string,
    private readonly spec: BinanceSpotSymbolSpec,
    private readonly ctx: BinanceSpotContext,
    private readonly mini: boolean,
  ) {
    super(name, spec.symbol, TICKER_CADENCE_MS);
  }

  tick(): void {
    const now = this.ctx.now();
    const r = fmt.ticker24hr(this.spec, this.ctx.market.stats(this.spec.symbol), this.ctx.engine.book(this.spec.symbol), this.ctx.market.trades(this.spec.symbol), now);
    if (this.mini) {
      this.broadcast({ e: '24hrMiniTicker', E: now, s: r.symbol, c: r.lastPrice, o: r.openPrice, h: r.highPrice, l: r.lowPrice, v: r.volume, q: r.quoteVolume });
      return;
    }
    this.broadcast({
      e: '24hrTicker',
      E: now,
      s: r.symbol,
      p: r.priceChange,
      P: r.priceChangePercent,
      w: r.weightedAvgPrice,
      x: r.prevClosePrice,
      c: r.lastPrice,
      Q: r.lastQty,
      b: r.bidPrice,
      B: r.bidQty,
      a: r.askPrice,
      A: r.askQty,
      o: r.openPrice,
      h: r.highPrice,
      l: r.lowPrice,
      v: r.volume,
      q: r.quoteVolume,
      O: r.openTime,
      C: r.closeTime,
      F: r.firstId,
      L: r.lastId,
      n: r.count,
    });
  }
}

/**
 * The spot streams: depth diffs (U/u are the engine's per-symbol versions, the ids of REST depth's
 * lastUpdateId) every 1000 ms or 100 ms, trades, book tickers and 24 h tickers.
 * `pushIntervalMs` 0 pushes depth on every book change (tests, benchmarks).
 */
export function spotFeedFactory(ctx: BinanceSpotContext, pushIntervalMs: number | undefined): FeedFactory {
  return (name) => {
    const m = STREAM.exec(name);
    const spec = m ? ctx.symbols.get(m[1]!.toUpperCase()) : undefined;
    if (!m || !spec) return undefined;
    const kind = m[2]!;
    switch (kind) {
      case 'depth':
      case 'depth@100ms': {
        const cadence = pushIntervalMs ?? (kind === 'depth' ? 1000 : 100);
        return new DepthFeed(
          name,
          spec.symbol,
          cadence,
          () => ctx.engine.updateId(spec.symbol),
          (first, last, _previous, bids, asks) => ({
            e: 'depthUpdate',
            E: ctx.now(),
            s: spec.symbol,
            U: first,
            u: last,
            b: fmt.levels(spec, bids),
            a: fmt.levels(spec, asks),
          }),
          (last) => ctx.onDepthPush?.(spec.symbol, last),
        );
      }
      case 'trade':
      case 'aggTrade':
        return new SpotTradeFeed(name, spec, kind === 'aggTrade', ctx.now);
      case 'bookTicker':
        return new BookTickerFeed(name, spec, ctx);
      default:
        return new TickerFeed(name, spec, ctx, kind === 'miniTicker');
    }
  };
}
