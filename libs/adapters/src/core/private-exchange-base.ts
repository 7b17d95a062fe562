import { privateVenueHealth } from './health.js';
import { silentLogger, type Logger } from './logger.js';
import { AdapterMetrics } from './metrics.js';
import type { Balance, Fill, OrderRef, OrderRequest, OrderState, PrivateExchange, PrivateListener, PrivateVenueConfig } from './private-exchange.js';
import type { PushContext } from './push-items.js';
import { ServerClock } from './server-clock.js';
import { SymbolCatalog } from './symbol-catalog.js';
import type { CachedSymbolMapper, Pair } from './symbol.js';
import type { HealthReport, SymbolInfo } from './types.js';
import type { ConnectionState } from './ws-client.js';

/** Signed requests carry the venue's time: the offset is re-measured this often. */
const CLOCK_SYNC_MS = 60_000;

/**
 * What every private adapter does the same way: its metrics, logger and symbol catalogue, the
 * venue clock that signs requests, the start sequence (symbols, clock, private stream) and the
 * close, the stream-state relay and health. Venues implement the orders, balances and history,
 * and say how to read their symbols, their clock and their private stream.
 */
export abstract class PrivateExchangeBase<L extends PrivateListener = PrivateListener> implements PrivateExchange {
  abstract readonly listsAllOpenOrders: boolean;
  readonly metrics = new AdapterMetrics();
  readonly catalog: SymbolCatalog;
  readonly clock: ServerClock;
  protected readonly logger: Logger;
  /** Where an unreadable push is counted and logged. */
  protected readonly pushContext: PushContext;
  protected listener: L | undefined;
  /** A socket of its own that orders travel on (Gate's websocket API), when the venue is so configured. */
  protected orderChannel: { start(): Promise<void>; close(): void; isConnected(): boolean } | undefined;
  /** REST pools this adapter opened (ownRest), closed after the stream. */
  private readonly restClients: { close(): Promise<void> }[] = [];

  constructor(
    readonly venue: string,
    mapper: CachedSymbolMapper,
    config: Pick<PrivateVenueConfig, 'logger'>,
  ) {
    this.catalog = new SymbolCatalog(venue, mapper);
    this.logger = (config.logger ?? silentLogger).child({ venue });
    this.pushContext = { metrics: this.metrics, logger: this.logger };
    this.clock = new ServerClock(() => this.serverTimeMs());
  }

  get symbols(): CachedSymbolMapper {
    return this.catalog.mapper;
  }

  /** The venue's clock in ms, as its time endpoint answers. */
  protected abstract serverTimeMs(): Promise<number>;
  /** The venue's tradable symbols and their rules. */
  protected abstract loadSymbols(): Promise<Iterable<SymbolInfo>>;
  /** Opens the private stream; its pushes go to `this.listener`. Runs after the clock is synchronised (signed subscriptions). */
  protected abstract openPrivateStream(): Promise<void>;
  /** An authenticated read: does the venue accept our key? */
  protected abstract probeAuthenticated(): Promise<unknown>;
  /** The private websocket, closed first. */
  protected abstract readonly privateStream: { isConnected(): boolean; close(): void | Promise<void> };

  abstract placeOrder(request: OrderRequest): Promise<OrderState>;
  abstract cancelOrder(ref: OrderRef): Promise<OrderState>;
  abstract getOrder(ref: OrderRef): Promise<OrderState>;
  abstract listOpenOrders(symbol?: Pair): Promise<OrderState[]>;
  abstract getBalances(): Promise<Balance[]>;
  abstract fillsSince(sinceMs: number, symbols: readonly Pair[]): Promise<Fill[]>;

  async start(listener: L): Promise<void> {
    this.listener = listener;
    this.catalog.replace(await this.loadSymbols());
    await this.clock.sync();
    this.clock.startAutoSync(CLOCK_SYNC_MS, (error) => this.logger.warn({ err: (error as Error).message }, 'server time sync failed'));
    await this.openPrivateStream();
    await this.orderChannel?.start();
  }

  async close(): Promise<void> {
    this.clock.stop();
    this.orderChannel?.close();
    await this.privateStream.close();
    for (const rest of this.restClients) await rest.close();
  }

  listSymbols(): readonly SymbolInfo[] {
    return this.catalog.list();
  }

  symbolInfo(symbol: Pair): SymbolInfo {
    return this.catalog.get(symbol);
  }

  health(): Promise<HealthReport> {
    return privateVenueHealth(() => this.probeAuthenticated(), this.privateStream.isConnected() && (this.orderChannel?.isConnected() ?? true));
  }

  /** A REST client of this adapter's, closed with it. */
  protected ownRest<T extends { close(): Promise<void> }>(client: T): T {
    this.restClients.push(client);
    return client;
  }

  /** What a venue's private websocket client is built with: its venue, clock, metrics, logger and state relay. */
  protected get streamContext() {
    return { venue: this.venue, clock: this.clock, metrics: this.metrics, logger: this.logger, onStateChange: this.relayStreamState };
  }

  /** The websocket client's state changes, told to the listener: a reconnect makes the caller recover fills from REST. */
  protected readonly relayStreamState = (_connection: unknown, state: ConnectionState, detail: string): void => {
    if (state === 'open') this.listener?.onStreamState(true, detail);
    else if (state === 'closed') this.listener?.onStreamState(false, detail);
  };

  /** A pushed venue symbol as ours: from the catalogue, else by the venue's spelling rule. */
  protected symbolOfVenue(venueSymbol: string): Pair | undefined {
    return this.catalog.byVenueSymbol(venueSymbol)?.symbol ?? this.symbols.fromVenue(venueSymbol);
  }
}
