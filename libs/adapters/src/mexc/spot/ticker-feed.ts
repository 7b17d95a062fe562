import type { PushDataV3ApiWrapper } from '@cexgw/mexc-proto';
import { canonicalDecimal } from '../../core/decimal.js';
import type { Logger } from '../../core/logger.js';
import type { VenueSubscription } from '../../core/market-feeds.js';
import type { Pair } from '../../core/symbol.js';
import type { Ticker } from '../../core/types.js';
import type { ShardedWsClient } from '../../core/ws-client.js';
import { int64 } from './int64.js';
import { TICKER_STATS_REFRESH_MS, TOPIC } from './constants.js';
import { toTicker } from './parse.js';
import type { MexcSpotPublicRest } from './rest.js';

/**
 * MEXC streams best bid/ask (aggre.bookTicker) but no 24 h statistics over the protobuf
 * websocket, so a streamed ticker is the live best bid/ask over the last 24 h statistics
 * from REST, refreshed every few seconds while someone listens.
 */
export class MexcTickerFeed implements VenueSubscription {
  private readonly stats = new Map<string, Ticker>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly ws: ShardedWsClient,
    private readonly rest: MexcSpotPublicRest,
    private readonly interval: string,
    private readonly symbolOf: (venueSymbol: string) => Pair | undefined,
    private readonly emit: (venueSymbol: string, ticker: Ticker) => void,
    private readonly logger: Logger,
  ) {}

  open(venueSymbol: string): void {
    this.ws.subscribe(TOPIC.aggreBookTicker(this.interval, venueSymbol));
    void this.refresh(venueSymbol);
    const timer = setInterval(() => void this.refresh(venueSymbol), TICKER_STATS_REFRESH_MS);
    timer.unref();
    this.timers.set(venueSymbol, timer);
  }

  close(venueSymbol: string): void {
    this.ws.unsubscribe(TOPIC.aggreBookTicker(this.interval, venueSymbol));
    clearInterval(this.timers.get(venueSymbol));
    this.timers.delete(venueSymbol);
    this.stats.delete(venueSymbol);
  }

  onBookTicker(push: PushDataV3ApiWrapper): void {
    const venueSymbol = push.symbol;
    const body = push.publicAggreBookTicker;
    const stats = venueSymbol ? this.stats.get(venueSymbol) : undefined;
    if (!body || !stats || !venueSymbol) return; // the first REST refresh has not landed yet
    this.emit(venueSymbol, {
      ...stats,
      bestBid: canonicalDecimal(body.bidPrice ?? ''),
      bestBidQuantity: canonicalDecimal(body.bidQuantity ?? ''),
      bestAsk: canonicalDecimal(body.askPrice ?? ''),
      bestAskQuantity: canonicalDecimal(body.askQuantity ?? ''),
      timestampMs: int64(push.sendTime) || Date.now(),
    });
  }

  private async refresh(venueSymbol: string): Promise<void> {
    const symbol = this.symbolOf(venueSymbol);
    if (!symbol) return;
    try {
      const ticker = toTicker(await this.rest.ticker24h(venueSymbol), symbol);
      if (!this.timers.has(venueSymbol)) return;
      const first = !this.stats.has(venueSymbol);
      this.stats.set(venueSymbol, ticker);
      if (first) this.emit(venueSymbol, ticker);
    } catch (error) {
      this.logger.warn({ venueSymbol, err: (error as Error).message }, '24h ticker refresh failed; keeping the previous statistics');
    }
  }
}
