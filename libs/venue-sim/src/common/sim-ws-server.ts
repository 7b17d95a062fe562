import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { SimCounters, SimWsConnection } from './ws-connection.js';

/**
 * The connection bookkeeping every simulated venue's websocket endpoint shares: the socket server
 * (upgrades come from the venue's HTTP server), the live connections, the /__sim/ socket faults
 * and the stats counters. Subclasses speak the venue's protocol and own its channels.
 */
export abstract class SimWsServer<Conn extends SimWsConnection> {
  protected readonly wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  protected readonly connections = new Set<Conn>();

  constructor(private readonly counters: SimCounters) {}

  get connectionCount(): number {
    return this.connections.size;
  }

  /** drop_sockets: abrupt teardown of every connection (clients see 1006). */
  dropAll(): number {
    const n = this.connections.size;
    for (const c of [...this.connections]) c.terminate();
    return n;
  }

  /** The same frame to every connection (a venue-wide notice); returns how many got it. */
  broadcast(frame: string): number {
    for (const c of this.connections) c.send(frame);
    return this.connections.size;
  }

  /** close_sockets: close frames without a status code (clients see 1005). */
  closeAll(): number {
    const n = this.connections.size;
    for (const c of [...this.connections]) c.closeWithoutStatus();
    return n;
  }

  async close(): Promise<void> {
    this.dropAll();
    this.closeChannels();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  /** Stops the venue's push channels (timers, engine listeners). */
  protected abstract closeChannels(): void;

  /** Releases everything a gone connection held in the venue's channels. */
  protected abstract forget(conn: Conn): void;

  /**
   * Registers a new connection: counts it, hands each inbound frame to onFrame, and forgets it
   * once when its socket closes or errors (both can fire for one socket).
   */
  protected accept(conn: Conn, socket: WebSocket, onFrame: (data: RawData, isBinary: boolean) => void): void {
    this.connections.add(conn);
    this.counters.wsConnectionsTotal += 1;
    socket.on('message', (data: RawData, isBinary: boolean) => {
      this.counters.wsMessagesReceived += 1;
      onFrame(data, isBinary);
    });
    const cleanup = () => {
      if (!this.connections.delete(conn)) return;
      conn.dispose();
      this.forget(conn);
    };
    socket.on('close', cleanup);
    socket.on('error', cleanup);
  }
}

/** A client frame's JSON object, or undefined when the frame is not JSON or not an object. */
export function parseJsonObject(text: string): object | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
    return parsed;
  } catch {
    return undefined;
  }
}
