import type { BookEvent, Level, LevelChange, MatchingEngine } from '../../engine/index.js';
import { TopNDiffer, type TopNChange } from '../../common/top-n-differ.js';
import { obuUpdate, type GateMarket } from './ws-protocol.js';

export type DepthKind = 'obu' | 'order_book_update';

/** What the depth feeds need of a simulated Gate venue. */
export interface DepthContext {
  readonly engine: MatchingEngine;
  now(): number;
  /** Called just before a depth delta frame leaves, with its last update id (benchmarks time frames by it). */
  readonly onDepthPush?: (venueSymbol: string, lastUpdateId: number) => void;
}

export interface DepthSubscriber {
  send(frame: string): void;
}

/** How one Gate market (spot, futures) renders its depth channels. */
export interface DepthFormat<Spec, Conn extends DepthSubscriber> {
  readonly market: GateMarket;
  /** The venue's name of the listed pair or contract ("BTC_USDT"). */
  idOf(spec: Spec): string;
  /** [price, size] levels as obu pushes carry them. */
  obuLevels(spec: Spec, levels: readonly Level[]): [string, string][];
  /** Sends an order_book_update push of `change` to each subscriber (frames may differ per connection). */
  sendOrderBookUpdate(stream: DepthStream<Spec, Conn>, change: TopNChange, now: number): void;
  /** The venue's push cadence of a stream (ms); `intervalMs` is the one a subscription asked for. */
  venueCadenceMs(kind: DepthKind, level: number, intervalMs: number): number;
}

/**
 * One depth feed (a pair or contract at a depth and cadence) shared by all its subscribers. Each
 * push diffs the current top-N view against the last view sent, so levels that leave the top N go
 * out as deletions ("0") and levels that enter it go out as additions. U..u of a push always
 * start at the previous push's u + 1, which is what clients check.
 */
export class DepthStream<Spec, Conn extends DepthSubscriber> {
  readonly subscribers = new Set<Conn>();
  readonly id: string;
  private readonly differ: TopNDiffer;

  constructor(
    readonly kind: DepthKind,
    readonly spec: Spec,
    readonly level: number,
    readonly cadenceMs: number,
    private readonly ctx: DepthContext,
    private readonly format: DepthFormat<Spec, Conn>,
  ) {
    this.id = format.idOf(spec);
    this.differ = new TopNDiffer(ctx.engine, this.id, level);
  }

  get key(): string {
    return depthKey(this.kind, this.id, this.level, this.cadenceMs);
  }

  /** obu stream name, e.g. "ob.BTC_USDT.50". */
  get streamName(): string {
    return `ob.${this.id}.${this.level}`;
  }

  armSkip(): void {
    this.differ.armSkip();
  }

  /** Levels a book event changed, so the next push reports them even if they end unchanged. */
  noteChanges(changes: readonly LevelChange[]): void {
    this.differ.note(changes);
  }

  /** A full:true obu frame of the last view sent; the next delta continues from its u. */
  fullSnapshotFrame(): string {
    const view = this.differ.view;
    return obuUpdate(this.ctx.now(), this.format.market, {
      t: this.ctx.engine.lastChangeTime(this.id),
      full: true,
      s: this.streamName,
      u: view.u,
      b: this.format.obuLevels(this.spec, view.bids),
      a: this.format.obuLevels(this.spec, view.asks),
    });
  }

  /** Sends the changes since the last push, if the top-N view changed. */
  push(): void {
    const change = this.differ.next();
    if (!change) return;
    const now = this.ctx.now();
    if (this.kind !== 'obu') {
      this.ctx.onDepthPush?.(this.id, change.u);
      this.format.sendOrderBookUpdate(this, change, now);
      return;
    }
    const { t, firstU, u } = change;
    const frame = obuUpdate(now, this.format.market, { t, s: this.streamName, U: firstU, u, b: this.format.obuLevels(this.spec, change.bids), a: this.format.obuLevels(this.spec, change.asks) });
    this.ctx.onDepthPush?.(this.id, u);
    for (const conn of this.subscribers) conn.send(frame);
  }
}

function depthKey(kind: DepthKind, id: string, level: number, cadenceMs: number): string {
  return `${kind}|${id}|${level}|${cadenceMs}`;
}

/** All depth streams of a simulated Gate market, their timers, and immediate pushes on book events (cadence 0). */
export class DepthHub<Spec, Conn extends DepthSubscriber> {
  private readonly streams = new Map<string, DepthStream<Spec, Conn>>();
  private readonly byId = new Map<string, Set<DepthStream<Spec, Conn>>>();
  private readonly timers = new Map<number, NodeJS.Timeout>();
  private readonly detach: () => void;

  /** @param pushIntervalMs undefined = venue cadences; 0 = push on every book change. */
  constructor(
    private readonly ctx: DepthContext,
    private readonly format: DepthFormat<Spec, Conn>,
    private readonly pushIntervalMs: number | undefined,
  ) {
    this.detach = ctx.engine.onBookEvent((e: BookEvent) => {
      const streams = this.byId.get(e.symbol);
      if (!streams) return;
      for (const s of streams) {
        s.noteChanges(e.changes);
        if (s.cadenceMs === 0) s.push();
      }
    });
  }

  cadenceFor(kind: DepthKind, level: number, intervalMs: number): number {
    return this.pushIntervalMs ?? this.format.venueCadenceMs(kind, level, intervalMs);
  }

  subscribe(conn: Conn, kind: DepthKind, spec: Spec, level: number, intervalMs = 100): DepthStream<Spec, Conn> {
    const cadence = this.cadenceFor(kind, level, intervalMs);
    const id = this.format.idOf(spec);
    let stream = this.streams.get(depthKey(kind, id, level, cadence));
    if (!stream) {
      stream = new DepthStream(kind, spec, level, cadence, this.ctx, this.format);
      this.streams.set(stream.key, stream);
      let set = this.byId.get(id);
      if (!set) this.byId.set(id, (set = new Set()));
      set.add(stream);
      this.ensureTimer(cadence);
    } else {
      // bring a shared stream up to date before a newcomer takes its snapshot
      stream.push();
    }
    stream.subscribers.add(conn);
    return stream;
  }

  unsubscribe(conn: Conn, kind: DepthKind, id: string, level: number, intervalMs = 100): void {
    const stream = this.streams.get(depthKey(kind, id, level, this.cadenceFor(kind, level, intervalMs)));
    if (!stream) return;
    stream.subscribers.delete(conn);
    if (stream.subscribers.size === 0) this.drop(stream);
  }

  removeConnection(conn: Conn): void {
    for (const stream of [...this.streams.values()]) {
      if (stream.subscribers.delete(conn) && stream.subscribers.size === 0) this.drop(stream);
    }
  }

  /** skip_sequence: the next delta of every stream is dropped. Returns how many were armed. */
  armSkip(): number {
    for (const s of this.streams.values()) s.armSkip();
    return this.streams.size;
  }

  close(): void {
    this.detach();
    for (const t of this.timers.values()) clearInterval(t);
    this.timers.clear();
    this.streams.clear();
    this.byId.clear();
  }

  private drop(stream: DepthStream<Spec, Conn>): void {
    this.streams.delete(stream.key);
    this.byId.get(stream.id)?.delete(stream);
  }

  private ensureTimer(cadenceMs: number): void {
    if (cadenceMs <= 0 || this.timers.has(cadenceMs)) return;
    const timer = setInterval(() => {
      for (const s of this.streams.values()) if (s.cadenceMs === cadenceMs) s.push();
    }, cadenceMs);
    timer.unref?.();
    this.timers.set(cadenceMs, timer);
  }
}
