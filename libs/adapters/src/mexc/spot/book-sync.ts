import type { LevelsChecked } from '../../core/book-feed.js';
import type { Logger } from '../../core/logger.js';
import type { AdapterMetrics } from '../../core/metrics.js';
import { RestSnapshotSync } from '../../core/rest-snapshot-sync.js';
import type { ShardedWsClient } from '../../core/ws-client.js';
import { SNAPSHOT_DEPTH_LIMIT, TOPIC } from './constants.js';
import type { DepthPush } from './depth-reader.js';
import type { MexcSpotPublicRest } from './rest.js';

/**
 * MEXC's documented local book: aggre.depth pushes carry fromVersion..toVersion, joined to a
 * REST /api/v3/depth snapshot by lastUpdateId; each push must start at the previous
 * toVersion + 1, or the book is rebuilt from a new snapshot (core's RestSnapshotSync).
 */
export class MexcDepthSync extends RestSnapshotSync {
  constructor(ws: ShardedWsClient, rest: MexcSpotPublicRest, interval: string, metrics: AdapterMetrics, logger: Logger) {
    super({
      venue: 'mexc_spot',
      ws,
      topicOf: (venueSymbol) => TOPIC.aggreDepth(interval, venueSymbol),
      fetchSnapshot: async (venueSymbol) => {
        const depth = await rest.depth(venueSymbol, SNAPSHOT_DEPTH_LIMIT);
        return { bids: depth.bids, asks: depth.asks, updateId: depth.lastUpdateId, timestampMs: depth.timestamp ?? 0 };
      },
      metrics,
      logger,
    });
  }

  onPush(push: DepthPush, receivedUs: number, levelsChecked: LevelsChecked = false): void {
    this.onDelta(push.symbol, { bids: push.bids, asks: push.asks, first: push.fromVersion, last: push.toVersion, timestampMs: push.sendTime, levelsChecked }, receivedUs);
  }
}
