import { randomBytes } from "node:crypto";
import { WebSocket } from "ws";
import type { GateSpotContext } from "./context.js";

/** Largest outbound backlog tolerated before the connection is cut (a slow consumer). */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

/** One client connection: its subscriptions and an outbound queue that honours injected latency. */
export class GateWsConnection {
  readonly connId = randomBytes(8).toString("hex");
  /** Subscription keys held by this connection, e.g. "spot.trades|BTC_USDT". */
  readonly subscriptions = new Set<string>();
  private readonly queue: { due: number; text: string }[] = [];
  private timer: NodeJS.Timeout | undefined;
  closed = false;

  constructor(readonly socket: WebSocket, private readonly ctx: GateSpotContext) {}

  /** Sends a serialized frame now, or after the injected latency. */
  send(text: string): void {
    if (this.closed) return;
    const latency = this.ctx.faults.latencyMs;
    if (latency <= 0 && this.queue.length === 0) {
      this.write(text);
      return;
    }
    this.queue.push({ due: performance.now() + latency, text });
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

  private write(text: string): void {
    if (this.socket.readyState !== WebSocket.OPEN) return;
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.terminate();
      return;
    }
    this.socket.send(text);
    this.ctx.counters.wsMessagesSent += 1;
  }

  private schedule(): void {
    if (this.timer || this.queue.length === 0) return;
    const wait = Math.max(0, (this.queue[0] as { due: number }).due - performance.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const now = performance.now();
      while (this.queue.length > 0 && (this.queue[0] as { due: number }).due <= now + 0.5) this.write((this.queue.shift() as { text: string }).text);
      this.schedule();
    }, wait);
  }
}
