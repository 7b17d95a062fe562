import { OrderBook } from './order-book.js';
import type { BookEvent, BookSide, BookView, Instrument, LevelChange, OrderRequest, OrderResult, Trade } from './types.js';

export interface MatchingEngineOptions {
  /** Clock in ms since epoch; injectable for tests. Default Date.now. */
  clock?: () => number;
  /** First order-book update id given to every symbol (the first change gets this + 1). */
  initialUpdateId?: number;
  /** First engine-wide trade id (the first trade gets this + 1). */
  initialTradeId?: number;
  /** First per-symbol trade sequence (the first trade gets this + 1). */
  initialTradeSeq?: number;
}

interface SymbolState {
  instrument: Instrument;
  book: OrderBook;
  updateId: number;
  tradeSeq: number;
  lastChangeTime: number;
}

type BookListener = (event: BookEvent) => void;

/** Stand-in remaining quantity of a quote-budget order (the budget, not the quantity, stops it). */
const UNBOUNDED = 1n << 120n;

/**
 * Price-time-priority matching over any number of instruments. Every operation that changes a
 * book (a resting add, a cancel, a match) bumps that symbol's update id by exactly one and is
 * reported to listeners as one BookEvent with the absolute new quantity of each touched level.
 */
export class MatchingEngine {
  private readonly symbols = new Map<string, SymbolState>();
  private readonly listeners: BookListener[] = [];
  private readonly clock: () => number;
  private readonly initialUpdateId: number;
  private readonly initialTradeSeq: number;
  private nextOrderId = 1;
  private orderSeq = 0;
  private tradeId: number;
  private lastTimestamp = 0;
  private microsInMs = 0;

  constructor(options: MatchingEngineOptions = {}) {
    this.clock = options.clock ?? Date.now;
    this.initialUpdateId = options.initialUpdateId ?? 0;
    this.tradeId = options.initialTradeId ?? 0;
    this.initialTradeSeq = options.initialTradeSeq ?? 0;
  }

  addInstrument(instrument: Instrument): void {
    if (this.symbols.has(instrument.symbol)) throw new Error(`duplicate instrument ${instrument.symbol}`);
    this.symbols.set(instrument.symbol, {
      instrument,
      book: new OrderBook(),
      updateId: this.initialUpdateId,
      tradeSeq: this.initialTradeSeq,
      lastChangeTime: this.clock(),
    });
  }

  instruments(): Instrument[] {
    return [...this.symbols.values()].map((s) => s.instrument);
  }

  has(symbol: string): boolean {
    return this.symbols.has(symbol);
  }

  instrument(symbol: string): Instrument {
    return this.state(symbol).instrument;
  }

  /** Direct read access to a symbol's book (do not mutate it). */
  book(symbol: string): OrderBook {
    return this.state(symbol).book;
  }

  updateId(symbol: string): number {
    return this.state(symbol).updateId;
  }

  lastChangeTime(symbol: string): number {
    return this.state(symbol).lastChangeTime;
  }

  now(): number {
    return this.clock();
  }

