import { PrivateSubscriptions } from '../../common/private-subscriptions.js';
import type { Account, AccountEvent, PerpEvent } from '../../engine/index.js';
import type { GateFuturesContext } from './context.js';
import { positionView } from './private-views.js';
import { wsBalanceJson, wsLiquidationJson, wsOrderJson, wsPositionJson, wsUserTradeJson } from './private-ws-format.js';
import type { UserLiquidation } from './risk.js';
import type { GateFuturesWsConnection } from './ws-connection.js';
import { update } from '../common/ws-protocol.js';

/**
 * The authenticated futures channels: payload [user id, contract | "!all"] (futures.balances:
 * [user id] or [user id, "!all"]). Any leading user id is accepted; the pushes follow the account
 * of the authenticating key. Positions are pushed on every change (fills, leverage, margin,
 * funding, liquidation); balances on every wallet change (realised PnL, fees, funding).
 */

export type FuturesPrivateChannel = 'futures.orders' | 'futures.usertrades' | 'futures.positions' | 'futures.balances' | 'futures.liquidates';
export const FUTURES_PRIVATE_CHANNELS: readonly FuturesPrivateChannel[] = ['futures.orders', 'futures.usertrades', 'futures.positions', 'futures.balances', 'futures.liquidates'];

export class FuturesPrivateChannels {
  private readonly subs = new PrivateSubscriptions<GateFuturesWsConnection, FuturesPrivateChannel>(FUTURES_PRIVATE_CHANNELS);
  private readonly detach: (() => void)[];

  constructor(private readonly ctx: GateFuturesContext) {
    this.detach = [ctx.accounts.onEvent((e) => this.onAccountEvent(e)), ctx.perp.onEvent((e) => this.onPerpEvent(e)), ctx.risk.onLiquidation((l) => this.onLiquidation(l))];
  }

  subscribe(channel: FuturesPrivateChannel, conn: GateFuturesWsConnection, account: Account, contracts: readonly string[] | 'all'): void {
    this.subs.subscribe(channel, conn, account, contracts);
  }

  unsubscribe(channel: FuturesPrivateChannel, conn: GateFuturesWsConnection, contracts: readonly string[] | 'all'): void {
    this.subs.unsubscribe(channel, conn, contracts);
  }

  removeConnection(conn: GateFuturesWsConnection): void {
    this.subs.removeConnection(conn);
  }

  close(): void {
    for (const d of this.detach) d();
  }

  /** Sends one update frame per size flavour (integer / decimal-string sizes). */
  private push(channel: FuturesPrivateChannel, account: Account, contract: string | undefined, render: (decimal: boolean) => unknown): void {
    const targets = this.subs.targets(channel, account, contract);
    if (targets.length === 0) return;
    const now = this.ctx.now();
    const frames = new Map<boolean, string>();
    for (const conn of targets) {
      let frame = frames.get(conn.decimalSizes);
      if (frame === undefined) frames.set(conn.decimalSizes, (frame = update(now, channel, [render(conn.decimalSizes)])));
      conn.send(frame);
    }
  }

  private onAccountEvent(e: AccountEvent): void {
    if (e.type === 'order') {
      const spec = this.ctx.contracts.get(e.order.symbol);
      if (spec) this.push('futures.orders', e.order.account, spec.name, (d) => wsOrderJson(spec, e.order, d));
    } else if (e.type === 'fill') {
      const spec = this.ctx.contracts.get(e.fill.symbol);
      if (spec) this.push('futures.usertrades', e.fill.account, spec.name, (d) => wsUserTradeJson(spec, e.fill, d));
    }
  }

  private onPerpEvent(e: PerpEvent): void {
    if (e.type === 'position') {
      const view = positionView(this.ctx, e.position);
      this.push('futures.positions', e.position.account, e.position.symbol, (d) => wsPositionJson(view, d, e.timestamp));
    } else {
      this.push('futures.balances', e.wallet.account, undefined, () => wsBalanceJson(e));
    }
  }

  private onLiquidation(l: UserLiquidation): void {
    const spec = this.ctx.contracts.get(l.contract);
    if (spec) this.push('futures.liquidates', l.account, spec.name, (d) => wsLiquidationJson(spec, l, d));
  }
}
