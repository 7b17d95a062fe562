import { decodePush, pushToJson } from "@cexgw/mexc-proto";
import { WebSocket } from "ws";

export type Json = Record<string, any>;

/** One received frame: JSON text (acks, pongs) or a decoded protobuf push. */
export interface MexcFrame {
  binary: boolean;
  /** Parsed JSON for text frames, protobufjs toJSON() of the wrapper for binary ones. */
  json: Json;
  bytes?: Uint8Array;
}

/** A websocket test client for the MEXC simulator: records every frame, decodes protobuf pushes. */
export class MexcTestClient {
  readonly frames: MexcFrame[] = [];
  private waiters: { pred: (f: MexcFrame) => boolean; resolve: (f: MexcFrame) => void }[] = [];
  private nextId = 1;
  readonly closed: Promise<number>;

  private constructor(readonly ws: WebSocket) {
    ws.on("message", (data: Buffer, isBinary: boolean) => {
      const frame: MexcFrame = isBinary
        ? { binary: true, json: pushToJson(decodePush(data)), bytes: new Uint8Array(data) }
        : { binary: false, json: JSON.parse(data.toString()) as Json };
      this.frames.push(frame);
      this.waiters = this.waiters.filter((w) => {
        if (!w.pred(frame)) return true;
        w.resolve(frame);
        return false;
      });
    });
    this.closed = new Promise((resolve) => ws.on("close", (code) => resolve(code)));
  }

  static async connect(url: string): Promise<MexcTestClient> {
    const ws = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      ws.once("open", () => resolve());
      ws.once("error", reject);
    });
    return new MexcTestClient(ws);
  }

  send(message: Json): void {
    this.ws.send(JSON.stringify(message));
  }

  /** Sends a request with a fresh id and waits for the first text answer carrying it. */
  async request(method: string, params?: string[]): Promise<Json> {
    const id = this.nextId++;
    this.send(params === undefined ? { method, id } : { method, params, id });
    return (await this.waitFor((f) => !f.binary && f.json.id === id)).json;
  }

  /** All text answers carrying `id`, after letting the server settle. */
  answers(id: number): Json[] {
    return this.frames.filter((f) => !f.binary && f.json.id === id).map((f) => f.json);
  }

  pushes(channel?: string): Json[] {
    return this.frames.filter((f) => f.binary && (channel === undefined || f.json.channel === channel)).map((f) => f.json);
  }

  waitFor(pred: (f: MexcFrame) => boolean, timeoutMs = 3000): Promise<MexcFrame> {
    const found = this.frames.find(pred);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("timed out waiting for a frame")), timeoutMs);
      this.waiters.push({ pred, resolve: (f) => (clearTimeout(timer), resolve(f)) });
    });
  }

  /** Resolves once no frame has arrived for `quietMs`. */
  async settle(quietMs = 150): Promise<void> {
    let count = -1;
    while (count !== this.frames.length) {
      count = this.frames.length;
      await new Promise((r) => setTimeout(r, quietMs));
    }
  }

  close(): void {
    this.ws.terminate();
  }
}

/** A local order book kept from MEXC [price, qty] strings; compares as the venue renders them. */
export class MexcLocalBook {
  bids = new Map<string, string>();
  asks = new Map<string, string>();
  version = 0;

  reset(bids: [string, string][], asks: [string, string][], version: number): void {
    this.bids = new Map(bids);
    this.asks = new Map(asks);
    this.version = version;
  }

  apply(bids: { price: string; quantity: string }[] = [], asks: { price: string; quantity: string }[] = []): void {
    for (const { price, quantity } of bids) if (Number(quantity) === 0) this.bids.delete(price); else this.bids.set(price, quantity);
    for (const { price, quantity } of asks) if (Number(quantity) === 0) this.asks.delete(price); else this.asks.set(price, quantity);
  }

  view(depth: number): { bids: [string, string][]; asks: [string, string][] } {
    const sort = (m: Map<string, string>, desc: boolean) =>
      [...m.entries()].sort((x, y) => (desc ? Number(y[0]) - Number(x[0]) : Number(x[0]) - Number(y[0]))).slice(0, depth);
    return { bids: sort(this.bids, true), asks: sort(this.asks, false) };
  }
}