  onBookEvent(listener: BookListener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /** Top `depth` levels of both sides and the update id they belong to. */
  view(symbol: string, depth?: number): BookView {
    const s = this.state(symbol);
    return { updateId: s.updateId, bids: s.book.depth('bid', depth), asks: s.book.depth('ask', depth) };
  }

  submit(symbol: string, request: OrderRequest): OrderResult {
    const s = this.state(symbol);
    const { instrument, book } = s;
    const orderId = this.nextOrderId++;
    const reject = (reason: string): OrderResult => ({ orderId, status: 'rejected', filled: 0n, remaining: request.quantity, trades: [], reason });

    const budget = request.quoteBudget;
    if (budget !== undefined) {
      if (request.type !== 'market' || request.side !== 'buy' || budget <= 0n) return reject('invalid quote budget');
    } else if (request.quantity <= 0n || request.quantity % instrument.lotSize !== 0n) {
      return reject('invalid quantity');
    }
    if (request.type === 'limit') {
      if (request.price === undefined || request.price <= 0n || request.price % instrument.tickSize !== 0n) return reject('invalid price');
    }

    const takerBookSide: BookSide = request.side === 'buy' ? 'bid' : 'ask';
    const makerSide: BookSide = request.side === 'buy' ? 'ask' : 'bid';
    const limit = request.type === 'limit' ? request.price : undefined;
    const crosses = (price: bigint): boolean => limit === undefined || (request.side === 'buy' ? price <= limit : price >= limit);
    const tif = request.timeInForce ?? (request.type === 'market' ? 'ioc' : 'gtc');

    if (tif === 'fok' && this.fillableQuantity(book, makerSide, request.quantity, crosses) < request.quantity) {
      return { orderId, status: 'cancelled_unfilled', filled: 0n, remaining: request.quantity, trades: [] };
    }

    const timestamp = this.clock();
    const trades: Trade[] = [];
    const touched = new Map<string, LevelChange>();
    // a quote-budget order has no base quantity: it runs until the budget or the book is spent
    let remaining = budget === undefined ? request.quantity : UNBOUNDED;
    let spent = 0n;

    while (remaining > 0n) {
      const best = book.bestPrice(makerSide);
      if (best === undefined || !crosses(best)) break;
      const maker = book.firstOrderAt(makerSide, best);
      if (!maker) break;
      let quantity = remaining < maker.remaining ? remaining : maker.remaining;
      if (budget !== undefined) {
        const affordable = ((budget - spent) / best / instrument.lotSize) * instrument.lotSize;
        if (affordable <= 0n) break;
        if (affordable < quantity) quantity = affordable;
        spent += quantity * best;
      }
      const levelTotal = book.reduce(maker.id, quantity);
      remaining -= quantity;
      touched.set(`${makerSide}:${best}`, { side: makerSide, price: best, quantity: levelTotal });
      s.tradeSeq += 1;
      this.tradeId += 1;
      trades.push({
        id: this.tradeId,
        seq: s.tradeSeq,
        symbol,
        price: best,
        quantity,
        takerSide: request.side,
        takerOrderId: orderId,
        makerOrderId: maker.id,
        timestamp,
        micros: this.nextMicros(timestamp),
      });
    }

    const filled = budget === undefined ? request.quantity - remaining : UNBOUNDED - remaining;
    if (budget !== undefined) remaining = 0n;
    let status: OrderResult['status'];
    if (remaining > 0n && request.type === 'limit' && tif === 'gtc') {
      const total = book.add({
        id: orderId,
        side: request.side,
        price: limit as bigint,
        remaining,
        original: request.quantity,
        owner: request.owner,
        seq: ++this.orderSeq,
      });
      touched.set(`${takerBookSide}:${limit}`, { side: takerBookSide, price: limit as bigint, quantity: total });
      status = filled > 0n ? 'partially_filled_resting' : 'resting';
    } else if (remaining === 0n) {
      status = budget !== undefined && filled === 0n ? 'cancelled_unfilled' : 'filled';
    } else {
      status = filled > 0n ? 'partially_filled_cancelled' : 'cancelled_unfilled';
    }

    const result: OrderResult = { orderId, status, filled, remaining: status === 'filled' ? 0n : remaining, trades };
    if (touched.size > 0) result.updateId = this.emit(s, timestamp, [...touched.values()], trades);
    return result;
  }

  /** Cancels a resting order; returns false when it is not (or no longer) resting. */
  cancel(symbol: string, orderId: number): boolean {
    const s = this.state(symbol);
    const order = s.book.get(orderId);
    if (!order) return false;
    const total = s.book.remove(orderId) as bigint;
    const side: BookSide = order.side === 'buy' ? 'bid' : 'ask';
    this.emit(s, this.clock(), [{ side, price: order.price, quantity: total }], []);
    return true;
  }

  private fillableQuantity(book: OrderBook, side: BookSide, wanted: bigint, crosses: (p: bigint) => boolean): bigint {
    let sum = 0n;
    for (const [price, quantity] of book.depth(side)) {
      if (!crosses(price)) break;
      sum += quantity;
      if (sum >= wanted) break;
    }
    return sum;
  }

  private nextMicros(timestamp: number): number {
    if (timestamp !== this.lastTimestamp) {
      this.lastTimestamp = timestamp;
      this.microsInMs = 0;
    } else if (this.microsInMs < 999) {
      this.microsInMs += 1;
    }
    return this.microsInMs;
  }

  private emit(s: SymbolState, timestamp: number, changes: LevelChange[], trades: Trade[]): number {
    s.updateId += 1;
    s.lastChangeTime = timestamp;
    const event: BookEvent = { symbol: s.instrument.symbol, updateId: s.updateId, timestamp, changes, trades };
    for (const listener of [...this.listeners]) listener(event);
    return s.updateId;
  }

  private state(symbol: string): SymbolState {
    const s = this.symbols.get(symbol);
    if (!s) throw new Error(`unknown symbol ${symbol}`);
    return s;
  }
}
