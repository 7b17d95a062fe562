import * as grpc from '@grpc/grpc-js';
import { symbolKey, type Balance, type OrderState, type Position, type Pair } from '@cexgw/adapters';
import { ConflatingStream, type BalanceUpdateMessage, type OrderMessage, type PositionMessage, type StreamStats } from '@cexgw/grpc';
import { balanceMessage, orderMessage, positionMessage } from './encode.js';

// StreamOrderUpdates and StreamBalances: streams of STATE, so a slow client is conflated to the
// latest state per order / per asset (never more than `capacity` keys waiting) instead of being
// buffered without bound. A client with more than `capacity` distinct orders waiting is ended
// with RESOURCE_EXHAUSTED and re-reads the state (ListOpenOrders, GetBalances).

/** A set of listeners; emit calls each (a throwing listener does not stop the others). */
export class Listeners<T> {
  private readonly listeners = new Set<(value: T) => void>();

  add(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(value: T): void {
    for (const listener of this.listeners) {
      try {
        listener(value);
      } catch {
        // one client's failure is not another's
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}

export interface BalanceEvent {
  readonly balances: readonly Balance[];
  readonly timestampMs: number;
}

function exhausted(call: grpc.ServerWritableStream<unknown, unknown>, details: string): void {
  call.emit('error', Object.assign(new Error(details), { code: grpc.status.RESOURCE_EXHAUSTED, details }));
}

function attach(call: grpc.ServerWritableStream<unknown, unknown>, stats: StreamStats, stream: { readonly depth: number; close(): void }, unsubscribe: () => void): void {
  let ended = false;
  stats.subscribers++;
  stats.queues.add(stream);
  const end = () => {
    if (ended) return;
    ended = true;
    unsubscribe();
    stream.close();
    stats.subscribers--;
    stats.queues.delete(stream);
  };
  call.on('cancelled', end);
  call.on('close', end);
  call.on('error', end);
}

export function serveOrderStream(call: grpc.ServerWritableStream<unknown, OrderMessage>, orders: Listeners<OrderState>, symbols: readonly Pair[], capacity: number, stats: StreamStats): void {
  const wanted = symbols.length > 0 ? new Set(symbols.map(symbolKey)) : undefined;
  const stream = new ConflatingStream<OrderState, OrderMessage>(
    call,
    (order) => order.orderId || `client:${order.clientOrderId}`,
    (items) => items.map(orderMessage),
    capacity,
    () => {
      stats.slowConsumerEvents++;
      exhausted(call, `client too slow: more than ${capacity} orders with unsent updates; reconnect and re-read open orders with ListOpenOrders`);
    },
  );
  const unsubscribe = orders.add((order) => {
    if (wanted && !wanted.has(symbolKey(order.symbol))) return;
    stats.messages++;
    stream.push([order]);
  });
  attach(call, stats, stream, unsubscribe);
}

export function serveBalanceStream(call: grpc.ServerWritableStream<unknown, BalanceUpdateMessage>, balances: Listeners<BalanceEvent>, capacity: number, stats: StreamStats): void {
  let latestMs = 0;
  const stream = new ConflatingStream<Balance, BalanceUpdateMessage>(
    call,
    (balance) => balance.asset,
    (items) => [{ balances: items.map(balanceMessage), timestamp_ms: latestMs }],
    capacity,
    () => {
      stats.slowConsumerEvents++;
      exhausted(call, `client too slow: more than ${capacity} assets with unsent balance changes; reconnect and re-read them with GetBalances`);
    },
  );
  const unsubscribe = balances.add((event) => {
    stats.messages++;
    latestMs = Math.max(latestMs, event.timestampMs);
    stream.push(event.balances);
  });
  attach(call, stats, stream, unsubscribe);
}

/**
 * StreamPositions: the current positions first, then every change, the latest state per
 * contract (conflated for a slow client). Changes that arrive while the current positions are
 * being read are held back and sent after them, so an older state never overwrites a newer one.
 */
export function servePositionStream(
  call: grpc.ServerWritableStream<unknown, PositionMessage>,
  positions: Listeners<Position>,
  current: () => Promise<Position[]>,
  symbols: readonly Pair[],
  capacity: number,
  stats: StreamStats,
): void {
  const wanted = symbols.length > 0 ? new Set(symbols.map(symbolKey)) : undefined;
  const stream = new ConflatingStream<Position, PositionMessage>(
    call,
    (position) => symbolKey(position.symbol),
    (items) => items.map(positionMessage),
    capacity,
    () => {
      stats.slowConsumerEvents++;
      exhausted(call, `client too slow: more than ${capacity} contracts with unsent position changes; reconnect and re-read them with GetPositions`);
    },
  );
  let heldBack: Position[] | undefined = [];
  const unsubscribe = positions.add((position) => {
    if (wanted && !wanted.has(symbolKey(position.symbol))) return;
    stats.messages++;
    if (heldBack) heldBack.push(position);
    else stream.push([position]);
  });
  attach(call, stats, stream, unsubscribe);
  current().then(
    (initial) => {
      stream.push(initial.filter((position) => !wanted || wanted.has(symbolKey(position.symbol))));
      if (heldBack && heldBack.length > 0) stream.push(heldBack);
      heldBack = undefined;
    },
    (error: Error) => call.emit('error', Object.assign(new Error(`reading the current positions failed: ${error.message}`), { code: grpc.status.UNAVAILABLE, details: error.message })),
  );
}
