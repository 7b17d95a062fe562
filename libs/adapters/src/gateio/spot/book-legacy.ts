import type { BookFeed } from '../../core/book-feed.js';
import { toGatewayError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { AdapterMetrics } from '../../core/metrics.js';
import { sleep } from '../../core/rest-client.js';
import type { ShardedWsClient } from '../../core/ws-client.js';
import { gateioTopic } from '../common/ws-envelope.js';
import type { BookSync } from './book-sync.js';
import { CHANNEL } from './constants.js';
import type { GateioSpotPublicRest } from './rest.js';
import type { WireOrderBookUpdate } from './wire.js';

const EMPTY: never[] = [];
/** Deltas held while a REST snapshot is on its way; past this the snapshot is refetched. */
const MAX_BUFFERED = 10_000;

interface LegacyState {
  feed: BookFeed;
  buffer: WireOrderBookUpdate[];
  receivedAt: number[];
  fetching: boolean;
  active: boolean;
}

/**
 * spot.order_book_update with a REST snapshot (with_id=true), the venue's documented local
 * book procedure: buffer pushes, fetch the snapshot, drop pushes with u <= id, apply the first
 * with U <= id + 1 <= u and every later one continuing it; any gap starts over.
 */
export class LegacyBookSync implements BookSync {
  readonly channel = CHANNEL.orderBookUpdate;
  private readonly states = new Map<string, LegacyState>();

  constructor(
    private readonly ws: ShardedWsClient,
    private readonly rest: GateioSpotPublicRest,
    private readonly interval: string,
    private readonly snapshotLimit: number,
    private readonly metrics: AdapterMetrics,
    private readonly logger: Logger,
  ) {}

  topic(venueSymbol: string): string {
    return gateioTopic(CHANNEL.orderBookUpdate, [venueSymbol, this.interval]);
  }

  start(venueSymbol: string, feed: BookFeed): void {
    this.states.set(venueSymbol, { feed, buffer: [], receivedAt: [], fetching: false, active: true });
    this.ws.subscribe(this.topic(venueSymbol));
    void this.fetchSnapshot(venueSymbol);
  }

  stop(venueSymbol: string): void {
    const state = this.states.get(venueSymbol);
    if (state) state.active = false;
    this.states.delete(venueSymbol);
    this.ws.unsubscribe(this.topic(venueSymbol));
  }

  resync(venueSymbol: string, reason: string): void {
    this.metrics.bookResyncs++;
    this.logger.warn({ venueSymbol, reason }, 'order book gap: refetching the REST snapshot');
    void this.fetchSnapshot(venueSymbol);
  }

  onUpdate(result: unknown, receivedUs: number): void {
    const update = result as WireOrderBookUpdate;
    const state = this.states.get(update.s);
    if (!state) return;
    if (update.full) {
      // The venue may push a full book of the channel's depth: it replaces ours outright.
      state.buffer.length = 0;
      state.receivedAt.length = 0;
      state.feed.applySnapshot(update.b ?? EMPTY, update.a ?? EMPTY, update.u, update.t, receivedUs);
      return;
    }
    if (!state.feed.book.isSynced) {
      this.buffer(state, update, receivedUs, update.s);
      return;
    }
    state.feed.applyDelta(update.b ?? EMPTY, update.a ?? EMPTY, update.U, update.u, update.t, receivedUs);
  }

  onConnectionOpen(topics: ReadonlySet<string>): void {
    for (const [venueSymbol, state] of this.states) {
      if (!topics.has(this.topic(venueSymbol))) continue;
      state.feed.invalidate();
      state.buffer.length = 0;
      state.receivedAt.length = 0;
      void this.fetchSnapshot(venueSymbol);
    }
  }

  private buffer(state: LegacyState, update: WireOrderBookUpdate, receivedUs: number, venueSymbol: string): void {
    state.buffer.push(update);
    state.receivedAt.push(receivedUs);
    if (state.buffer.length > MAX_BUFFERED) {
      state.buffer.length = 0;
      state.receivedAt.length = 0;
      void this.fetchSnapshot(venueSymbol);
    }
    if (!state.fetching) void this.fetchSnapshot(venueSymbol);
  }

  private async fetchSnapshot(venueSymbol: string): Promise<void> {
    const state = this.states.get(venueSymbol);
    if (!state || state.fetching) return;
    state.fetching = true;
    try {
      // Let the first pushes arrive so the snapshot can be joined to them.
      while (state.active && state.buffer.length === 0) await sleep(20);
      if (!state.active) return;
      const snapshot = await this.rest.orderBook(venueSymbol, this.snapshotLimit, true);
      if (!state.active || state.feed.book.isSynced) return; // a full push got there first
      if (typeof snapshot.id !== 'number') throw new Error('order book snapshot carries no id (with_id=true ignored?)');
      state.fetching = false;
      const buffered = state.buffer.splice(0);
      const receivedAt = state.receivedAt.splice(0);
      const feed = state.feed;
      feed.applySnapshot(snapshot.bids, snapshot.asks, snapshot.id, snapshot.current, receivedAt[0] ?? 0);
      for (let i = 0; i < buffered.length && feed.book.isSynced; i++) {
        const update = buffered[i]!;
        feed.applyDelta(update.b ?? EMPTY, update.a ?? EMPTY, update.U, update.u, update.t, receivedAt[i]!);
      }
    } catch (error) {
      const gatewayError = toGatewayError(error, 'gateio_spot');
      this.metrics.countError(gatewayError.kind);
      this.logger.warn({ venueSymbol, err: gatewayError.message }, 'order book snapshot failed; retrying');
      state.fetching = false;
      await sleep(500);
      if (state.active) void this.fetchSnapshot(venueSymbol);
    } finally {
      state.fetching = false;
    }
  }
}
