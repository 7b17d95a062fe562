import { encodePush, type IPushDataV3ApiWrapper } from '@cexgw/mexc-proto';
import type { BookEvent, Level, LevelChange, Trade } from '../../engine/index.js';
import type { MexcSymbolSpec } from './catalogue.js';
import type { MexcSpotContext } from './context.js';
import * as fmt from './format.js';
import type { MexcWsConnection } from './ws-connection.js';
import { eventTypeOf, type Topic } from './ws-protocol.js';

/** limit.depth cadence: not documented; the simulator pushes a changed top-N at most this often. */
export const LIMIT_DEPTH_CADENCE_MS = 100;

/**
 * One push stream (a topic) shared by all its subscribers. Book events accumulate between
 * pushes; `tick` runs on the topic's cadence and sends at most one protobuf frame.
 */
abstract class Feed {
  readonly subscribers = new Set<MexcWsConnection>();

  constructor(
    readonly topic: Topic,
    readonly spec: MexcSymbolSpec,
    readonly cadenceMs: number,
    protected readonly ctx: MexcSpotContext,
  ) {}

  onBookEvent(_event: BookEvent): void {}
  abstract tick(): void;
  /** A frame for a newcomer, sent right after its ack (only snapshot-style topics have one). */
  welcome(_conn: MexcWsConnection): void {}
  /** skip_sequence: lose the next frame (meaningful for incremental depth). Returns whether armed. */
  armSkip(): boolean {
    return false;
  }

  protected frame(body: Partial<IPushDataV3ApiWrapper>): Uint8Array {
    return encodePush({ channel: this.topic.name, symbol: this.spec.symbol, sendTime: this.ctx.now(), ...body });
  }

  protected broadcast(frame: Uint8Array): void {
    for (const conn of this.subscribers) conn.send(frame);
  }
}

const bySide = (changes: Iterable<LevelChange>, side: 'bid' | 'ask'): Level[] => {
  const out: Level[] = [];
  for (const c of changes) if (c.side === side) out.push([c.price, c.quantity]);
  return out.sort((x, y) => (side === 'bid' ? (x[0] > y[0] ? -1 : 1) : x[0] < y[0] ? -1 : 1));
};

const items = (spec: MexcSymbolSpec, levels: readonly Level[]) => levels.map(([p, q]) => ({ price: fmt.price(spec, p), quantity: fmt.qty(spec, q) }));

/**
 * spot@public.aggre.depth.v3.api.pb: every level changed since the last push with its absolute
 * quantity ("0" = removed), over the versions fromVersion..toVersion. Versions are the engine's
 * per-symbol update ids, the same space as REST depth's lastUpdateId, and fromVersion is always
 * the previous toVersion + 1 (unless skip_sequence drops a push).
 */
export class AggreDepthFeed extends Feed {
  private readonly pending = new Map<string, LevelChange>();
  private lastVersion: number;
  private skipNext = false;

  constructor(topic: Topic, spec: MexcSymbolSpec, cadenceMs: number, ctx: MexcSpotContext) {
    super(topic, spec, cadenceMs, ctx);
    this.lastVersion = ctx.engine.updateId(spec.symbol);
  }

  override onBookEvent(event: BookEvent): void {
    for (const c of event.changes) this.pending.set(`${c.side}|${c.price}`, c);
  }

  override armSkip(): boolean {
    this.skipNext = true;
    return true;
  }

  tick(): void {
    const version = this.ctx.engine.updateId(this.spec.symbol);
    if (version === this.lastVersion) return;
    const fromVersion = this.lastVersion + 1;
    this.lastVersion = version;
    const changes = [...this.pending.values()];
    this.pending.clear();
    if (this.skipNext) {
      this.skipNext = false; // a real gap: these versions are never delivered
      return;
    }
    const frame = this.frame({
      publicAggreDepths: {
        asks: items(this.spec, bySide(changes, 'ask')),
        bids: items(this.spec, bySide(changes, 'bid')),
        eventType: eventTypeOf(this.topic),
        fromVersion: String(fromVersion),
        toVersion: String(version),
      },
    });
    this.ctx.onDepthPush?.(this.spec.symbol, version);
    this.broadcast(frame);
  }
}

/** spot@public.limit.depth.v3.api.pb: the whole top N of both sides whenever it changed. */
export class LimitDepthFeed extends Feed {
  private lastKey = '';
  private checkedVersion = -1;

  tick(): void {
    const version = this.ctx.engine.updateId(this.spec.symbol);
    if (version === this.checkedVersion) return;
    this.checkedVersion = version;
    const body = this.body();
    const key = JSON.stringify([body.asks, body.bids]);
    if (key === this.lastKey) return;
    this.lastKey = key;
    this.broadcast(this.frame({ publicLimitDepths: body }));
  }

  override welcome(conn: MexcWsConnection): void {
    conn.send(this.frame({ publicLimitDepths: this.body() }));
  }

  private body() {
    const view = this.ctx.engine.view(this.spec.symbol, this.topic.level);
    return {
      asks: items(this.spec, view.asks),
      bids: items(this.spec, view.bids),
      eventType: eventTypeOf(this.topic),
      version: String(view.updateId),
    };
  }
}

/**
 * spot@public.aggre.deals.v3.api.pb: the trades of the window, oldest first, each with its trade id
 * (`tradeId`, in the schema since websocket-proto 7b8ac7a; the live format is undocumented: the
 * engine's trade number).
 */
