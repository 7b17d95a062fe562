import { WebSocket } from 'ws';

/** Opens a websocket and resolves once it is open (rejects on a failed handshake). */
export async function openWebSocket(url: string, headers?: Record<string, string>): Promise<WebSocket> {
  const ws = new WebSocket(url, headers ? { headers } : undefined);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return ws;
}

/**
 * A websocket test client that records every received frame (decoded by the venue's client) so a
 * test can wait for a frame that already arrived as well as for one still to come.
 */
export class RecordingWsClient<F> {
  readonly frames: F[] = [];
  private waiters: { pred: (f: F) => boolean; resolve: (f: F) => void }[] = [];
  closeCode: number | undefined;
  readonly closed: Promise<number>;

  protected constructor(
    readonly ws: WebSocket,
    decode: (data: Buffer, isBinary: boolean) => F,
  ) {
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      const frame = decode(data, isBinary);
      this.frames.push(frame);
      this.waiters = this.waiters.filter((w) => {
        if (!w.pred(frame)) return true;
        w.resolve(frame);
        return false;
      });
    });
    this.closed = new Promise((resolve) => ws.on('close', (code) => resolve((this.closeCode = code))));
  }

  waitFor(pred: (f: F) => boolean, timeoutMs = 3000): Promise<F> {
    const found = this.frames.find(pred);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for a frame')), timeoutMs);
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

/** The best `depth` levels of a locally kept book, bids high to low and asks low to high. */
export function topLevels(bids: Map<string, string>, asks: Map<string, string>, depth: number): { bids: [string, string][]; asks: [string, string][] } {
  const sort = (m: Map<string, string>, desc: boolean) => [...m.entries()].sort((x, y) => (desc ? Number(y[0]) - Number(x[0]) : Number(x[0]) - Number(y[0]))).slice(0, depth);
  return { bids: sort(bids, true), asks: sort(asks, false) };
}
