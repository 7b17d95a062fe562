import type { BookFeed } from '../../core/book-feed.js';

/**
 * How a Gate.io book channel keeps BookFeeds synchronised. Two implementations: spot.obu
 * (venue-sent snapshots) and spot.order_book_update (REST snapshot + buffered deltas).
 */
export interface BookSync {
  /** The websocket topic that carries this symbol's book. */
  topic(venueSymbol: string): string;
  /** Starts keeping `feed` in sync (subscribes, and fetches a snapshot where the channel needs one). */
  start(venueSymbol: string, feed: BookFeed): void;
  stop(venueSymbol: string): void;
  /** The feed found a gap: obtain a fresh snapshot. */
  resync(venueSymbol: string, reason: string): void;
  /** A push on this sync's channel. */
  onUpdate(result: unknown, receivedUs: number): void;
  /** A websocket carrying some of our topics came (back) up. */
  onConnectionOpen(topics: ReadonlySet<string>): void;
  readonly channel: string;
}
