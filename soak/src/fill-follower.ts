import type * as grpc from '@grpc/grpc-js';
import type { TradingClients } from './clients.js';

interface FillMessage {
  cursor: string;
  fill_id: string;
  order_id: string;
}

export const fillKey = (fillId: string, orderId: string) => `${fillId}|${orderId}`;

/**
 * A StreamFills client as a trading team would write one: it keeps the last cursor it
 * processed and, whenever the stream ends (service killed, network, its own choice), comes back
 * with after_cursor = that cursor. Counts every fill it is given (by fill id and order id), so doubles show.
 */
export class FillFollower {
  readonly seen = new Map<string, number>();
  lastCursor = '0';
  resumes = 0;
  private stream: grpc.ClientReadableStream<FillMessage> | undefined;
  private stopped = false;
  private reconnectTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly name: string,
    private readonly clients: () => TradingClients,
  ) {}

  start(): void {
    this.open();
  }

  /** Fault: the client goes away for `awayMs`, then resumes from its cursor. */
  disconnect(awayMs: number): void {
    this.stream?.cancel();
    this.stream = undefined;
    this.schedule(awayMs);
  }

  get duplicates(): number {
    let doubled = 0;
    for (const count of this.seen.values()) if (count > 1) doubled += count - 1;
    return doubled;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    this.stream?.cancel();
  }

  private open(): void {
    if (this.stopped) return;
    const { trading, metadata } = this.clients();
    const stream = trading.StreamFills({ after_cursor: this.lastCursor }, metadata()) as grpc.ClientReadableStream<FillMessage>;
    this.stream = stream;
    stream.on('data', (fill: FillMessage) => {
      // A self-trade is one venue trade id with two fills (maker and taker order): key by both.
      const key = fillKey(fill.fill_id, fill.order_id);
      this.seen.set(key, (this.seen.get(key) ?? 0) + 1);
      this.lastCursor = fill.cursor;
    });
    const ended = () => {
      if (this.stream !== stream) return; // replaced by a deliberate disconnect
      this.stream = undefined;
      this.schedule(200);
    };
    stream.on('error', ended);
    stream.on('end', ended);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => {
      this.resumes++;
      this.open();
    }, delayMs);
  }
}
