import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { RawData, WebSocket } from 'ws';
import { parseJsonObject, SimWsServer } from '../../common/sim-ws-server.js';
import type { MexcSpotContext } from './context.js';
import { FeedHub } from './feeds.js';
import { isPrivateTopic, PrivateStreams } from './user-data-stream.js';
import { MexcWsConnection } from './ws-connection.js';
import { ack, parseTopic, pong, refused, requestId, type ClientRequest } from './ws-protocol.js';

export const WS_PATH = '/ws';

/** The venue's documented connection rules. */
export const MAX_SUBSCRIPTIONS = 30;
export const NO_SUBSCRIPTION_TIMEOUT_MS = 30_000;
export const NO_DATA_TIMEOUT_MS = 60_000;
export const MAX_CONNECTION_AGE_MS = 24 * 60 * 60 * 1000;

export interface MexcWsServerOptions {
  /** undefined = venue cadences (10 ms / 100 ms); 0 = push on every book change. */
  pushIntervalMs?: number;
  maxSubscriptions?: number;
  /** Close a connection that has held no valid subscription this long (0 = never). */
  noSubscriptionTimeoutMs?: number;
  /** Close a subscribed connection after this long without a frame either way (0 = never). */
  noDataTimeoutMs?: number;
  /** Close any connection this old (0 = never). */
  maxConnectionAgeMs?: number;
}

/**
 * The spot websocket at /ws: JSON SUBSCRIPTION / UNSUBSCRIPTION / PING with JSON answers,
 * protobuf pushes, the 30-topic cap and the idle / age disconnects.
 */
export class MexcWsServer extends SimWsServer<MexcWsConnection> {
  readonly feeds: FeedHub;
  readonly privateStreams: PrivateStreams;
  private readonly maxSubscriptions: number;
  private readonly noSubscriptionTimeoutMs: number;
  private readonly noDataTimeoutMs: number;
  private readonly maxConnectionAgeMs: number;
  private readonly sweeper: NodeJS.Timeout | undefined;
  readonly stats = { subscribeRequests: 0, refusedTopics: 0, ignoredFrames: 0, idleCloses: 0, ageCloses: 0, refusedListenKeys: 0 };

  constructor(
    private readonly ctx: MexcSpotContext,
    options: MexcWsServerOptions = {},
  ) {
    super(ctx.counters);
    this.feeds = new FeedHub(ctx, options.pushIntervalMs);
    this.privateStreams = new PrivateStreams(ctx.accounts, ctx.symbols, ctx.now);
    this.maxSubscriptions = options.maxSubscriptions ?? MAX_SUBSCRIPTIONS;
    this.noSubscriptionTimeoutMs = options.noSubscriptionTimeoutMs ?? NO_SUBSCRIPTION_TIMEOUT_MS;
    this.noDataTimeoutMs = options.noDataTimeoutMs ?? NO_DATA_TIMEOUT_MS;
    this.maxConnectionAgeMs = options.maxConnectionAgeMs ?? MAX_CONNECTION_AGE_MS;
    const limits = [this.noSubscriptionTimeoutMs, this.noDataTimeoutMs, this.maxConnectionAgeMs].filter((v) => v > 0);
    if (limits.length > 0) {
      const every = Math.min(1000, Math.max(10, Math.floor(Math.min(...limits) / 5)));
      this.sweeper = setInterval(() => this.sweep(), every);
      this.sweeper.unref?.();
    }
  }

  get subscriptionCount(): number {
    let n = 0;
    for (const c of this.connections) n += c.topics.size;
    return n;
  }

