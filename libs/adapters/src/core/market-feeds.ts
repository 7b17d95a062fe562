import { BookFeed, type BookListener } from './book-feed.js';
import type { BookSyncStrategy } from './book-sync-strategy.js';
import type { Unsubscribe } from './exchange.js';
import { Fanout } from './fanout.js';
import type { Logger } from './logger.js';
import type { AdapterMetrics } from './metrics.js';
import { symbolKey } from './symbol.js';
import { nowMicros, type BookEvent, type SymbolInfo, type Ticker, type Trade } from './types.js';
import type { ConnectionState, ShardedWsClient, WsConnection } from './ws-client.js';

/** Opens and closes one venue subscription (a topic, or whatever the venue needs). */
export interface VenueSubscription {
  open(venueSymbol: string): void;
  close(venueSymbol: string): void;
}

/**
 * The live side of a public adapter, the same for every venue: one synchronised book per
 * watched symbol and fan-outs of trades and tickers, each backed by a single venue
 * subscription however many listeners share it, and the bookkeeping when a connection drops
 * or returns. Venues supply the book sync strategy and how to subscribe trades and tickers.
 */
export class MarketFeeds {
  private readonly books = new Map<string, BookFeed>();
  readonly trades: Fanout<Trade>;
  readonly tickers: Fanout<Ticker>;

  constructor(
    private readonly ws: ShardedWsClient,
    private readonly bookSync: BookSyncStrategy,
    tradeSubscription: VenueSubscription,
    tickerSubscription: VenueSubscription,
    private readonly metrics: AdapterMetrics,
    private readonly logger: Logger,
  ) {
    this.trades = new Fanout(
      (s) => tradeSubscription.open(s),
      (s) => tradeSubscription.close(s),
    );
    this.tickers = new Fanout(
      (s) => tickerSubscription.open(s),
      (s) => tickerSubscription.close(s),
    );
  }

  watchOrderBook(info: SymbolInfo, listener: BookListener): Unsubscribe {
    const venueSymbol = info.venueSymbol;
    let feed = this.books.get(venueSymbol);
    if (!feed) {
      feed = new BookFeed(info.symbol, (reason) => this.bookSync.resync(venueSymbol, reason));
      this.books.set(venueSymbol, feed);
      this.bookSync.start(venueSymbol, feed);
    }
    const subscribed = feed;
    subscribed.addListener(listener);
    return () => {
      if (subscribed.removeListener(listener) > 0 || this.books.get(venueSymbol) !== subscribed) return;
      this.books.delete(venueSymbol);
      this.bookSync.stop(venueSymbol);
    };
  }

  currentBook(venueSymbol: string): BookEvent | undefined {
    const feed = this.books.get(venueSymbol);
    return feed?.book.isSynced ? feed.snapshotEvent(nowMicros()) : undefined;
  }

  /** Books being resynchronised right now, as "BASE/QUOTE". */
  unsyncedBooks(): string[] {
    return [...this.books.values()].filter((feed) => !feed.book.isSynced).map((feed) => symbolKey(feed.symbol));
  }

  /** Wire to the websocket client's state changes. */
  onConnectionState(connection: WsConnection, state: ConnectionState, detail: string): void {
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
