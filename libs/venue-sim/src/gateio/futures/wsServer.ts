import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { RawData, WebSocket } from 'ws';
import { SimWsServer } from '../../common/simWsServer.js';
import { checkAuth } from '../spot/privateAuth.js';
import { answerFailure, handleGateRequest, payloadStrings, RequestError } from '../spot/wsRequests.js';
import type { GateFuturesContext } from './context.js';
import { DepthHub } from './depthStreams.js';
import { wantsDecimalSizes } from './httpServer.js';
import { CONTRACT_CHANNELS, MarketChannels, type ContractChannel } from './marketChannels.js';
import { FUTURES_PRIVATE_CHANNELS, FuturesPrivateChannels, type FuturesPrivateChannel } from './privateChannels.js';
import { GateFuturesWsConnection } from './wsConnection.js';
import { ack, pong, WS_ERROR, type ClientRequest } from './wsProtocol.js';

export const WS_PATH = '/v4/ws/usdt';

const OBU_LEVELS = [50, 400];
const OBU_RE = /^ob\.([A-Za-z0-9]+_[A-Za-z0-9]+)\.(\d+)$/;
const OBU_UPDATE_INTERVALS: Record<string, number> = { '20ms': 20, '100ms': 100 };
const OBU_UPDATE_LEVELS = ['20', '50', '100'];

export interface GateFuturesWsServerOptions {
  /** undefined = venue cadences; 0 = push depth on every book change. */
  pushIntervalMs?: number;
  tickerIntervalMs: number;
}

/** The USDT futures websocket v4 endpoint: public and authenticated channels, acks, errors, ping/pong. */
export class GateFuturesWsServer extends SimWsServer<GateFuturesWsConnection> {
  readonly depth: DepthHub;
  private readonly market: MarketChannels;
  private readonly privateChannels: FuturesPrivateChannels;

  constructor(
    private readonly ctx: GateFuturesContext,
    options: GateFuturesWsServerOptions,
  ) {
    super(ctx.counters);
    this.depth = new DepthHub(ctx, options.pushIntervalMs);
    this.market = new MarketChannels(ctx, options.tickerIntervalMs);
    this.privateChannels = new FuturesPrivateChannels(ctx);
    this.wss.on('connection', (socket: WebSocket, req: IncomingMessage) => this.onConnection(socket, req));
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const path = (req.url ?? '').split('?')[0];
    if (path !== WS_PATH && path !== `${WS_PATH}/`) return false;
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
    return true;
  }

  protected closeChannels(): void {
    this.depth.close();
    this.market.close();
    this.privateChannels.close();
  }

  protected forget(conn: GateFuturesWsConnection): void {
    this.depth.removeConnection(conn);
    this.market.removeConnection(conn);
    this.privateChannels.removeConnection(conn);
  }

  private onConnection(socket: WebSocket, req: IncomingMessage): void {
    const conn = new GateFuturesWsConnection(socket, this.ctx, wantsDecimalSizes(req));
    this.accept(conn, socket, (data: RawData, isBinary: boolean) => {
      const text = isBinary ? Buffer.from(data as Buffer).toString('utf8') : data.toString();
      this.onMessage(conn, text);
    });
  }

  private onMessage(conn: GateFuturesWsConnection, text: string): void {
    handleGateRequest(
      conn,
      text,
      () => this.ctx.now(),
      { channel: 'futures.ping', pong },
      (channel, request, subscribe) => {
        if ((FUTURES_PRIVATE_CHANNELS as readonly string[]).includes(channel)) {
          this.privateChannel(conn, channel as FuturesPrivateChannel, request, subscribe);
        } else if ((CONTRACT_CHANNELS as readonly string[]).includes(channel)) {
          this.contractChannel(conn, channel as ContractChannel, request.payload, subscribe);
        } else if (channel === 'futures.obu') {
          this.obu(conn, request, subscribe);
          return 'acked'; // obu sends its own ack (before the snapshots)
        } else if (channel === 'futures.order_book_update') {
          this.orderBookUpdate(conn, request.payload, subscribe);
        } else {
          throw new RequestError(WS_ERROR.INVALID_ARGUMENT, `unknown channel ${channel}`);
        }
        return 'ack';
      },
    );
  }

  private requireContract(name: string): void {
    if (!this.ctx.contracts.has(name)) throw new RequestError(WS_ERROR.INVALID_ARGUMENT, `unknown contract: ${name}`);
  }

  private contractChannel(conn: GateFuturesWsConnection, channel: ContractChannel, payload: unknown, subscribe: boolean): void {
    const list = payloadStrings(payload);
    const allowAll = channel === 'futures.public_liquidates';
    for (const c of list) if (!(allowAll && c === '!all')) this.requireContract(c);
    if (subscribe) {
      this.market.subscribe(channel, conn, list);
      for (const c of list) conn.subscriptions.add(`${channel}|${c}`);
    } else {
      this.market.unsubscribe(channel, conn, list);
      for (const c of list) conn.subscriptions.delete(`${channel}|${c}`);
    }
  }

