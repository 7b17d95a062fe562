import type { BookEvent, MatchingEngine, Trade } from '../../engine/index.js';

/** One subscriber of market streams: how it wants its events framed. */
export interface StreamSubscriber {
  /** Sends one event of `stream` (raw, or wrapped {"stream","data"} on a combined connection). */
  push(stream: string, data: unknown): void;
}

/**
 * One market stream (e.g. "btcusdt@depth@100ms") shared by its subscribers. Book events accumulate
 * between pushes; `tick` runs on the stream's cadence (0 = on every book event).
 */
export abstract class StreamFeed {
  readonly subscribers = new Set<StreamSubscriber>();

  constructor(
    readonly name: string,
    readonly symbol: string,
    readonly cadenceMs: number,
  ) {}

  onBookEvent(_event: BookEvent): void {}
  abstract tick(): void;
  /** The feed is dropped (its last subscriber left, or the venue closes): let go of what it listens to. */
  dispose(): void {}

  /** skip_sequence: lose the next push (incremental depth only). Returns whether armed. */
  armSkip(): boolean {
    return false;
  }

  protected broadcast(data: unknown): void {
    for (const subscriber of this.subscribers) subscriber.push(this.name, data);
  }
}

/** A trade stream: the engine's trades of each book event, sent one event per trade at the next tick. */
export abstract class TradeFeed extends StreamFeed {
  private pending: Trade[] = [];

  constructor(name: string, symbol: string) {
    super(name, symbol, 0);
  }

  override onBookEvent(event: BookEvent): void {
    for (const trade of event.trades) this.pending.push(trade);
  }

  tick(): void {
    const trades = this.pending;
    this.pending = [];
    for (const trade of trades) this.broadcast(this.event(trade));
  }

  /** The venue's event for one trade. */
  protected abstract event(trade: Trade): unknown;
}

/** Builds the feed of a stream name, or undefined when the venue serves no such stream. */
export type FeedFactory = (name: string) => StreamFeed | undefined;

/** Every stream feed of a simulator: shared per name, driven by the engine's book events and cadence timers. */
export class StreamHub {
  private readonly feeds = new Map<string, StreamFeed>();
  private readonly bySymbol = new Map<string, Set<StreamFeed>>();
  private readonly timers = new Map<number, NodeJS.Timeout>();
  private readonly detach: () => void;

  constructor(
    engine: MatchingEngine,
    private readonly create: FeedFactory,
  ) {
    this.detach = engine.onBookEvent((event) => {
      const feeds = this.bySymbol.get(event.symbol);
      if (!feeds) return;
      for (const feed of feeds) {
        feed.onBookEvent(event);
        if (feed.cadenceMs === 0) feed.tick();
      }
    });
  }

  get size(): number {
    return this.feeds.size;
  }

  /** Whether the venue serves a stream of this name. */
  serves(name: string): boolean {
    return this.feeds.has(name) || this.create(name) !== undefined;
  }

  subscribe(subscriber: StreamSubscriber, name: string): boolean {
    let feed = this.feeds.get(name);
    if (!feed) {
      feed = this.create(name);
      if (!feed) return false;
      this.feeds.set(name, feed);
      let set = this.bySymbol.get(feed.symbol);
      if (!set) this.bySymbol.set(feed.symbol, (set = new Set()));
      set.add(feed);
      this.ensureTimer(feed.cadenceMs);
    }
    feed.subscribers.add(subscriber);
    return true;
  }

  unsubscribe(subscriber: StreamSubscriber, name: string): void {
    const feed = this.feeds.get(name);
    if (!feed || !feed.subscribers.delete(subscriber) || feed.subscribers.size > 0) return;
    this.feeds.delete(name);
    this.bySymbol.get(feed.symbol)?.delete(feed);
    feed.dispose();
  }

  armSkip(): number {
    let n = 0;
    for (const feed of this.feeds.values()) if (feed.armSkip()) n += 1;
    return n;
  }

  /** Runs every feed of this cadence (timers call it; so may a venue that drives a cadence itself). */
  tickCadence(cadenceMs: number): void {
    for (const feed of this.feeds.values()) if (feed.cadenceMs === cadenceMs) feed.tick();
  }

  close(): void {
    this.detach();
    for (const timer of this.timers.values()) clearInterval(timer);
    this.timers.clear();
    for (const feed of this.feeds.values()) feed.dispose();
    this.feeds.clear();
    this.bySymbol.clear();
  }

  private ensureTimer(cadenceMs: number): void {
    if (cadenceMs <= 0 || this.timers.has(cadenceMs)) return;
    const timer = setInterval(() => this.tickCadence(cadenceMs), cadenceMs);
    timer.unref?.();
    this.timers.set(cadenceMs, timer);
  }
}
