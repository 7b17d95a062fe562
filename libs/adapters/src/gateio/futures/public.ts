import type { VenueConfig } from '../../core/exchange.js';
import type { Unsubscribe } from '../../core/exchange.js';
import { Fanout } from '../../core/fanout.js';
import { rollFundingTime, type ContractInfo, type FundingRate, type FuturesPublicExchange, type Liquidation, type MarkPrice } from '../../core/futures-exchange.js';
import { venueHealth } from '../../core/health.js';
import { silentLogger, type Logger } from '../../core/logger.js';
import { MarketFeeds, type VenueSubscription } from '../../core/market-feeds.js';
import { AdapterMetrics } from '../../core/metrics.js';
import { PublicExchangeBase } from '../../core/public-exchange-base.js';
import { SymbolCatalog } from '../../core/symbol-catalog.js';
import type { Pair } from '../../core/symbol.js';
import { nowMicros, type HealthReport, type OrderBookSnapshot, type Ticker, type Trade } from '../../core/types.js';
import { ShardedWsClient } from '../../core/ws-client.js';
import { ObuBookSync } from '../common/book-obu.js';
import { GateioFrameRouter } from '../common/router.js';
import { gateioSymbolMapper } from '../common/symbols.js';
import type { WireLevel } from '../common/wire.js';
import { gateioConnectionStrategy, gateioTopic } from '../common/ws-envelope.js';
import { gateioFuturesSettings } from './config.js';
import { FUTURES_CHANNEL, REST_BOOK_DEFAULT_LIMIT, REST_BOOK_MAX_LIMIT, REST_TRADES_DEFAULT_LIMIT, REST_TRADES_MAX_LIMIT, SIZE_DECIMAL_HEADER } from './constants.js';
import { contractCatalogue, obuLevelsToBase, toFundingRate, toLiquidation, toMarkPrice, tickerFromPush, toOrderBook, toTicker, toTrade } from './parse.js';
import { GateioFuturesPublicRest } from './rest.js';
import type { WireFuturesTicker, WireFuturesTrade, WirePublicLiquidation } from './wire.js';

export const GATEIO_FUTURES = 'gateio_futures';
/** futures.obu depth: 50 levels every 20 ms. */
const OBU_DEPTH = 50;

/**
 * Gate.io USDT perpetual futures, public side: contracts, the futures.obu book (sizes converted
 * from contracts to base units), trades, tickers, and funding / mark / index (which the venue
 * carries in futures.tickers) and public liquidations.
 */
export class GateioFuturesPublic extends PublicExchangeBase implements FuturesPublicExchange {
  readonly venue = GATEIO_FUTURES;
  readonly metrics = new AdapterMetrics();
  readonly maxStreamDepth = OBU_DEPTH;
  protected readonly catalog = new SymbolCatalog(GATEIO_FUTURES, gateioSymbolMapper());
  protected readonly feeds: MarketFeeds;

  private readonly logger: Logger;
  private readonly rest: GateioFuturesPublicRest;
  private readonly ws: ShardedWsClient;
  private contracts = new Map<string, ContractInfo>();
  private readonly funding = new Fanout<FundingRate>(
    () => {},
    () => {},
  );
  private readonly marks = new Fanout<MarkPrice>(
    () => {},
    () => {},
  );
  private readonly liquidations: Fanout<Liquidation>;
  /** futures.tickers serves tickers, funding and mark listeners: one subscription, counted. */
  private readonly tickerUsers = new Map<string, number>();

