import WebSocket from 'ws';
import type { AdapterMetrics } from './metrics.js';
import { reconnectDelayMs } from './retry.js';

/** How one venue's websocket is spoken: endpoint, keepalive, subscription frames, limits. */
export interface ConnectionStrategy {
  readonly url: string;
  /** Extra headers on the upgrade request (a venue's protocol options). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Subscriptions one connection may carry; further topics open another connection (a shard). */
  readonly maxTopicsPerConnection: number;
  /** Application-level ping cadence (0 = none). */
  readonly pingIntervalMs: number;
  /** No frame at all for this long means the connection is dead: terminate and reconnect. */
  readonly idleTimeoutMs: number;
  /** Reconnect proactively before the venue's own connection age limit, if it has one. */
  readonly maxConnectionAgeMs?: number;
  buildPing(): string | Buffer;
  /** Frames that subscribe `topics` (opaque venue topic strings). */
  buildSubscribe(topics: readonly string[]): Array<string | Buffer>;
  buildUnsubscribe(topics: readonly string[]): Array<string | Buffer>;
  /** Subscribe frames may carry several topics at once, up to this many. */
  readonly topicsPerSubscribeFrame: number;
  /**
   * Frames the venue accepts from a client per second (Binance: 5, and it disconnects beyond).
   * When set, frames beyond it wait their turn, and topics (un)subscribed in one tick share a frame.
   */
  readonly maxFramesPerSecond?: number;
}

export type ConnectionState = 'connecting' | 'open' | 'closed';

export interface WsListener {
  onMessage(data: Buffer, isBinary: boolean, connection: WsConnection): void;
  /** 'open' after every (re)connect, after the subscriptions were sent again; 'closed' on any loss. */
  onStateChange(connection: WsConnection, state: ConnectionState, detail: string): void;
}

export interface WsClientOptions {
  readonly venue: string;
  readonly strategy: ConnectionStrategy;
  readonly listener: WsListener;
  readonly metrics: AdapterMetrics;
  readonly reconnectBaseMs?: number;
  readonly reconnectMaxMs?: number;
}

let nextConnectionId = 1;

/** One socket and the topics it carries; reconnects by itself and resubscribes every topic. */
export class WsConnection {
  readonly id = nextConnectionId++;
  readonly topics = new Set<string>();
  state: ConnectionState = 'closed';
  private socket: WebSocket | undefined;
  private attempts = 0;
  private stopped = false;
  private lastFrameAt = 0;
  private openedAt = 0;
  private pingTimer: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  /** Counted in metrics.wsConnectionsWanted (started, not closed). */
  private wanted = false;
  /** Frames waiting for the venue's frame rate (maxFramesPerSecond), and when the last ones left. */
  private readonly outbox: Array<string | Buffer> = [];
  private readonly sentAt: number[] = [];
  private outboxTimer: NodeJS.Timeout | undefined;
  /** Topics (un)subscribed in this tick, sent as one frame (only with maxFramesPerSecond). */
  private batch: { subscribe: string[]; unsubscribe: string[] } | undefined;

  constructor(private readonly options: WsClientOptions) {}

  start(): void {
    if (!this.wanted) {
      this.wanted = true;
      this.options.metrics.wsConnectionsWanted++;
    }
    this.stopped = false;
    if (!this.socket) this.connect();
  }

  subscribe(topics: readonly string[]): void {
    for (const topic of topics) this.topics.add(topic);
    if (this.state === 'open') this.request('subscribe', topics);
  }

  unsubscribe(topics: readonly string[]): void {
    for (const topic of topics) this.topics.delete(topic);
    if (this.state === 'open') this.request('unsubscribe', topics);
  }

