import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { RawData, WebSocket } from 'ws';
import type { Account } from '../../engine/index.js';
import type { FaultState } from '../../common/faults.js';
import { SimWsServer } from '../../common/sim-ws-server.js';
import type { SimCounters, SimWsConnection } from '../../common/ws-connection.js';
import type { DepthHub } from './depth-streams.js';
import { checkAuth, type GateAuthContext } from './private-auth.js';
import { handleApiRequest, type RestEquivalent, type WsApiVenue } from './ws-api.js';
import { answerFailure, handleGateRequest, payloadStrings, RequestError, type RouteResult } from './ws-requests.js';
import { ack, WS_ERROR, type ClientRequest, type GateMarket } from './ws-protocol.js';

const OBU_LEVELS = [50, 400];
const OBU_RE = /^ob\.([A-Za-z0-9]+_[A-Za-z0-9]+)\.(\d+)$/;
/** order_book_update intervals, spot and futures. */
export const ORDER_BOOK_UPDATE_INTERVALS: Readonly<Record<string, number>> = { '20ms': 20, '100ms': 100 };

/** One Gate client connection: its id and the subscription keys it holds ("spot.trades|BTC_USDT"). */
export interface GateConnection extends SimWsConnection {
  readonly connId: string;
  readonly subscriptions: Set<string>;
  /** The account a websocket API login (`<market>.login`) authenticated on this connection. */
  apiAccount?: Account;
}

export interface GateWsServerOptions {
  /** undefined = venue cadences; 0 = push depth on every book change. */
  pushIntervalMs?: number;
  tickerIntervalMs: number;
}

/**
 * What Gate's spot and futures websocket v4 endpoints share: the upgrade on the market's paths,
 * request handling (ping, acks, errors), the obu channel, and the auth check of private
 * subscriptions. Each market routes its own channels and lists its own pairs or contracts.
 */
export abstract class GateWsServer<Spec, Conn extends GateConnection> extends SimWsServer<Conn> {
  abstract readonly depth: DepthHub<Spec, Conn>;
  /** The websocket API (event "api"): login and the order channels. */
  private readonly api: WsApiVenue<Conn>;

  constructor(
    protected readonly ctx: GateAuthContext & { readonly counters: SimCounters; readonly faults: FaultState },
    private readonly gateMarket: GateMarket,
    private readonly paths: readonly string[],
  ) {
    super(ctx.counters);
    this.api = {
      market: gateMarket,
      ctx,
      restCall: (channel, param) => this.apiRestCall(channel, param),
      serve: (conn, account, call) => this.apiServe(conn, account, call),
    };
    this.wss.on('connection', (socket: WebSocket, req: IncomingMessage) => this.onConnection(socket, req));
  }

  /** Handles an HTTP upgrade; returns false when the path is not the websocket endpoint. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (!this.paths.includes(path)) return false;
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
    return true;
  }

  protected abstract createConnection(socket: WebSocket, req: IncomingMessage): Conn;
  /** Subscribes or unsubscribes one channel; throws RequestError to refuse. */
  protected abstract route(conn: Conn, channel: string, request: ClientRequest, subscribe: boolean): RouteResult;
  /** The listed pair or contract of that name; throws RequestError for one the venue does not list. */
  protected abstract listed(id: string): Spec;
  /** The REST call a websocket API order channel stands for; undefined for one the venue does not offer. */
  protected abstract apiRestCall(channel: string, param: Record<string, unknown>): RestEquivalent | undefined;
  /** Runs a websocket API request's REST call for the logged-in account, as the REST endpoint would. */
  protected abstract apiServe(conn: Conn, account: Account, call: RestEquivalent): { status: number; body: unknown };

  private onConnection(socket: WebSocket, req: IncomingMessage): void {
    const conn = this.createConnection(socket, req);
    this.accept(conn, socket, (data: RawData, isBinary: boolean) => {
      const text = isBinary ? Buffer.from(data as Buffer).toString('utf8') : data.toString();
      handleGateRequest(
        conn,
        text,
        () => this.ctx.now(),
        this.gateMarket,
        (channel, request, subscribe) => this.route(conn, channel, request, subscribe),
        (request) => handleApiRequest(conn, request, this.api),
      );
    });
  }

  /** The account of a private subscription's valid auth object; AUTH_FAILED otherwise. */
  protected authorised(request: ClientRequest, channel: string): Account {
    const auth = checkAuth(this.ctx, request, channel, 'subscribe');
    if (typeof auth === 'string') throw new RequestError(WS_ERROR.AUTH_FAILED, `Authentication fail: ${auth}`);
    return auth.account;
  }

  /** `<market>.obu` ["ob.BTC_USDT.50", ...]: acked before the full snapshots it sends. */
  protected obu(conn: Conn, request: ClientRequest, subscribe: boolean): RouteResult {
    const now = () => this.ctx.now();
    const parsed: { spec: Spec; id: string; level: number; key: string }[] = [];
    try {
      for (const name of payloadStrings(request.payload)) {
        const m = OBU_RE.exec(name);
        const level = m ? Number(m[2]) : NaN;
        if (!m || !OBU_LEVELS.includes(level)) throw new RequestError(WS_ERROR.INVALID_ARGUMENT, `invalid argument: ${name}`);
        const id = m[1] as string;
        const spec = this.listed(id);
        const key = `${this.gateMarket}.obu|${name}`;
        if (subscribe && conn.subscriptions.has(key)) throw new RequestError(WS_ERROR.INVALID_ARGUMENT, `Alert sub ${name}`);
        parsed.push({ spec, id, level, key });
      }
    } catch (e) {
      answerFailure(conn, request, e, now());
      return 'acked';
    }
    if (!subscribe) {
      for (const p of parsed) {
        this.depth.unsubscribe(conn, 'obu', p.id, p.level);
        conn.subscriptions.delete(p.key);
      }
      conn.sendJson(ack(now(), request, conn.connId));
      return 'acked';
    }
    const streams = parsed.map((p) => {
      conn.subscriptions.add(p.key);
      return this.depth.subscribe(conn, 'obu', p.spec, p.level);
    });
    conn.sendJson(ack(now(), request, conn.connId));
    for (const s of streams) conn.send(s.fullSnapshotFrame());
    return 'acked';
  }
}