  constructor(config: VenueConfig = {}) {
    super();
    this.logger = (config.logger ?? silentLogger).child({ venue: this.venue });
    const settings = gateioFuturesSettings(config);
    this.rest = new GateioFuturesPublicRest(this.venue, settings.restBaseUrl, this.metrics);
    const router = new GateioFrameRouter(this.metrics, this.logger);
    this.ws = new ShardedWsClient({
      venue: this.venue,
      strategy: gateioConnectionStrategy({ url: settings.wsUrl, market: 'futures', headers: SIZE_DECIMAL_HEADER }),
      metrics: this.metrics,
      listener: {
        onMessage: (data, isBinary, connection) => router.handleFrame(data, isBinary, nowMicros(), connection),
        onStateChange: (connection, state, detail) => this.feeds.onConnectionState(connection, state, detail),
      },
    });
    const obu = new ObuBookSync(this.ws, OBU_DEPTH, this.metrics, this.logger, FUTURES_CHANNEL.obu, (stream, levels) => this.levelsToBase(stream, levels));
    router.onFast((text, receivedUs) => obu.tryFastPath(text, receivedUs));
    router.on(FUTURES_CHANNEL.obu, (result, _frame, receivedUs) => obu.onUpdate(result, receivedUs));
    router.on(FUTURES_CHANNEL.trades, (result) => this.onTrades(result as WireFuturesTrade[]));
    router.on(FUTURES_CHANNEL.tickers, (result, frame) => this.onTickers(result as WireFuturesTicker[], frame.time_ms ?? Date.now()));
    router.on(FUTURES_CHANNEL.liquidations, (result) => this.onLiquidations(result as WirePublicLiquidation[]));
    const topicSubscription = (channel: string): VenueSubscription => ({
      open: (venueSymbol) => this.ws.subscribe(gateioTopic(channel, [venueSymbol])),
      close: (venueSymbol) => this.ws.unsubscribe(gateioTopic(channel, [venueSymbol])),
    });
    this.liquidations = new Fanout<Liquidation>(
      (s) => topicSubscription(FUTURES_CHANNEL.liquidations).open(s),
      (s) => topicSubscription(FUTURES_CHANNEL.liquidations).close(s),
    );
    this.feeds = new MarketFeeds(this.ws, obu, topicSubscription(FUTURES_CHANNEL.trades), { open: (s) => this.useTickers(s, 1), close: (s) => this.useTickers(s, -1) }, this.metrics, this.logger);
  }

  async start(): Promise<void> {
    const { infos, contracts } = contractCatalogue(await this.rest.contracts());
    this.catalog.replace(infos);
    this.contracts = contracts;
    this.logger.info({ contracts: this.contracts.size }, 'contracts loaded');
  }

  listContracts(): readonly ContractInfo[] {
    const now = Date.now();
    return [...this.contracts.values()].map((contract) => ({ ...contract, nextFundingTimeMs: this.nextFundingMs(contract, now) }));
  }

  async getOrderBook(symbol: Pair, depth: number): Promise<OrderBookSnapshot> {
    const contract = this.contract(symbol);
    const limit = depth > 0 ? Math.min(depth, REST_BOOK_MAX_LIMIT) : REST_BOOK_DEFAULT_LIMIT;
    return toOrderBook(await this.rest.orderBook(contract.venueSymbol, limit), contract.symbol, contract.contractMultiplier);
  }

  async getRecentTrades(symbol: Pair, limit: number): Promise<Trade[]> {
    const contract = this.contract(symbol);
    const n = limit > 0 ? Math.min(limit, REST_TRADES_MAX_LIMIT) : REST_TRADES_DEFAULT_LIMIT;
    return (await this.rest.trades(contract.venueSymbol, n)).map((trade) => toTrade(trade, contract.symbol, contract.contractMultiplier));
  }

  async getTicker(symbol: Pair): Promise<Ticker> {
    const contract = this.contract(symbol);
    return toTicker(await this.rest.ticker(contract.venueSymbol), contract.symbol, contract.contractMultiplier, Date.now());
  }

  async getFundingRate(symbol: Pair): Promise<FundingRate> {
    const contract = this.contract(symbol);
    const ticker = await this.rest.ticker(contract.venueSymbol);
    const now = Date.now();
    return toFundingRate(ticker, contract.symbol, this.nextFundingMs(contract, now), now);
  }

  async getMarkPrice(symbol: Pair): Promise<MarkPrice> {
    const contract = this.contract(symbol);
    return toMarkPrice(await this.rest.ticker(contract.venueSymbol), contract.symbol, Date.now());
  }