  /** Handles an HTTP upgrade; returns false when the path is not the websocket endpoint. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'http://sim.local');
    if (url.pathname !== WS_PATH) return false;
    const listenKey = url.searchParams.get('listenKey');
    let account: MexcWsConnection['account'];
    if (listenKey !== null) {
      // user data stream: the key must be valid and have room for one more connection
      const admitted = this.ctx.listenKeys.admit(listenKey);
      if (typeof admitted === 'string') {
        this.stats.refusedListenKeys += 1;
        socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return true;
      }
      account = admitted.account;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const conn = this.onConnection(ws);
      if (listenKey !== null && account) {
        conn.listenKey = listenKey;
        conn.account = account;
        this.ctx.listenKeys.attach(listenKey, conn);
      }
    });
    return true;
  }

  override async close(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    await super.close();
  }

  protected closeChannels(): void {
    this.feeds.close();
    this.privateStreams.close();
  }

  protected forget(conn: MexcWsConnection): void {
    this.feeds.removeConnection(conn);
    this.privateStreams.removeConnection(conn);
    this.ctx.listenKeys.detach(conn);
    conn.topics.clear();
  }

  private onConnection(socket: WebSocket): MexcWsConnection {
    const conn = new MexcWsConnection(socket, this.ctx);
    this.accept(conn, socket, (data: RawData) => {
      conn.lastInbound = performance.now();
      this.onMessage(conn, data.toString());
    });
    return conn;
  }

  private onMessage(conn: MexcWsConnection, text: string): void {
    const request = parseJsonObject(text) as ClientRequest | undefined;
    if (!request) {
      this.stats.ignoredFrames += 1; // the venue's answer to a non-JSON frame is not documented
      return;
    }
    const id = requestId(request);
    const method = typeof request.method === 'string' ? request.method.toUpperCase() : '';
    const params = Array.isArray(request.params) ? request.params.filter((p): p is string => typeof p === 'string') : [];
    switch (method) {
      case 'PING':
        conn.sendJson(pong(id));
        return;
      case 'SUBSCRIPTION':
        this.subscribe(conn, id, params);
        return;
      case 'UNSUBSCRIPTION':
        for (const topic of params) {
          if (!conn.topics.delete(topic)) continue;
          if (isPrivateTopic(topic)) this.privateStreams.unsubscribe(conn, topic);
          else this.feeds.unsubscribe(conn, topic);
        }
        conn.noteTopicCount();
        conn.sendJson(ack(id, params));
        return;
      default:
        this.stats.ignoredFrames += 1;
    }
  }

  private subscribe(conn: MexcWsConnection, id: number, params: readonly string[]): void {
    this.stats.subscribeRequests += 1;
    const accepted: string[] = [];
    const refusedTopics: string[] = [];
    const welcomes: (() => void)[] = [];
    for (const name of params) {
      if (conn.topics.has(name)) {
        accepted.push(name);
        continue;
      }
      if (isPrivateTopic(name)) {
        // private channels only on a listenKey connection
        if (!conn.account || conn.topics.size >= this.maxSubscriptions) {
          refusedTopics.push(name);
          continue;
        }
        this.privateStreams.subscribe(conn, name);
        conn.topics.add(name);
        accepted.push(name);
        continue;
      }
      const topic = parseTopic(name);
      if (!topic || !this.ctx.symbols.has(topic.symbol) || conn.topics.size >= this.maxSubscriptions) {
        refusedTopics.push(name);
        continue;
      }
      const feed = this.feeds.subscribe(conn, topic);
      conn.topics.add(name);
      accepted.push(name);
      welcomes.push(() => feed.welcome(conn));
    }
    conn.noteTopicCount();
    if (accepted.length > 0 || refusedTopics.length === 0) conn.sendJson(ack(id, accepted));
    if (refusedTopics.length > 0) {
      this.stats.refusedTopics += refusedTopics.length;
      conn.sendJson(refused(id, refusedTopics));
    }
    for (const w of welcomes) w();
  }

  /** The venue's disconnect rules: no valid subscription, no data flow, connection age. */
  private sweep(): void {
    const now = performance.now();
    for (const conn of [...this.connections]) {
      const age = now - conn.openedAt;
      if (this.maxConnectionAgeMs > 0 && age >= this.maxConnectionAgeMs) {
        this.stats.ageCloses += 1;
        conn.closeWithoutStatus();
      } else if (this.noSubscriptionTimeoutMs > 0 && conn.unsubscribedSince !== undefined && now - conn.unsubscribedSince >= this.noSubscriptionTimeoutMs) {
        this.stats.idleCloses += 1;
        conn.closeWithoutStatus();
      } else if (this.noDataTimeoutMs > 0 && conn.topics.size > 0 && now - Math.max(conn.lastInbound, conn.lastOutbound) >= this.noDataTimeoutMs) {
        this.stats.idleCloses += 1;
        conn.closeWithoutStatus();
      }
    }
  }
}
