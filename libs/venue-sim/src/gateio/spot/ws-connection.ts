import { randomBytes } from 'node:crypto';
import type { WebSocket } from 'ws';
import { SimWsConnection } from '../../common/ws-connection.js';
import type { GateSpotContext } from './context.js';

/** One Gate client connection: its id, its subscriptions, and the shared outbound queue. */
export class GateWsConnection extends SimWsConnection {
  readonly connId = randomBytes(8).toString('hex');
  /** Subscription keys held by this connection, e.g. "spot.trades|BTC_USDT". */
  readonly subscriptions = new Set<string>();

  constructor(socket: WebSocket, ctx: GateSpotContext) {
    super(socket, ctx);
  }
}
