import type { Unsubscribe, VenueConfig } from '../../core/exchange.js';
import { Fanout } from '../../core/fanout.js';
import { rollFundingTime, type ContractInfo, type FundingRate, type FuturesPublicExchange, type Liquidation, type MarkPrice } from '../../core/futures-exchange.js';
import { venueHealth } from '../../core/health.js';
import { silentLogger, type Logger } from '../../core/logger.js';
import { MarketFeeds } from '../../core/market-feeds.js';
import { AdapterMetrics } from '../../core/metrics.js';
import { PublicExchangeBase } from '../../core/public-exchange-base.js';
import { SymbolCatalog } from '../../core/symbol-catalog.js';
import type { Pair } from '../../core/symbol.js';
import { nowMicros, type HealthReport, type OrderBookSnapshot, type Ticker, type Trade } from '../../core/types.js';
import { ShardedWsClient, type ConnectionState, type WsConnection } from '../../core/ws-client.js';
import { BinanceDepthSync } from '../common/depth-sync.js';
import { USDM_EVENTS, orderBookOf, serverTimeOf, tickerOf, tradeOf, tradeOfEvent } from '../common/market-parse.js';
import { BinancePublicRest } from '../common/public-rest.js';
import { BinanceRateLimits } from '../common/rate-limits.js';
import { binanceStreamStrategy, USDM_STREAM_RULES } from '../common/stream-connection.js';
import { BinanceStreamRouter } from '../common/stream-router.js';
import { binanceSymbolMapper } from '../common/symbols.js';
import { BinanceTickerFeed } from '../common/ticker-feed.js';
import {
  BINANCE_USDM_REST_URL,
  BINANCE_USDM_WS_URL,
  depthLimitFor,
  depthWeight,
  REST_DEPTH_DEFAULT_LIMIT,
  REST_TRADES_DEFAULT_LIMIT,
  REST_TRADES_MAX_LIMIT,
  SNAPSHOT_DEPTH_LIMIT,
} from './constants.js';
import { BINANCE_USDM, fundingIntervals, fundingRateOf, liquidationOfEvent, markOfEvent, markPriceOf, nextFundingTimes, read, usdmCatalogue } from './parse.js';
import { BINANCE_USDM_LIMITS } from './rate-limits.js';

export { BINANCE_USDM } from './parse.js';

export const USDM_PATHS = { prefix: '/fapi/v1', depthWeight } as const;

const stream =
  (kind: string) =>
  (venueSymbol: string): string =>
    `${venueSymbol.toLowerCase()}@${kind}`;
const aggTradeStream = stream('aggTrade');
const markStream = stream('markPrice@1s');
const liquidationStream = stream('forceOrder');
/** A depth answer's transaction time. */
const transactionTime = (wire: Record<string, unknown>): number => read.millis(wire.T, 'a transaction time');

/** The market-data side of the USDⓈ-M venue's contracts, loaded once: the catalogue and funding schedule. */
export async function loadUsdmCatalogue(rest: BinancePublicRest) {
  const [info, funding, premium] = await Promise.all([rest.exchangeInfo(), rest.get('/fundingInfo'), rest.get('/premiumIndex', undefined, 10)]);
  return usdmCatalogue(info, { intervalHours: fundingIntervals(funding), next: nextFundingTimes(premium) });
}

/**
 * Binance USDⓈ-M perpetual futures, public side: contracts (one step of LOT_SIZE per contract),
 * the diff-depth book (`pu` continuity), aggregate trades, tickers with real-time best prices,
 * mark / index price and funding (`markPrice@1s`), and public liquidations (`forceOrder`).
 */
export class BinanceUsdmPublic extends PublicExchangeBase implements FuturesPublicExchange {
  readonly venue = BINANCE_USDM;
  readonly metrics = new AdapterMetrics();
  readonly maxStreamDepth = 0;
  protected readonly catalog = new SymbolCatalog(BINANCE_USDM, binanceSymbolMapper());
  protected readonly feeds: MarketFeeds;

  private readonly logger: Logger;
  private readonly rest: BinancePublicRest;
  /** Depth and book tickers (the venue's /public route). */
  private readonly ws: ShardedWsClient;
  /** Trades, tickers, mark prices and liquidations (its /market route). */
  private readonly marketWs: ShardedWsClient;
  private contracts = new Map<string, ContractInfo>();
  private readonly funding: Fanout<FundingRate>;
  private readonly marks: Fanout<MarkPrice>;
  private readonly liquidations: Fanout<Liquidation>;
  /** markPrice@1s serves funding and mark listeners: one subscription, counted. */
  private readonly markUsers = new Map<string, number>();

