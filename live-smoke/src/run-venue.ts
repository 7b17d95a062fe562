import { createExchangeFactory, isFuturesPublicExchange, symbolKey, type ContractInfo, type PrivateExchange, type PublicExchange, type Ticker, type Trade } from '@cexgw/adapters';
import { BookRecorder, compareWithRest } from './book-check.js';
import { contractFinding } from './contract-checks.js';
import { sleep, within } from './deadline.js';
import type { SmokeOptions } from './options.js';
import { runPrivateChecks } from './private-checks.js';
import { VenueProxies } from './proxies.js';
import { firstUnreachable } from './reachability.js';
import type { VenueReport } from './report.js';
import { bookProblems, distinctProblems, futuresProblems, symbolProblems, tickerProblems, tradeProblems } from './sanity.js';
import type { VenueTarget } from './targets.js';
import type { ContractContext, SmokeVenue } from './venues.js';

// One venue, start to end: reachability, then the real adapters behind recording proxies: REST
// reads, the websocket streams with a synchronised book kept for the run's duration and compared
// with a fresh REST snapshot, the private part when planned, and last every recorded payload
// against the venue's published contracts.

/** Levels asked of REST for the book comparison (every venue serves at least this many). */
const COMPARE_DEPTH = 100;
/** How long the stream may take to reach a REST snapshot's update id. */
const BOOK_CATCH_UP_MS = 5_000;

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

export async function runVenue(venue: SmokeVenue, target: VenueTarget, options: SmokeOptions, report: VenueReport, progress: (line: string) => void): Promise<void> {
  const unreachable = await firstUnreachable([target.restBaseUrl, target.wsUrl], options.connectTimeoutMs);
  if (unreachable) {
    report.unreachable = unreachable;
    return;
  }
  const stepMs = options.connectTimeoutMs * 10;
  const deadline = <T>(work: Promise<T>, what: string) => within(work, stepMs, what);
  const { symbol } = options;
  const proxies = await VenueProxies.start([target.restBaseUrl, target.wsUrl]);
  const factory = createExchangeFactory();
  const config = { restBaseUrl: proxies.urlFor(target.restBaseUrl), wsUrl: proxies.urlFor(target.wsUrl), options: target.options };
  const market: PublicExchange = factory.createPublic(venue.id, config);
  let trading: PrivateExchange | undefined;
  const contracts = (): ReadonlyMap<string, ContractInfo> => (isFuturesPublicExchange(market) ? new Map(market.listContracts().map((c) => [c.venueSymbol, c])) : new Map());
  const context: ContractContext = { symbol, contracts };
  try {
    const listed = await report.check('symbols', async () => {
      await deadline(market.start(), 'symbols');
      const info = market.symbolInfo(symbol);
      return {
        detail: `${market.listSymbols().length} listed; ${symbolKey(symbol)} is ${info.venueSymbol}, ${info.status}, tick ${info.priceTick}, step ${info.quantityStep}, min ${info.minQuantity || '-'}`,
        problems: symbolProblems(info),
      };
    });
    if (!listed) return report.skip('the rest', `not run: without ${symbolKey(symbol)} in the symbol list nothing else can be asked`);

    const book = new BookRecorder();
    const trades = new StreamTally<Trade>((t) => tradeProblems(t, symbol));
    const tickers = new StreamTally<Ticker>((t) => tickerProblems(t, symbol));
    const watchStarted = Date.now();
    const stops = [market.watchOrderBook(symbol, book.listener), market.watchTrades(symbol, trades.listener), market.watchTicker(symbol, tickers.listener)];

    await report.check('order book (REST)', async () => {
      const snapshot = await deadline(market.getOrderBook(symbol, 20), 'order book');
      return { detail: `${snapshot.bids.length} bids, ${snapshot.asks.length} asks, best ${snapshot.bids[0]?.[0] ?? '-'} / ${snapshot.asks[0]?.[0] ?? '-'}, update id ${snapshot.updateId}`, problems: bookProblems(snapshot) };
    });
    const synced = await report.check('book synchronised (websocket)', async () => {
      await deadline(book.firstSnapshot(), 'first book snapshot');
      return `first snapshot ${book.firstSnapshotAfterMs(watchStarted)} ms after subscribing, at update id ${book.firstUpdateId}`;
    });
    const holdUntil = Date.now() + options.durationMs;
    if (synced) progress(`${venue.id}: book synchronised, kept for ${options.durationMs / 1000} s`);

    if ('credentials' in target.trading) {
      const { credentials } = target.trading;
      report.secrets.add(credentials.apiKey).add(credentials.apiSecret);
      trading = factory.createPrivate(venue.id, { ...config, credentials, onSecret: (value) => report.secrets.add(value) });
      await runPrivateChecks(report, trading, market, { symbol, orderOffset: options.orderOffset, fillsSinceMs: Date.now() - 3_600_000, stepTimeoutMs: stepMs });
    } else if ('error' in target.trading) {
      report.fail('private', `keys cannot be read: ${target.trading.error}`);
    } else {
      report.skip('private', target.trading.notRun);
    }

    await sleep(Math.max(0, holdUntil - Date.now()));
    // Read after the window, when the market (a simulator's synthetic flow too) has traded.
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

    if (isFuturesPublicExchange(market)) {
      const futures = market;
      await report.check('funding rate and mark price (REST)', async () => {
        const funding = await deadline(futures.getFundingRate(symbol), 'funding rate');
        const mark = await deadline(futures.getMarkPrice(symbol), 'mark price');
        return { detail: `funding ${funding.rate} (next ${new Date(funding.nextFundingTimeMs).toISOString()}), mark ${mark.markPrice}, index ${mark.indexPrice}`, problems: futuresProblems(funding, mark) };
      });
    }
    await report.check('websocket streams', async () => {
      const health = await deadline(market.health(), 'health');
      const problems = [...trades.distinct(), ...tickers.distinct()];
      if (book.snapshots === 0) problems.push('no book snapshot');
      if (trades.count === 0) problems.push(`no trade pushed in ${options.durationMs / 1000} s`);
      if (tickers.count === 0) problems.push(`no ticker pushed in ${options.durationMs / 1000} s`);
      if (!health.restConnectivity || !health.websocketConnectivity) problems.push(`health: ${health.detail}`);
      return {
        detail: `${options.durationMs / 1000} s: book ${book.deltas} deltas, ${Math.max(0, book.snapshots - 1)} resynchronisations; ${trades.count} trades; ${tickers.count} tickers; health ${health.restConnectivity && health.websocketConnectivity ? 'REST and websocket up' : 'degraded'}`,
        problems,
      };
    });
    if (synced) {
      await report.check('book vs fresh REST snapshot', () =>
        compareWithRest(market, symbol, book, { depth: Math.min(market.maxStreamDepth || COMPARE_DEPTH, COMPARE_DEPTH), channelDepth: market.maxStreamDepth, waitMs: BOOK_CATCH_UP_MS }),
      );
    } else {
      report.skip('book vs fresh REST snapshot', 'not run: the book never synchronised');
    }
    for (const stop of stops) stop();

    await report.check('REST payloads vs contract', async () => contractFinding(venue.restContract, proxies.exchanges(), context, 'exchanges'));
    await report.check('websocket payloads vs contract', async () => contractFinding(venue.frameContract, proxies.frames(), context, 'frames'));
  } finally {
    await Promise.allSettled([trading?.close(), market.close()]);
    await proxies.close();
  }
}
