import { compareUnsigned, isZero } from './decimal.js';
import type { PriceLevel, Symbol as SymbolMessage } from './generated/cexgw/v1/common.js';
import { OrderBookUpdateKind, type OrderBookUpdate } from './generated/cexgw/v1/market_data.js';

/** One price level: decimal strings exactly as the gateway sent them. */
export interface Level {
  readonly price: string;
  readonly quantity: string;
}

/**
 * Where `price` sits in `levels` (best first): its index when present, else -(insertion point) - 1.
 * Bids are sorted high to low, asks low to high.
 */
function locate(levels: readonly Level[], price: string, descending: boolean): number {
  let low = 0;
  let high = levels.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const order = compareUnsigned(levels[middle]!.price, price);
    const cmp = descending ? -order : order;
    if (cmp === 0) return middle;
    if (cmp < 0) low = middle + 1;
    else high = middle - 1;
  }
  return -low - 1;
}

/** Sets each level's quantity; "0" removes it. Changes `side` in place. */
function setLevels(side: PriceLevel[], changes: readonly PriceLevel[], descending: boolean): void {
  for (const change of changes) {
    const at = locate(side, change.price, descending);
    if (isZero(change.quantity)) {
      if (at >= 0) side.splice(at, 1);
    } else if (at >= 0) {
      side[at] = change;
    } else {
      side.splice(-at - 1, 0, change);
    }
  }
}

/** A snapshot side as a new array, best first (the message's own arrays stay as received). */
function sortedBestFirst(levels: readonly PriceLevel[], descending: boolean): PriceLevel[] {
  const live = levels.filter((l) => !isZero(l.quantity));
  for (let i = 1; i < live.length; i++) {
    const order = compareUnsigned(live[i - 1]!.price, live[i]!.price);
    if (descending ? order <= 0 : order >= 0) {
      // Not strictly best-first as the API promises: sort (and merge duplicates) rather than trust it.
      const merged: PriceLevel[] = [];
      setLevels(merged, live, descending);
      return merged;
    }
  }
  return live;
}

/**
 * An order book as a StreamOrderBook client holds it: a SNAPSHOT replaces it, a DELTA sets each
 * changed level. Levels keep the gateway's decimal strings (no float, no reformatting); sides are
 * sorted arrays, best first, so the best price and the top N cost nothing to read.
 */
export class OrderBook {
  private bidLevels: PriceLevel[] = [];
  private askLevels: PriceLevel[] = [];
  symbol: SymbolMessage | undefined;
  /** The gateway sequence of the last message applied. */
  sequence = 0;
  /** The venue's update id the book is at (last_update_id of the last message). */
  lastUpdateId = '0';
  /** The venue's event time of the last message, epoch ms ("0" when the venue gives none). */
  venueTimestampMs = '0';
  /** When the gateway received the venue frame of the last message, epoch µs. */
  gatewayReceivedUs = '0';

  /** Bids, best (highest) first. */
  get bids(): readonly Level[] {
    return this.bidLevels;
  }

  /** Asks, best (lowest) first. */
  get asks(): readonly Level[] {
    return this.askLevels;
  }

  get bestBid(): Level | undefined {
    return this.bidLevels[0];
  }

  get bestAsk(): Level | undefined {
    return this.askLevels[0];
  }

  /** The best `depth` levels of each side (copies; the book moves on). */
  top(depth: number): { bids: Level[]; asks: Level[] } {
    return { bids: this.bidLevels.slice(0, depth), asks: this.askLevels.slice(0, depth) };
  }

  /** Applies one StreamOrderBook message: a snapshot replaces the book, a delta changes levels. */
  apply(update: OrderBookUpdate): void {
    if (update.reset || update.kind === OrderBookUpdateKind.ORDER_BOOK_UPDATE_KIND_SNAPSHOT) {
      this.bidLevels = sortedBestFirst(update.bids, true);
      this.askLevels = sortedBestFirst(update.asks, false);
    } else {
      setLevels(this.bidLevels, update.bids, true);
      setLevels(this.askLevels, update.asks, false);
    }
    if (update.symbol) this.symbol = update.symbol;
    this.sequence = Number(update.sequence);
    this.lastUpdateId = update.lastUpdateId;
    this.venueTimestampMs = update.venueTimestampMs;
    this.gatewayReceivedUs = update.receivedTimestampUs;
  }

  clear(): void {
    this.bidLevels = [];
    this.askLevels = [];
    this.sequence = 0;
  }
}
