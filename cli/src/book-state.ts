import { canonical, compareDecimal, isZero } from './decimal.js';
import type { OrderBookUpdateMsg, PriceLevelMsg, SymbolMsg } from './messages.js';

/**
 * A client's copy of a StreamOrderBook: a reset snapshot replaces the book, a delta sets each
 * level's quantity ("0" removes it). Levels keep the strings the gateway sent.
 */
export class BookState {
  private readonly bids = new Map<string, PriceLevelMsg>();
  private readonly asks = new Map<string, PriceLevelMsg>();
  symbol: SymbolMsg | null = null;
  sequence = '0';
  updateId = '0';
  venueTimestampMs = '0';
  /** Messages applied, and how many were reset snapshots. */
  messages = 0;
  resets = 0;
  /** Messages whose sequence was not the previous one plus one (the gateway promises none). */
  sequenceGaps = 0;

  get hasSnapshot(): boolean {
    return this.resets > 0;
  }

  apply(update: OrderBookUpdateMsg): void {
    const isSnapshot = update.reset || update.kind === 'ORDER_BOOK_UPDATE_KIND_SNAPSHOT';
    if (!isSnapshot && this.messages > 0 && BigInt(update.sequence) !== BigInt(this.sequence) + 1n) this.sequenceGaps++;
    if (isSnapshot) {
      this.bids.clear();
      this.asks.clear();
      this.resets++;
    }
    setLevels(this.bids, update.bids);
    setLevels(this.asks, update.asks);
    this.symbol = update.symbol ?? this.symbol;
    this.sequence = update.sequence;
    this.updateId = update.last_update_id;
    this.venueTimestampMs = update.venue_timestamp_ms;
    this.messages++;
  }

  /** The best `depth` levels per side: bids highest first, asks lowest first. */
  top(depth: number): { bids: PriceLevelMsg[]; asks: PriceLevelMsg[] } {
    return {
      bids: [...this.bids.values()].sort((a, b) => compareDecimal(b.price, a.price)).slice(0, depth),
      asks: [...this.asks.values()].sort((a, b) => compareDecimal(a.price, b.price)).slice(0, depth),
    };
  }
}

function setLevels(side: Map<string, PriceLevelMsg>, levels: readonly PriceLevelMsg[]): void {
  for (const level of levels) {
    const key = canonical(level.price);
    if (isZero(level.quantity)) side.delete(key);
    else side.set(key, { price: level.price, quantity: level.quantity });
  }
}
