import { EventEmitter } from 'node:events';
import { Backoff, delay, type BackoffOptions } from './backoff.js';
import { BookFollower } from './book-follower.js';
import { Endpoint, type EndpointLike } from './endpoint.js';
import { NotFoundError, toGatewayError, type GatewayError } from './errors.js';
import { DiagnosticsClient, type Health } from './generated/cexgw/v1/diagnostics.js';
import { MarketDataClient, type ListSymbolsResponse } from './generated/cexgw/v1/market_data.js';
import type { Symbol as SymbolMessage } from './generated/cexgw/v1/common.js';
import * as grpc from '@grpc/grpc-js';
import type { Level } from './order-book.js';
import { bestAcross, bestCrossSpread, type BestPrice, type CrossSpread, type VenueQuote } from './spread.js';
import { isPermanent, nowUs } from './streams.js';
import { formatSymbol, sameSymbol, toSymbol, type SymbolLike } from './symbols.js';
import { unary } from './unary.js';

export interface CrossVenueSource {
  /** The venue's market-data service. */
  readonly endpoint: EndpointLike;
  /** The venue id; asked from the service (Diagnostics.GetHealth) when absent. */
  readonly venue?: string;
  /** Taker fee rate ("0.001"); read from the venue's ListSymbols when absent (your own tier, say). */
  readonly takerFeeRate?: string;
}

export interface CrossVenueBookOptions {
  readonly symbol: SymbolLike;
  readonly venues: readonly CrossVenueSource[];
  /** Levels per side each follower asks for; 0 = the gateway's default. */
  readonly depth?: number;
  /** A venue with no book message for this long counts as stale. Default 5000; Infinity = only when not live. */
  readonly staleAfterMs?: number;
  readonly backoff?: BackoffOptions;
}

export interface CrossVenueView {
  /** "BTC/USDT". */
  readonly symbol: string;
  /** When this view was taken, epoch µs. */
  readonly atUs: number;
  /** Every venue, in the configured order, with its best bid and ask and how fresh they are. */
  readonly venues: readonly VenueQuote[];
  /** The highest bid and the lowest ask among fresh venues. */
  readonly bestBid: BestPrice | undefined;
  readonly bestAsk: BestPrice | undefined;
  /** The best buy-here-sell-there spread net of both taker fees, among fresh venues. */
  readonly spread: CrossSpread | undefined;
}

export interface CrossVenueBookEvents {
  /** A venue's best bid or ask, liveness or staleness changed. */
  update: [view: CrossVenueView];
  /** A venue's book stopped being followed, or cannot be yet (a call failed: `error`); retried. */
  stale: [venue: string, reason: string, error: GatewayError | undefined];
  /** A venue cannot be followed at all (symbol not listed there, ...); the others go on. */
  failed: [venue: string, error: GatewayError];
}

interface VenueState {
  readonly source: CrossVenueSource;
  readonly endpoint: Endpoint;
  readonly ownsEndpoint: boolean;
  venue: string;
  takerFeeRate: string;
  follower: BookFollower | undefined;
  /** Settles when the venue is followed (or has failed for good). */
  readonly followed: Promise<void>;
  settle(): void;
  /** What the last emitted view showed (level objects are replaced, never changed), to emit only on change. */
  shown: { bid: Level | undefined; ask: Level | undefined; stale: boolean };
}

/**
 * One asset pair on several venues at once: a BookFollower per venue's market-data service, the
 * taker fees from each venue's ListSymbols, and a consolidated view (best bid and ask per venue
 * and across venues, the best cross-venue spread net of fees, per-venue staleness, and the venue
 * and gateway timestamps of every top of book) emitted whenever any of it changes.
 */
export class CrossVenueBook extends EventEmitter<CrossVenueBookEvents> {
  readonly symbol: SymbolMessage;
  private readonly venues: VenueState[];
  private readonly depth: number;
  private readonly staleAfterMs: number;
  private readonly backoff: BackoffOptions | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly abort = new AbortController();

  constructor(options: CrossVenueBookOptions) {
    super();
    if (options.venues.length === 0) throw new Error('a cross-venue book needs at least one venue');
    this.symbol = toSymbol(options.symbol);
    this.depth = options.depth ?? 0;
    this.staleAfterMs = options.staleAfterMs ?? 5_000;
    this.backoff = options.backoff;
    this.venues = options.venues.map((source) => {
      const endpoint = Endpoint.from(source.endpoint);
      let settle = () => {};
      const followed = new Promise<void>((resolve) => (settle = resolve));
      return {
        source,
        endpoint,
        ownsEndpoint: endpoint !== source.endpoint,
        venue: source.venue ?? '',
        takerFeeRate: source.takerFeeRate ?? '',
        follower: undefined,
        followed,
        settle,
        shown: { bid: undefined, ask: undefined, stale: true },
      };
    });
  }

  /**
   * Learns each venue's id and fee (ListSymbols), then follows its book. Resolves after one
   * attempt per venue: a venue whose service cannot be reached yet is reported `stale` and
   * retried in the background; one that can never be followed (symbol not listed) is `failed`.
   */
  async start(): Promise<void> {
    await Promise.all(
      this.venues.map(async (state) => {
        if ((await this.describeAndFollow(state)) === 'retry') void this.retryDescribe(state);
      }),
    );
    if (!this.stopped && this.staleAfterMs !== Infinity) {
      this.timer = setInterval(() => this.changed(), Math.min(1_000, Math.max(50, this.staleAfterMs / 4)));
      this.timer.unref();
    }
  }

