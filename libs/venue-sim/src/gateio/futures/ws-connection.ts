import { randomBytes } from 'node:crypto';
import type { WebSocket } from 'ws';
import { SimWsConnection } from '../../common/ws-connection.js';
import type { GateFuturesContext } from './context.js';

/** One futures client connection: its id, subscriptions and whether it asked for decimal sizes. */
export class GateFuturesWsConnection extends SimWsConnection {
  readonly connId = randomBytes(8).toString('hex');
  readonly subscriptions = new Set<string>();

  /** @param decimalSizes the upgrade request carried X-Gate-Size-Decimal: 1 */
  constructor(
    socket: WebSocket,
    ctx: GateFuturesContext,
    readonly decimalSizes: boolean,
  ) {
    super(socket, ctx);
  }
}
