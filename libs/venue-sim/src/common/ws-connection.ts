import { WebSocket } from 'ws';
import type { FaultState } from './faults.js';

/** Largest outbound backlog tolerated before the connection is cut (a slow consumer). */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

/** Counters every simulated venue reports under GET /__sim/stats. */
export interface SimCounters {
  restRequests: number;
  wsConnectionsTotal: number;
  wsMessagesSent: number;
  wsMessagesReceived: number;
}

/** A text frame (JSON) or a binary frame (e.g. protobuf). */
export type OutboundFrame = string | Uint8Array;

/**
 * One simulated-venue websocket connection's outbound side: frames leave at once, or after the
 * injected latency in order; abrupt (1006) and status-less (1005) teardown for the socket faults.
 */
/** What a connection needs of its venue: the injected faults (latency) and the counters. */
export interface ConnectionEnv {
  readonly faults: FaultState;
  readonly counters: SimCounters;
}

export class SimWsConnection {
  private readonly queue: { due: number; frame: OutboundFrame }[] = [];
  private timer: NodeJS.Timeout | undefined;
  closed = false;

  constructor(
    readonly socket: WebSocket,
    private readonly env: ConnectionEnv,
  ) {}

  /** Sends a frame now, or after the injected latency. */
  send(frame: OutboundFrame): void {
    if (this.closed) return;
    const latency = this.env.faults.latencyMs;
    if (latency <= 0 && this.queue.length === 0) {
      this.write(frame);
      return;
    }
    this.queue.push({ due: performance.now() + latency, frame });
    this.schedule();
  }

  sendJson(message: unknown): void {
    this.send(JSON.stringify(message));
  }

  /** Abrupt TCP teardown: the client sees 1006 (abnormal closure). */
  terminate(): void {
    this.dispose();
    this.socket.terminate();
  }

  /** Close frame without a status code: the client sees 1005. */
  closeWithoutStatus(): void {
    this.dispose();
    this.socket.close();
  }

  dispose(): void {
    this.closed = true;
    this.queue.length = 0;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Called after each frame actually written (subclasses track activity). */
  protected onWritten(): void {}

  private write(frame: OutboundFrame): void {
    if (this.socket.readyState !== WebSocket.OPEN) return;
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.terminate();
      return;
    }
    this.socket.send(frame, { binary: typeof frame !== 'string' });
    this.env.counters.wsMessagesSent += 1;
    this.onWritten();
  }

  private schedule(): void {
    if (this.timer || this.queue.length === 0) return;
    const wait = Math.max(0, (this.queue[0] as { due: number }).due - performance.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const now = performance.now();
      while (this.queue.length > 0 && (this.queue[0] as { due: number }).due <= now + 0.5) this.write((this.queue.shift() as { frame: OutboundFrame }).frame);
      this.schedule();
    }, wait);
  }
}
