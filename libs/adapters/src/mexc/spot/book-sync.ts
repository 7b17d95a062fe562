import type { BookFeed } from '../../core/book-feed.js';
import type { BookSyncStrategy } from '../../core/book-sync-strategy.js';
import type { Logger } from '../../core/logger.js';
import type { AdapterMetrics } from '../../core/metrics.js';
import { RestSnapshotSync } from '../../core/rest-snapshot-sync.js';
import type { ShardedWsClient } from '../../core/ws-client.js';
import { SNAPSHOT_DEPTH_LIMIT, TOPIC } from './constants.js';
import type { DepthPush } from './depth-reader.js';
import type { MexcSpotPublicRest } from './rest.js';

/**
 * MEXC's documented local book: aggre.depth pushes carry fromVersion..toVersion (strings),
 * joined to a REST /api/v3/depth snapshot by lastUpdateId (core's RestSnapshotSync); each push
 * must start at the previous toVersion + 1, or the book is rebuilt from a new snapshot.
 */
export class MexcDepthSync implements BookSyncStrategy {
  private readonly sync: RestSnapshotSync;

  constructor(
    private readonly ws: ShardedWsClient,
    rest: MexcSpotPublicRest,
    private readonly interval: string,
    metrics: AdapterMetrics,
    logger: Logger,
  ) {
    this.sync = new RestSnapshotSync(
      'mexc_spot',
      async (venueSymbol) => {
        const depth = await rest.depth(venueSymbol, SNAPSHOT_DEPTH_LIMIT);
        return { bids: depth.bids, asks: depth.asks, updateId: depth.lastUpdateId, timestampMs: depth.timestamp ?? 0 };
      },
      metrics,
      logger,
    );
  }

  topic(venueSymbol: string): string {
    return TOPIC.aggreDepth(this.interval, venueSymbol);
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

  onPush(push: DepthPush, receivedUs: number): void {
    this.sync.onDelta(push.symbol, { bids: push.bids, asks: push.asks, first: push.fromVersion, last: push.toVersion, timestampMs: push.sendTime }, receivedUs);
  }

  onConnectionOpen(topics: ReadonlySet<string>): void {
    for (const topic of topics) {
      const prefix = TOPIC.aggreDepth(this.interval, '');
      if (topic.startsWith(prefix)) this.sync.restart(topic.slice(prefix.length));
    }
  }
}
