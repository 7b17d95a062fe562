import type { BookFeed, LevelsChecked } from '../../core/book-feed.js';
import type { Logger } from '../../core/logger.js';
import type { AdapterMetrics } from '../../core/metrics.js';
import type { ShardedWsClient } from '../../core/ws-client.js';
import { gateioTopic } from './ws-envelope.js';
import type { BookSyncStrategy } from '../../core/book-sync-strategy.js';
import { scanObuPush } from './obu-scanner.js';
import type { WireLevel, WireObuUpdate } from './wire.js';

const EMPTY: never[] = [];

/**
 * spot.obu ("order book v2"): the venue sends `full: true` on subscribe, then deltas whose
 * U..u must continue the previous u. Any gap drops the book and resubscribes, which makes the
 * venue send a fresh full snapshot. Deltas from before the resubscribe are ignored until it
 * arrives (the feed is unsynced).
 */
export class ObuBookSync implements BookSyncStrategy {
  /** Keyed by the push's `s` ("ob.BTC_USDT.50") so routing needs no string slicing. */
  private readonly feedsByStream = new Map<string, BookFeed>();
  private readonly channelMarker: string;

  constructor(
    private readonly ws: ShardedWsClient,
    private readonly depth: number,
    private readonly metrics: AdapterMetrics,
    private readonly logger: Logger,
    /** spot.obu, or futures.obu (the same format). */
    readonly channel: string,
    /** Futures sizes are contracts: converted to base units before they reach the book. */
    private readonly convertLevels?: (stream: string, levels: WireLevel[]) => WireLevel[],
  ) {
    this.channelMarker = `"channel":"${channel}"`;
  }

  streamName(venueSymbol: string): string {
    return `ob.${venueSymbol}.${this.depth}`;
  }

  topic(venueSymbol: string): string {
    return gateioTopic(this.channel, [this.streamName(venueSymbol)]);
  }

  start(venueSymbol: string, feed: BookFeed): void {
    this.feedsByStream.set(this.streamName(venueSymbol), feed);
    this.ws.subscribe(this.topic(venueSymbol));
  }

  stop(venueSymbol: string): void {
    this.feedsByStream.delete(this.streamName(venueSymbol));
    this.ws.unsubscribe(this.topic(venueSymbol));
  }

  /** Called by the feed on a gap. */
  resync(venueSymbol: string, reason: string): void {
    this.metrics.bookResyncs++;
    this.logger.warn({ venueSymbol, reason }, 'order book gap: resubscribing for a fresh snapshot');
    this.ws.resubscribe(this.topic(venueSymbol));
  }

  /** `levelsChecked`: the obu scanner read the push, checking each level (see LevelsChecked). */
  onUpdate(result: unknown, receivedUs: number, levelsChecked: LevelsChecked = false): void {
    const update = result as WireObuUpdate;
    if (update === null || typeof update !== 'object' || typeof update.s !== 'string') return this.malformed('a push without its stream name "s"');
    const feed = this.feedsByStream.get(update.s);
    if (!feed) return;
    let bids: unknown = update.b ?? EMPTY;
    let asks: unknown = update.a ?? EMPTY;
    if (!Array.isArray(bids) || !Array.isArray(asks)) return this.malformed('levels that are not arrays');
    if (this.convertLevels) {
      // Contracts to base units: each level is checked before it is converted (see obuLevelsToBase).
      bids = this.convertLevels(update.s, bids as WireLevel[]);
      asks = this.convertLevels(update.s, asks as WireLevel[]);
    }
    const t = update.t === undefined ? 0 : update.t; // absent: 0, as the scanner reads it; null is not a timestamp
    if (update.full === true) {
      if (!feed.applySnapshot(bids as WireLevel[], asks as WireLevel[], update.u, t, receivedUs, levelsChecked)) this.malformed('a malformed full book');
      return;
    }
    if (update.full !== undefined && update.full !== false) return this.malformed(`"full": ${JSON.stringify(update.full)}`);
    if (feed.applyDelta(bids as WireLevel[], asks as WireLevel[], update.U as number, update.u, t, receivedUs, levelsChecked) === 'malformed') this.malformed('a malformed delta');
  }

  /** A push that cannot be applied: counted and dropped (a delta's gap, if it mattered, shows on the next one). */
  private malformed(what: string): void {
    this.metrics.wsMessagesMalformed++;
    this.logger.warn({ channel: this.channel, reason: what }, 'malformed order book push dropped');
  }

  /** Handles a compact spot.obu push without JSON.parse; false leaves the frame to the router. */
  tryFastPath(text: string, receivedUs: number): boolean {
    const update = scanObuPush(text, this.channelMarker);
    if (!update) return false;
    this.onUpdate(update, receivedUs, true);
    return true;
  }

  onConnectionOpen(): void {
    // Resubscribing on reconnect (done by the connection) brings full snapshots by itself.
  }
}