export class AggreDealsFeed extends Feed {
  private pending: Trade[] = [];

  override onBookEvent(event: BookEvent): void {
    for (const t of event.trades) this.pending.push(t);
  }

  tick(): void {
    if (this.pending.length === 0) return;
    const trades = this.pending;
    this.pending = [];
    this.broadcast(
      this.frame({
        publicAggreDeals: {
          deals: trades.map((t) => ({
            price: fmt.price(this.spec, t.price),
            quantity: fmt.qty(this.spec, t.quantity),
            tradeType: t.takerSide === 'buy' ? 1 : 2,
            time: t.timestamp,
            tradeId: String(t.id),
          })),
          eventType: eventTypeOf(this.topic),
        },
      }),
    );
  }
}

/**
 * spot@public.aggre.bookTicker.v3.api.pb: best bid/ask whenever either price or quantity changed,
 * with the book's version (since 7b8ac7a; the depth versions' space). `lastOrderCreateTime`, whose
 * meaning MEXC does not document, is not sent.
 */
export class AggreBookTickerFeed extends Feed {
  private lastKey = '';
  private checkedVersion = -1;

  tick(): void {
    const version = this.ctx.engine.updateId(this.spec.symbol);
    if (version === this.checkedVersion) return;
    this.checkedVersion = version;
    const t = fmt.bookTicker(this.spec, this.ctx.engine.book(this.spec.symbol));
    const key = `${t.bidPrice}|${t.bidQty}|${t.askPrice}|${t.askQty}`;
    if (key === this.lastKey) return;
    this.lastKey = key;
    this.broadcast(this.frame({ publicAggreBookTicker: { bidPrice: t.bidPrice, bidQuantity: t.bidQty, askPrice: t.askPrice, askQuantity: t.askQty, version: String(version) } }));
  }
}

/** All feeds of the simulator: shared per topic, driven by book events and cadence timers. */
export class FeedHub {
  private readonly feeds = new Map<string, Feed>();
  private readonly bySymbol = new Map<string, Set<Feed>>();
  private readonly timers = new Map<number, NodeJS.Timeout>();
  private readonly detach: () => void;

  /** @param pushIntervalMs undefined = the venue's cadences; 0 = push on every book change. */
  constructor(
    private readonly ctx: MexcSpotContext,
    private readonly pushIntervalMs: number | undefined,
  ) {
    this.detach = ctx.engine.onBookEvent((e) => {
      const feeds = this.bySymbol.get(e.symbol);
      if (!feeds) return;
      for (const f of feeds) {
        f.onBookEvent(e);
        if (f.cadenceMs === 0) f.tick();
      }
    });
  }

  get size(): number {
    return this.feeds.size;
  }

  subscribe(conn: MexcWsConnection, topic: Topic): Feed {
    let feed = this.feeds.get(topic.name);
    if (!feed) {
      const spec = this.ctx.symbols.get(topic.symbol);
      if (!spec) throw new Error(`unknown symbol ${topic.symbol}`);
      feed = this.create(topic, spec);
      this.feeds.set(topic.name, feed);
      let set = this.bySymbol.get(spec.symbol);
      if (!set) this.bySymbol.set(spec.symbol, (set = new Set()));
      set.add(feed);
      this.ensureTimer(feed.cadenceMs);
    }
    feed.subscribers.add(conn);
    return feed;
  }

  unsubscribe(conn: MexcWsConnection, topicName: string): void {
    const feed = this.feeds.get(topicName);
    if (feed && feed.subscribers.delete(conn) && feed.subscribers.size === 0) this.drop(feed);
  }

  removeConnection(conn: MexcWsConnection): void {
    for (const topic of conn.topics) this.unsubscribe(conn, topic);
  }

  /** skip_sequence: the next push of every incremental depth feed is lost. */
  armSkip(): number {
    let n = 0;
    for (const f of this.feeds.values()) if (f.armSkip()) n += 1;
    return n;
  }

  close(): void {
    this.detach();
    for (const t of this.timers.values()) clearInterval(t);
    this.timers.clear();
    this.feeds.clear();
    this.bySymbol.clear();
  }

  private create(topic: Topic, spec: MexcSymbolSpec): Feed {
    const cadence = (venueMs: number) => this.pushIntervalMs ?? venueMs;
    switch (topic.kind) {
      case 'aggre.depth':
        return new AggreDepthFeed(topic, spec, cadence(topic.intervalMs ?? 100), this.ctx);
      case 'aggre.deals':
        return new AggreDealsFeed(topic, spec, cadence(topic.intervalMs ?? 100), this.ctx);
      case 'aggre.bookTicker':
        return new AggreBookTickerFeed(topic, spec, cadence(topic.intervalMs ?? 100), this.ctx);
      case 'limit.depth':
        return new LimitDepthFeed(topic, spec, cadence(LIMIT_DEPTH_CADENCE_MS), this.ctx);
    }
  }

  private drop(feed: Feed): void {
    this.feeds.delete(feed.topic.name);
    this.bySymbol.get(feed.spec.symbol)?.delete(feed);
  }

  private ensureTimer(cadenceMs: number): void {
    if (cadenceMs <= 0 || this.timers.has(cadenceMs)) return;
    const timer = setInterval(() => {
      for (const f of this.feeds.values()) if (f.cadenceMs === cadenceMs) f.tick();
    }, cadenceMs);
    timer.unref?.();
    this.timers.set(cadenceMs, timer);
  }
}
