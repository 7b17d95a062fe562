import type { Logger } from '../../core/logger.js';
import type { AdapterMetrics } from '../../core/metrics.js';
import { RestSnapshotSync } from '../../core/rest-snapshot-sync.js';
import type { ShardedWsClient } from '../../core/ws-client.js';
import { gateioTopic } from '../common/ws-envelope.js';
import { CHANNEL, LEGACY_DEPTH, type LegacyInterval } from './constants.js';
import type { GateioSpotPublicRest } from './rest.js';
import type { WireOrderBookUpdate } from './wire.js';

const EMPTY: never[] = [];

/**
 * spot.order_book_update with a REST snapshot (with_id=true): the venue's documented local
 * book procedure (core's RestSnapshotSync), plus the channel's occasional `full: true` pushes.
 * The channel maintains 20 levels at 20 ms and 100 at 100 ms: the snapshot is taken at that
 * depth and the book kept to it, so no level below the channel's depth is left stale.
 */
export class LegacyBookSync extends RestSnapshotSync {
  readonly channel = CHANNEL.orderBookUpdate;

  constructor(ws: ShardedWsClient, rest: GateioSpotPublicRest, interval: LegacyInterval, metrics: AdapterMetrics, logger: Logger) {
    const depth = LEGACY_DEPTH[interval];
    super({
      venue: 'gateio_spot',
      ws,
      topicOf: (venueSymbol) => gateioTopic(CHANNEL.orderBookUpdate, [venueSymbol, interval]),
      fetchSnapshot: async (venueSymbol) => {
        const book = await rest.orderBook(venueSymbol, depth, true);
        if (typeof book.id !== 'number') throw new Error('order book snapshot carries no id (with_id=true ignored?)');
        return { bids: book.bids, asks: book.asks, updateId: book.id, timestampMs: book.current };
      },
      depth,
      metrics,
      logger,
    });
  }

  onUpdate(result: unknown, receivedUs: number): void {
    const update = result as WireOrderBookUpdate;
    const levels = { bids: update.b ?? EMPTY, asks: update.a ?? EMPTY, timestampMs: update.t };
    if (update.full) this.onSnapshotPush(update.s, { ...levels, updateId: update.u }, receivedUs);
    else this.onDelta(update.s, { ...levels, first: update.U, last: update.u }, receivedUs);
  }
}
