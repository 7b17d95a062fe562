import type { Logger } from '../../core/logger.js';
import type { AdapterMetrics } from '../../core/metrics.js';
import type { RawLevels } from '../../core/order-book.js';
import { RestSnapshotSync, type RawDelta, type RawSnapshot } from '../../core/rest-snapshot-sync.js';
import type { ShardedWsClient } from '../../core/ws-client.js';

/** The diff-depth stream of a symbol at 100 ms. */
export const depthStream = (venueSymbol: string): string => `${venueSymbol.toLowerCase()}@depth@100ms`;

/**
 * How one market's depth events continue each other:
 * - 'contiguous' (spot): an event covers U..u and the next starts at u + 1; the first event after
 *   the snapshot has U <= lastUpdateId + 1 <= u (web-socket-streams.md, "How to manage a local
 *   order book correctly");
 * - 'previous-final' (USDⓈ-M): ids are not contiguous; each event's `pu` is the previous event's
 *   `u`, and the first one after the snapshot has U <= lastUpdateId <= u. An event is read as
 *   covering pu + 1 .. u, so the same continuity rule applies to both: pu must be the book's id.
 */
export type DepthContinuity = 'contiguous' | 'previous-final';

export interface BinanceDepthSyncOptions {
  readonly venue: string;
  readonly ws: ShardedWsClient;
  readonly continuity: DepthContinuity;
  readonly fetchSnapshot: (venueSymbol: string) => Promise<RawSnapshot>;
  readonly metrics: AdapterMetrics;
  readonly logger: Logger;
}

/** Binance's documented local book: diff-depth events joined to a REST snapshot by update id (core's RestSnapshotSync). */
export class BinanceDepthSync extends RestSnapshotSync {
  private readonly continuity: DepthContinuity;

  constructor(options: BinanceDepthSyncOptions) {
    super({ venue: options.venue, ws: options.ws, topicOf: depthStream, fetchSnapshot: options.fetchSnapshot, metrics: options.metrics, logger: options.logger });
    this.continuity = options.continuity;
  }

  /** A depthUpdate event; malformed ones are counted and dropped by the sync. `levelsChecked`: read by the depth scanner. */
  onEvent(data: Record<string, unknown>, receivedUs: number, levelsChecked = false): void {
    const venueSymbol = data.s;
    if (typeof venueSymbol === 'string') this.onDelta(venueSymbol, depthDeltaOf(this.continuity, data, levelsChecked), receivedUs);
  }
}

/**
 * A depthUpdate event as the ids and levels the sync checks (RestSnapshotSync validates them;
 * the levels only when the scanner did not): spot's {e, E, s, U, u, b, a}, timed by its event time; USDⓈ-M's
 * {e, E, T, s, U, u, pu, b, a}, by its transaction time.
 */
export function depthDeltaOf(continuity: DepthContinuity, data: Record<string, unknown>, levelsChecked = false): RawDelta {
  const usdm = continuity === 'previous-final';
  const first = !usdm ? data.U : typeof data.pu === 'number' ? data.pu + 1 : data.pu;
  return { bids: data.b as RawLevels, asks: data.a as RawLevels, first: first as number, last: data.u as number, timestampMs: (usdm ? data.T : data.E) as number, levelsChecked };
}
