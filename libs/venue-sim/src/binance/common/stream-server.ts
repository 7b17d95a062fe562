import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { parseJsonObject, SimWsServer } from '../../common/sim-ws-server.js';
import { SimWsConnection, type SimCounters } from '../../common/ws-connection.js';
import type { FaultState } from '../../common/faults.js';
import type { StreamHub, StreamSubscriber } from './stream-hub.js';

/** Spot's documented rules (web-socket-streams.md, "WebSocket Limits"); USDⓈ-M's differ (usdm/sim.ts). */
export const MAX_STREAMS_PER_CONNECTION = 1024;
export const MAX_CLIENT_FRAMES_PER_SECOND = 5;
export const PING_INTERVAL_MS = 20_000;
export const MAX_CONNECTION_AGE_MS = 24 * 60 * 60 * 1000;

export interface StreamServerOptions {
  /** Server ping cadence; a connection that answered none for 3 of them (at least a minute) is dropped. */
  pingIntervalMs?: number;
  maxConnectionAgeMs?: number;
  maxStreams?: number;
  maxClientFramesPerSecond?: number;
}

/** One websocket route of the streams and the stream names it carries. */
export interface StreamRoute {
  raw: string;
  combined: string;
  carries: (stream: string) => boolean;
}

/** One market-stream connection: its streams, whether events are wrapped, and the inbound frame rate. */
class StreamConnection extends SimWsConnection implements StreamSubscriber {
  readonly streams = new Set<string>();
  readonly openedAt = Date.now();
  lastPong = Date.now();
  private readonly inbound: number[] = [];

  constructor(
    socket: WebSocket,
    env: { faults: FaultState; counters: SimCounters },
    readonly combined: boolean,
    readonly route: StreamRoute,
  ) {
    super(socket, env);
  }

  push(stream: string, data: unknown): void {
    this.send(this.combined ? `{"stream":"${stream}","data":${JSON.stringify(data)}}` : JSON.stringify(data));
  }

  /** Counts one inbound frame (requests, pings, pongs); false once the connection passed the venue's rate. */
  countInbound(perSecond: number): boolean {
    const now = Date.now();
    while (this.inbound.length > 0 && now - this.inbound[0]! >= 1000) this.inbound.shift();
    this.inbound.push(now);
    return this.inbound.length <= perSecond;
  }
}

/**
 * Binance market streams: raw streams at <route>/ws/<stream> (events as they are), combined
 * streams at <route>/stream?streams=a/b (events wrapped {"stream","data"}), and live SUBSCRIBE /
 * UNSUBSCRIBE / LIST_SUBSCRIPTIONS requests on either, answered {"result":null,"id":N}. A route
 * carries its own streams only (spot: one route for all; USDⓈ-M: /public and /market). The
 * server pings and drops a connection that answered none of 3 pings, one that sends more frames a
 * second than the venue allows, and any after 24 h; streams per connection are capped.
 */
export class BinanceStreamServer extends SimWsServer<StreamConnection> {
  private readonly sweeper: NodeJS.Timeout;
  private readonly maxStreams: number;
  private readonly maxAgeMs: number;
  private readonly framesPerSecond: number;
  readonly stats = { requests: 0, refusedRequests: 0, rateCloses: 0, ageCloses: 0, pongCloses: 0 };

  constructor(
    private readonly env: { faults: FaultState; counters: SimCounters },
    readonly hub: StreamHub,
    private readonly routes: readonly StreamRoute[],
    options: StreamServerOptions = {},
  ) {
    super(env.counters);
    this.maxStreams = options.maxStreams ?? MAX_STREAMS_PER_CONNECTION;
    this.framesPerSecond = options.maxClientFramesPerSecond ?? MAX_CLIENT_FRAMES_PER_SECOND;
    this.maxAgeMs = options.maxConnectionAgeMs ?? MAX_CONNECTION_AGE_MS;
    const pingMs = options.pingIntervalMs ?? PING_INTERVAL_MS;
    this.sweeper = setInterval(() => this.sweep(), Math.min(pingMs, 1000));
    this.sweeper.unref?.();
    this.pingEveryMs = pingMs;
  }

  private readonly pingEveryMs: number;
  private lastPing = Date.now();

