import type { PublicAggreDealsV3ApiItem, PushDataV3ApiWrapper } from '@cexgw/mexc-proto';
import type { VenueConfig } from '../../core/exchange.js';
import { PublicExchangeBase } from '../../core/public-exchange-base.js';
import { venueHealth } from '../../core/health.js';
import { silentLogger, type Logger } from '../../core/logger.js';
import { MarketFeeds } from '../../core/market-feeds.js';
import { AdapterMetrics } from '../../core/metrics.js';
import { SymbolCatalog } from '../../core/symbol-catalog.js';
import type { Pair } from '../../core/symbol.js';
import { nowMicros, type HealthReport, type OrderBookSnapshot, type Ticker, type Trade } from '../../core/types.js';
import { deliverPushItems } from '../../core/push-items.js';
import { ShardedWsClient } from '../../core/ws-client.js';
import { MexcDepthSync } from './book-sync.js';
import { mexcSpotSettings, type MexcSpotSettings } from './config.js';
import { REST_DEPTH_DEFAULT_LIMIT, REST_DEPTH_MAX_LIMIT, REST_TRADES_DEFAULT_LIMIT, REST_TRADES_MAX_LIMIT, TOPIC } from './constants.js';
import { symbolInfosFromExchangeInfo, toDeal, toOrderBook, toTicker, toTrade } from './parse.js';
import { MexcSpotPublicRest } from './rest.js';
import { MexcFrameRouter } from './router.js';
import { mexcSymbolMapper } from './symbols.js';
import { MexcTickerFeed } from './ticker-feed.js';
import { mexcConnectionStrategy } from './ws-connection.js';

export const MEXC_SPOT = 'mexc_spot';

/** MEXC spot public market data over REST v3 and the protobuf websocket. */
export class MexcSpotPublic extends PublicExchangeBase {
  readonly venue = MEXC_SPOT;
  readonly metrics = new AdapterMetrics();
  protected readonly catalog = new SymbolCatalog(MEXC_SPOT, mexcSymbolMapper());
  /** aggre.depth carries every level, joined to a REST snapshot of up to 5000. */
  readonly maxStreamDepth = 0;
  readonly settings: MexcSpotSettings;
  readonly router: MexcFrameRouter;

  private readonly logger: Logger;
  /** Where an unreadable push item is counted and logged. */
  private readonly pushes: { readonly metrics: AdapterMetrics; readonly logger: Logger };
  private readonly rest: MexcSpotPublicRest;
  private readonly ws: ShardedWsClient;
  private readonly depth: MexcDepthSync;
  private readonly tickerFeed: MexcTickerFeed;
  protected readonly feeds: MarketFeeds;

  constructor(config: VenueConfig = {}) {
    super();
    this.settings = mexcSpotSettings(config);
    this.logger = (config.logger ?? silentLogger).child({ venue: this.venue });
    this.pushes = { metrics: this.metrics, logger: this.logger };
    this.rest = new MexcSpotPublicRest(this.venue, this.settings.restBaseUrl, this.metrics);
    this.router = new MexcFrameRouter(
      {
        depth: (push, receivedUs, levelsChecked) => this.depth.onPush(push, receivedUs, levelsChecked),
        deals: (push) => this.onDeals(push),
        bookTicker: (push) => this.tickerFeed.onBookTicker(push),
      },
      this.metrics,
      this.logger,
    );
    this.ws = new ShardedWsClient({
      venue: this.venue,
      strategy: mexcConnectionStrategy(this.settings.wsUrl),
      metrics: this.metrics,
      listener: {
        onMessage: (data, isBinary) => this.router.handleFrame(data, isBinary, nowMicros()),
        onStateChange: (connection, state, detail) => this.feeds.onConnectionState(connection, state, detail),
      },
    });
    const interval = this.settings.interval;
    this.depth = new MexcDepthSync(this.ws, this.rest, interval, this.metrics, this.logger);
    this.tickerFeed = new MexcTickerFeed(
      this.ws,
      this.rest,
      interval,
      (venueSymbol) => this.catalog.byVenueSymbol(venueSymbol)?.symbol,
      (venueSymbol, ticker) => this.feeds.tickers.emit(venueSymbol, ticker),
      this.logger,
    );
    this.feeds = new MarketFeeds(
      this.ws,
      this.depth,
      {
        open: (venueSymbol) => this.ws.subscribe(TOPIC.aggreDeals(interval, venueSymbol)),
        close: (venueSymbol) => this.ws.unsubscribe(TOPIC.aggreDeals(interval, venueSymbol)),
      },
      this.tickerFeed,
      this.metrics,
      this.logger,
    );
  }

  async start(): Promise<void> {
    this.catalog.replace(symbolInfosFromExchangeInfo(await this.rest.exchangeInfo()));
    this.logger.info({ symbols: this.catalog.size }, 'exchange info loaded');
  }

  async getOrderBook(symbol: Pair, depth: number): Promise<OrderBookSnapshot> {
    const info = this.catalog.get(symbol);
    const limit = depth > 0 ? Math.min(depth, REST_DEPTH_MAX_LIMIT) : REST_DEPTH_DEFAULT_LIMIT;
    return toOrderBook(await this.rest.depth(info.venueSymbol, limit), info.symbol);
  }

  async getRecentTrades(symbol: Pair, limit: number): Promise<Trade[]> {
    const info = this.catalog.get(symbol);
    const n = limit > 0 ? Math.min(limit, REST_TRADES_MAX_LIMIT) : REST_TRADES_DEFAULT_LIMIT;
    return (await this.rest.trades(info.venueSymbol, n)).map((trade) => toTrade(trade, info.symbol));
  }

  async getTicker(symbol: Pair): Promise<Ticker> {
    const info = this.catalog.get(symbol);
    return toTicker(await this.rest.ticker24h(info.venueSymbol), info.symbol);
  }

  health(): Promise<HealthReport> {
    return venueHealth(() => this.rest.serverTime(), this.ws, this.feeds, this.catalog.size);
  }

  async close(): Promise<void> {
    this.ws.close();
    await this.rest.close();
  }

  /** Each deal is read on its own: one that does not read is counted and dropped, the others go on. */
  private onDeals(push: PushDataV3ApiWrapper): void {
    const venueSymbol = push.symbol;
    const deals = push.publicAggreDeals?.deals;
    const symbol = venueSymbol ? this.catalog.byVenueSymbol(venueSymbol)?.symbol : undefined;
    if (!deals || !symbol || !venueSymbol) return;
    deliverPushItems(
      deals,
      push.channel,
      (deal: PublicAggreDealsV3ApiItem) => toDeal(deal, symbol),
      (trade) => this.feeds.trades.emit(venueSymbol, trade),
      this.pushes,
    );
  }
}
