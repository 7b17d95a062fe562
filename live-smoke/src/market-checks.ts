import { isFuturesPublicExchange, symbolKey, type PublicExchange, type Pair, type Ticker, type Trade, type Unsubscribe } from '@cexgw/adapters';
import { BookRecorder } from './book-check.js';
import type { VenueReport } from './report.js';
import { bookProblems, distinctProblems, futuresProblems, symbolProblems, tickerProblems, tradeProblems } from './sanity.js';

// The public part of one venue through the adapter's own interface: what it lists, what it
// answers over REST, and what its websocket streams deliver while the book is kept.

/** Bounds one network step: rejects naming `what` when the venue does not answer in time. */
export type Deadline = <T>(work: Promise<T>, what: string) => Promise<T>;

/** A venue time for the report; the number itself when it is not a date. */
const isoTime = (ms: number) => (Number.isSafeInteger(ms) && ms > 0 && ms < 8.64e15 ? new Date(ms).toISOString() : String(ms));

/** Each unified item a stream delivered, and what was wrong with any of them. */
class StreamTally<T> {
  count = 0;
  private readonly problems: string[][] = [];
  constructor(private readonly check: (item: T) => string[]) {}
  readonly listener = (item: T): void => {
    this.count++;
    const found = this.check(item);
    if (found.length > 0 && this.problems.length < 1000) this.problems.push(found);
  };
  distinct(): string[] {
    return distinctProblems(this.problems);
  }
}

/** The book, trades and ticker of one symbol, subscribed together for the run. */
export class MarketWatch {
  readonly book = new BookRecorder();
  readonly startedAt = Date.now();
  private readonly trades: StreamTally<Trade>;
  private readonly tickers: StreamTally<Ticker>;
  private readonly stops: Unsubscribe[];

  constructor(
    private readonly market: PublicExchange,
    symbol: Pair,
  ) {
    this.trades = new StreamTally((t) => tradeProblems(t, symbol));
    this.tickers = new StreamTally((t) => tickerProblems(t, symbol));
    this.stops = [market.watchOrderBook(symbol, this.book.listener), market.watchTrades(symbol, this.trades.listener), market.watchTicker(symbol, this.tickers.listener)];
  }

  stop(): void {
    for (const stop of this.stops) stop();
  }

  /** What the streams delivered over `durationMs`, and the adapter's health at the end. */
  async check(report: VenueReport, durationMs: number, deadline: Deadline): Promise<void> {
    await report.check('websocket streams', async () => {
      const health = await deadline(this.market.health(), 'health');
      const seconds = durationMs / 1000;
      const problems = [...this.trades.distinct(), ...this.tickers.distinct()];
      if (this.book.snapshots === 0) problems.push('no book snapshot');
      if (this.trades.count === 0) problems.push(`no trade pushed in ${seconds} s`);
      if (this.tickers.count === 0) problems.push(`no ticker pushed in ${seconds} s`);
      const up = health.restConnectivity && health.websocketConnectivity;
      if (!up) problems.push(`health: ${health.detail}`);
      const resyncs = Math.max(0, this.book.snapshots - 1);
      return {
        detail: `${seconds} s: book ${this.book.deltas} deltas, ${resyncs} resynchronisations; ${this.trades.count} trades; ${this.tickers.count} tickers; health ${up ? 'REST and websocket up' : 'degraded'}`,
        problems,
      };
    });
  }
}

/** Loads the venue's symbols; false when `symbol` is not among them (nothing else can be asked). */
export function checkSymbols(report: VenueReport, market: PublicExchange, symbol: Pair, deadline: Deadline): Promise<boolean> {
  return report.check('symbols', async () => {
    await deadline(market.start(), 'symbols');
    const info = market.symbolInfo(symbol);
    return {
      detail: `${market.listSymbols().length} listed; ${symbolKey(symbol)} is ${info.venueSymbol}, ${info.status}, tick ${info.priceTick}, step ${info.quantityStep}, min ${info.minQuantity || '-'}`,
      problems: symbolProblems(info),
    };
  });
}

export async function checkRestBook(report: VenueReport, market: PublicExchange, symbol: Pair, deadline: Deadline): Promise<void> {
  await report.check('order book (REST)', async () => {
    const snapshot = await deadline(market.getOrderBook(symbol, 20), 'order book');
    return {
      detail: `${snapshot.bids.length} bids, ${snapshot.asks.length} asks, best ${snapshot.bids[0]?.[0] ?? '-'} / ${snapshot.asks[0]?.[0] ?? '-'}, update id ${snapshot.updateId}`,
      problems: bookProblems(snapshot),
    };
  });
}

/** Recent trades and the ticker (futures: funding and mark too), best read once the market has traded. */
export async function checkRestMarket(report: VenueReport, market: PublicExchange, symbol: Pair, deadline: Deadline): Promise<void> {
  await report.check('recent trades (REST)', async () => {
    const recent = await deadline(market.getRecentTrades(symbol, 20), 'recent trades');
    const problems = distinctProblems(recent.map((t) => tradeProblems(t, symbol)));
    if (recent.length === 0) problems.push('no recent trade');
    return { detail: `${recent.length} trades, last ${recent.at(-1)?.quantity ?? '-'} @ ${recent.at(-1)?.price ?? '-'}`, problems };
  });
  await report.check('ticker (REST)', async () => {
    const ticker = await deadline(market.getTicker(symbol), 'ticker');
    return { detail: `last ${ticker.lastPrice || '-'}, bid ${ticker.bestBid || '-'} / ask ${ticker.bestAsk || '-'}`, problems: tickerProblems(ticker, symbol) };
  });
  if (!isFuturesPublicExchange(market)) return;
  await report.check('funding rate and mark price (REST)', async () => {
    const funding = await deadline(market.getFundingRate(symbol), 'funding rate');
    const mark = await deadline(market.getMarkPrice(symbol), 'mark price');
    return {
      detail: `funding ${funding.rate} (next ${isoTime(funding.nextFundingTimeMs)}), mark ${mark.markPrice}, index ${mark.indexPrice}`,
      problems: futuresProblems(funding, mark),
    };
  });
}
