import { WebSocket } from "ws";

export type Frame = Record<string, any>;

/** A websocket test client that records every frame and can wait for one. */
export class TestWsClient {
  readonly frames: Frame[] = [];
  private waiters: { pred: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];
  private nextId = 1;
  closeCode: number | undefined;
  readonly closed: Promise<number>;

  private constructor(readonly ws: WebSocket) {
    ws.on("message", (data) => {
      const frame = JSON.parse(data.toString()) as Frame;
      this.frames.push(frame);
      this.waiters = this.waiters.filter((w) => {
        if (!w.pred(frame)) return true;
        w.resolve(frame);
        return false;
      });
    });
    this.closed = new Promise((resolve) => ws.on("close", (code) => resolve((this.closeCode = code))));
  }

  static async connect(url: string): Promise<TestWsClient> {
    const ws = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      ws.once("open", () => resolve());
      ws.once("error", reject);
    });
    return new TestWsClient(ws);
  }

  send(message: Frame): number {
    const id = this.nextId++;
    this.ws.send(JSON.stringify({ time: Math.floor(Date.now() / 1000), id, ...message }));
    return id;
  }

  /** Sends a request and waits for the response carrying its id. */
  async request(channel: string, event: string, payload: unknown): Promise<Frame> {
    const id = this.send({ channel, event, payload });
    return this.waitFor((f) => f.id === id && f.event === event);
  }

  waitFor(pred: (f: Frame) => boolean, timeoutMs = 3000): Promise<Frame> {
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

export async function postJson(url: string, body: unknown): Promise<any> {
  const res = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  return res.json();
}

export async function getJson(url: string): Promise<any> {
  return (await fetch(url)).json();
}

/** A local mirror of one depth feed: price -> amount strings per side, compared as the venue renders them. */
export class LocalBook {
  bids = new Map<string, string>();
  asks = new Map<string, string>();
  id = 0;

  reset(bids: [string, string][], asks: [string, string][], id: number): void {
    this.bids = new Map(bids);
    this.asks = new Map(asks);
    this.id = id;
  }

  apply(b: [string, string][], a: [string, string][]): void {
    for (const [p, q] of b) if (Number(q) === 0) this.bids.delete(p); else this.bids.set(p, q);
    for (const [p, q] of a) if (Number(q) === 0) this.asks.delete(p); else this.asks.set(p, q);
  }

  view(depth: number): { bids: [string, string][]; asks: [string, string][] } {
    const sort = (m: Map<string, string>, desc: boolean) =>
      [...m.entries()].sort((x, y) => (desc ? Number(y[0]) - Number(x[0]) : Number(x[0]) - Number(y[0]))).slice(0, depth);
    return { bids: sort(this.bids, true), asks: sort(this.asks, false) };
  }
}
