// Gate.io API v4 wire shapes that spot and futures share: the websocket envelope, book levels
// and the order book v2 (obu) push, the same on spot.obu and futures.obu.

export type WireLevel = [price: string, amount: string];

/** Every websocket frame from the venue. */
export interface WireWsFrame<R = unknown> {
  time?: number;
  time_ms?: number;
  id?: number;
  channel: string;
  event?: string;
  result?: R;
  error?: { code: number; message: string } | null;
}

/** spot.obu / futures.obu push: `full` snapshot, or a delta covering ids U..u. */
export interface WireObuUpdate {
  t: number;
  full?: boolean;
  /** "ob.BTC_USDT.50" */
  s: string;
  U?: number;
  u: number;
  b?: WireLevel[];
  a?: WireLevel[];
}
