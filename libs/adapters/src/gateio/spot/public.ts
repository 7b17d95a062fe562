import { BookFeed, type BookListener } from '../../core/book-feed.js';
import { GatewayError } from '../../core/errors.js';
import type { PublicExchange, Unsubscribe, VenueConfig } from '../../core/exchange.js';
import { Fanout } from '../../core/fanout.js';
import { silentLogger, type Logger } from '../../core/logger.js';
import { AdapterMetrics } from '../../core/metrics.js';
import { symbolKey, type CachedSymbolMapper, type Symbol } from '../../core/symbol.js';
import { nowMicros, type BookEvent, type HealthReport, type OrderBookSnapshot, type SymbolInfo, type Ticker, type Trade } from '../../core/types.js';
import { ShardedWsClient, type WsConnection } from '../../core/ws-client.js';
import { gateioSymbolMapper } from '../common/symbols.js';
import { gateioConnectionStrategy, gateioTopic } from '../common/ws-envelope.js';
import { LegacyBookSync } from './book-legacy.js';
import { ObuBookSync } from './book-obu.js';
import type { BookSync } from './book-sync.js';
import { gateioSpotSettings, type GateioSpotSettings } from './config.js';
import { CHANNEL, REST_BOOK_DEFAULT_LIMIT, REST_BOOK_MAX_LIMIT, REST_TRADES_DEFAULT_LIMIT, REST_TRADES_MAX_LIMIT } from './constants.js';
import { toOrderBook, toSymbolInfo, toTicker, toTrade } from './parse.js';
import { GateioSpotPublicRest } from './rest.js';
import { GateioFrameRouter } from './router.js';
import type { WireWsTicker, WireWsTrade } from './wire.js';

export const GATEIO_SPOT = 'gateio_spot';

/** Gate.io spot public market data over REST v4 and WS v4. */
export class GateioSpotPublic implements PublicExchange {
  readonly venue = GATEIO_SPOT;
  readonly metrics = new AdapterMetrics();
  readonly symbols: CachedSymbolMapper = gateioSymbolMapper();
  readonly maxStreamDepth: number;
  readonly settings: GateioSpotSettings;
  readonly router: GateioFrameRouter;

  private readonly logger: Logger;
  private readonly rest: GateioSpotPublicRest;
  private readonly ws: ShardedWsClient;
  private readonly bookSync: BookSync;
  private readonly books = new Map<string, BookFeed>();
  private readonly trades: Fanout<Trade>;
  private readonly tickers: Fanout<Ticker>;
  private infos = new Map<string, SymbolInfo>();

  constructor(config: VenueConfig = {}) {
    this.settings = gateioSpotSettings(config);
    this.logger = (config.logger ?? silentLogger).child({ venue: this.venue });
    this.rest = new GateioSpotPublicRest(this.venue, this.settings.restBaseUrl, this.metrics);
    this.router = new GateioFrameRouter(this.metrics, this.logger);
    this.ws = new ShardedWsClient({
      venue: this.venue,
      strategy: gateioConnectionStrategy({ url: this.settings.wsUrl, market: 'spot' }),
      metrics: this.metrics,
      listener: {
        onMessage: (data, isBinary) => this.router.handleFrame(data, isBinary, nowMicros()),
        onStateChange: (connection, state, detail) => this.onConnectionState(connection, state, detail),
      },
    });
    if (this.settings.bookChannel === 'obu') {
      const obu = new ObuBookSync(this.ws, this.settings.obuDepth, this.metrics, this.logger);
      this.router.onFast((text, receivedUs) => obu.tryFastPath(text, receivedUs));
      this.bookSync = obu;
      this.maxStreamDepth = this.settings.obuDepth;
    } else {
      this.bookSync = new LegacyBookSync(this.ws, this.rest, this.settings.legacyInterval, this.settings.legacySnapshotLimit, this.metrics, this.logger);
      this.maxStreamDepth = 0;
    }
    this.router.on(this.bookSync.channel, (result, _frame, receivedUs) => this.bookSync.onUpdate(result, receivedUs));
    this.router.on(CHANNEL.trades, (result) => this.onTrade(result as WireWsTrade));
    this.router.on(CHANNEL.tickers, (result, frame) => this.onTicker(result as WireWsTicker, frame.time_ms));
    this.trades = new Fanout(
      (venueSymbol) => this.ws.subscribe(gateioTopic(CHANNEL.trades, [venueSymbol])),
      (venueSymbol) => this.ws.unsubscribe(gateioTopic(CHANNEL.trades, [venueSymbol])),
    );
    this.tickers = new Fanout(
      (venueSymbol) => this.ws.subscribe(gateioTopic(CHANNEL.tickers, [venueSymbol])),
      (venueSymbol) => this.ws.unsubscribe(gateioTopic(CHANNEL.tickers, [venueSymbol])),
    );
  }

  async start(): Promise<void> {
    const pairs = await this.rest.currencyPairs();
    const nowSeconds = Math.floor(Date.now() / 1000);
    const infos = new Map<string, SymbolInfo>();
    for (const pair of pairs) {
      const symbol = this.symbols.register({ base: pair.base, quote: pair.quote }, pair.id);
      infos.set(pair.id, toSymbolInfo(pair, symbol, nowSeconds));
    }
    this.infos = infos;
    this.logger.info({ symbols: infos.size }, 'currency pairs loaded');
  }

