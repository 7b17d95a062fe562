import { EventEmitter } from 'node:events';
import type * as grpc from '@grpc/grpc-js';
import { Backoff, delay, type BackoffOptions } from './backoff.js';
import { Endpoint, type EndpointLike } from './endpoint.js';
import { toGatewayError, type GatewayError } from './errors.js';
import { MarketDataClient, OrderBookUpdateKind, type OrderBookUpdate } from './generated/cexgw/v1/market_data.js';
import type { Symbol as SymbolMessage } from './generated/cexgw/v1/common.js';
import { OrderBook } from './order-book.js';
import { isPermanent, nowUs } from './streams.js';
import { formatSymbol, toSymbol, type SymbolLike } from './symbols.js';

export interface BookFollowerOptions {
  /** The venue's market-data service. */
  readonly endpoint: EndpointLike;
  readonly symbol: SymbolLike;
  /** Levels per side to ask the gateway for; 0 (default) = the gateway's default depth. */
  readonly depth?: number;
  /** Delay between resubscriptions. */
  readonly backoff?: BackoffOptions;
}

/**
 * - `connecting`: no book yet (or stopped following and not yet resynchronised after a start).
 * - `live`: the book is the venue's book as of the last message.
 * - `stale`: the stream ended or broke its sequence; the book is the last consistent one, no
 *   longer followed, and is replaced by a fresh snapshot once resubscribed.
 * - `failed`: a permanent error (unknown symbol, bad depth, ...), see the `failed` event.
 */
export type BookFollowerState = 'idle' | 'connecting' | 'live' | 'stale' | 'stopped' | 'failed';

export interface BookFollowerEvents {
  /** After every message applied while live. */
  update: [book: OrderBook, update: OrderBookUpdate];
  /** A snapshot replaced the book: the first one, and every resynchronisation. */
  reset: [book: OrderBook];
  /** The book stopped being followed; `error` when a call failed. Resubscription follows. */
  stale: [reason: string, error: GatewayError | undefined];
  /** A permanent error: the follower stopped. */
  failed: [error: GatewayError];
}

/** Why a stream was abandoned by this side (a gap, or stop()). */
class Abandoned extends Error {}

/**
 * Follows one symbol's order book on one venue: subscribes to StreamOrderBook, applies the
 * snapshot and deltas, checks that the gateway sequence is contiguous, and resubscribes with
 * backoff whenever the stream ends, fails or skips a sequence number. The book it exposes is
 * never built across a gap: after one, it is marked stale and replaced by the next snapshot.
 */
export class BookFollower extends EventEmitter<BookFollowerEvents> {
  readonly book = new OrderBook();
  readonly symbol: SymbolMessage;
  state: BookFollowerState = 'idle';
  /** When this client received the last message applied, epoch µs. */
  receivedAtUs = 0;
  /** Counters since start: messages applied, snapshots applied, subscriptions opened, sequence gaps seen. */
  readonly stats = { messages: 0, resets: 0, subscriptions: 0, gaps: 0 };
  private readonly endpoint: Endpoint;
  private readonly ownsEndpoint: boolean;
  private readonly depth: number;
  private readonly backoff: Backoff;
  private readonly abort = new AbortController();
  private stream: grpc.ClientReadableStream<OrderBookUpdate> | undefined;
  private nextSequence = 0;
  private readonly readyWaiters: Array<{ resolve: (book: OrderBook) => void; reject: (error: GatewayError) => void }> = [];
  private failure: GatewayError | undefined;

  constructor(options: BookFollowerOptions) {
    super();
    this.endpoint = Endpoint.from(options.endpoint);
    this.ownsEndpoint = this.endpoint !== options.endpoint;
    this.symbol = toSymbol(options.symbol);
    this.depth = options.depth ?? 0;
    this.backoff = new Backoff(options.backoff);
  }

  get isLive(): boolean {
    return this.state === 'live';
  }

  /** Starts following (once); returns this for chaining. */
  start(): this {
    if (this.state !== 'idle') return this;
    this.state = 'connecting';
    void this.run();
    return this;
  }