  /** Resolves when every venue's book is live (venues that failed for good are left out). */
  async ready(): Promise<CrossVenueView> {
    await Promise.all(this.venues.map((s) => s.followed.then(() => s.follower?.ready())));
    return this.view();
  }

  /** The consolidated view now: every venue, in the configured order. */
  view(): CrossVenueView {
    const atUs = nowUs();
    const venues = this.venues.map((s) => this.quote(s, atUs));
    return { symbol: formatSymbol(this.symbol), atUs, venues, bestBid: bestAcross(venues, 'bid'), bestAsk: bestAcross(venues, 'ask'), spread: bestCrossSpread(venues) };
  }

  stop(): void {
    this.stopped = true;
    this.abort.abort();
    clearInterval(this.timer);
    for (const state of this.venues) {
      state.follower?.stop();
      if (state.ownsEndpoint) state.endpoint.close();
    }
  }

  private label(state: VenueState): string {
    return state.venue || state.endpoint.addresses[0]!;
  }

  /** One attempt to describe the venue and follow its book. */
  private async describeAndFollow(state: VenueState): Promise<'followed' | 'retry' | 'failed'> {
    try {
      await this.describe(state);
    } catch (error) {
      const typed = toGatewayError(error);
      if (this.stopped) return 'failed';
      if (isPermanent(typed)) {
        this.emit('failed', this.label(state), typed);
        state.settle();
        return 'failed';
      }
      this.emit('stale', this.label(state), typed.message, typed);
      return 'retry';
    }
    if (this.stopped) return 'failed';
    this.follow(state);
    state.settle();
    return 'followed';
  }

  private async retryDescribe(state: VenueState): Promise<void> {
    const backoff = new Backoff(this.backoff);
    do await delay(backoff.next(), this.abort.signal);
    while (!this.stopped && (await this.describeAndFollow(state)) === 'retry');
  }

  private async describe(state: VenueState): Promise<void> {
    if (!state.venue) {
      const health = await unary<DiagnosticsClient, Health>(state.endpoint, DiagnosticsClient, (c, m, o, cb) => c.getHealth({}, m, o, cb));
      state.venue = health.venue;
    }
    if (state.source.takerFeeRate !== undefined) return;
    const { symbols } = await unary<MarketDataClient, ListSymbolsResponse>(state.endpoint, MarketDataClient, (c, m, o, cb) => c.listSymbols({ quote: this.symbol.quote }, m, o, cb));
    const info = symbols.find((s) => sameSymbol(s.symbol, this.symbol));
    if (!info) throw new NotFoundError(grpc.status.NOT_FOUND, `${state.venue} does not list ${formatSymbol(this.symbol)}`);
    state.takerFeeRate = info.takerFeeRate;
  }

  private follow(state: VenueState): void {
    const follower = new BookFollower({ endpoint: state.endpoint, symbol: this.symbol, depth: this.depth, backoff: this.backoff });
    state.follower = follower;
    follower.on('update', () => this.changed());
    follower.on('stale', (reason, error) => {
      this.emit('stale', state.venue, reason, error);
      this.changed();
    });
    follower.on('failed', (error) => {
      this.emit('failed', state.venue, error);
      this.changed();
    });
    follower.start();
  }

  private quote(state: VenueState, atUs: number): VenueQuote {
    const follower = state.follower;
    if (!follower) return notFollowed(this.label(state), state.takerFeeRate);
    const book = follower.book;
    const ageMs = follower.receivedAtUs === 0 ? Infinity : (atUs - follower.receivedAtUs) / 1000;
    return {
      venue: state.venue,
      bid: book.bestBid,
      ask: book.bestAsk,
      takerFeeRate: state.takerFeeRate,
      live: follower.isLive,
      stale: this.isStale(follower, atUs),
      ageMs,
      sequence: book.sequence,
      lastUpdateId: book.lastUpdateId,
      venueTimestampMs: book.venueTimestampMs,
      gatewayReceivedUs: book.gatewayReceivedUs,
      receivedAtUs: follower.receivedAtUs,
    };
  }

  /** Emits a view when any venue's top of book or freshness differs from the last one emitted. */
  private changed(): void {
    if (this.stopped || this.listenerCount('update') === 0) return;
    const atUs = nowUs();
    let differs = false;
    for (const state of this.venues) {
      if (!state.follower) continue;
      const { bestBid, bestAsk } = state.follower.book;
      const stale = this.isStale(state.follower, atUs);
      if (bestBid === state.shown.bid && bestAsk === state.shown.ask && stale === state.shown.stale) continue;
      state.shown = { bid: bestBid, ask: bestAsk, stale };
      differs = true;
    }
    if (differs) this.emit('update', this.view());
  }

  private isStale(follower: BookFollower, atUs: number): boolean {
    return !follower.isLive || (atUs - follower.receivedAtUs) / 1000 > this.staleAfterMs;
  }
}

function notFollowed(venue: string, takerFeeRate: string): VenueQuote {
  return {
    venue,
    bid: undefined,
    ask: undefined,
    takerFeeRate,
    live: false,
    stale: true,
    ageMs: Infinity,
    sequence: 0,
    lastUpdateId: '0',
    venueTimestampMs: '0',
    gatewayReceivedUs: '0',
    receivedAtUs: 0,
  };
}
