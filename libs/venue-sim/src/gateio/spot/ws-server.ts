import type { WebSocket } from 'ws';
import type { Account } from '../../engine/index.js';
import { orderChannelCall, type RestEquivalent } from '../common/ws-api.js';
import { payloadStrings, RequestError, type RouteResult } from '../common/ws-requests.js';
import { GateWsServer, ORDER_BOOK_UPDATE_INTERVALS, type GateWsServerOptions } from '../common/ws-server.js';
import { WS_ERROR, type ClientRequest } from '../common/ws-protocol.js';
import type { GatePairSpec } from './catalogue.js';
import type { GateSpotContext } from './context.js';
import { spotDepthHub, type SpotDepthHub } from './depth-streams.js';
import { MarketChannels, PAIR_CHANNELS, type PairChannel } from './market-channels.js';
import { PRIVATE_CHANNELS, PrivateChannels, type PrivateChannel } from './private-channels.js';
import { handlePrivate } from './private-routes.js';
import { GateWsConnection } from './ws-connection.js';

export const WS_PATH = '/ws/v4/';

/** The spot websocket v4 endpoint: subscriptions, acks, errors, ping/pong and the push channels. */
export class GateSpotWsServer extends GateWsServer<GatePairSpec, GateWsConnection> {
  readonly depth: SpotDepthHub;
  private readonly market: MarketChannels;
  private readonly privateChannels: PrivateChannels;

  constructor(
    private readonly spot: GateSpotContext,
    options: GateWsServerOptions,
  ) {
    super(spot, 'spot', [WS_PATH, '/ws/v4']);
    this.depth = spotDepthHub(spot, options.pushIntervalMs);
    this.market = new MarketChannels(spot, options.tickerIntervalMs);
    this.privateChannels = new PrivateChannels(spot);
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

  protected createConnection(socket: WebSocket): GateWsConnection {
    return new GateWsConnection(socket, this.spot);
  }

  protected listed(pair: string): GatePairSpec {
    const spec = this.spot.pairs.get(pair);
    if (!spec) throw new RequestError(WS_ERROR.INVALID_ARGUMENT, `unknown currency pair: ${pair}`);
    return spec;
  }

  /** spot.order_place: POST /spot/orders; spot.order_cancel / order_status: DELETE / GET /spot/orders/{order_id}?currency_pair=. */
  protected apiRestCall(channel: string, param: Record<string, unknown>): RestEquivalent | undefined {
    const query = new URLSearchParams(param.currency_pair === undefined ? {} : { currency_pair: String(param.currency_pair) });
    return orderChannelCall('spot', '/spot/orders', channel, param, query);
  }

  protected apiServe(_conn: GateWsConnection, account: Account, call: RestEquivalent): { status: number; body: unknown } {
    return handlePrivate(this.spot, account, call.method, call.path, call.query, call.body);
  }

  protected route(conn: GateWsConnection, channel: string, request: ClientRequest, subscribe: boolean): RouteResult {
    if ((PRIVATE_CHANNELS as readonly string[]).includes(channel)) {
      this.privateChannel(conn, channel as PrivateChannel, request, subscribe);
    } else if ((PAIR_CHANNELS as readonly string[]).includes(channel)) {
      this.pairChannel(conn, channel as PairChannel, request.payload, subscribe);
    } else if (channel === 'spot.obu') {
      return this.obu(conn, request, subscribe);
    } else if (channel === 'spot.order_book_update') {
      this.orderBookUpdate(conn, request.payload, subscribe);
    } else {
      throw new RequestError(WS_ERROR.INVALID_ARGUMENT, `unknown channel ${channel}`);
    }
    return 'ack';
  }

  private pairChannel(conn: GateWsConnection, channel: PairChannel, payload: unknown, subscribe: boolean): void {
    const pairs = payloadStrings(payload);
    for (const p of pairs) this.listed(p);
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
        for (const p of list) this.listed(p);
        pairs = list;
      }
    }
    if (!subscribe) {
      this.privateChannels.unsubscribe(channel, conn, pairs);
      conn.subscriptions.delete(channel);
      return;
    }
    this.privateChannels.subscribe(channel, conn, this.authorised(request, channel), pairs);
    conn.subscriptions.add(channel);
  }

  /** payload [pair, "20ms"|"100ms"]: 20 levels every 20 ms, or 100 every 100 ms. */
  private orderBookUpdate(conn: GateWsConnection, payload: unknown, subscribe: boolean): void {
    const [pair, interval] = payloadStrings(payload) as [string, string | undefined];
    const spec = this.listed(pair);
    const level = interval === undefined ? undefined : ORDER_BOOK_UPDATE_INTERVALS[interval];
    if (level === undefined) throw new RequestError(WS_ERROR.INVALID_ARGUMENT, `invalid argument: interval ${String(interval)}`);
    const key = `spot.order_book_update|${pair}|${interval}`;
    if (subscribe) {
      if (conn.subscriptions.has(key)) return;
      this.depth.subscribe(conn, 'order_book_update', spec, level);
      conn.subscriptions.add(key);
    } else {
      this.depth.unsubscribe(conn, 'order_book_update', pair, level);
      conn.subscriptions.delete(key);
    }
  }
}
