import type { BookEvent, LevelChange } from '../../engine/index.js';
import { TopNDiffer } from '../../common/topNDiffer.js';
import type { GateContractSpec } from './catalogue.js';
import type { GateFuturesContext } from './context.js';
import * as fmt from './format.js';
import type { GateFuturesWsConnection } from './wsConnection.js';
import { obuUpdate, update } from './wsProtocol.js';

export type DepthKind = 'obu' | 'order_book_update';

/**
 * One depth feed (a contract at a depth and cadence) shared by its subscribers; the same diffing
 * as the spot simulator: each push diffs the top-N view against the last one sent, U of a push is
 * the previous u + 1. futures.obu levels are [price, size] strings; futures.order_book_update
 * levels are {p, s} objects with s an integer (a string for X-Gate-Size-Decimal connections).
 */
export class DepthStream {
  readonly subscribers = new Set<GateFuturesWsConnection>();
  private readonly differ: TopNDiffer;

  constructor(
    readonly kind: DepthKind,
    readonly spec: GateContractSpec,
    readonly level: number,
    readonly cadenceMs: number,
    private readonly ctx: GateFuturesContext,
  ) {
    this.differ = new TopNDiffer(ctx.engine, spec.name, level);
  }

  get key(): string {
    return DepthStream.key(this.kind, this.spec.name, this.level, this.cadenceMs);
  }

  static key(kind: DepthKind, contract: string, level: number, cadenceMs: number): string {
    return `${kind}|${contract}|${level}|${cadenceMs}`;
  }

  get streamName(): string {
    return `ob.${this.spec.name}.${this.level}`;
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
      t: this.ctx.engine.lastChangeTime(this.spec.name),
      full: true,
      s: this.streamName,
      u: view.u,
      b: fmt.arrayLevels(this.spec, view.bids),
      a: fmt.arrayLevels(this.spec, view.asks),
    });
  }

  push(): void {
    const change = this.differ.next();
    if (!change) return;
    const name = this.spec.name;
    const { t, firstU, u } = change;
    const db = change.bids;
    const da = change.asks;
    const now = this.ctx.now();
    this.ctx.onDepthPush?.(name, u);
    if (this.kind === 'obu') {
      const frame = obuUpdate(now, { t, s: this.streamName, U: firstU, u, b: fmt.arrayLevels(this.spec, db), a: fmt.arrayLevels(this.spec, da) });
      for (const conn of this.subscribers) conn.send(frame);
      return;
    }
    const frames = new Map<boolean, string>();
    for (const conn of this.subscribers) {
      let frame = frames.get(conn.decimalSizes);
      if (frame === undefined) {
        const d = conn.decimalSizes;
        frame = update(now, 'futures.order_book_update', { t, s: name, U: firstU, u, b: fmt.objectLevels(this.spec, db, d), a: fmt.objectLevels(this.spec, da, d), l: String(this.level) });
        frames.set(d, frame);
      }
      conn.send(frame);
    }
  }
}

/** All depth streams, their timers, and immediate pushes on book events (cadence 0). */
export class DepthHub {
  private readonly streams = new Map<string, DepthStream>();
  private readonly timers = new Map<number, NodeJS.Timeout>();
  private readonly detach: () => void;

  /** @param pushIntervalMs undefined = venue cadences; 0 = push on every book change. */
  constructor(
    private readonly ctx: GateFuturesContext,
    private readonly pushIntervalMs: number | undefined,
  ) {
    this.detach = ctx.engine.onBookEvent((e: BookEvent) => {
      for (const s of this.streams.values()) {
        if (s.spec.name !== e.symbol) continue;
        s.noteChanges(e.changes);
        if (s.cadenceMs === 0) s.push();
      }
    });
  }

  /** obu: 50 levels / 20 ms, 400 / 100 ms; order_book_update: the requested interval. */
  cadenceFor(kind: DepthKind, level: number, intervalMs: number): number {
    if (this.pushIntervalMs !== undefined) return this.pushIntervalMs;
    if (kind === 'obu') return level === 50 ? 20 : 100;
    return intervalMs;
  }

  subscribe(conn: GateFuturesWsConnection, kind: DepthKind, spec: GateContractSpec, level: number, intervalMs = 100): DepthStream {
    const cadence = this.cadenceFor(kind, level, intervalMs);
    const key = DepthStream.key(kind, spec.name, level, cadence);
    let stream = this.streams.get(key);
    if (!stream) {
      stream = new DepthStream(kind, spec, level, cadence, this.ctx);
      this.streams.set(key, stream);
      this.ensureTimer(cadence);
    } else {
      stream.push();
    }
    stream.subscribers.add(conn);
    return stream;
  }

  unsubscribe(conn: GateFuturesWsConnection, kind: DepthKind, contract: string, level: number, intervalMs = 100): void {
    const key = DepthStream.key(kind, contract, level, this.cadenceFor(kind, level, intervalMs));
    const stream = this.streams.get(key);
    if (!stream) return;
    stream.subscribers.delete(conn);
    if (stream.subscribers.size === 0) this.streams.delete(key);
  }

  removeConnection(conn: GateFuturesWsConnection): void {
    for (const [key, stream] of [...this.streams]) {
      if (stream.subscribers.delete(conn) && stream.subscribers.size === 0) this.streams.delete(key);
    }
  }

  armSkip(): number {
    for (const s of this.streams.values()) s.armSkip();
    return this.streams.size;
  }

  close(): void {
    this.detach();
    for (const t of this.timers.values()) clearInterval(t);
    this.timers.clear();
    this.streams.clear();
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