  listSymbols(): readonly SymbolInfo[] {
    return [...this.infos.values()];
  }

  symbolInfo(symbol: Symbol): SymbolInfo {
    const info = this.infos.get(this.symbols.toVenue(symbol));
    if (!info) throw new GatewayError('not_found', `${this.venue} does not list ${symbolKey(symbol)}`, { venue: this.venue });
    return info;
  }

  async getOrderBook(symbol: Symbol, depth: number): Promise<OrderBookSnapshot> {
    const info = this.symbolInfo(symbol);
    const limit = depth > 0 ? Math.min(depth, REST_BOOK_MAX_LIMIT) : REST_BOOK_DEFAULT_LIMIT;
    return toOrderBook(await this.rest.orderBook(info.venueSymbol, limit), info.symbol);
  }

  async getRecentTrades(symbol: Symbol, limit: number): Promise<Trade[]> {
    const info = this.symbolInfo(symbol);
    const n = limit > 0 ? Math.min(limit, REST_TRADES_MAX_LIMIT) : REST_TRADES_DEFAULT_LIMIT;
    const trades = await this.rest.trades(info.venueSymbol, n);
    return trades.map((trade) => toTrade(trade, info.symbol));
  }

  async getTicker(symbol: Symbol): Promise<Ticker> {
    const info = this.symbolInfo(symbol);
    return toTicker(await this.rest.ticker(info.venueSymbol), info.symbol, Date.now());
  }

  watchOrderBook(symbol: Symbol, listener: BookListener): Unsubscribe {
    const info = this.symbolInfo(symbol);
    let feed = this.books.get(info.venueSymbol);
    if (!feed) {
      const created = new BookFeed(info.symbol, (reason) => this.bookSync.resync(info.venueSymbol, reason));
      this.books.set(info.venueSymbol, created);
      this.bookSync.start(info.venueSymbol, created);
      feed = created;
    }
    const subscribed = feed;
    subscribed.addListener(listener);
    return () => {
      if (subscribed.removeListener(listener) > 0 || this.books.get(info.venueSymbol) !== subscribed) return;
      this.books.delete(info.venueSymbol);
      this.bookSync.stop(info.venueSymbol);
    };
  }

  watchTrades(symbol: Symbol, listener: (trade: Trade) => void): Unsubscribe {
    return this.trades.add(this.symbolInfo(symbol).venueSymbol, listener);
  }

  watchTicker(symbol: Symbol, listener: (ticker: Ticker) => void): Unsubscribe {
    return this.tickers.add(this.symbolInfo(symbol).venueSymbol, listener);
  }

  currentBook(symbol: Symbol): BookEvent | undefined {
    const feed = this.books.get(this.symbols.toVenue(symbol));
    return feed?.book.isSynced ? feed.snapshotEvent(nowMicros()) : undefined;
  }

  async health(): Promise<HealthReport> {
    const problems: string[] = [];
    let rest = true;
    try {
      await this.rest.serverTime();
    } catch (error) {
      rest = false;
      problems.push(`REST: ${(error as Error).message}`);
    }
    const websocket = this.ws.isConnected();
    if (!websocket) problems.push('websocket: reconnecting');
    const unsynced = [...this.books.values()].filter((feed) => !feed.book.isSynced).map((feed) => symbolKey(feed.symbol));
    if (unsynced.length > 0) problems.push(`order books resynchronising: ${unsynced.join(', ')}`);
    return {
      restConnectivity: rest,
      websocketConnectivity: websocket,
      authentication: true,
      exchangeSpecificFeatures: unsynced.length === 0 && this.infos.size > 0,
      detail: problems.join('; '),
    };
  }

  async close(): Promise<void> {
    this.ws.close();
    await this.rest.close();
  }

  private onTrade(wire: WireWsTrade): void {
    const symbol = this.symbols.fromVenue(wire.currency_pair);
    if (symbol) this.trades.emit(wire.currency_pair, toTrade(wire, symbol));
  }

  private onTicker(wire: WireWsTicker, timeMs: number | undefined): void {
    const symbol = this.symbols.fromVenue(wire.currency_pair);
    if (symbol) this.tickers.emit(wire.currency_pair, toTicker(wire, symbol, timeMs ?? Date.now()));
  }

  private onConnectionState(connection: WsConnection, state: string, detail: string): void {
    this.logger.info({ connection: connection.id, state, detail }, 'venue websocket');
    if (state === 'closed') {
      // Books on that connection can no longer be trusted; the resubscribe on reconnect resyncs them.
      for (const [venueSymbol, feed] of this.books) {
        if (this.ws.connectionOf(this.bookSync.topic(venueSymbol)) !== connection || !feed.book.isSynced) continue;
        feed.invalidate();
        this.metrics.bookResyncs++;
      }
    } else if (state === 'open') {
      this.bookSync.onConnectionOpen(connection.topics);
    }
  }

}
