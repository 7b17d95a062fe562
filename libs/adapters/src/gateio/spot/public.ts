import type { BookSyncStrategy } from '../../core/book-sync-strategy.js';
import type { VenueConfig } from '../../core/exchange.js';
import { PublicExchangeBase } from '../../core/public-exchange-base.js';
import { silentLogger, type Logger } from '../../core/logger.js';
import { venueHealth } from '../../core/health.js';
import { MarketFeeds, type VenueSubscription } from '../../core/market-feeds.js';
import { AdapterMetrics } from '../../core/metrics.js';
import { SymbolCatalog } from '../../core/symbol-catalog.js';
import type { Pair } from '../../core/symbol.js';
import { nowMicros, type HealthReport, type OrderBookSnapshot, type Ticker, type Trade } from '../../core/types.js';
import { ShardedWsClient } from '../../core/ws-client.js';
import { ObuBookSync } from '../common/book-obu.js';
import { GateioFrameRouter } from '../common/router.js';
import { gateioSymbolMapper } from '../common/symbols.js';
import { gateioConnectionStrategy, gateioTopic } from '../common/ws-envelope.js';
import { LegacyBookSync } from './book-legacy.js';
import { gateioSpotSettings, type GateioSpotSettings } from './config.js';
import { CHANNEL, LEGACY_DEPTH, REST_BOOK_DEFAULT_LIMIT, REST_BOOK_MAX_LIMIT, REST_TRADES_DEFAULT_LIMIT, REST_TRADES_MAX_LIMIT } from './constants.js';
import { symbolInfosFromPairs, tickerFromPush, toOrderBook, toTicker, toTrade } from './parse.js';
import { GateioSpotPublicRest } from './rest.js';
import type { WireWsTicker, WireWsTrade } from './wire.js';

export const GATEIO_SPOT = 'gateio_spot';

/** One channel subscribed per symbol, e.g. spot.trades ["BTC_USDT"]. */
function channelSubscription(ws: ShardedWsClient, channel: string): VenueSubscription {
  return {
    open: (venueSymbol) => ws.subscribe(gateioTopic(channel, [venueSymbol])),
    close: (venueSymbol) => ws.unsubscribe(gateioTopic(channel, [venueSymbol])),
  };
}

/** Gate.io spot public market data over REST v4 and WS v4. */
export class GateioSpotPublic extends PublicExchangeBase {
  readonly venue = GATEIO_SPOT;
  readonly metrics = new AdapterMetrics();
  protected readonly catalog = new SymbolCatalog(GATEIO_SPOT, gateioSymbolMapper());
  readonly maxStreamDepth: number;
  readonly settings: GateioSpotSettings;
  readonly router: GateioFrameRouter;

  private readonly logger: Logger;
  private readonly rest: GateioSpotPublicRest;
  private readonly ws: ShardedWsClient;
  protected readonly feeds: MarketFeeds;

  constructor(config: VenueConfig = {}) {
    super();
    this.settings = gateioSpotSettings(config);
    this.logger = (config.logger ?? silentLogger).child({ venue: this.venue });
    this.rest = new GateioSpotPublicRest(this.venue, this.settings.restBaseUrl, this.metrics);
    this.router = new GateioFrameRouter(this.metrics, this.logger);
    this.ws = new ShardedWsClient({
      venue: this.venue,
      strategy: gateioConnectionStrategy({ url: this.settings.wsUrl, market: 'spot' }),
      metrics: this.metrics,
      listener: {
        onMessage: (data, isBinary, connection) => this.router.handleFrame(data, isBinary, nowMicros(), connection),
        onStateChange: (connection, state, detail) => this.feeds.onConnectionState(connection, state, detail),
      },
    });
    let bookSync: BookSyncStrategy & { onUpdate(result: unknown, receivedUs: number): void; readonly channel: string };
    if (this.settings.bookChannel === 'obu') {
      const obu = new ObuBookSync(this.ws, this.settings.obuDepth, this.metrics, this.logger, CHANNEL.obu);
      this.router.onFast((text, receivedUs) => obu.tryFastPath(text, receivedUs));
      bookSync = obu;
      this.maxStreamDepth = this.settings.obuDepth;
    } else {
      bookSync = new LegacyBookSync(this.ws, this.rest, this.settings.legacyInterval, this.metrics, this.logger);
      // The channel keeps 20 levels at 20 ms and 100 at 100 ms: a deeper stream cannot be served.
      this.maxStreamDepth = LEGACY_DEPTH[this.settings.legacyInterval];
    }
    this.router.on(bookSync.channel, (result, _frame, receivedUs) => bookSync.onUpdate(result, receivedUs));
    this.router.on(CHANNEL.trades, (result) => this.onTrade(result as WireWsTrade));
    this.router.on(CHANNEL.tickers, (result, frame) => this.onTicker(result as WireWsTicker, frame.time_ms));
    this.feeds = new MarketFeeds(this.ws, bookSync, channelSubscription(this.ws, CHANNEL.trades), channelSubscription(this.ws, CHANNEL.tickers), this.metrics, this.logger);
  }

  async start(): Promise<void> {
    const pairs = await this.rest.currencyPairs();
    const nowSeconds = Math.floor(Date.now() / 1000);
    this.catalog.replace(symbolInfosFromPairs(pairs, nowSeconds));
    this.logger.info({ symbols: this.catalog.size }, 'currency pairs loaded');
  }

  async getOrderBook(symbol: Pair, depth: number): Promise<OrderBookSnapshot> {
    const info = this.catalog.get(symbol);
    const limit = depth > 0 ? Math.min(depth, REST_BOOK_MAX_LIMIT) : REST_BOOK_DEFAULT_LIMIT;
    return toOrderBook(await this.rest.orderBook(info.venueSymbol, limit), info.symbol);
  }

  async getRecentTrades(symbol: Pair, limit: number): Promise<Trade[]> {
    const info = this.catalog.get(symbol);
    const n = limit > 0 ? Math.min(limit, REST_TRADES_MAX_LIMIT) : REST_TRADES_DEFAULT_LIMIT;
    const trades = await this.rest.trades(info.venueSymbol, n);
    return trades.map((trade) => toTrade(trade, info.symbol));
  }

  async getTicker(symbol: Pair): Promise<Ticker> {
    const info = this.catalog.get(symbol);
    return toTicker(await this.rest.ticker(info.venueSymbol), info.symbol, Date.now());
  }

  async health(): Promise<HealthReport> {
    return venueHealth(() => this.rest.serverTime(), this.ws, this.feeds, this.catalog.size);
  }

  async close(): Promise<void> {
    this.ws.close();
    await this.rest.close();
  }

  private onTrade(wire: WireWsTrade): void {
    const symbol = this.symbols.fromVenue(wire.currency_pair);
    if (symbol) this.feeds.trades.emit(wire.currency_pair, toTrade(wire, symbol));
  }

  private onTicker(wire: WireWsTicker, timeMs: number | undefined): void {
    const symbol = this.symbols.fromVenue(wire.currency_pair);
    if (symbol) this.feeds.tickers.emit(wire.currency_pair, tickerFromPush(wire, symbol, timeMs ?? Date.now()));
  }
}
