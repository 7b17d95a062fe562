import type { BookEvent, LevelChange } from '../../engine/index.js';
import { TopNDiffer } from '../../common/topNDiffer.js';
import type { GatePairSpec } from './catalogue.js';
import type { GateSpotContext } from './context.js';
import * as fmt from './format.js';
import type { GateWsConnection } from './wsConnection.js';
import { obuUpdate, update } from './wsProtocol.js';

export type DepthKind = 'obu' | 'order_book_update';

/** Venue cadences: obu 50 levels / 20 ms, 400 / 100 ms; order_book_update "20ms" = 20 levels, "100ms" = 100. */
export function venueCadenceMs(kind: DepthKind, level: number): number {
  if (kind === 'obu') return level === 50 ? 20 : 100;
  return level === 20 ? 20 : 100;
}

/**
 * One depth feed (a pair at a depth and cadence) shared by all its subscribers. Each push diffs
 * the current top-N view against the last view sent, so levels that leave the top N go out as
 * deletions ("0") and levels that enter it go out as additions. U..u of a push always start at
 * the previous push's u + 1, which is what clients check.
 */
export class DepthStream {
  readonly subscribers = new Set<GateWsConnection>();
  private readonly differ: TopNDiffer;

  constructor(
    readonly kind: DepthKind,
    readonly spec: GatePairSpec,
    readonly level: number,
    readonly cadenceMs: number,
    private readonly ctx: GateSpotContext,
  ) {
    this.differ = new TopNDiffer(ctx.engine, spec.id, level);
  }

  get key(): string {
    return DepthStream.key(this.kind, this.spec.id, this.level);
  }

  static key(kind: DepthKind, symbol: string, level: number): string {
    return `${kind}|${symbol}|${level}`;
  }

  /** obu stream name, e.g. "ob.BTC_USDT.50". */
  get streamName(): string {
    return `ob.${this.spec.id}.${this.level}`;
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
    return obuUpdate(this.ctx.now(), {
      t: this.ctx.engine.lastChangeTime(this.spec.id),
      full: true,
      s: this.streamName,
      u: view.u,
      b: fmt.levels(this.spec, view.bids),
      a: fmt.levels(this.spec, view.asks),
    });
  }

  /** Sends the changes since the last push, if the top-N view changed. */
  push(): void {
    const change = this.differ.next();
    if (!change) return;
    const symbol = this.spec.id;
    const { t, firstU, u } = change;
    const b = fmt.levels(this.spec, change.bids);
    const a = fmt.levels(this.spec, change.asks);
    const now = this.ctx.now();
    const frame =
      this.kind === 'obu'
        ? obuUpdate(now, { t, s: this.streamName, U: firstU, u, b, a })
        : update(now, 'spot.order_book_update', { t, l: String(this.level), e: 'depthUpdate', E: Math.floor(t / 1000), s: symbol, U: firstU, u, b, a });
    this.ctx.onDepthPush?.(symbol, u);
    for (const conn of this.subscribers) conn.send(frame);
  }
}

/** All depth streams of the simulator, their timers, and immediate pushes on book events. */
export class DepthHub {
  private readonly streams = new Map<string, DepthStream>();
  private readonly bySymbol = new Map<string, Set<DepthStream>>();
  private readonly timers = new Map<number, NodeJS.Timeout>();
  private readonly detach: () => void;

  /** @param pushIntervalMs undefined = venue cadences; 0 = push on every book change. */
  constructor(
    private readonly ctx: GateSpotContext,
    private readonly pushIntervalMs: number | undefined,
  ) {
    this.detach = ctx.engine.onBookEvent((e: BookEvent) => {
      const streams = this.bySymbol.get(e.symbol);
      if (!streams) return;
      for (const s of streams) {
        s.noteChanges(e.changes);
        if (s.cadenceMs === 0) s.push();
      }
    });
  }

  cadenceFor(kind: DepthKind, level: number): number {
    return this.pushIntervalMs ?? venueCadenceMs(kind, level);
  }

  get(kind: DepthKind, symbol: string, level: number): DepthStream | undefined {
    return this.streams.get(DepthStream.key(kind, symbol, level));
  }

  subscribe(conn: GateWsConnection, kind: DepthKind, spec: GatePairSpec, level: number): DepthStream {
    const key = DepthStream.key(kind, spec.id, level);
    let stream = this.streams.get(key);
    if (!stream) {
      stream = new DepthStream(kind, spec, level, this.cadenceFor(kind, level), this.ctx);
      this.streams.set(key, stream);
      let set = this.bySymbol.get(spec.id);
      if (!set) this.bySymbol.set(spec.id, (set = new Set()));
      set.add(stream);
      this.ensureTimer(stream.cadenceMs);
    } else {
      // bring a shared stream up to date before a newcomer takes its snapshot
      stream.push();
    }
    stream.subscribers.add(conn);
    return stream;
  }

  unsubscribe(conn: GateWsConnection, kind: DepthKind, symbol: string, level: number): void {
    const stream = this.streams.get(DepthStream.key(kind, symbol, level));
    if (!stream) return;
    stream.subscribers.delete(conn);
    if (stream.subscribers.size === 0) this.drop(stream);
  }

  removeConnection(conn: GateWsConnection): void {
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
    this.bySymbol.clear();
  }

  private drop(stream: DepthStream): void {
    this.streams.delete(stream.key);
    this.bySymbol.get(stream.spec.id)?.delete(stream);
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
