import type { PublicLiquidation } from '../../common/public-liquidations.js';
import { parseScaled, type Trade } from '../../engine/index.js';
import { DepthFeed } from '../common/depth-feed.js';
import { StreamFeed, TradeFeed, type FeedFactory } from '../common/stream-hub.js';
import { qtyScaleOf, type BinanceUsdmContractSpec } from './catalogue.js';
import type { BinanceUsdmContext } from './context.js';
import * as fmt from './format.js';

/** Stream names the USDⓈ-M venue serves, symbols in lower case. */
const STREAM = /^([a-z0-9]+)@(depth|depth@100ms|depth@500ms|aggTrade|bookTicker|ticker|miniTicker|markPrice|markPrice@1s|forceOrder)$/;
const TICKER_CADENCE_MS = 1000;

/** `<symbol>@aggTrade`: one event per engine trade (each fills one maker order). */
class AggTradeFeed extends TradeFeed {
  constructor(
    name: string,
    private readonly spec: BinanceUsdmContractSpec,
    private readonly now: () => number,
  ) {
    super(name, spec.symbol);
  }

  protected event(t: Trade): unknown {
    const qty = fmt.qty(this.spec, t.quantity);
    return { e: 'aggTrade', E: this.now(), s: this.spec.symbol, a: t.id, p: fmt.price(this.spec, t.price), q: qty, nq: qty, f: t.id, l: t.id, T: t.timestamp, m: t.takerSide === 'sell' };
  }
}

/** `<symbol>@bookTicker`: the best bid and ask whenever either moved. */
class BookTickerFeed extends StreamFeed {
  private last = '';

  constructor(
    name: string,
    private readonly spec: BinanceUsdmContractSpec,
    private readonly ctx: BinanceUsdmContext,
  ) {
    super(name, spec.symbol, 0);
  }

  tick(): void {
    const now = this.ctx.now();
    const t = fmt.bookTicker(this.spec, this.ctx.engine.book(this.spec.symbol), now);
    const key = `${t.bidPrice}|${t.bidQty}|${t.askPrice}|${t.askQty}`;
    if (key === this.last) return;
    this.last = key;
    this.broadcast({ e: 'bookTicker', u: fmt.depthId(this.ctx.engine.updateId(this.spec.symbol)), E: now, T: now, s: t.symbol, b: t.bidPrice, B: t.bidQty, a: t.askPrice, A: t.askQty });
  }
}

/** `<symbol>@ticker` / `@miniTicker`: the rolling 24 h statistics every second. */
class TickerFeed extends StreamFeed {
  constructor(
    name: string,
    private readonly spec: BinanceUsdmContractSpec,
    private readonly ctx: BinanceUsdmContext,
    private readonly mini: boolean,
  ) {
    super(name, spec.symbol, TICKER_CADENCE_MS);
  }

  tick(): void {
    const now = this.ctx.now();
    const r = fmt.ticker24hr(this.spec, this.ctx.market.stats(this.spec.symbol), this.ctx.market.trades(this.spec.symbol), now);
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
      c: r.lastPrice,
      Q: r.lastQty,
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

/** `<symbol>@markPrice[@1s]`: mark, index, funding rate and next funding time every 3 s (or 1 s). */
class MarkPriceFeed extends StreamFeed {
  constructor(
    name: string,
    private readonly spec: BinanceUsdmContractSpec,
    private readonly ctx: BinanceUsdmContext,
    cadenceMs: number,
  ) {
    super(name, spec.symbol, cadenceMs);
  }

  tick(): void {
    const m = this.ctx.funding.snapshot(this.spec.symbol);
    this.broadcast({ e: 'markPriceUpdate', E: this.ctx.now(), s: this.spec.symbol, p: m.mark, i: m.index, P: m.index, r: m.fundingRate, T: m.nextApplyMs });
  }
}

/** `<symbol>@forceOrder`: the venue's liquidation orders on the contract, as they fill. */
class ForceOrderFeed extends StreamFeed {
  private readonly detach: () => void;

  constructor(
    name: string,
    private readonly spec: BinanceUsdmContractSpec,
    private readonly ctx: BinanceUsdmContext,
  ) {
    super(name, spec.symbol, 0);
    this.detach = ctx.liquidations.onLiquidation((l) => this.onLiquidation(l));
  }

  tick(): void {}

  override dispose(): void {
    this.detach();
  }

  private onLiquidation(l: PublicLiquidation): void {
    if (l.contract !== this.spec.symbol) return;
    // A public liquidation's size is in steps of the contract.
    const quantity = fmt.qty(this.spec, BigInt(Math.abs(l.size)) * parseScaled(this.spec.stepSize, qtyScaleOf(this.spec)));
    this.broadcast({
      e: 'forceOrder',
      E: this.ctx.now(),
      o: { s: this.spec.symbol, S: l.size > 0 ? 'BUY' : 'SELL', o: 'LIMIT', f: 'IOC', q: quantity, p: l.price, ap: l.price, X: 'FILLED', l: quantity, z: quantity, T: l.timeMs },
    });
  }
}

/**
 * The USDⓈ-M streams: depth diffs (`pu` = the previous event's `u`; ids are the engine's versions
 * times ten) every 250 ms (`@depth`), 500 ms or 100 ms, aggregate trades, book tickers, 24 h
 * tickers, mark prices and liquidation orders. `pushIntervalMs` 0 pushes depth on every change.
 */
export function usdmFeedFactory(ctx: BinanceUsdmContext, pushIntervalMs: number | undefined): FeedFactory {
  return (name) => {
    const m = STREAM.exec(name);
    const spec = m ? ctx.contracts.get(m[1]!.toUpperCase()) : undefined;
    if (!m || !spec) return undefined;
    const kind = m[2]!;
    switch (kind) {
      case 'depth':
      case 'depth@100ms':
      case 'depth@500ms': {
        const cadence = pushIntervalMs ?? (kind === 'depth' ? 250 : kind === 'depth@500ms' ? 500 : 100);
        return new DepthFeed(
          name,
          spec.symbol,
          cadence,
          () => ctx.engine.updateId(spec.symbol),
          (first, last, previous, bids, asks) => {
            const now = ctx.now();
            return {
              e: 'depthUpdate',
              E: now,
              T: ctx.engine.lastChangeTime(spec.symbol),
              s: spec.symbol,
              U: fmt.depthId(first),
              u: fmt.depthId(last),
              pu: fmt.depthId(previous),
              b: fmt.levels(spec, bids),
              a: fmt.levels(spec, asks),
            };
          },
          (last) => ctx.onDepthPush?.(spec.symbol, fmt.depthId(last)),
        );
      }
      case 'aggTrade':
        return new AggTradeFeed(name, spec, ctx.now);
      case 'bookTicker':
        return new BookTickerFeed(name, spec, ctx);
      case 'markPrice':
      case 'markPrice@1s':
        return new MarkPriceFeed(name, spec, ctx, kind === 'markPrice' ? 3000 : 1000);
      case 'forceOrder':
        return new ForceOrderFeed(name, spec, ctx);
      default:
        return new TickerFeed(name, spec, ctx, kind === 'miniTicker');
    }
  };
}
