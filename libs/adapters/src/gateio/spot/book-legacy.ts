import type { BookFeed } from '../../core/book-feed.js';
import type { Logger } from '../../core/logger.js';
import type { AdapterMetrics } from '../../core/metrics.js';
import { RestSnapshotSync } from '../../core/rest-snapshot-sync.js';
import type { ShardedWsClient } from '../../core/ws-client.js';
import { gateioTopic } from '../common/ws-envelope.js';
import type { BookSyncStrategy } from '../../core/book-sync-strategy.js';
import { CHANNEL } from './constants.js';
import type { GateioSpotPublicRest } from './rest.js';
import type { WireOrderBookUpdate } from './wire.js';

const EMPTY: never[] = [];

/**
 * spot.order_book_update with a REST snapshot (with_id=true): the venue's documented local
 * book procedure (core's RestSnapshotSync), plus the channel's occasional `full: true` pushes.
 */
export class LegacyBookSync implements BookSyncStrategy {
  readonly channel = CHANNEL.orderBookUpdate;
  private readonly sync: RestSnapshotSync;

  constructor(
    private readonly ws: ShardedWsClient,
    rest: GateioSpotPublicRest,
    private readonly interval: string,
    snapshotLimit: number,
    metrics: AdapterMetrics,
    logger: Logger,
  ) {
    this.sync = new RestSnapshotSync(
      'gateio_spot',
      async (venueSymbol) => {
        const book = await rest.orderBook(venueSymbol, snapshotLimit, true);
        if (typeof book.id !== 'number') throw new Error('order book snapshot carries no id (with_id=true ignored?)');
        return { bids: book.bids, asks: book.asks, updateId: book.id, timestampMs: book.current };
      },
      metrics,
      logger,
    );
  }

  topic(venueSymbol: string): string {
    return gateioTopic(CHANNEL.orderBookUpdate, [venueSymbol, this.interval]);
  }

  start(venueSymbol: string, feed: BookFeed): void {
    this.ws.subscribe(this.topic(venueSymbol));
    this.sync.track(venueSymbol, feed);
  }

  stop(venueSymbol: string): void {
    this.sync.untrack(venueSymbol);
    this.ws.unsubscribe(this.topic(venueSymbol));
  }

  resync(venueSymbol: string, reason: string): void {
    this.sync.resync(venueSymbol, reason);
  }

  onUpdate(result: unknown, receivedUs: number): void {
    const update = result as WireOrderBookUpdate;
    const levels = { bids: update.b ?? EMPTY, asks: update.a ?? EMPTY, timestampMs: update.t };
    if (update.full) this.sync.onSnapshotPush(update.s, { ...levels, updateId: update.u }, receivedUs);
    else this.sync.onDelta(update.s, { ...levels, first: update.U, last: update.u }, receivedUs);
  }

  onConnectionOpen(topics: ReadonlySet<string>): void {
    for (const topic of topics) {
      if (!topic.startsWith(`${CHANNEL.orderBookUpdate}|`)) continue;
      this.sync.restart(topic.slice(CHANNEL.orderBookUpdate.length + 1).split(',')[0]!);
    }
  }
}