  /** Resolves with the book once it is live (at once if it is), rejects if the follower fails. */
  ready(): Promise<OrderBook> {
    if (this.state === 'live') return Promise.resolve(this.book);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => this.readyWaiters.push({ resolve, reject }));
  }

  stop(): void {
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    this.abort.abort();
    this.stream?.cancel();
    if (this.ownsEndpoint) this.endpoint.close();
  }

  private async run(): Promise<void> {
    while (!this.abort.signal.aborted) {
      let address: string | undefined;
      let reason: string;
      let error: GatewayError | undefined;
      try {
        const { client, address: chosen } = await this.endpoint.client(MarketDataClient);
        address = chosen;
        reason = await this.follow(client);
      } catch (thrown) {
        if (this.abort.signal.aborted) break;
        error = toGatewayError(thrown);
        if (isPermanent(error)) return this.fail(error);
        reason = error.message;
      }
      if (this.abort.signal.aborted) break;
      // Whatever ended the stream, the next subscription re-checks which address is SERVING.
      if (address !== undefined) this.endpoint.failed(address);
      this.markStale(reason, error);
      await delay(this.backoff.next(), this.abort.signal);
    }
  }

  /** One subscription: resolves with why it ended normally, rejects with the call's error. */
  private async follow(client: MarketDataClient): Promise<string> {
    this.stats.subscriptions++;
    this.nextSequence = 0;
    const stream = client.streamOrderBook({ symbol: this.symbol, depth: this.depth }, this.endpoint.metadata());
    this.stream = stream;
    try {
      return await new Promise<string>((resolve, reject) => {
        let gap: string | undefined;
        stream.on('data', (update: OrderBookUpdate) => {
          if (gap !== undefined) return;
          gap = this.onMessage(update);
          if (gap !== undefined) {
            this.stats.gaps++;
            stream.cancel(); // ends with CANCELLED, which resolves with the gap below
          }
        });
        stream.on('error', (error) => (gap !== undefined ? resolve(gap) : reject(this.abort.signal.aborted ? new Abandoned() : error)));
        stream.on('end', () => resolve(gap ?? 'the gateway ended the stream'));
      });
    } finally {
      if (this.stream === stream) this.stream = undefined;
    }
  }

  /** Applies one message; returns why the stream must be abandoned (a sequence break), if it must. */
  private onMessage(update: OrderBookUpdate): string | undefined {
    const sequence = Number(update.sequence);
    const snapshot = update.reset || update.kind === OrderBookUpdateKind.ORDER_BOOK_UPDATE_KIND_SNAPSHOT;
    if (this.nextSequence === 0) {
      if (!snapshot) return `the stream began with a delta (sequence ${update.sequence}) instead of a snapshot`;
    } else if (sequence !== this.nextSequence) {
      return `sequence gap: expected ${this.nextSequence}, received ${update.sequence}`;
    }
    this.nextSequence = sequence + 1;
    this.book.apply(update);
    this.receivedAtUs = nowUs();
    this.stats.messages++;
    if (snapshot) {
      this.stats.resets++;
      this.backoff.reset();
      this.state = 'live';
      this.emit('reset', this.book);
      for (const waiter of this.readyWaiters.splice(0)) waiter.resolve(this.book);
    }
    this.emit('update', this.book, update);
    return undefined;
  }

  private markStale(reason: string, error: GatewayError | undefined): void {
    if (this.state === 'stopped' || this.state === 'failed') return;
    const wasFollowing = this.state === 'live';
    this.state = this.stats.resets > 0 ? 'stale' : 'connecting';
    if (wasFollowing || error) this.emit('stale', `${formatSymbol(this.symbol)}: ${reason}`, error);
  }

  private fail(error: GatewayError): void {
    this.state = 'failed';
    this.failure = error;
    for (const waiter of this.readyWaiters.splice(0)) waiter.reject(error);
    this.emit('failed', error);
    if (this.ownsEndpoint) this.endpoint.close();
  }
}
