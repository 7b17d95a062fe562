import { malformedBookUpdate, type BookFeed, type LevelsChecked } from './book-feed.js';
import type { BookSyncStrategy } from './book-sync-strategy.js';
import { GatewayError, toGatewayError } from './errors.js';
import type { Logger } from './logger.js';
import type { AdapterMetrics } from './metrics.js';
import type { RawLevels } from './order-book.js';
import { sleep } from './rest-client.js';
import type { ShardedWsClient } from './ws-client.js';

/** A venue push covering update ids first..last, levels absolute ("0" removes). */
export interface RawDelta {
  readonly bids: RawLevels;
  readonly asks: RawLevels;
  readonly first: number;
  readonly last: number;
  readonly timestampMs: number;
  /** The venue's reader checked every level as it read it (see LevelsChecked). */
  readonly levelsChecked?: LevelsChecked;
}

export interface RawSnapshot {
  readonly bids: RawLevels;
  readonly asks: RawLevels;
  readonly updateId: number;
  readonly timestampMs: number;
}

/** Deltas held while a REST snapshot is on its way; past this the snapshot is refetched. */
const MAX_BUFFERED = 10_000;
/**
 * How long to wait for the first push before fetching the snapshot anyway. Joining the snapshot
 * to a push already received avoids a needless gap when the subscription is not live yet; but a
 * quiet book (an illiquid symbol, or flow that stopped while a connection was replaced) may send
 * nothing for minutes, and its clients must still get the book. The first push after such a
 * snapshot is checked against it like any other: a gap starts over.
 */
const FIRST_PUSH_WAIT_MS = 1_000;

interface Tracked {
  readonly feed: BookFeed;
  readonly buffer: RawDelta[];
  readonly receivedAt: number[];
  fetching: boolean;
  active: boolean;
}

export interface RestSnapshotSyncOptions {
  readonly venue: string;
  readonly ws: ShardedWsClient;
  /** The incremental channel's topic for a symbol. */
  readonly topicOf: (venueSymbol: string) => string;
  readonly fetchSnapshot: (venueSymbol: string) => Promise<RawSnapshot>;
  /** Levels per side the channel maintains (its depth); 0 or absent: the whole book. */
  readonly depth?: number;
  readonly metrics: AdapterMetrics;
  readonly logger: Logger;
}

/**
 * The local-book procedure that Binance-style venues document (Gate.io's
 * spot.order_book_update, MEXC's aggre.depth): buffer the pushes, fetch a REST snapshot, drop
 * pushes already in it, apply the one that spans the snapshot's id and every later one that
 * continues it. A gap (seen by the feed) or a reconnect starts over. Venues supply the topic,
 * the snapshot fetch, and translate their pushes into RawDeltas.
 */
export class RestSnapshotSync implements BookSyncStrategy {
  private readonly tracked = new Map<string, Tracked>();
  private readonly venue: string;
  private readonly fetchSnapshot: (venueSymbol: string) => Promise<RawSnapshot>;
  private readonly metrics: AdapterMetrics;
  private readonly logger: Logger;

  constructor(private readonly options: RestSnapshotSyncOptions) {
    this.venue = options.venue;
    this.fetchSnapshot = options.fetchSnapshot;
    this.metrics = options.metrics;
    this.logger = options.logger;
  }

  topic(venueSymbol: string): string {
    return this.options.topicOf(venueSymbol);
  }

  start(venueSymbol: string, feed: BookFeed): void {
    feed.book.maxLevels = this.options.depth ?? 0;
    this.options.ws.subscribe(this.topic(venueSymbol));
    this.tracked.set(venueSymbol, { feed, buffer: [], receivedAt: [], fetching: false, active: true });
    void this.synchronise(venueSymbol);
  }

  stop(venueSymbol: string): void {
    const tracked = this.tracked.get(venueSymbol);
    if (tracked) tracked.active = false;
    this.tracked.delete(venueSymbol);
    this.options.ws.unsubscribe(this.topic(venueSymbol));
  }

  /** A connection carrying some of our topics came (back) up: those books start over. */
  onConnectionOpen(topics: ReadonlySet<string>): void {
    for (const venueSymbol of this.tracked.keys()) {
      if (topics.has(this.topic(venueSymbol))) this.restart(venueSymbol);
    }
  }

  /** The feed reported a gap: fetch a new snapshot. */
  resync(venueSymbol: string, reason: string): void {
    this.metrics.bookResyncs++;
    this.logger.warn({ venueSymbol, reason }, 'order book gap: refetching the REST snapshot');
    this.restart(venueSymbol);
  }

