import { createExchangeFactory, isFuturesPublicExchange, type ContractInfo, type PrivateExchange, type PublicExchange } from '@cexgw/adapters';
import { compareWithRest } from './book-check.js';
import { contractFinding } from './contract-checks.js';
import { sleep, within } from './deadline.js';
import { checkRestBook, checkRestMarket, checkSymbols, MarketWatch, type Deadline } from './market-checks.js';
import type { SmokeOptions } from './options.js';
import { runPrivateChecks } from './private-checks.js';
import { VenueProxies } from './proxies.js';
import { firstUnreachable } from './reachability.js';
import type { VenueReport } from './report.js';
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
/** Fills are read back this far. */
const FILLS_LOOKBACK_MS = 3_600_000;

export async function runVenue(venue: SmokeVenue, target: VenueTarget, options: SmokeOptions, report: VenueReport, progress: (line: string) => void): Promise<void> {
  const unreachable = await firstUnreachable([target.restBaseUrl, target.wsUrl], options.connectTimeoutMs);
  if (unreachable) {
    report.unreachable = unreachable;
    return;
  }
  const stepMs = options.connectTimeoutMs * 10;
  const deadline: Deadline = (work, what) => within(work, stepMs, what);
  const { symbol } = options;
  const proxies = await VenueProxies.start([target.restBaseUrl, target.wsUrl]);
  const factory = createExchangeFactory();
  const config = { restBaseUrl: proxies.urlFor(target.restBaseUrl), wsUrl: proxies.urlFor(target.wsUrl), options: target.options };
  const market: PublicExchange = factory.createPublic(venue.id, config);
  let trading: PrivateExchange | undefined;
  try {
    if (!(await checkSymbols(report, market, symbol, deadline))) {
      return report.skip('the rest', 'not run: without the symbol in the venue list nothing else can be asked');
    }
    const watch = new MarketWatch(market, symbol);
    await checkRestBook(report, market, symbol, deadline);
    const synced = await report.check('book synchronised (websocket)', async () => {
      await deadline(watch.book.firstSnapshot(), 'first book snapshot');
      return `first snapshot ${watch.book.firstSnapshotAfterMs(watch.startedAt)} ms after subscribing, at update id ${watch.book.firstUpdateId}`;
    });
    const holdUntil = Date.now() + options.durationMs;
    if (synced) progress(`${venue.id}: book synchronised, kept for ${options.durationMs / 1000} s`);

    // The private part runs while the book is kept.
    if ('credentials' in target.trading) {
      const { credentials } = target.trading;
      report.secrets.add(credentials.apiKey).add(credentials.apiSecret);
      trading = factory.createPrivate(venue.id, { ...config, credentials, onSecret: (value) => report.secrets.add(value) });
      await runPrivateChecks(report, trading, market, { symbol, orderOffset: options.orderOffset, fillsSinceMs: Date.now() - FILLS_LOOKBACK_MS, stepTimeoutMs: stepMs });
    } else if ('error' in target.trading) {
      report.fail('private', `keys cannot be read: ${target.trading.error}`);
    } else {
      report.skip('private', target.trading.notRun);
    }

    await sleep(Math.max(0, holdUntil - Date.now()));
    // Read after the window, when the market (a simulator's synthetic flow too) has traded.
    await checkRestMarket(report, market, symbol, deadline);
    await watch.check(report, options.durationMs, deadline);
    if (synced) {
      const depth = Math.min(market.maxStreamDepth || COMPARE_DEPTH, COMPARE_DEPTH);
      await report.check('book vs fresh REST snapshot', () => compareWithRest(market, symbol, watch.book, { depth, channelDepth: market.maxStreamDepth, waitMs: BOOK_CATCH_UP_MS }));
    } else {
      report.skip('book vs fresh REST snapshot', 'not run: the book never synchronised');
    }
    watch.stop();

    const contracts = (): ReadonlyMap<string, ContractInfo> => (isFuturesPublicExchange(market) ? new Map(market.listContracts().map((c) => [c.venueSymbol, c])) : new Map());
    const context: ContractContext = { symbol, contracts };
    await report.check('REST payloads vs contract', async () => contractFinding(venue.restContract, proxies.exchanges(), context, 'exchanges'));
    await report.check('websocket payloads vs contract', async () => contractFinding(venue.frameContract, proxies.frames(), context, 'frames'));
  } finally {
    await Promise.allSettled([trading?.close(), market.close()]);
    await proxies.close();
  }
}
