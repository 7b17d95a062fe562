import type { VenueSubscription } from '../../core/market-feeds.js';
import type { Pair } from '../../core/symbol.js';
import type { Ticker } from '../../core/types.js';
import type { WireReader } from '../../core/wire-read.js';
import type { ShardedWsClient } from '../../core/ws-client.js';
import { tickerOfEvent, tickerWithBook, type BinanceEventShape } from './market-parse.js';

export const tickerStream = (venueSymbol: string): string => `${venueSymbol.toLowerCase()}@ticker`;
export const bookTickerStream = (venueSymbol: string): string => `${venueSymbol.toLowerCase()}@bookTicker`;

/**
 * A symbol's ticker from two streams: `@ticker` (the 24 h statistics, every second) and
 * `@bookTicker` (the best bid and ask, in real time), so the best prices move as fast as the book
 * while the statistics stay exact. Nothing is emitted before the first statistics arrive.
 */
export class BinanceTickerFeed implements VenueSubscription {
  private readonly last = new Map<string, Ticker>();

  constructor(
    /** Where each stream lives (one client on spot; USDⓈ-M routes them to two endpoints). */
    private readonly ws: { readonly stats: ShardedWsClient; readonly book: ShardedWsClient },
    private readonly read: WireReader,
    private readonly shape: BinanceEventShape,
    private readonly symbolOf: (venueSymbol: string) => Pair | undefined,
    private readonly emit: (venueSymbol: string, ticker: Ticker) => void,
    private readonly onMalformed: (error: Error) => void,
  ) {}

  open(venueSymbol: string): void {
    this.ws.stats.subscribe(tickerStream(venueSymbol));
    this.ws.book.subscribe(bookTickerStream(venueSymbol));
  }

  close(venueSymbol: string): void {
    this.ws.stats.unsubscribe(tickerStream(venueSymbol));
    this.ws.book.unsubscribe(bookTickerStream(venueSymbol));
    this.last.delete(venueSymbol);
  }

  onTicker(data: Record<string, unknown>): void {
    this.update(data, (venueSymbol, symbol) => tickerOfEvent(this.read, this.shape, data, symbol, this.last.get(venueSymbol)));
  }

  onBookTicker(data: Record<string, unknown>): void {
    this.update(data, (venueSymbol) => {
      const previous = this.last.get(venueSymbol);
      return previous && tickerWithBook(this.read, this.shape, data, previous, Date.now());
    });
  }

  private update(data: Record<string, unknown>, next: (venueSymbol: string, symbol: Pair) => Ticker | undefined): void {
    const venueSymbol = data.s;
    const symbol = typeof venueSymbol === 'string' ? this.symbolOf(venueSymbol) : undefined;
    if (!symbol) return;
    let ticker: Ticker | undefined;
    try {
      ticker = next(venueSymbol as string, symbol);
    } catch (error) {
      this.onMalformed(error as Error);
      return;
    }
    if (!ticker) return;
    this.last.set(venueSymbol as string, ticker);
    this.emit(venueSymbol as string, ticker);
  }
}