  constructor(config: VenueConfig = {}) {
    super();
    this.logger = (config.logger ?? silentLogger).child({ venue: this.venue });
    this.rest = new BinancePublicRest(this.venue, config.restBaseUrl ?? BINANCE_USDM_REST_URL, USDM_PATHS, this.metrics, new BinanceRateLimits(BINANCE_USDM_LIMITS, this.metrics));
    const router = new BinanceStreamRouter(this.metrics, this.logger);
    // Since 2026-04-23 USDⓈ-M routes streams by kind: /public (depth, book tickers) and /market
    // (trades, tickers, mark prices, liquidations); a stream sent to the other route pushes nothing.
    const base = (config.wsUrl ?? BINANCE_USDM_WS_URL).replace(/\/+$/, '');
    const client = (route: 'public' | 'market', onState: (connection: WsConnection, state: ConnectionState, detail: string) => void) =>
      new ShardedWsClient({
        venue: this.venue,
        strategy: binanceStreamStrategy(`${base}/${route}`, USDM_STREAM_RULES),
        metrics: this.metrics,
        listener: { onMessage: (data, isBinary) => router.handleFrame(data, isBinary, nowMicros()), onStateChange: onState },
      });
    this.ws = client('public', (connection, state, detail) => this.feeds.onConnectionState(connection, state, detail));
    this.marketWs = client('market', (connection, state, detail) => this.logger.info({ connection: connection.id, state, detail }, 'venue websocket (market streams)'));
    const depth = new BinanceDepthSync({
      venue: this.venue,
      ws: this.ws,
      continuity: 'previous-final',
      fetchSnapshot: async (venueSymbol) => {
        const book = orderBookOf(read, await this.rest.depth(venueSymbol, SNAPSHOT_DEPTH_LIMIT), { base: '', quote: '' }, transactionTime);
        return { bids: book.bids, asks: book.asks, updateId: book.updateId, timestampMs: book.timestampMs };
      },
      metrics: this.metrics,
      logger: this.logger,
    });
    const tickers = new BinanceTickerFeed(
      { stats: this.marketWs, book: this.ws },
      read,
      USDM_EVENTS,
      (s) => this.catalog.byVenueSymbol(s)?.symbol,
      (s, ticker) => this.feeds.tickers.emit(s, ticker),
      (error) => this.malformed('ticker', error),
    );
    const subscription = (streamOf: (venueSymbol: string) => string) => ({ open: (s: string) => this.marketWs.subscribe(streamOf(s)), close: (s: string) => this.marketWs.unsubscribe(streamOf(s)) });
    this.funding = new Fanout<FundingRate>(
      () => {},
      () => {},
    );
    this.marks = new Fanout<MarkPrice>(
      () => {},
      () => {},
    );
    const liquidations = subscription(liquidationStream);
    this.liquidations = new Fanout<Liquidation>(liquidations.open, liquidations.close);
    router
      .on('depth@100ms', (data, receivedUs, levelsChecked) => depth.onEvent(data, receivedUs, levelsChecked))
      .on('aggTrade', (data) => this.onTrade(data))
      .on('ticker', (data) => tickers.onTicker(data))
      .on('bookTicker', (data) => tickers.onBookTicker(data))
      .on('markPrice@1s', (data) => this.onMark(data))
      .on('forceOrder', (data) => this.onLiquidation(data));
    this.feeds = new MarketFeeds(this.ws, depth, subscription(aggTradeStream), tickers, this.metrics, this.logger);
  }

  async start(): Promise<void> {
    const { infos, contracts } = await loadUsdmCatalogue(this.rest);
    this.catalog.replace(infos);
    this.contracts = contracts;
    this.logger.info({ contracts: contracts.size }, 'contracts loaded');
  }

  listContracts(): readonly ContractInfo[] {
    const now = Date.now();
    return [...this.contracts.values()].map((contract) => ({ ...contract, nextFundingTimeMs: rollFundingTime(contract.nextFundingTimeMs, contract.fundingIntervalS * 1000, now) }));
  }

  async getOrderBook(symbol: Pair, depth: number): Promise<OrderBookSnapshot> {
    const contract = this.contract(symbol);
    const limit = depth > 0 ? depthLimitFor(depth) : REST_DEPTH_DEFAULT_LIMIT;
    const book = orderBookOf(read, await this.rest.depth(contract.venueSymbol, limit), contract.symbol, transactionTime);
    return depth > 0 && depth < limit ? { ...book, bids: book.bids.slice(0, depth), asks: book.asks.slice(0, depth) } : book;
  }

  async getRecentTrades(symbol: Pair, limit: number): Promise<Trade[]> {
    const contract = this.contract(symbol);
    const n = limit > 0 ? Math.min(limit, REST_TRADES_MAX_LIMIT) : REST_TRADES_DEFAULT_LIMIT;
    return read.list(await this.rest.trades(contract.venueSymbol, n), 'trades').map((trade) => tradeOf(read, trade, contract.symbol));
  }

