import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { RawData, WebSocket } from 'ws';
import { SimWsServer } from '../../common/simWsServer.js';
import type { GateSpotContext } from './context.js';
import { DepthHub, type DepthKind } from './depthStreams.js';
import { MarketChannels, PAIR_CHANNELS, type PairChannel } from './marketChannels.js';
import { checkAuth } from './privateAuth.js';
import { PRIVATE_CHANNELS, PrivateChannels, type PrivateChannel } from './privateChannels.js';
import { GateWsConnection } from './wsConnection.js';
import { answerFailure, handleGateRequest, payloadStrings, RequestError } from './wsRequests.js';
import { ack, pong, WS_ERROR, type ClientRequest } from './wsProtocol.js';

export const WS_PATH = '/ws/v4/';

const OBU_LEVELS = [50, 400];
const OBU_RE = /^ob\.([A-Za-z0-9]+_[A-Za-z0-9]+)\.(\d+)$/;
const OBU_UPDATE_INTERVALS: Record<string, number> = { '20ms': 20, '100ms': 100 };

export interface GateWsServerOptions {
  /** undefined = venue cadences; 0 = push depth on every book change. */
  pushIntervalMs?: number;
  tickerIntervalMs: number;
}

/** The spot websocket v4 endpoint: subscriptions, acks, errors, ping/pong and the push channels. */
export class GateWsServer extends SimWsServer<GateWsConnection> {
  readonly depth: DepthHub;
  private readonly market: MarketChannels;
  private readonly privateChannels: PrivateChannels;

  constructor(
    private readonly ctx: GateSpotContext,
    options: GateWsServerOptions,
  ) {
    super(ctx.counters);
    this.depth = new DepthHub(ctx, options.pushIntervalMs);
    this.market = new MarketChannels(ctx, options.tickerIntervalMs);
    this.privateChannels = new PrivateChannels(ctx);
    this.wss.on('connection', (socket: WebSocket) => this.onConnection(socket));
  }

  /** Handles an HTTP upgrade; returns false when the path is not the websocket endpoint. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const path = (req.url ?? '').split('?')[0];
    if (path !== WS_PATH && path !== '/ws/v4') return false;
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
    return true;
  }

  protected closeChannels(): void {
    this.depth.close();
    this.market.close();
    this.privateChannels.close();
  }

  protected forget(conn: GateWsConnection): void {
    this.depth.removeConnection(conn);
    this.market.removeConnection(conn);
    this.privateChannels.removeConnection(conn);
  }

  private onConnection(socket: WebSocket): void {
    const conn = new GateWsConnection(socket, this.ctx);
    this.accept(conn, socket, (data: RawData, isBinary: boolean) => {
      const text = isBinary ? Buffer.from(data as Buffer).toString('utf8') : data.toString();
      this.onMessage(conn, text);
    });
  }

  private onMessage(conn: GateWsConnection, text: string): void {
    handleGateRequest(
      conn,
      text,
      () => this.ctx.now(),
      { channel: 'spot.ping', pong },
      (channel, request, subscribe) => {
        if ((PRIVATE_CHANNELS as readonly string[]).includes(channel)) {
          this.privateChannel(conn, channel as PrivateChannel, request, subscribe);
        } else if ((PAIR_CHANNELS as readonly string[]).includes(channel)) {
          this.pairChannel(conn, channel as PairChannel, request.payload, subscribe);
        } else if (channel === 'spot.obu') {
          this.obu(conn, request.payload, subscribe, request);
          return 'acked'; // obu sends its own ack (before the snapshots)
        } else if (channel === 'spot.order_book_update') {
          this.orderBookUpdate(conn, request.payload, subscribe);
        } else {
          throw new RequestError(WS_ERROR.INVALID_ARGUMENT, `unknown channel ${channel}`);
        }
        return 'ack';
      },
    );
  }

  private pairChannel(conn: GateWsConnection, channel: PairChannel, payload: unknown, subscribe: boolean): void {
    const pairs = payloadStrings(payload);
    for (const p of pairs) if (!this.ctx.pairs.has(p)) throw new RequestError(WS_ERROR.INVALID_ARGUMENT, `unknown currency pair: ${p}`);
    if (subscribe) {
      this.market.subscribe(channel, conn, pairs);
      for (const p of pairs) conn.subscriptions.add(`${channel}|${p}`);
    } else {
      this.market.unsubscribe(channel, conn, pairs);
      for (const p of pairs) conn.subscriptions.delete(`${channel}|${p}`);
    }
  }

  /** spot.orders / spot.usertrades / spot.balances: the request must carry a valid auth object. */
  private privateChannel(conn: GateWsConnection, channel: PrivateChannel, request: ClientRequest, subscribe: boolean): void {
    let pairs: string[] | 'all' = 'all';
    if (channel !== 'spot.balances') {
      const list = payloadStrings(request.payload);
      if (!list.includes('!all')) {
        for (const p of list) if (!this.ctx.pairs.has(p)) throw new RequestError(WS_ERROR.INVALID_ARGUMENT, `unknown currency pair: ${p}`);
        pairs = list;
      }
    }
    if (!subscribe) {
      this.privateChannels.unsubscribe(channel, conn, pairs);
      conn.subscriptions.delete(channel);
      return;
    }
    const auth = checkAuth(this.ctx, request, channel, 'subscribe');
    if (typeof auth === 'string') throw new RequestError(WS_ERROR.AUTH_FAILED, `Authentication fail: ${auth}`);
    this.privateChannels.subscribe(channel, conn, auth.account, pairs);
    conn.subscriptions.add(channel);
  }

