import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { parseJsonObject, SimWsServer } from '../../common/sim-ws-server.js';
import { SimWsConnection } from '../../common/ws-connection.js';
import type { Account, AccountEvent } from '../../engine/index.js';
import { BinanceRestError } from '../common/rest-errors.js';
import { checkTimestamp, signatureValid } from '../common/signed-request.js';
import { PING_INTERVAL_MS } from '../common/stream-server.js';
import type { BinanceSpotContext } from './context.js';
import * as pf from './private-format.js';

export const WS_API_PATH = '/ws-api/v3';

/** One WebSocket API connection and its user data subscriptions (id -> account). */
class WsApiConnection extends SimWsConnection {
  readonly subscriptions = new Map<number, Account>();
  nextSubscriptionId = 0;
}

type Answer = { result: unknown } | { error: BinanceRestError };

/**
 * The spot WebSocket API, as far as the user data stream needs it (web-socket-api.md, "User Data
 * Stream requests"; the listenKey was retired on 2026-02-20): `userDataStream.subscribe.signature`
 * ({apiKey, timestamp, recvWindow?, signature} signed over the other parameters sorted by name),
 * `userDataStream.unsubscribe`, `session.subscriptions`, `ping` and `time`. Events arrive as
 * {"subscriptionId": N, "event": {...}}: executionReport for every order change and fill,
 * outboundAccountPosition for every balance change. Answers are {id, status, result | error}.
 */
export class BinanceWsApiServer extends SimWsServer<WsApiConnection> {
  private readonly detach: () => void;
  private readonly pinger: NodeJS.Timeout;

  constructor(
    private readonly ctx: BinanceSpotContext,
    pingIntervalMs = PING_INTERVAL_MS,
  ) {
    super(ctx.counters);
    this.detach = ctx.accounts.onEvent((e) => this.onAccountEvent(e));
    this.pinger = setInterval(() => {
      for (const conn of this.connections) if (conn.socket.readyState === conn.socket.OPEN) conn.socket.ping();
    }, pingIntervalMs);
    this.pinger.unref?.();
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    if (new URL(req.url ?? '/', 'http://sim.local').pathname !== WS_API_PATH) return false;
    this.wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      const conn = new WsApiConnection(ws, this.ctx);
      this.accept(conn, ws, (data) => this.onRequest(conn, data.toString()));
    });
    return true;
  }

  override async close(): Promise<void> {
    clearInterval(this.pinger);
    await super.close();
  }

  protected closeChannels(): void {
    this.detach();
  }

  protected forget(conn: WsApiConnection): void {
    conn.subscriptions.clear();
  }

  private onRequest(conn: WsApiConnection, text: string): void {
    const request = parseJsonObject(text) as { id?: unknown; method?: unknown; params?: unknown } | undefined;
    if (!request) {
      conn.sendJson({ id: null, status: 400, error: { code: -1135, msg: 'Invalid JSON request' } });
      return;
    }
    const id = request.id ?? null;
    const params = typeof request.params === 'object' && request.params !== null ? (request.params as Record<string, unknown>) : {};
    let answer: Answer;
    try {
      answer = { result: this.answer(conn, String(request.method), params) };
    } catch (e) {
      answer = { error: e instanceof BinanceRestError ? e : new BinanceRestError(500, -1000, 'An unknown error occurred while processing the request.') };
    }
    if ('result' in answer) conn.sendJson({ id, status: 200, result: answer.result });
    else conn.sendJson({ id, status: answer.error.status, error: answer.error.body() });
  }

  private answer(conn: WsApiConnection, method: string, params: Record<string, unknown>): unknown {
    switch (method) {
      case 'ping':
        return {};
      case 'time':
        return { serverTime: this.ctx.now() };
      case 'userDataStream.subscribe.signature': {
        const account = this.verify(params);
        for (const [subscriptionId, held] of conn.subscriptions) if (held === account) return { subscriptionId };
        const subscriptionId = conn.nextSubscriptionId++;
        conn.subscriptions.set(subscriptionId, account);
        return { subscriptionId };
      }
      case 'userDataStream.unsubscribe': {
        if (params.subscriptionId === undefined) conn.subscriptions.clear();
        else if (!conn.subscriptions.delete(Number(params.subscriptionId))) throw new BinanceRestError(400, -2036, 'User Data Stream subscription not active.');
        return {};
      }
      case 'session.subscriptions':
        return [...conn.subscriptions.keys()].map((subscriptionId) => ({ subscriptionId }));
      default:
        throw new BinanceRestError(400, -1020, 'This operation is not supported.');
    }
  }

  /** The signature subscription's key, signature (over every other parameter, sorted by name) and time. */
  private verify(params: Record<string, unknown>): Account {
    const apiKey = typeof params.apiKey === 'string' ? params.apiKey : '';
    if (apiKey === '') throw new BinanceRestError(400, -1102, "Mandatory parameter 'apiKey' was not sent, was empty/null, or malformed.");
    const account = this.ctx.accounts.byApiKey(apiKey);
    if (!account) throw new BinanceRestError(400, -2015, 'Invalid API-key, IP, or permissions for action.');
    const signature = typeof params.signature === 'string' ? params.signature : '';
    const payload = Object.keys(params)
      .filter((k) => k !== 'signature')
      .sort()
      .map((k) => `${k}=${String(params[k])}`)
      .join('&');
    if (!signatureValid(account, payload, signature)) throw new BinanceRestError(400, -1022, 'Signature for this request is not valid.');
    checkTimestamp(new Map(Object.entries(params).map(([k, v]) => [k, String(v)])), this.ctx.now());
    return account;
  }

  private onAccountEvent(e: AccountEvent): void {
    if (e.type === 'fill') return; // the order event that follows carries the fill (x = TRADE)
    const account = e.type === 'order' ? e.order.account : e.account;
    let event: Record<string, unknown>;
    if (e.type === 'order') {
      const spec = this.ctx.symbols.get(e.order.symbol);
      if (!spec) return;
      event = pf.executionReport(spec, e.order, e.change, e.change === 'new' ? undefined : e.fill, this.ctx.now());
    } else {
      const b = pf.balanceJson(e.asset, e.balance);
      event = { e: 'outboundAccountPosition', E: this.ctx.now(), u: e.timestamp, B: [{ a: e.asset, f: b.free, l: b.locked }] };
    }
    for (const conn of this.connections) {
      for (const [subscriptionId, held] of conn.subscriptions) if (held === account) conn.send(`{"subscriptionId":${subscriptionId},"event":${JSON.stringify(event)}}`);
    }
  }
}
