import { continuity, L2Book, type Continuity, type RawLevels } from './order-book.js';
import type { Symbol } from './symbol.js';
import { nowMicros, type BookEvent } from './types.js';

export type BookListener = (event: BookEvent) => void;

/**
 * The synchronised book of one symbol and everyone listening to it. Venue code feeds it
 * snapshots and deltas in the venue's update ids; the feed enforces continuity, forwards what
 * applies, and asks the venue to resynchronise on a gap. A listener that joins a synced book
 * first receives a snapshot of it, so late joiners share the one venue subscription.
 */
export class BookFeed {
  readonly book = new L2Book();
  private readonly listeners = new Set<BookListener>();

  constructor(
    readonly symbol: Symbol,
    /** Called when a gap makes the book unusable; the venue must fetch or request a snapshot. */
    private readonly onGap: (reason: string) => void,
  ) {}

  get listenerCount(): number {
    return this.listeners.size;
  }

  addListener(listener: BookListener): void {
    this.listeners.add(listener);
    if (this.book.isSynced) listener(this.snapshotEvent(nowMicros()));
  }

  /** Returns the number of listeners left. */
  removeListener(listener: BookListener): number {
    this.listeners.delete(listener);
    return this.listeners.size;
  }

  applySnapshot(bids: RawLevels, asks: RawLevels, updateId: number, timestampMs: number, receivedUs: number): void {
    this.book.applySnapshot(bids, asks, updateId, timestampMs);
    if (this.listeners.size === 0) return;
    this.emit(this.snapshotEvent(receivedUs));
  }

  /**
   * Applies a delta covering venue ids [firstUpdateId, lastUpdateId]. Stale deltas are
   * ignored; a gap (or a delta before any snapshot) drops the book and triggers a resync.
   */
  applyDelta(bids: RawLevels, asks: RawLevels, firstUpdateId: number, lastUpdateId: number, timestampMs: number, receivedUs: number): Continuity {
    if (!this.book.isSynced) return 'gap';
    const verdict = continuity(this.book.lastUpdateId, firstUpdateId, lastUpdateId);
    if (verdict === 'gap') {
      const reason = `update ids jumped from ${this.book.lastUpdateId} to ${firstUpdateId}..${lastUpdateId}`;
      this.book.reset();
      this.onGap(reason);
      return verdict;
    }
    if (verdict === 'stale') return verdict;
    const changed = this.book.applyDelta(bids, asks, lastUpdateId, timestampMs);
    if (this.listeners.size > 0) {
      this.emit({
        type: 'delta',
        symbol: this.symbol,
        bids: changed.bids,
        asks: changed.asks,
        firstUpdateId,
        lastUpdateId,
        timestampMs,
        receivedUs,
      });
    }
    return verdict;
  }

  /** The venue connection was lost: the book can no longer be trusted until the next snapshot. */
  invalidate(): void {
    this.book.reset();
  }

  snapshotEvent(receivedUs: number): BookEvent {
    return {
      type: 'snapshot',
      symbol: this.symbol,
      bids: this.book.bids.levels(),
      asks: this.book.asks.levels(),
      updateId: this.book.lastUpdateId,
      timestampMs: this.book.timestampMs,
      receivedUs,
    };
  }

  private emit(event: BookEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

