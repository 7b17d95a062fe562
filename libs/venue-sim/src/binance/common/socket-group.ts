import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { UpgradeHandler } from '../../common/sim-http-server.js';

/** A websocket endpoint of a simulator, as the shared server and control API reach it. */
export interface SocketEndpoint extends UpgradeHandler {
  readonly connectionCount: number;
  dropAll(): number;
  closeAll(): number;
  close(): Promise<void>;
}

/**
 * A venue's several websocket endpoints on one server (Binance: market streams and the WebSocket
 * API) as one: an upgrade goes to the endpoint that owns its path, and the socket faults and
 * counts cover them all.
 */
export class SocketGroup implements SocketEndpoint {
  constructor(private readonly endpoints: readonly SocketEndpoint[]) {}

  get connectionCount(): number {
    return this.endpoints.reduce((n, e) => n + e.connectionCount, 0);
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    return this.endpoints.some((e) => e.handleUpgrade(req, socket, head));
  }

  dropAll(): number {
    return this.endpoints.reduce((n, e) => n + e.dropAll(), 0);
  }

  closeAll(): number {
    return this.endpoints.reduce((n, e) => n + e.closeAll(), 0);
  }

  async close(): Promise<void> {
    for (const e of this.endpoints) await e.close();
  }
}
