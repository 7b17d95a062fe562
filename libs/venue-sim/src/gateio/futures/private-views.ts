import type { Account, PerpPosition } from '../../engine/index.js';
import type { GateFuturesContext } from './context.js';
import type { PositionView } from './private-format.js';

/** A position with the current mark and the account's open orders on its contract, ready to render. */
export function positionView(ctx: GateFuturesContext, position: PerpPosition): PositionView {
  return {
    spec: ctx.contracts.get(position.symbol)!,
    ledger: ctx.perp,
    position,
    mark: ctx.funding.markScaled(position.symbol),
    openOrders: ctx.accounts.openOrders(position.account, position.symbol),
  };
}

/** Every position the account has or configured, in listing order. */
export function positionViews(ctx: GateFuturesContext, account: Account): PositionView[] {
  return ctx.perp.positions(account).map((p) => positionView(ctx, p));
}