  private request(kind: 'subscribe' | 'unsubscribe', topics: readonly string[]): void {
    const { strategy } = this.options;
    if (!strategy.maxFramesPerSecond) {
      this.sendFrames(kind === 'subscribe' ? strategy.buildSubscribe(topics) : strategy.buildUnsubscribe(topics));
      return;
    }
    if (!this.batch) {
      const batch = (this.batch = { subscribe: [], unsubscribe: [] });
      queueMicrotask(() => {
        if (this.batch !== batch) return;
        this.batch = undefined;
        if (this.state !== 'open') return;
        if (batch.unsubscribe.length > 0) this.sendFrames(strategy.buildUnsubscribe(batch.unsubscribe));
        if (batch.subscribe.length > 0) this.sendFrames(strategy.buildSubscribe(batch.subscribe));
      });
    }
    this.batch[kind].push(...topics);
  }

  /** Re-sends the subscription of one topic (used to obtain a fresh snapshot after a gap). */
  resubscribe(topic: string): void {
    if (this.state !== 'open') return;
    const { strategy } = this.options;
    this.sendFrames(strategy.buildUnsubscribe([topic]));
    this.sendFrames(strategy.buildSubscribe([topic]));
  }

  send(frame: string | Buffer): void {
    if (this.socket?.readyState !== WebSocket.OPEN) return;
    const perSecond = this.options.strategy.maxFramesPerSecond;
    if (!perSecond) {
      this.socket.send(frame);
      return;
    }
    this.outbox.push(frame);
    this.flushOutbox(perSecond);
  }

  /** Sends what the venue's frame rate allows now and schedules the rest. */
  private flushOutbox(perSecond: number): void {
    if (this.outboxTimer) return;
    while (this.outbox.length > 0) {
      const now = Date.now();
      while (this.sentAt.length > 0 && now - this.sentAt[0]! >= 1000) this.sentAt.shift();
      if (this.sentAt.length >= perSecond) {
        this.outboxTimer = setTimeout(
          () => {
            this.outboxTimer = undefined;
            this.flushOutbox(perSecond);
          },
          1000 - (now - this.sentAt[0]!) + 1,
        );
        this.outboxTimer.unref?.();
        return;
      }
      if (this.socket?.readyState !== WebSocket.OPEN) {
        this.outbox.length = 0;
        return;
      }
      this.sentAt.push(now);
      this.socket.send(this.outbox.shift()!);
    }
  }

  /** Drops the socket now; the normal reconnect path brings it back. */
  terminate(reason: string): void {
    this.socket?.terminate();
    this.handleClose(reason);
  }

  close(): void {
    this.stopped = true;
    if (this.wanted) {
      this.wanted = false;
      this.options.metrics.wsConnectionsWanted--;
    }
    clearTimeout(this.reconnectTimer);
    clearInterval(this.pingTimer);
    this.dropOutbox();
    const socket = this.socket;
    this.socket = undefined;
    if (socket) {
      socket.removeAllListeners();
      socket.on('error', () => {});
      socket.terminate();
    }
    this.setState('closed', 'closed by client');
  }

