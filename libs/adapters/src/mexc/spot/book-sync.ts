import type { PushDataV3ApiWrapper } from '@cexgw/mexc-proto';
import type { BookFeed } from '../../core/book-feed.js';
import type { BookSyncStrategy } from '../../core/book-sync-strategy.js';
import type { Logger } from '../../core/logger.js';
import type { AdapterMetrics } from '../../core/metrics.js';
import type { RawLevels } from '../../core/order-book.js';
import { RestSnapshotSync } from '../../core/rest-snapshot-sync.js';
import type { ShardedWsClient } from '../../core/ws-client.js';
import { SNAPSHOT_DEPTH_LIMIT, TOPIC } from './constants.js';
import type { MexcSpotPublicRest } from './rest.js';

const EMPTY: never[] = [];

/** int64 fields decode as numbers, or as Long objects where protobufjs finds the long package. */
export function int64(value: number | { toNumber(): number } | null | undefined): number {
  return typeof value === 'number' ? value : value ? value.toNumber() : 0;
}

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

  onPush(push: PushDataV3ApiWrapper, receivedUs: number): void {
    const body = push.publicAggreDepths;
    if (!body || !push.symbol) return;
    this.sync.onDelta(
      push.symbol,
      // Decoded items always carry both strings (proto3 defaults "" when absent).
      { bids: (body.bids ?? EMPTY) as RawLevels, asks: (body.asks ?? EMPTY) as RawLevels, first: Number(body.fromVersion), last: Number(body.toVersion), timestampMs: int64(push.sendTime) },
      receivedUs,
    );
  }

  onConnectionOpen(topics: ReadonlySet<string>): void {
    for (const topic of topics) {
      const prefix = TOPIC.aggreDepth(this.interval, '');
      if (topic.startsWith(prefix)) this.sync.restart(topic.slice(prefix.length));
    }
  }
}
