import type * as grpc from '@grpc/grpc-js';
import { writeInBatches } from './batched-writes.js';

/**
 * Writes to one server-streaming call without letting a slow client grow memory: items queue
 * up to `capacity` while gRPC's buffer is full (write() returned false) and drain on 'drain'.
 * When the queue is full the owner's `onOverflow` decides what happens (drop and resync, or
 * end the stream). `encode` turns a queued item into the wire message at write time, so
 * per-stream state (a sequence number) is assigned only to what is actually sent.
 */
export class BoundedStream<T, M> {
  private readonly queue: T[] = [];
  private head = 0;
  private blocked = false;
  private closed = false;
  maxDepth = 0;

  constructor(
    private readonly call: grpc.ServerWritableStream<unknown, M>,
    private readonly capacity: number,
    private readonly encode: (item: T) => M,
    private readonly onOverflow: () => void,
    private readonly onDrained: () => void = () => {},
  ) {
    writeInBatches(call);
    call.on('drain', () => this.drain());
  }

  get depth(): number {
    return this.queue.length - this.head;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  push(item: T): void {
    if (this.closed) return;
    if (!this.blocked && this.depth === 0) {
      this.blocked = !this.call.write(this.encode(item));
      return;
    }
    if (this.depth >= this.capacity) {
      this.onOverflow();
      return;
    }
    this.queue.push(item);
    if (this.depth > this.maxDepth) this.maxDepth = this.depth;
  }

  /** Drops everything queued (used before a resync snapshot). */
  clear(): void {
    this.queue.length = 0;
    this.head = 0;
  }

  close(): void {
    this.closed = true;
    this.clear();
  }

  private drain(): void {
    this.blocked = false;
    while (!this.closed && this.head < this.queue.length) {
      const item = this.queue[this.head]!;
      this.queue[this.head++] = undefined as T;
      if (!this.call.write(this.encode(item))) {
        this.blocked = true;
        break;
      }
    }
    if (this.head === this.queue.length) {
      this.clear();
      if (!this.blocked) this.onDrained();
    } else if (this.head > 1024) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
  }
}