  private connect(): void {
    const { strategy, metrics } = this.options;
    this.setState('connecting', `attempt ${this.attempts + 1}`);
    const socket = new WebSocket(strategy.url, { perMessageDeflate: false, handshakeTimeout: 10_000, headers: strategy.headers });
    this.socket = socket;
    socket.on('open', () => {
      if (socket !== this.socket) return;
      this.attempts = 0;
      this.openedAt = this.lastFrameAt = Date.now();
      metrics.wsConnectionsEstablished++;
      metrics.wsConnectionsOpen++;
      this.state = 'open';
      if (this.topics.size > 0) this.sendFrames(strategy.buildSubscribe([...this.topics]));
      this.startKeepalive();
      this.setState('open', 'connected');
    });
    // A venue that keeps quiet connections alive with protocol pings (Binance) shows life by them.
    socket.on('ping', () => {
      this.lastFrameAt = Date.now();
    });
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      this.lastFrameAt = Date.now();
      metrics.wsMessagesReceived++;
      this.options.listener.onMessage(data, isBinary, this);
    });
    socket.on('close', (code: number, reason: Buffer) => {
      if (socket === this.socket) this.handleClose(`closed with code ${code}${reason.length ? ` (${reason.toString()})` : ''}`);
    });
    socket.on('error', (error: Error) => {
      if (socket === this.socket) this.handleClose(`error: ${error.message}`);
    });
  }

  private startKeepalive(): void {
    clearInterval(this.pingTimer);
    const { strategy } = this.options;
    const tick = Math.min(strategy.pingIntervalMs || 5_000, strategy.idleTimeoutMs / 2);
    let lastPing = Date.now();
    this.pingTimer = setInterval(() => {
      const now = Date.now();
      if (now - this.lastFrameAt > strategy.idleTimeoutMs) {
        this.terminate(`no frame for ${strategy.idleTimeoutMs} ms`);
        return;
      }
      if (strategy.maxConnectionAgeMs && now - this.openedAt > strategy.maxConnectionAgeMs) {
        this.terminate('connection age limit reached, renewing');
        return;
      }
      if (strategy.pingIntervalMs > 0 && now - lastPing >= strategy.pingIntervalMs) {
        lastPing = now;
        this.send(strategy.buildPing());
      }
    }, tick);
    this.pingTimer.unref?.();
  }

  /** Frames queued for a socket that is gone: the next connection resubscribes everything anyway. */
  private dropOutbox(): void {
    clearTimeout(this.outboxTimer);
    this.outboxTimer = undefined;
    this.outbox.length = 0;
    this.sentAt.length = 0;
    this.batch = undefined;
  }

  private handleClose(reason: string): void {
    clearInterval(this.pingTimer);
    this.dropOutbox();
    const socket = this.socket;
    this.socket = undefined;
    if (socket) {
      socket.removeAllListeners();
      socket.on('error', () => {});
    }
    if (this.state !== 'closed') this.setState('closed', reason);
    if (this.stopped) return;
    this.attempts++;
    const delay = reconnectDelayMs(this.attempts, this.options.reconnectBaseMs ?? 250, this.options.reconnectMaxMs ?? 30_000);
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
    this.reconnectTimer.unref?.();
  }

  private sendFrames(frames: Array<string | Buffer>): void {
    for (const frame of frames) this.send(frame);
  }

  private setState(state: ConnectionState, detail: string): void {
    if (this.state === 'open' && state !== 'open') this.options.metrics.wsConnectionsOpen--;
    this.state = state;
    this.options.listener.onStateChange(this, state, detail);
  }
}

/**
 * Spreads topics over as many connections as the venue's per-connection cap requires, and
 * keeps each topic on the connection that first carried it.
 */
export class ShardedWsClient {
  private readonly connections: WsConnection[] = [];
  private readonly topicOwner = new Map<string, WsConnection>();

  constructor(private readonly options: WsClientOptions) {}

  subscribe(topic: string): WsConnection {
    const existing = this.topicOwner.get(topic);
    if (existing) return existing;
    const cap = this.options.strategy.maxTopicsPerConnection;
    let connection = this.connections.find((c) => c.topics.size < cap);
    if (!connection) {
      connection = new WsConnection(this.options);
      this.connections.push(connection);
      connection.start();
    }
    connection.subscribe([topic]);
    this.topicOwner.set(topic, connection);
    return connection;
  }

  unsubscribe(topic: string): void {
    const connection = this.topicOwner.get(topic);
    if (!connection) return;
    this.topicOwner.delete(topic);
    connection.unsubscribe([topic]);
  }

  resubscribe(topic: string): void {
    this.topicOwner.get(topic)?.resubscribe(topic);
  }

  connectionOf(topic: string): WsConnection | undefined {
    return this.topicOwner.get(topic);
  }

  get connectionCount(): number {
    return this.connections.length;
  }

  /** True when every connection that carries topics is open. */
  isConnected(): boolean {
    return this.connections.every((c) => c.topics.size === 0 || c.state === 'open');
  }

  close(): void {
    for (const connection of this.connections) connection.close();
    this.connections.length = 0;
    this.topicOwner.clear();
  }
}