  private orderBookUpdate(conn: GateWsConnection, payload: unknown, subscribe: boolean): void {
    const args = payloadStrings(payload);
    const [pair, interval] = args as [string, string | undefined];
    if (!this.ctx.pairs.has(pair)) throw new RequestError(WS_ERROR.INVALID_ARGUMENT, `unknown currency pair: ${pair}`);
    const level = interval === undefined ? undefined : OBU_UPDATE_INTERVALS[interval];
    if (level === undefined) throw new RequestError(WS_ERROR.INVALID_ARGUMENT, `invalid argument: interval ${String(interval)}`);
    const key = `spot.order_book_update|${pair}|${interval}`;
    const kind: DepthKind = 'order_book_update';
    if (subscribe) {
      if (conn.subscriptions.has(key)) return;
      this.depth.subscribe(conn, kind, this.ctx.pairs.get(pair)!, level);
      conn.subscriptions.add(key);
    } else {
      this.depth.unsubscribe(conn, kind, pair, level);
      conn.subscriptions.delete(key);
    }
  }

  private obu(conn: GateWsConnection, payload: unknown, subscribe: boolean, request: ClientRequest): void {
    const now = () => this.ctx.now();
    let names: string[];
    const parsed: { pair: string; level: number; key: string }[] = [];
    try {
      names = payloadStrings(payload);
      for (const name of names) {
        const m = OBU_RE.exec(name);
        const level = m ? Number(m[2]) : NaN;
        if (!m || !OBU_LEVELS.includes(level)) throw new RequestError(WS_ERROR.INVALID_ARGUMENT, `invalid argument: ${name}`);
        const pair = m[1] as string;
        if (!this.ctx.pairs.has(pair)) throw new RequestError(WS_ERROR.INVALID_ARGUMENT, `unknown currency pair: ${pair}`);
        const key = `spot.obu|${name}`;
        if (subscribe && conn.subscriptions.has(key)) throw new RequestError(WS_ERROR.INVALID_ARGUMENT, `Alert sub ${name}`);
        parsed.push({ pair, level, key });
      }
    } catch (e) {
      answerFailure(conn, request, e, now());
      return;
    }
    if (!subscribe) {
      for (const p of parsed) {
        this.depth.unsubscribe(conn, 'obu', p.pair, p.level);
        conn.subscriptions.delete(p.key);
      }
      conn.sendJson(ack(now(), request, conn.connId));
      return;
    }
    const streams = parsed.map((p) => {
      conn.subscriptions.add(p.key);
      return this.depth.subscribe(conn, 'obu', this.ctx.pairs.get(p.pair)!, p.level);
    });
    conn.sendJson(ack(now(), request, conn.connId));
    for (const s of streams) conn.send(s.fullSnapshotFrame());
  }
}
