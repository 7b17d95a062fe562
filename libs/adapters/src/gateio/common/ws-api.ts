import { randomBytes } from 'node:crypto';
import { GatewayError, type ErrorClassifier } from '../../core/errors.js';
import { parseJsonExact } from '../../core/exact-json.js';
import { frameForLog } from '../../core/redact.js';
import { WsConnection, type ConnectionState } from '../../core/ws-client.js';
import { gateioWsApiSignature } from './auth.js';
import { gateioErrorClassifier } from './errors.js';
import type { GateioPrivateStreamOptions } from './private-stream.js';
import { gateioConnectionStrategy } from './ws-envelope.js';

/**
 * An answer of Gate's websocket API (Spot / Futures WebSocket v4, "Websocket API Server
 * Response"): an ack (`ack: true`, placements only) and then the result, or `data.errs` with the
 * REST label and `header.status` the HTTP status REST would have answered with.
 */
export interface WireWsApiAnswer<R = unknown> {
  request_id?: string;
  ack?: boolean;
  header?: { status?: string; channel?: string; event?: string };
  data?: { result?: R; errs?: { label?: string; message?: string } | null };
}

/** Where a trading process sends its orders: signed REST (the default) or the websocket API. */
export const ORDER_TRANSPORTS = ['rest', 'ws'] as const;
export type OrderTransport = (typeof ORDER_TRANSPORTS)[number];

/** How long a request waits for its answer before it is a timeout (the REST client's deadline). */
const ANSWER_TIMEOUT_MS = 10_000;
/** How long start-up waits for the first login before it goes on without the websocket API. */
const FIRST_LOGIN_WAIT_MS = 10_000;
/** After a failed login (refused, or not answered), the socket is renewed and the login retried this much later. */
const LOGIN_RETRY_MS = 5_000;

interface Pending {
  readonly channel: string;
  readonly deadline: number;
  resolve(result: unknown): void;
  reject(error: GatewayError): void;
}

/** What the order socket is built with: the private stream's options, without its push handlers. */
export type GateioWsApiOptions = Omit<GateioPrivateStreamOptions, 'handlers' | 'onStateChange'>;

/**
 * Gate.io's websocket API on its own socket: `<market>.login` on every (re)connect, then
 * `<market>.order_*` requests (event "api") matched to their answers by req_id. A request made
 * while the socket is down or not logged in is refused at once as not sent; one whose socket is
 * lost before its answer fails with an unknown outcome, which the order path resolves at the
 * venue by client order id, as it does for a REST placement that timed out.
 */
export class GateioWsApi {
  private readonly connection: WsConnection;
  private readonly classifier: ErrorClassifier;
  private readonly pending = new Map<string, Pending>();
  private readonly idPrefix = randomBytes(4).toString('hex');
  private nextId = 0;
  private loggedIn = false;
  private downReason = 'not connected yet';
  private loginRefusal: GatewayError | undefined;
  private sweepTimer: NodeJS.Timeout | undefined;
  /** Told true on a login, false on a refused one. */
  private loginWaiters: ((loggedIn: boolean) => void)[] = [];

  constructor(private readonly options: GateioWsApiOptions) {
    this.classifier = gateioErrorClassifier(options.venue);
    this.connection = new WsConnection({
      venue: options.venue,
      strategy: gateioConnectionStrategy({ url: options.url, market: options.market, headers: options.headers, now: () => options.clock.now() }),
      metrics: options.metrics,
      listener: {
        onMessage: (data) => this.onFrame(data.toString()),
        onStateChange: (_connection, state, detail) => this.onState(state, detail),
      },
    });
  }

  /** Connects and waits (bounded) for the first login; orders are refused as not sent until it succeeds. */
  async start(): Promise<void> {
    this.connection.start();
    if (!(await this.loggedInWithin(FIRST_LOGIN_WAIT_MS))) {
      this.options.logger.warn({ reason: this.downReason }, 'websocket order API not logged in yet: orders are refused until it is');
    }
  }

  isConnected(): boolean {
    return this.loggedIn;
  }

  /** Sends one API request; `reqParam` is the request's JSON text (the REST body it stands for). */
  request<T>(channel: string, reqParam: string): Promise<T> {
    if (!this.loggedIn) return Promise.reject(this.notSent(channel));
    const reqId = `${this.idPrefix}-${++this.nextId}`;
    const time = Math.floor(this.options.clock.now() / 1000);
    const frame = `{"time":${time},"channel":"${channel}","event":"api","payload":{"req_id":"${reqId}","req_param":${reqParam}}}`;
    return this.send<T>(channel, reqId, frame);
  }

  /**
   * A request that cannot create an order (cancel, status): while the websocket API is down it
   * goes over REST instead, which is safe because repeating it changes nothing at the venue.
   */
  requestOr<T>(channel: string, reqParam: string, overRest: () => Promise<T>): Promise<T> {
    if (this.loggedIn) return this.request<T>(channel, reqParam);
    this.options.metrics.countError('ws_api_rest_fallback');
    this.options.logger.warn({ channel, reason: this.downReason }, 'websocket order API down: sent over REST');
    return overRest();
  }

  close(): void {
    this.connection.close();
    this.failPending('venue_unavailable', 'the adapter closed');
  }

