import type { BookFeed } from './book-feed.js';

/**
 * How a venue channel keeps BookFeeds synchronised: venue-sent snapshots (Gate.io spot.obu) or
 * a REST snapshot joined to buffered deltas (core's RestSnapshotSync, used by Gate.io's
 * spot.order_book_update and MEXC's aggre.depth).
 */
export interface BookSyncStrategy {
  /** The websocket topic that carries this symbol's book. */
  topic(venueSymbol: string): string;
  /** Starts keeping `feed` in sync (subscribes, and fetches a snapshot where the channel needs one). */
  start(venueSymbol: string, feed: BookFeed): void;
  stop(venueSymbol: string): void;
  /** The feed found a gap: obtain a fresh snapshot. */
  resync(venueSymbol: string, reason: string): void;
  /** A websocket carrying these topics came (back) up. */
  onConnectionOpen(topics: ReadonlySet<string>): void;
}
