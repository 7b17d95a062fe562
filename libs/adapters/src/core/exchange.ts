import type { BookListener } from './book-feed.js';
import type { Logger } from './logger.js';
import type { AdapterMetrics } from './metrics.js';
import type { Pair, SymbolMapper } from './symbol.js';
import type { BookEvent, HealthReport, OrderBookSnapshot, SymbolInfo, Ticker, Trade } from './types.js';

/** Stops a live subscription. */
export type Unsubscribe = () => void;

/** Public market data of one venue: no credentials, no trading. */
export interface PublicExchange {
  readonly venue: string;
  readonly metrics: AdapterMetrics;
  readonly symbols: SymbolMapper;
  /** Deepest book a stream can carry (the venue channel's depth). */
  readonly maxStreamDepth: number;
  /** Loads the venue's symbols and rules; call once before anything else. */
  start(): Promise<void>;
  listSymbols(): readonly SymbolInfo[];
  /** The rules of one symbol; throws GatewayError('not_found') for a symbol the venue does not list. */
  symbolInfo(symbol: Pair): SymbolInfo;
  getOrderBook(symbol: Pair, depth: number): Promise<OrderBookSnapshot>;
  getRecentTrades(symbol: Pair, limit: number): Promise<Trade[]>;
  getTicker(symbol: Pair): Promise<Ticker>;
  /** Snapshot (when synced) then deltas; one venue subscription per symbol however many listeners. */
  watchOrderBook(symbol: Pair, listener: BookListener): Unsubscribe;
  /** The current synchronised book as a snapshot event, when a watched book is in sync. */
  currentBook(symbol: Pair): BookEvent | undefined;
  watchTrades(symbol: Pair, listener: (trade: Trade) => void): Unsubscribe;
  watchTicker(symbol: Pair, listener: (ticker: Ticker) => void): Unsubscribe;
  health(): Promise<HealthReport>;
  close(): Promise<void>;
}

/** Where a venue adapter connects and how it logs. Defaults are the live venue's endpoints. */
export interface VenueConfig {
  readonly restBaseUrl?: string;
  readonly wsUrl?: string;
  readonly logger?: Logger;
  /** Venue-specific switches, documented in each venue folder's config file. */
  readonly options?: Readonly<Record<string, string>>;
}
