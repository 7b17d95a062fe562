import type { Logger } from '../../core/logger.js';
import type { AdapterMetrics } from '../../core/metrics.js';
import type { Credentials } from '../../core/private-exchange.js';
import { frameForLog } from '../../core/redact.js';
import type { ServerClock } from '../../core/server-clock.js';
import { ShardedWsClient, type ConnectionState, type WsConnection } from '../../core/ws-client.js';
import { RECV_WINDOW_MS, type BinanceSigner } from '../common/auth.js';
import { binanceError } from '../common/errors.js';
import { MAX_CONNECTION_AGE_MS, SPOT_STREAM_RULES } from '../common/stream-connection.js';

/** The one "topic" of the connection: the account's user data subscription. */
const USER_DATA = 'userDataStream';

export interface UserStreamListener {
  /** A user data event (executionReport, outboundAccountPosition, ...). */
  onEvent(event: Record<string, unknown>): void;
  /** Up (subscribed) or down (any loss; events may have been missed). */
  onState(subscribed: boolean, detail: string): void;
}

/**
 * Binance spot's user data stream as the venue delivers it since the listenKey was retired
 * (2026-02-20): a WebSocket API connection subscribed with `userDataStream.subscribe.signature`
 * ({apiKey, timestamp, recvWindow} signed like a REST request, parameters sorted by name). The
 * subscription is signed afresh at every (re)connect; an error answer (a clock out of the window,
 * say) re-measures the clock and starts the connection over. Events arrive as
 * {"subscriptionId", "event"}. The server pings; the connection is renewed before 24 h.
 */
export class BinanceSpotUserStream {
  private readonly ws: ShardedWsClient;
  private subscribed = false;
  private requestId = 0;

  constructor(
    url: string,
    private readonly credentials: Credentials,
    private readonly signer: BinanceSigner,
    private readonly clock: ServerClock,
    private readonly listener: UserStreamListener,
    private readonly metrics: AdapterMetrics,
    private readonly logger: Logger,
  ) {
    this.ws = new ShardedWsClient({
      venue: 'binance_spot',
      strategy: {
        url,
        maxTopicsPerConnection: 1,
        pingIntervalMs: 0,
        idleTimeoutMs: SPOT_STREAM_RULES.serverPingMs * 3 + 5_000,
        maxConnectionAgeMs: MAX_CONNECTION_AGE_MS,
        topicsPerSubscribeFrame: 1,
        buildPing: () => '',
        buildSubscribe: () => [this.subscribeRequest()],
        buildUnsubscribe: () => [JSON.stringify({ id: `unsubscribe-${++this.requestId}`, method: 'userDataStream.unsubscribe' })],
      },
      metrics,
      listener: {
        onMessage: (data, _isBinary, connection) => this.onFrame(data.toString(), connection),
        onStateChange: (_connection, state, detail) => this.onState(state, detail),
      },
      reconnectBaseMs: 500,
    });
  }

  start(): void {
    this.ws.subscribe(USER_DATA);
  }

  isConnected(): boolean {
    return this.subscribed;
  }

  close(): void {
    this.ws.close();
  }

  /** Signed afresh each time: the timestamp must fall within recvWindow of the venue's clock. */
  private subscribeRequest(): string {
    const params: Record<string, string | number> = { apiKey: this.credentials.apiKey, recvWindow: RECV_WINDOW_MS, timestamp: this.clock.now() };
    const payload = Object.keys(params)
      .sort()
      .map((k) => `${k}=${params[k]}`)
      .join('&');
    return JSON.stringify({ id: `subscribe-${++this.requestId}`, method: 'userDataStream.subscribe.signature', params: { ...params, signature: this.signer.sign(payload) } });
  }

  private onState(state: ConnectionState, detail: string): void {
    if (state !== 'closed' || !this.subscribed) return;
    this.subscribed = false;
    this.listener.onState(false, detail);
  }

  private onFrame(text: string, connection: WsConnection): void {
    let frame: { id?: unknown; status?: unknown; result?: { subscriptionId?: unknown }; error?: { code?: unknown; msg?: unknown }; event?: Record<string, unknown> };
    try {
      frame = JSON.parse(text) as typeof frame;
    } catch {
      this.metrics.wsMessagesMalformed++;
      this.logger.warn({ frame: frameForLog(text) }, 'malformed user data frame dropped');
      return;
    }
    if (frame.event && typeof frame.event === 'object') {
      if (frame.event.e === 'eventStreamTerminated') {
        connection.terminate('the venue ended the user data subscription');
        return;
      }
      this.listener.onEvent(frame.event);
      return;
    }
    if (typeof frame.id !== 'string' || !frame.id.startsWith('subscribe-')) return;
    if (frame.status === 200) {
      this.subscribed = true;
      this.listener.onState(true, `subscribed (subscription ${String(frame.result?.subscriptionId)})`);
      return;
    }
    const error = binanceError(
      'binance_spot',
      Number(frame.status),
      typeof frame.error?.code === 'number' || typeof frame.error?.code === 'string' ? String(frame.error.code) : undefined,
      typeof frame.error?.msg === 'string' ? frame.error.msg : undefined,
    );
    this.metrics.countError(error.kind);
    this.logger.warn({ err: error.message }, 'user data subscription refused; re-measuring the clock and reconnecting');
    void this.clock
      .sync()
      .catch(() => undefined)
      .finally(() => connection.terminate('user data subscription refused'));
  }
}
