import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer, type RawData } from 'ws';

// A reverse proxy on loopback that records every REST exchange and websocket frame between a
// client (our adapter, or a third-party client) and one upstream origin (a simulator, or the live
// venue), unchanged in both directions. The client is pointed at the proxy by changing only its
// base URLs, exactly as it would be pointed at the live venue; what the proxy records is what the
// contract checks read.

export interface RecordedExchange {
  readonly method: string;
  /** Path without the query string. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly requestHeaders: Readonly<Record<string, string>>;
  readonly requestBody: string;
  readonly status: number;
  readonly responseHeaders: Readonly<Record<string, string>>;
  readonly responseBody: string;
}

export interface RecordedFrame {
  /** `in`: from the venue to the client; `out`: from the client to the venue. */
  readonly direction: 'in' | 'out';
  /** The websocket's path, e.g. `/ws/v4/`. */
  readonly path: string;
  readonly data: Buffer;
  readonly isBinary: boolean;
  /** Text of a text frame (JSON for Gate and MEXC's JSON frames). */
  readonly text: string | undefined;
}

/** Request headers that belong to one hop, not to the exchange. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'host', 'accept-encoding', 'content-length', 'proxy-connection', 'te', 'trailer']);
/** Websocket handshake headers the ws library sets itself. */
const WS_HANDSHAKE = new Set(['sec-websocket-key', 'sec-websocket-version', 'sec-websocket-extensions', 'sec-websocket-protocol']);

export class RecordingProxy {
  readonly exchanges: RecordedExchange[] = [];
  readonly frames: RecordedFrame[] = [];
  private readonly upstream: URL;
  private server: Server | undefined;
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sockets = new Set<WebSocket>();
  private origin = '';

  /** `upstream`: the origin to forward to, e.g. `http://127.0.0.1:4100` or `https://api.gateio.ws`. */
  constructor(upstream: string) {
    this.upstream = new URL(upstream);
  }

  async start(): Promise<this> {
    const server = createServer((req, res) => {
      void this.forward(req).then(
        ({ status, headers, body }) => {
          res.writeHead(status, headers);
          res.end(body);
        },
        (error: Error) => {
          res.writeHead(502, { 'content-type': 'text/plain' });
          res.end(`recording proxy: upstream ${this.upstream.origin} failed: ${error.message}`);
        },
      );
    });
    server.on('upgrade', (req, socket, head) => this.wss.handleUpgrade(req, socket, head, (client) => this.bridge(req, client)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
  }

  /** `url` (on the upstream origin) as the client should be given it: same path, the proxy's origin. */
  urlFor(url: string): string {
    const target = new URL(url);
    const scheme = target.protocol === 'wss:' || target.protocol === 'ws:' ? 'ws:' : 'http:';
    return `${scheme}//${this.origin.slice('http://'.length)}${target.pathname}${target.search}`;
  }

  /** Forgets what was recorded so far. */
  clear(): void {
    this.exchanges.length = 0;
    this.frames.length = 0;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    this.wss.close();
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async forward(req: IncomingMessage): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const requestBody = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', this.upstream);
    const requestHeaders = forwardable(req.headers, HOP_BY_HOP);
    const response = await fetch(url, {
      method: req.method,
      headers: requestHeaders,
      body: requestBody.length > 0 && req.method !== 'GET' && req.method !== 'HEAD' ? requestBody : undefined,
      redirect: 'manual',
    });
    // fetch has already undone any content encoding: pass the plain body on.
    const body = Buffer.from(await response.arrayBuffer());
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      if (name !== 'content-encoding' && name !== 'content-length' && name !== 'transfer-encoding' && name !== 'connection') headers[name] = value;
    });
    this.exchanges.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      requestHeaders,
      requestBody: requestBody.toString('utf8'),
      status: response.status,
      responseHeaders: headers,
      responseBody: body.toString('utf8'),
    });
    return { status: response.status, headers, body };
  }

  private bridge(req: IncomingMessage, client: WebSocket): void {
    const path = (req.url ?? '/').split('?')[0]!;
    const scheme = this.upstream.protocol === 'https:' ? 'wss:' : 'ws:';
    const upstream = new WebSocket(`${scheme}//${this.upstream.host}${req.url ?? '/'}`, { headers: forwardable(req.headers, new Set([...HOP_BY_HOP, ...WS_HANDSHAKE])) });
    this.sockets.add(client);
    this.sockets.add(upstream);
    const pending: Array<{ data: RawData; isBinary: boolean }> = [];
    const record = (direction: 'in' | 'out', data: RawData, isBinary: boolean) => {
      const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as Buffer);
      this.frames.push({ direction, path, data: buffer, isBinary, text: isBinary ? undefined : buffer.toString('utf8') });
    };
    client.on('message', (data, isBinary) => {
      record('out', data, isBinary);
      if (upstream.readyState === WebSocket.OPEN) upstream.send(data, { binary: isBinary });
      else pending.push({ data, isBinary });
    });
    upstream.on('open', () => {
      for (const frame of pending.splice(0)) upstream.send(frame.data, { binary: frame.isBinary });
    });
    upstream.on('message', (data, isBinary) => {
      record('in', data, isBinary);
      if (client.readyState === WebSocket.OPEN) client.send(data, { binary: isBinary });
    });
    upstream.on('ping', (data) => client.readyState === WebSocket.OPEN && client.ping(data));
    client.on('pong', (data) => upstream.readyState === WebSocket.OPEN && upstream.pong(data));
    client.on('ping', (data) => upstream.readyState === WebSocket.OPEN && upstream.ping(data));
    upstream.on('pong', (data) => client.readyState === WebSocket.OPEN && client.pong(data));
    const closeBoth = (code: number | undefined, reason: Buffer | undefined) => {
      const usable = code !== undefined && code >= 1000 && code < 5000 && code !== 1005 && code !== 1006 ? code : 1000;
      for (const socket of [client, upstream]) {
        if (socket.readyState === WebSocket.OPEN) socket.close(usable, reason);
        else if (socket.readyState === WebSocket.CONNECTING) socket.terminate();
      }
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('close', (code, reason) => closeBoth(code, reason));
    upstream.on('close', (code, reason) => closeBoth(code, reason));
    client.on('error', () => closeBoth(1011, undefined));
    upstream.on('error', () => closeBoth(1011, undefined));
  }
}

function forwardable(headers: IncomingMessage['headers'], drop: ReadonlySet<string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || drop.has(name)) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