  /**
   * Authenticated channels: payload [user id (string or number, not checked), contract... | "!all"];
   * futures.balances takes [user id] (or [user id, "!all"]). Subscribing needs a valid auth object.
   */
  private privateChannel(conn: GateFuturesWsConnection, channel: FuturesPrivateChannel, request: ClientRequest, subscribe: boolean): void {
    const payload = request.payload;
    if (!Array.isArray(payload) || payload.length === 0 || (typeof payload[0] !== 'string' && typeof payload[0] !== 'number')) {
      throw new RequestError(WS_ERROR.INVALID_ARGUMENT, 'invalid argument: payload');
    }
    const rest = payload.slice(1);
    if (!rest.every((p): p is string => typeof p === 'string')) throw new RequestError(WS_ERROR.INVALID_ARGUMENT, 'invalid argument: payload');
    let contracts: string[] | 'all' = 'all';
    if (channel !== 'futures.balances') {
      if (rest.length === 0) throw new RequestError(WS_ERROR.INVALID_ARGUMENT, 'invalid argument: payload');
      if (!rest.includes('!all')) {
        for (const c of rest) this.requireContract(c);
        contracts = rest;
      }
    }
    if (!subscribe) {
      this.privateChannels.unsubscribe(channel, conn, contracts);
      conn.subscriptions.delete(channel);
      return;
    }
    const auth = checkAuth(this.ctx, request, channel, 'subscribe');
    if (typeof auth === 'string') throw new RequestError(WS_ERROR.AUTH_FAILED, `Authentication fail: ${auth}`);
    this.privateChannels.subscribe(channel, conn, auth.account, contracts);
    conn.subscriptions.add(channel);
  }

  /** payload [contract, "20ms"|"100ms", "20"|"50"|"100"] (level defaults to "100"). */
  private orderBookUpdate(conn: GateFuturesWsConnection, payload: unknown, subscribe: boolean): void {
    const [contract, interval, levelText = '100'] = payloadStrings(payload) as [string, string | undefined, string | undefined];
    this.requireContract(contract);
    const intervalMs = interval === undefined ? undefined : OBU_UPDATE_INTERVALS[interval];
    if (intervalMs === undefined) throw new RequestError(WS_ERROR.INVALID_ARGUMENT, `invalid argument: interval ${String(interval)}`);
    if (!OBU_UPDATE_LEVELS.includes(levelText)) throw new RequestError(WS_ERROR.INVALID_ARGUMENT, `invalid argument: level ${levelText}`);
    const level = Number(levelText);
    const key = `futures.order_book_update|${contract}|${interval}|${levelText}`;
    if (subscribe) {
      if (conn.subscriptions.has(key)) return;
      this.depth.subscribe(conn, 'order_book_update', this.ctx.contracts.get(contract)!, level, intervalMs);
      conn.subscriptions.add(key);
    } else {
      this.depth.unsubscribe(conn, 'order_book_update', contract, level, intervalMs);
      conn.subscriptions.delete(key);
    }
  }

  private obu(conn: GateFuturesWsConnection, request: ClientRequest, subscribe: boolean): void {
    const parsed: { contract: string; level: number; key: string }[] = [];
    try {
      for (const name of payloadStrings(request.payload)) {
        const m = OBU_RE.exec(name);
        const level = m ? Number(m[2]) : NaN;
        if (!m || !OBU_LEVELS.includes(level)) throw new RequestError(WS_ERROR.INVALID_ARGUMENT, `invalid argument: ${name}`);
        const contract = m[1] as string;
        this.requireContract(contract);
        const key = `futures.obu|${name}`;
        if (subscribe && conn.subscriptions.has(key)) throw new RequestError(WS_ERROR.INVALID_ARGUMENT, `Alert sub ${name}`);
        parsed.push({ contract, level, key });
      }
    } catch (e) {
      answerFailure(conn, request, e, this.ctx.now());
      return;
    }
    const now = () => this.ctx.now();
    if (!subscribe) {
      for (const p of parsed) {
        this.depth.unsubscribe(conn, 'obu', p.contract, p.level);
        conn.subscriptions.delete(p.key);
      }
      conn.sendJson(ack(now(), request, conn.connId));
      return;
    }
    const streams = parsed.map((p) => {
      conn.subscriptions.add(p.key);
      return this.depth.subscribe(conn, 'obu', this.ctx.contracts.get(p.contract)!, p.level);
    });
    conn.sendJson(ack(now(), request, conn.connId));
    for (const s of streams) conn.send(s.fullSnapshotFrame());
  }
}