  private send<T>(channel: string, reqId: string, frame: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.set(reqId, { channel, deadline: Date.now() + ANSWER_TIMEOUT_MS, resolve, reject });
      this.connection.send(frame);
      if (!this.sweepTimer) {
        this.sweepTimer = setInterval(() => this.sweep(), 250);
        this.sweepTimer.unref();
      }
    });
  }

  private login(): void {
    const channel = `${this.options.market}.login`;
    const { apiKey, apiSecret } = this.options.credentials;
    const time = Math.floor(this.options.clock.now() / 1000);
    const reqId = `${this.idPrefix}-${++this.nextId}`;
    const payload = { api_key: apiKey, signature: gateioWsApiSignature(apiSecret, channel, '', time), timestamp: String(time), req_id: reqId };
    this.send<{ uid?: string }>(channel, reqId, JSON.stringify({ time, channel, event: 'api', payload })).then(
      (result) => {
        this.loggedIn = true;
        this.loginRefusal = undefined;
        this.options.logger.info({ uid: result?.uid }, 'websocket order API logged in');
        for (const wake of this.loginWaiters.splice(0)) wake(true);
      },
      (error: GatewayError) => {
        if (error.kind === 'venue_unavailable') return; // the socket went: the next one logs in again
        this.downReason = `login failed: ${error.message}`;
        this.options.logger.error({ err: error.message }, 'websocket order API login failed; retrying on a new socket');
        // A refused login (a key, a clock) or an unanswered one must not leave the socket open and
        // useless: renew it later, which logs in again.
        setTimeout(() => {
          if (!this.loggedIn) this.connection.terminate('login failed');
        }, LOGIN_RETRY_MS).unref();
        if (error.kind !== 'unauthenticated' && error.kind !== 'permission_denied') return;
        // Refused, not lost: say so to callers (UNAUTHENTICATED) and stop waiting for it.
        this.loginRefusal = error;
        for (const wake of this.loginWaiters.splice(0)) wake(false);
      },
    );
  }

  private onState(state: ConnectionState, detail: string): void {
    if (state === 'open') {
      this.login();
      return;
    }
    if (state !== 'closed') return;
    this.loggedIn = false;
    this.downReason = detail;
    this.failPending('venue_unavailable', `the websocket API connection was lost (${detail})`);
  }

  private onFrame(text: string): void {
    let answer: WireWsApiAnswer;
    try {
      answer = this.options.exactNumbers ? parseJsonExact<WireWsApiAnswer>(text) : (JSON.parse(text) as WireWsApiAnswer);
    } catch {
      this.options.metrics.wsMessagesMalformed++;
      this.options.logger.warn({ frame: frameForLog(text) }, 'malformed websocket API frame dropped');
      return;
    }
    // Pongs carry no request_id; an ack only says the placement was received.
    const reqId = answer?.request_id;
    if (typeof reqId !== 'string' || answer.ack === true) return;
    const pending = this.pending.get(reqId);
    if (!pending) return;
    this.pending.delete(reqId);
    const status = answer.header?.status;
    const errs = answer.data?.errs;
    if (errs || (status !== undefined && status !== '200')) {
      pending.reject(this.classifier.classifyHttp(Number(status) || 400, JSON.stringify(errs ?? {}), {}));
    } else if (answer.data?.result === undefined || answer.data.result === null) {
      pending.reject(new GatewayError('malformed_response', `${this.options.venue}: ${pending.channel} answered without a result`, { venue: this.options.venue }));
    } else {
      pending.resolve(answer.data.result);
    }
  }

  /** Answers overdue become timeouts: the outcome is unknown, as a REST request that timed out. */
  private sweep(): void {
    const now = Date.now();
    for (const [reqId, pending] of this.pending) {
      if (pending.deadline > now) continue;
      this.pending.delete(reqId);
      pending.reject(new GatewayError('timeout', `${this.options.venue}: no answer to ${pending.channel} within ${ANSWER_TIMEOUT_MS} ms`, { venue: this.options.venue }));
    }
    if (this.pending.size === 0) {
      clearInterval(this.sweepTimer);
      this.sweepTimer = undefined;
    }
  }

  private failPending(kind: 'venue_unavailable', why: string): void {
    for (const [reqId, pending] of this.pending) {
      this.pending.delete(reqId);
      pending.reject(new GatewayError(kind, `${this.options.venue}: ${why} before ${pending.channel} was answered; its outcome is unknown`, { venue: this.options.venue }));
    }
  }

  /** Refused without sending: the venue cannot have acted on it, so an order under its id may be placed again. */
  private notSent(channel: string): GatewayError {
    const refusal = this.loginRefusal;
    return new GatewayError(refusal?.kind ?? 'venue_unavailable', `${this.options.venue}: the websocket order API is down (${this.downReason}); ${channel} was not sent`, {
      venue: this.options.venue,
      venueCode: refusal?.venueCode,
      venueMessage: refusal?.venueMessage,
      notSent: true,
    });
  }

  private loggedInWithin(ms: number): Promise<boolean> {
    if (this.loggedIn) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), ms);
      this.loginWaiters.push((loggedIn) => {
        clearTimeout(timer);
        resolve(loggedIn);
      });
    });
  }
}