  /** The 24 h statistics, with the best bid and ask the USDⓈ-M statistics do not carry. */
  async getTicker(symbol: Pair): Promise<Ticker> {
    const contract = this.contract(symbol);
    const [stats, book] = await Promise.all([this.rest.ticker24h(contract.venueSymbol), this.rest.bookTicker(contract.venueSymbol)]);
    return tickerOf(read, stats, contract.symbol, book);
  }

  async getFundingRate(symbol: Pair): Promise<FundingRate> {
    const contract = this.contract(symbol);
    return fundingRateOf(await this.rest.get('/premiumIndex', { symbol: contract.venueSymbol }, 1), contract.symbol);
  }

  async getMarkPrice(symbol: Pair): Promise<MarkPrice> {
    const contract = this.contract(symbol);
    return markPriceOf(await this.rest.get('/premiumIndex', { symbol: contract.venueSymbol }, 1), contract.symbol);
  }

  watchFundingRate(symbol: Pair, listener: (rate: FundingRate) => void): Unsubscribe {
    const venueSymbol = this.contract(symbol).venueSymbol;
    return this.withMarks(venueSymbol, this.funding.add(venueSymbol, listener));
  }

  watchMarkPrice(symbol: Pair, listener: (mark: MarkPrice) => void): Unsubscribe {
    const venueSymbol = this.contract(symbol).venueSymbol;
    return this.withMarks(venueSymbol, this.marks.add(venueSymbol, listener));
  }

  watchLiquidations(symbol: Pair, listener: (liquidation: Liquidation) => void): Unsubscribe {
    return this.liquidations.add(this.contract(symbol).venueSymbol, listener);
  }

  health(): Promise<HealthReport> {
    const both = { isConnected: () => this.ws.isConnected() && this.marketWs.isConnected() };
    return venueHealth(async () => serverTimeOf(read, await this.rest.serverTime()), both, this.feeds, this.catalog.size);
  }

  async close(): Promise<void> {
    this.ws.close();
    this.marketWs.close();
    await this.rest.close();
  }

  private contract(symbol: Pair): ContractInfo {
    const info = this.catalog.get(symbol); // NOT_FOUND for a contract the venue does not list
    return this.contracts.get(info.venueSymbol)!;
  }

  /** Counts a funding or mark listener as a markPrice@1s user for as long as it listens. */
  private withMarks(venueSymbol: string, unsubscribe: Unsubscribe): Unsubscribe {
    const users = (this.markUsers.get(venueSymbol) ?? 0) + 1;
    this.markUsers.set(venueSymbol, users);
    if (users === 1) this.marketWs.subscribe(markStream(venueSymbol));
    return () => {
      unsubscribe();
      const left = (this.markUsers.get(venueSymbol) ?? 1) - 1;
      if (left > 0) this.markUsers.set(venueSymbol, left);
      else {
        this.markUsers.delete(venueSymbol);
        this.marketWs.unsubscribe(markStream(venueSymbol));
      }
    };
  }

  /** An event of a listed contract, read; a malformed one is counted and dropped. */
  private readEvent<T>(stream: string, venueSymbol: unknown, readIt: (contract: ContractInfo) => T, deliver: (venueSymbol: string, value: T) => void): void {
    const contract = typeof venueSymbol === 'string' ? this.contracts.get(venueSymbol) : undefined;
    if (!contract) return;
    let value: T;
    try {
      value = readIt(contract);
    } catch (error) {
      this.malformed(stream, error as Error);
      return;
    }
    deliver(contract.venueSymbol, value);
  }

  private onTrade(data: Record<string, unknown>): void {
    this.readEvent(
      'aggTrade',
      data.s,
      (c) => tradeOfEvent(read, USDM_EVENTS, data, c.symbol),
      (s, trade) => this.feeds.trades.emit(s, trade),
    );
  }

  private onMark(data: Record<string, unknown>): void {
    this.readEvent(
      'markPrice',
      data.s,
      (c) => markOfEvent(data, c.symbol),
      (s, { mark, funding }) => {
        this.marks.emit(s, mark);
        this.funding.emit(s, funding);
      },
    );
  }

  private onLiquidation(data: Record<string, unknown>): void {
    const order = data.o as Record<string, unknown> | undefined;
    this.readEvent(
      'forceOrder',
      order?.s,
      (c) => liquidationOfEvent(data, c),
      (s, liquidation) => this.liquidations.emit(s, liquidation),
    );
  }

  private malformed(stream: string, error: Error): void {
    this.metrics.wsMessagesMalformed++;
    this.logger.warn({ stream, err: error.message }, 'malformed stream event dropped');
  }
}
