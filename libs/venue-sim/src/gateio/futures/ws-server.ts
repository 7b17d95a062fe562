import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import type { Account } from '../../engine/index.js';
import { orderChannelCall, type RestEquivalent } from '../common/ws-api.js';
import { payloadStrings, RequestError, type RouteResult } from '../common/ws-requests.js';
import { GateWsServer, ORDER_BOOK_UPDATE_INTERVALS, type GateWsServerOptions } from '../common/ws-server.js';
import { WS_ERROR, type ClientRequest } from '../common/ws-protocol.js';
import type { GateContractSpec } from './catalogue.js';
import type { GateFuturesContext } from './context.js';
import { futuresDepthHub, type FuturesDepthHub } from './depth-streams.js';
import { wantsDecimalSizes } from './size-decimal.js';
import { CONTRACT_CHANNELS, MarketChannels, type ContractChannel } from './market-channels.js';
import { FUTURES_PRIVATE_CHANNELS, FuturesPrivateChannels, type FuturesPrivateChannel } from './private-channels.js';
import { GateFuturesWsConnection } from './ws-connection.js';
import { handlePrivate } from './private-routes.js';

export const WS_PATH = '/v4/ws/usdt';

const ORDER_BOOK_UPDATE_LEVELS = ['20', '50', '100'];

/** The USDT futures websocket v4 endpoint: public and authenticated channels, acks, errors, ping/pong. */
export class GateFuturesWsServer extends GateWsServer<GateContractSpec, GateFuturesWsConnection> {
  readonly depth: FuturesDepthHub;
  private readonly market: MarketChannels;
  private readonly privateChannels: FuturesPrivateChannels;

  constructor(
    private readonly futures: GateFuturesContext,
    options: GateWsServerOptions,
  ) {
    super(futures, 'futures', [WS_PATH, `${WS_PATH}/`]);
    this.depth = futuresDepthHub(futures, options.pushIntervalMs);
    this.market = new MarketChannels(futures, options.tickerIntervalMs);
    this.privateChannels = new FuturesPrivateChannels(futures);
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

  protected createConnection(socket: WebSocket, req: IncomingMessage): GateFuturesWsConnection {
    return new GateFuturesWsConnection(socket, this.futures, wantsDecimalSizes(req));
  }

  protected listed(contract: string): GateContractSpec {
    const spec = this.futures.contracts.get(contract);
    if (!spec) throw new RequestError(WS_ERROR.INVALID_ARGUMENT, `unknown contract: ${contract}`);
    return spec;
  }

  /** futures.order_place: POST /futures/usdt/orders; order_cancel / order_status: DELETE / GET .../orders/{order_id}. */
  protected apiRestCall(channel: string, param: Record<string, unknown>): RestEquivalent | undefined {
    return orderChannelCall('futures', '/futures/usdt/orders', channel, param, new URLSearchParams());
  }

  /** Sizes as the connection asked for them on its upgrade (X-Gate-Size-Decimal), as REST per request. */
  protected apiServe(conn: GateFuturesWsConnection, account: Account, call: RestEquivalent): { status: number; body: unknown } {
    return handlePrivate(this.futures, account, call.method, call.path, call.query, call.body, conn.decimalSizes);
  }

  protected route(conn: GateFuturesWsConnection, channel: string, request: ClientRequest, subscribe: boolean): RouteResult {
    if ((FUTURES_PRIVATE_CHANNELS as readonly string[]).includes(channel)) {
      this.privateChannel(conn, channel as FuturesPrivateChannel, request, subscribe);
    } else if ((CONTRACT_CHANNELS as readonly string[]).includes(channel)) {
      this.contractChannel(conn, channel as ContractChannel, request.payload, subscribe);
    } else if (channel === 'futures.obu') {
      return this.obu(conn, request, subscribe);
    } else if (channel === 'futures.order_book_update') {
      this.orderBookUpdate(conn, request.payload, subscribe);
    } else {
      throw new RequestError(WS_ERROR.INVALID_ARGUMENT, `unknown channel ${channel}`);
    }
    return 'ack';
  }

  private contractChannel(conn: GateFuturesWsConnection, channel: ContractChannel, payload: unknown, subscribe: boolean): void {
    const list = payloadStrings(payload);
    const allowAll = channel === 'futures.public_liquidates';
    for (const c of list) if (!(allowAll && c === '!all')) this.listed(c);
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
        for (const c of rest) this.listed(c);
        contracts = rest;
      }
    }
    if (!subscribe) {
      this.privateChannels.unsubscribe(channel, conn, contracts);
      conn.subscriptions.delete(channel);
      return;
    }
    this.privateChannels.subscribe(channel, conn, this.authorised(request, channel), contracts);
    conn.subscriptions.add(channel);
  }

  /** payload [contract, "20ms"|"100ms", "20"|"50"|"100"] (level defaults to "100"). */
  private orderBookUpdate(conn: GateFuturesWsConnection, payload: unknown, subscribe: boolean): void {
    const [contract, interval, levelText = '100'] = payloadStrings(payload) as [string, string | undefined, string | undefined];
    const spec = this.listed(contract);
    const intervalMs = interval === undefined ? undefined : ORDER_BOOK_UPDATE_INTERVALS[interval];
    if (intervalMs === undefined) throw new RequestError(WS_ERROR.INVALID_ARGUMENT, `invalid argument: interval ${String(interval)}`);
    if (!ORDER_BOOK_UPDATE_LEVELS.includes(levelText)) throw new RequestError(WS_ERROR.INVALID_ARGUMENT, `invalid argument: level ${levelText}`);
    const level = Number(levelText);
    const key = `futures.order_book_update|${contract}|${interval}|${levelText}`;
    if (subscribe) {
      if (conn.subscriptions.has(key)) return;
      this.depth.subscribe(conn, 'order_book_update', spec, level, intervalMs);
      conn.subscriptions.add(key);
    } else {
      this.depth.unsubscribe(conn, 'order_book_update', contract, level, intervalMs);
      conn.subscriptions.delete(key);
    }
  }
}
