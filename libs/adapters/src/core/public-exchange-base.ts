import type { BookListener } from './book-feed.js';
import type { PublicExchange, Unsubscribe } from './exchange.js';
import type { MarketFeeds } from './market-feeds.js';
import type { AdapterMetrics } from './metrics.js';
import type { SymbolCatalog } from './symbol-catalog.js';
import type { Pair } from './symbol.js';
import type { BookEvent, HealthReport, OrderBookSnapshot, SymbolInfo, Ticker, Trade } from './types.js';

/**
 * What every public adapter does the same way once it has a symbol catalog and market feeds:
 * lookups and live subscriptions. Venues implement loading, the REST reads and health.
 */
export abstract class PublicExchangeBase implements PublicExchange {
  abstract readonly venue: string;
  abstract readonly metrics: AdapterMetrics;
  abstract readonly maxStreamDepth: number;
  protected abstract readonly catalog: SymbolCatalog;
  protected abstract readonly feeds: MarketFeeds;

  get symbols() {
    return this.catalog.mapper;
  }

  abstract start(): Promise<void>;
  abstract getOrderBook(symbol: Pair, depth: number): Promise<OrderBookSnapshot>;
  abstract getRecentTrades(symbol: Pair, limit: number): Promise<Trade[]>;
  abstract getTicker(symbol: Pair): Promise<Ticker>;
  abstract health(): Promise<HealthReport>;
  abstract close(): Promise<void>;

  listSymbols(): readonly SymbolInfo[] {
    return this.catalog.list();
  }

  symbolInfo(symbol: Pair): SymbolInfo {
    return this.catalog.get(symbol);
  }

  watchOrderBook(symbol: Pair, listener: BookListener): Unsubscribe {
    return this.feeds.watchOrderBook(this.catalog.get(symbol), listener);
  }

  currentBook(symbol: Pair): BookEvent | undefined {
    return this.feeds.currentBook(this.symbols.toVenue(symbol));
  }

  watchTrades(symbol: Pair, listener: (trade: Trade) => void): Unsubscribe {
    return this.feeds.trades.add(this.catalog.get(symbol).venueSymbol, listener);
  }

  watchTicker(symbol: Pair, listener: (ticker: Ticker) => void): Unsubscribe {
    return this.feeds.tickers.add(this.catalog.get(symbol).venueSymbol, listener);
  }
}
