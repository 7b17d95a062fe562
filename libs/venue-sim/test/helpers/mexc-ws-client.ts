import { decodePush, pushToJson } from '@cexgw/mexc-proto';
import type { WebSocket } from 'ws';
import { openWebSocket, RecordingWsClient, topLevels } from './recording-ws-client.js';

export type Json = Record<string, any>;

/** One received frame: JSON text (acks, pongs) or a decoded protobuf push. */
export interface MexcFrame {
  binary: boolean;
  /** Parsed JSON for text frames, protobufjs toJSON() of the wrapper for binary ones. */
  json: Json;
  bytes?: Uint8Array;
}

/** A websocket test client for the MEXC simulator: records every frame, decodes protobuf pushes. */
export class MexcTestClient extends RecordingWsClient<MexcFrame> {
  private nextId = 1;

  private constructor(ws: WebSocket) {
    super(ws, (data, isBinary) => (isBinary ? { binary: true, json: pushToJson(decodePush(data)), bytes: new Uint8Array(data) } : { binary: false, json: JSON.parse(data.toString()) as Json }));
  }

  static async connect(url: string): Promise<MexcTestClient> {
    return new MexcTestClient(await openWebSocket(url));
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
    for (const { price, quantity } of bids)
      if (Number(quantity) === 0) this.bids.delete(price);
      else this.bids.set(price, quantity);
    for (const { price, quantity } of asks)
      if (Number(quantity) === 0) this.asks.delete(price);
      else this.asks.set(price, quantity);
  }

  view(depth: number): { bids: [string, string][]; asks: [string, string][] } {
    return topLevels(this.bids, this.asks, depth);
  }
}
