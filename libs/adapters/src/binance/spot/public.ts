import type { VenueConfig } from '../../core/exchange.js';
import { venueHealth } from '../../core/health.js';
import { silentLogger, type Logger } from '../../core/logger.js';
import { MarketFeeds } from '../../core/market-feeds.js';
import { AdapterMetrics } from '../../core/metrics.js';
import { PublicExchangeBase } from '../../core/public-exchange-base.js';
import { SymbolCatalog } from '../../core/symbol-catalog.js';
import type { Pair } from '../../core/symbol.js';
import { nowMicros, type HealthReport, type OrderBookSnapshot, type Ticker, type Trade } from '../../core/types.js';
import { ShardedWsClient } from '../../core/ws-client.js';
import { BinanceDepthSync } from '../common/depth-sync.js';
import { SPOT_EVENTS, orderBookOf, serverTimeOf, tickerOf, tradeOf, tradeOfEvent } from '../common/market-parse.js';
import { BinancePublicRest } from '../common/public-rest.js';
import { BinanceRateLimits } from '../common/rate-limits.js';
import { binanceStreamStrategy, SPOT_STREAM_RULES } from '../common/stream-connection.js';
import { BinanceStreamRouter } from '../common/stream-router.js';
import { binanceSymbolMapper } from '../common/symbols.js';
import { BinanceTickerFeed } from '../common/ticker-feed.js';
import {
  BINANCE_SPOT_REST_URL,
  BINANCE_SPOT_WS_URL,
  depthWeight,
  REST_DEPTH_DEFAULT_LIMIT,
  REST_DEPTH_MAX_LIMIT,
  REST_TRADES_DEFAULT_LIMIT,
  REST_TRADES_MAX_LIMIT,
  SNAPSHOT_DEPTH_LIMIT,
} from './constants.js';
import { BINANCE_SPOT, read, symbolInfosFromExchangeInfo } from './parse.js';
import { BINANCE_SPOT_LIMITS } from './rate-limits.js';

export { BINANCE_SPOT } from './parse.js';

export const SPOT_PATHS = { prefix: '/api/v3', depthWeight } as const;

const tradeStream = (venueSymbol: string): string => `${venueSymbol.toLowerCase()}@trade`;
/** Spot depth answers carry no time: a book is stamped when it arrived. */
const arrived = (): number => Date.now();

/**
 * Binance spot market data: REST /api/v3 and the combined market streams (diff depth at 100 ms
 * joined to a REST snapshot, trades, 24 h tickers with real-time best prices).
 */
export class BinanceSpotPublic extends PublicExchangeBase {
  readonly venue = BINANCE_SPOT;
  readonly metrics = new AdapterMetrics();
  protected readonly catalog = new SymbolCatalog(BINANCE_SPOT, binanceSymbolMapper());
  /** The diff-depth stream carries every level, joined to a REST snapshot. */
  readonly maxStreamDepth = 0;
  protected readonly feeds: MarketFeeds;

  private readonly logger: Logger;
  private readonly rest: BinancePublicRest;
  private readonly ws: ShardedWsClient;

  constructor(config: VenueConfig = {}) {
    super();
    this.logger = (config.logger ?? silentLogger).child({ venue: this.venue });
    this.rest = new BinancePublicRest(this.venue, config.restBaseUrl ?? BINANCE_SPOT_REST_URL, SPOT_PATHS, this.metrics, new BinanceRateLimits(BINANCE_SPOT_LIMITS, this.metrics));
    const router = new BinanceStreamRouter(this.metrics, this.logger);
    this.ws = new ShardedWsClient({
      venue: this.venue,
      strategy: binanceStreamStrategy(config.wsUrl ?? BINANCE_SPOT_WS_URL, SPOT_STREAM_RULES),
      metrics: this.metrics,
      listener: {
        onMessage: (data, isBinary) => router.handleFrame(data, isBinary, nowMicros()),
        onStateChange: (connection, state, detail) => this.feeds.onConnectionState(connection, state, detail),
      },
    });
    const depth = new BinanceDepthSync({
      venue: this.venue,
      ws: this.ws,
      continuity: 'contiguous',
      fetchSnapshot: async (venueSymbol) => {
        const book = orderBookOf(read, await this.rest.depth(venueSymbol, SNAPSHOT_DEPTH_LIMIT), { base: '', quote: '' }, arrived);
        return { bids: book.bids, asks: book.asks, updateId: book.updateId, timestampMs: Date.now() };
      },
      metrics: this.metrics,
      logger: this.logger,
    });
    const tickers = new BinanceTickerFeed(
      { stats: this.ws, book: this.ws },
      read,
      SPOT_EVENTS,
      (s) => this.catalog.byVenueSymbol(s)?.symbol,
      (s, ticker) => this.feeds.tickers.emit(s, ticker),
      (error) => this.malformed('ticker', error),
    );
    router
      .on('depth@100ms', (data, receivedUs, levelsChecked) => depth.onEvent(data, receivedUs, levelsChecked))
      .on('trade', (data) => this.onTrade(data))
      .on('ticker', (data) => tickers.onTicker(data))
      .on('bookTicker', (data) => tickers.onBookTicker(data));
    this.feeds = new MarketFeeds(this.ws, depth, { open: (s) => this.ws.subscribe(tradeStream(s)), close: (s) => this.ws.unsubscribe(tradeStream(s)) }, tickers, this.metrics, this.logger);
  }

  async start(): Promise<void> {
    this.catalog.replace(symbolInfosFromExchangeInfo(await this.rest.exchangeInfo()));
    this.logger.info({ symbols: this.catalog.size }, 'exchange info loaded');
  }

  async getOrderBook(symbol: Pair, depth: number): Promise<OrderBookSnapshot> {
    const info = this.catalog.get(symbol);
    const limit = depth > 0 ? Math.min(depth, REST_DEPTH_MAX_LIMIT) : REST_DEPTH_DEFAULT_LIMIT;
    return orderBookOf(read, await this.rest.depth(info.venueSymbol, limit), info.symbol, arrived);
  }

  async getRecentTrades(symbol: Pair, limit: number): Promise<Trade[]> {
    const info = this.catalog.get(symbol);
    const n = limit > 0 ? Math.min(limit, REST_TRADES_MAX_LIMIT) : REST_TRADES_DEFAULT_LIMIT;
    return read.list(await this.rest.trades(info.venueSymbol, n), 'trades').map((trade) => tradeOf(read, trade, info.symbol));
  }

  async getTicker(symbol: Pair): Promise<Ticker> {
    const info = this.catalog.get(symbol);
    return tickerOf(read, await this.rest.ticker24h(info.venueSymbol), info.symbol);
  }

  health(): Promise<HealthReport> {
    return venueHealth(async () => serverTimeOf(read, await this.rest.serverTime()), this.ws, this.feeds, this.catalog.size);
  }

  async close(): Promise<void> {
    this.ws.close();
    await this.rest.close();
  }

  private onTrade(data: Record<string, unknown>): void {
    const venueSymbol = data.s;
    const symbol = typeof venueSymbol === 'string' ? this.catalog.byVenueSymbol(venueSymbol)?.symbol : undefined;
    if (!symbol) return;
    try {
      this.feeds.trades.emit(venueSymbol as string, tradeOfEvent(read, SPOT_EVENTS, data, symbol));
    } catch (error) {
      this.malformed('trade', error as Error);
    }
  }

  private malformed(stream: string, error: Error): void {
    this.metrics.wsMessagesMalformed++;
    this.logger.warn({ stream, err: error.message }, 'malformed stream event dropped');
  }
}