  get subscriptionCount(): number {
    let n = 0;
    for (const c of this.connections) n += c.streams.size;
    return n;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'http://sim.local');
    let streams: string[] | undefined;
    let combined = false;
    const route = this.routes.find((r) => url.pathname === r.combined || url.pathname === r.raw || url.pathname.startsWith(`${r.raw}/`));
    if (!route) return false;
    if (url.pathname === route.combined) {
      combined = true;
      streams = (url.searchParams.get('streams') ?? '').split('/').filter(Boolean);
    } else {
      streams = url.pathname
        .slice(route.raw.length + 1)
        .split('/')
        .filter(Boolean);
    }
    // Names in the URL that are no stream are ignored, not refused: clients connect to /ws/<their
    // own id> and subscribe live (ccxt does, against the live venue).
    if (streams.length > this.maxStreams) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return true;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const conn = new StreamConnection(ws, this.env, combined, route);
      ws.on('pong', () => {
        conn.lastPong = Date.now();
        this.countInbound(conn);
      });
      ws.on('ping', () => this.countInbound(conn));
      this.accept(conn, ws, (data) => {
        if (this.countInbound(conn)) this.onRequest(conn, data.toString());
      });
      for (const stream of streams) this.add(conn, stream);
    });
    return true;
  }

  override async close(): Promise<void> {
    clearInterval(this.sweeper);
    await super.close();
  }

  protected closeChannels(): void {
    this.hub.close();
  }

  protected forget(conn: StreamConnection): void {
    for (const stream of conn.streams) if (conn.route.carries(stream)) this.hub.unsubscribe(conn, stream);
    conn.streams.clear();
  }

  /** False (and the connection cut) once it passed the frame rate. */
  private countInbound(conn: StreamConnection): boolean {
    if (conn.countInbound(this.framesPerSecond)) return true;
    this.stats.rateCloses += 1;
    conn.terminate();
    return false;
  }

  private add(conn: StreamConnection, stream: string): boolean {
    if (conn.streams.has(stream)) return true;
    if (conn.streams.size >= this.maxStreams) return false;
    // A stream of another route is taken and never pushes (the venue: "will not push data on unrouted connections").
    if (conn.route.carries(stream) && !this.hub.subscribe(conn, stream)) return false;
    conn.streams.add(stream);
    return true;
  }

  private onRequest(conn: StreamConnection, text: string): void {
    this.stats.requests += 1;
    const request = parseJsonObject(text) as { method?: unknown; params?: unknown; id?: unknown } | undefined;
    if (!request) {
      conn.sendJson({ code: 3, msg: 'Invalid JSON: expected value at line 1 column 1' });
      return;
    }
    const id = request.id ?? null;
    if (!(id === null || (typeof id === 'number' && Number.isSafeInteger(id)) || (typeof id === 'string' && /^[A-Za-z0-9-]{1,36}$/.test(id)))) {
      conn.sendJson({ code: 2, msg: 'Invalid request: request ID must be an unsigned integer' });
      return;
    }
    const params = Array.isArray(request.params) ? request.params : [];
    switch (request.method) {
      case 'SUBSCRIBE': {
        const names = params.filter((p): p is string => typeof p === 'string');
        const unknown = names.filter((s) => !this.hub.serves(s));
        const problem =
          names.length !== params.length
            ? 'stream names must be strings'
            : unknown.length > 0
              ? `unknown stream ${unknown.join(', ')}`
              : conn.streams.size + names.filter((s) => !conn.streams.has(s)).length > this.maxStreams
                ? `too many streams (at most ${this.maxStreams} per connection)`
                : undefined;
        if (problem) {
          this.stats.refusedRequests += 1;
          conn.sendJson({ error: { code: 2, msg: `Invalid request: ${problem}` }, id });
          return;
        }
        for (const name of names) this.add(conn, name);
        conn.sendJson({ result: null, id });
        return;
      }
      case 'UNSUBSCRIBE':
        for (const name of params) {
          if (typeof name !== 'string' || !conn.streams.delete(name)) continue;
          if (conn.route.carries(name)) this.hub.unsubscribe(conn, name);
        }
        conn.sendJson({ result: null, id });
        return;
      case 'LIST_SUBSCRIPTIONS':
        conn.sendJson({ result: [...conn.streams], id });
        return;
      default:
        this.stats.refusedRequests += 1;
        conn.sendJson({
          error: {
            code: 2,
            msg: `Invalid request: unknown variant ${JSON.stringify(request.method)}, expected one of \`SUBSCRIBE\`, \`UNSUBSCRIBE\`, \`LIST_SUBSCRIPTIONS\`, \`SET_PROPERTY\`, \`GET_PROPERTY\``,
          },
          id,
        });
    }
  }

  private sweep(): void {
    const now = Date.now();
    const ping = now - this.lastPing >= this.pingEveryMs;
    if (ping) this.lastPing = now;
    for (const conn of [...this.connections]) {
      if (now - conn.openedAt >= this.maxAgeMs) {
        this.stats.ageCloses += 1;
        conn.closeWithoutStatus();
      } else if (now - conn.lastPong >= Math.max(60_000, 3 * this.pingEveryMs)) {
        this.stats.pongCloses += 1;
        conn.terminate();
      } else if (ping && conn.socket.readyState === conn.socket.OPEN) {
        conn.socket.ping(Buffer.from(String(now)));
      }
    }
  }
}