  watchFundingRate(symbol: Pair, listener: (rate: FundingRate) => void): Unsubscribe {
    return this.withTickers(this.contract(symbol).venueSymbol, this.funding.add(this.contract(symbol).venueSymbol, listener));
  }

  watchMarkPrice(symbol: Pair, listener: (mark: MarkPrice) => void): Unsubscribe {
    return this.withTickers(this.contract(symbol).venueSymbol, this.marks.add(this.contract(symbol).venueSymbol, listener));
  }

  watchLiquidations(symbol: Pair, listener: (liquidation: Liquidation) => void): Unsubscribe {
    return this.liquidations.add(this.contract(symbol).venueSymbol, listener);
  }

  health(): Promise<HealthReport> {
    return venueHealth(() => this.rest.serverTime(), this.ws, this.feeds, this.catalog.size);
  }

  async close(): Promise<void> {
    this.ws.close();
    await this.rest.close();
  }

  private contract(symbol: Pair): ContractInfo {
    const info = this.catalog.get(symbol); // NOT_FOUND for a contract the venue does not list
    return this.contracts.get(info.venueSymbol)!;
  }

  /**
   * The contract's funding schedule (GET /contracts funding_next_apply and funding_interval) rolled
   * forward: neither the ticker push nor GET /tickers documents a next funding time.
   */
  private nextFundingMs(contract: ContractInfo, nowMs: number): number {
    return rollFundingTime(contract.nextFundingTimeMs, contract.fundingIntervalS * 1000, nowMs);
  }

  private levelsToBase(stream: string, levels: WireLevel[]): WireLevel[] {
    // stream is "ob.BTC_USDT.50"
    const contract = this.contracts.get(stream.slice(3, stream.lastIndexOf('.')));
    if (!contract) return levels;
    return obuLevelsToBase(levels, contract.contractMultiplier);
  }

  private useTickers(venueSymbol: string, delta: number): void {
    const users = (this.tickerUsers.get(venueSymbol) ?? 0) + delta;
    if (users > 0) this.tickerUsers.set(venueSymbol, users);
    else this.tickerUsers.delete(venueSymbol);
    if (delta > 0 && users === 1) this.ws.subscribe(gateioTopic(FUTURES_CHANNEL.tickers, [venueSymbol]));
    if (delta < 0 && users === 0) this.ws.unsubscribe(gateioTopic(FUTURES_CHANNEL.tickers, [venueSymbol]));
  }

  /** Counts a funding or mark listener as a futures.tickers user for as long as it listens. */
  private withTickers(venueSymbol: string, unsubscribe: Unsubscribe): Unsubscribe {
    this.useTickers(venueSymbol, 1);
    return () => {
      unsubscribe();
      this.useTickers(venueSymbol, -1);
    };
  }

  private onTrades(trades: WireFuturesTrade[]): void {
    for (const wire of Array.isArray(trades) ? trades : []) {
      const contract = this.contracts.get(wire.contract);
      if (contract) this.feeds.trades.emit(wire.contract, toTrade(wire, contract.symbol, contract.contractMultiplier));
    }
  }

  private onTickers(tickers: WireFuturesTicker[], timeMs: number): void {
    for (const wire of Array.isArray(tickers) ? tickers : []) {
      const contract = this.contracts.get(wire.contract);
      if (!contract) continue;
      this.feeds.tickers.emit(wire.contract, tickerFromPush(wire, contract.symbol, timeMs));
      this.funding.emit(wire.contract, toFundingRate(wire, contract.symbol, this.nextFundingMs(contract, timeMs), timeMs));
      this.marks.emit(wire.contract, toMarkPrice(wire, contract.symbol, timeMs));
    }
  }

  private onLiquidations(liquidations: WirePublicLiquidation[]): void {
    for (const wire of Array.isArray(liquidations) ? liquidations : []) {
      const contract = this.contracts.get(wire.contract);
      if (contract) this.liquidations.emit(wire.contract, toLiquidation(wire, contract.symbol, contract.contractMultiplier));
    }
  }
}
