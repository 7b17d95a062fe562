import type { Account, AccountEvent } from '../../engine/index.js';
import { PrivateSubscriptions } from '../../common/private-subscriptions.js';
import type { GateSpotContext } from './context.js';
import { wsBalanceJson, wsOrderJson, wsUserTradeJson } from './private-format.js';
import type { GateWsConnection } from './ws-connection.js';
import { update } from '../common/ws-protocol.js';

/**
 * The authenticated spot channels of websocket v4: spot.orders, spot.usertrades (payload: pairs
 * or "!all") and spot.balances (no payload). A request carries
 * auth = {method: "api_key", KEY, SIGN = hex HMAC-SHA512(secret, "channel=<c>&event=<e>&time=<t>")}.
 */

export type PrivateChannel = 'spot.orders' | 'spot.usertrades' | 'spot.balances';
export const PRIVATE_CHANNELS: readonly PrivateChannel[] = ['spot.orders', 'spot.usertrades', 'spot.balances'];

export class PrivateChannels {
  private readonly subs = new PrivateSubscriptions<GateWsConnection, PrivateChannel>(PRIVATE_CHANNELS);
  private readonly detach: () => void;

  constructor(private readonly ctx: GateSpotContext) {
    this.detach = ctx.accounts.onEvent((e) => this.onEvent(e));
  }

  subscribe(channel: PrivateChannel, conn: GateWsConnection, account: Account, pairs: readonly string[] | 'all'): void {
    this.subs.subscribe(channel, conn, account, pairs);
  }

  unsubscribe(channel: PrivateChannel, conn: GateWsConnection, pairs: readonly string[] | 'all'): void {
    this.subs.unsubscribe(channel, conn, pairs);
  }

  removeConnection(conn: GateWsConnection): void {
    this.subs.removeConnection(conn);
  }

  close(): void {
    this.detach();
  }

  private push(channel: PrivateChannel, account: Account, pair: string | undefined, item: unknown): void {
    const targets = this.subs.targets(channel, account, pair);
    if (targets.length === 0) return;
    const frame = update(this.ctx.now(), channel, [item]);
    for (const conn of targets) conn.send(frame);
  }

  private onEvent(e: AccountEvent): void {
    switch (e.type) {
      case 'order': {
        const spec = this.ctx.pairs.get(e.order.symbol);
        if (!spec) return;
        const event = e.change === 'new' ? 'put' : e.change === 'fill' ? 'update' : 'finish';
        this.push('spot.orders', e.order.account, spec.id, wsOrderJson(spec, e.order, event));
        return;
      }
      case 'fill': {
        const spec = this.ctx.pairs.get(e.fill.symbol);
        if (spec) this.push('spot.usertrades', e.fill.account, spec.id, wsUserTradeJson(spec, e.fill));
        return;
      }
      case 'balance':
        this.push('spot.balances', e.account, undefined, wsBalanceJson(e));
        return;
    }
  }
}
