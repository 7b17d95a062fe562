import type * as grpc from '@grpc/grpc-js';
import { writeInBatches } from './batched-writes.js';

/**
 * Writes STATE updates (an order's state, an asset's balance) to one server-streaming call
 * without letting a slow client grow memory: while gRPC's buffer is full, only the latest
 * update per key is kept (an older state of the same order is worthless once a newer one
 * exists). When more than `maxKeys` distinct keys wait, `onOverflow` decides (usually: end the
 * stream and let the client re-read the full state). `encode` turns the waiting updates into
 * messages at write time, so a batch can become one message (balances) or one per key (orders).
 */
export class ConflatingStream<T, M> {
  private readonly pending = new Map<string, T>();
  private blocked = false;
  private closed = false;
  maxDepth = 0;

  constructor(
    private readonly call: grpc.ServerWritableStream<unknown, M>,
    private readonly keyOf: (item: T) => string,
    private readonly encode: (items: readonly T[]) => M[],
    private readonly maxKeys: number,
    private readonly onOverflow: () => void,
  ) {
    writeInBatches(call);
    call.on('drain', () => this.drain());
  }

  get depth(): number {
    return this.pending.size;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  push(items: readonly T[]): void {
    if (this.closed || items.length === 0) return;
    if (!this.blocked && this.pending.size === 0) {
      for (const message of this.encode(items)) this.blocked = !this.call.write(message) || this.blocked;
      return;
    }
    for (const item of items) {
      const key = this.keyOf(item);
      this.pending.delete(key); // re-insert: the newest update goes to the back
      this.pending.set(key, item);
    }
    if (this.pending.size > this.maxDepth) this.maxDepth = this.pending.size;
    if (this.pending.size > this.maxKeys) {
      this.pending.clear();
      this.onOverflow();
    }
  }

  close(): void {
    this.closed = true;
    this.pending.clear();
  }

  private drain(): void {
    this.blocked = false;
    if (this.closed || this.pending.size === 0) return;
    const items = [...this.pending.values()];
    this.pending.clear();
    for (const message of this.encode(items)) this.blocked = !this.call.write(message) || this.blocked;
  }
}
