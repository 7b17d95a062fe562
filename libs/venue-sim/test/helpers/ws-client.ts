import type { WebSocket } from 'ws';
import { openWebSocket, RecordingWsClient, topLevels } from './recording-ws-client.js';

export type Frame = Record<string, any>;

/** A Gate websocket test client: JSON frames, requests stamped with time and a fresh id. */
export class TestWsClient extends RecordingWsClient<Frame> {
  private nextId = 1;

  private constructor(ws: WebSocket) {
    super(ws, (data) => JSON.parse(data.toString()) as Frame);
  }

  /** @param headers of the upgrade request, e.g. {"X-Gate-Size-Decimal": "1"} */
  static async connect(url: string, headers?: Record<string, string>): Promise<TestWsClient> {
    return new TestWsClient(await openWebSocket(url, headers));
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
}

export async function postJson(url: string, body: unknown): Promise<any> {
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
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
    for (const [p, q] of b)
      if (Number(q) === 0) this.bids.delete(p);
      else this.bids.set(p, q);
    for (const [p, q] of a)
      if (Number(q) === 0) this.asks.delete(p);
      else this.asks.set(p, q);
  }

  view(depth: number): { bids: [string, string][]; asks: [string, string][] } {
    return topLevels(this.bids, this.asks, depth);
  }
}