  /** Whatever was buffered is worthless (reconnect): fetch a new snapshot. */
  restart(venueSymbol: string): void {
    const tracked = this.tracked.get(venueSymbol);
    if (!tracked) return;
    tracked.feed.invalidate();
    tracked.buffer.length = 0;
    tracked.receivedAt.length = 0;
    void this.synchronise(venueSymbol);
  }

  onDelta(venueSymbol: string, delta: RawDelta, receivedUs: number): void {
    const tracked = this.tracked.get(venueSymbol);
    if (!tracked) return;
    if (tracked.feed.book.isSynced) {
      if (tracked.feed.applyDelta(delta.bids, delta.asks, delta.first, delta.last, delta.timestampMs, receivedUs, delta.levelsChecked) === 'malformed') this.malformed(venueSymbol, 'delta');
      return;
    }
    // Checked before buffering: a push that cannot be applied is dropped now, never joined to a snapshot.
    const problem = malformedBookUpdate(delta.bids, delta.asks, delta.first, delta.last, delta.timestampMs, delta.levelsChecked);
    if (problem !== undefined) {
      this.malformed(venueSymbol, problem);
      return;
    }
    tracked.buffer.push(delta);
    tracked.receivedAt.push(receivedUs);
    if (tracked.buffer.length > MAX_BUFFERED) {
      tracked.buffer.length = 0;
      tracked.receivedAt.length = 0;
    }
    if (!tracked.fetching) void this.synchronise(venueSymbol);
  }

  /** A push that is itself a complete book (Gate.io's `full: true`): it replaces ours outright. */
  onSnapshotPush(venueSymbol: string, snapshot: RawSnapshot, receivedUs: number): void {
    const tracked = this.tracked.get(venueSymbol);
    if (!tracked) return;
    tracked.buffer.length = 0;
    tracked.receivedAt.length = 0;
    if (!tracked.feed.applySnapshot(snapshot.bids, snapshot.asks, snapshot.updateId, snapshot.timestampMs, receivedUs)) this.malformed(venueSymbol, 'full book push');
  }

  /** A push that cannot be applied: counted and dropped. */
  private malformed(venueSymbol: string, what: string): void {
    this.metrics.wsMessagesMalformed++;
    this.logger.warn({ venueSymbol, reason: what }, 'malformed order book push dropped');
  }

  private async synchronise(venueSymbol: string): Promise<void> {
    const tracked = this.tracked.get(venueSymbol);
    if (!tracked || tracked.fetching) return;
    tracked.fetching = true;
    try {
      // Let the first pushes arrive so the snapshot can be joined to them (but not forever).
      const waitUntil = Date.now() + FIRST_PUSH_WAIT_MS;
      while (tracked.active && tracked.buffer.length === 0 && Date.now() < waitUntil) await sleep(20);
      if (!tracked.active) return;
      const snapshot = await this.fetchSnapshot(venueSymbol);
      const problem = malformedBookUpdate(snapshot.bids, snapshot.asks, snapshot.updateId, snapshot.updateId, snapshot.timestampMs);
      if (problem !== undefined) throw new GatewayError('malformed_response', `${this.venue} order book snapshot of ${venueSymbol} is malformed: ${problem}`, { venue: this.venue });
      if (!tracked.active || tracked.feed.book.isSynced) return; // a full push got there first
      tracked.fetching = false;
      const buffered = tracked.buffer.splice(0);
      const receivedAt = tracked.receivedAt.splice(0);
      const feed = tracked.feed;
      feed.applySnapshot(snapshot.bids, snapshot.asks, snapshot.updateId, snapshot.timestampMs, receivedAt[0] ?? 0);
      for (let i = 0; i < buffered.length && feed.book.isSynced; i++) {
        const delta = buffered[i]!;
        feed.applyDelta(delta.bids, delta.asks, delta.first, delta.last, delta.timestampMs, receivedAt[i]!, delta.levelsChecked);
      }
    } catch (error) {
      const gatewayError = toGatewayError(error, this.venue);
      this.metrics.countError(gatewayError.kind);
      this.logger.warn({ venueSymbol, err: gatewayError.message }, 'order book snapshot failed; retrying');
      tracked.fetching = false;
      await sleep(500);
      if (tracked.active) void this.synchronise(venueSymbol);
    } finally {
      tracked.fetching = false;
    }
  }
}
