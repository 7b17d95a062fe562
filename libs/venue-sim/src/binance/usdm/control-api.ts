import { handleControl as handleCommonControl, standardControlHooks } from '../../common/control-api.js';
import type { ControlResponse } from '../../common/control-response.js';
import { parseScaled, type Account, type Fill } from '../../engine/index.js';
import type { SocketGroup } from '../common/socket-group.js';
import type { BinanceStreamServer } from '../common/stream-server.js';
import type { BinanceUsdmContext } from './context.js';
import * as fmt from './format.js';
import { positionRiskJson } from './private-format.js';

/**
 * The USDⓈ-M /__sim/ control API: the shared routes (book?symbol=&depth=, faults, flow, step,
 * stats, account?apiKey= with the positions, fills?apiKey=, cross {symbol, side, quantity}) plus
 * POST /__sim/funding/apply (settle funding now), POST /__sim/mark {symbol, price | null} (pin the
 * mark, or unpin it) and POST /__sim/liquidate {symbol, side, steps, price} (a public forceOrder).
 */
const bad = (message: string): ControlResponse => ({ status: 400, body: { error: message } });

function extraRoute(ctx: BinanceUsdmContext, route: string, body: unknown): ControlResponse | undefined {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  switch (route) {
    case 'POST /__sim/funding/apply':
      return { status: 200, body: { settled: ctx.funding.applyDue(true) } };
    case 'POST /__sim/mark': {
      const spec = ctx.contracts.get(String(b.symbol ?? ''));
      if (!spec) return bad(`unknown symbol ${JSON.stringify(b.symbol)}`);
      if (b.price === null) {
        ctx.funding.setMark(spec.symbol, undefined);
        return { status: 200, body: { symbol: spec.symbol, pinned: null } };
      }
      let mark: bigint;
      try {
        mark = parseScaled(String(b.price), ctx.funding.markScaleOf(spec.symbol));
      } catch {
        return bad('price must be a decimal at the mark precision, or null to unpin');
      }
      ctx.funding.setMark(spec.symbol, mark);
      return { status: 200, body: { symbol: spec.symbol, pinned: String(b.price) } };
    }
    case 'POST /__sim/liquidate': {
      const spec = ctx.contracts.get(String(b.symbol ?? ''));
      if (!spec) return bad(`unknown symbol ${JSON.stringify(b.symbol)}`);
      if (b.side !== 'buy' && b.side !== 'sell') return bad('side must be "buy" or "sell"');
      const steps = Number(b.steps ?? 1);
      if (!Number.isSafeInteger(steps) || steps <= 0) return bad('steps must be a positive integer (LOT_SIZE steps)');
      const price = String(b.price ?? ctx.funding.snapshot(spec.symbol).mark);
      ctx.liquidations.emit({ contract: spec.symbol, price, size: b.side === 'buy' ? steps : -steps, timeMs: ctx.now() });
      return { status: 200, body: { ok: true } };
    }
    default:
      return undefined;
  }
}

export function handleControl(ctx: BinanceUsdmContext, sockets: SocketGroup, streams: BinanceStreamServer, method: string, path: string, query: URLSearchParams, body: unknown): ControlResponse {
  const extra = extraRoute(ctx, `${method} ${path}`, body);
  if (extra) return extra;
  const standard = standardControlHooks({ core: ctx, ws: sockets });
  return handleCommonControl(
    {
      ...standard,
      bookSymbolParam: 'symbol',
      symbols: () => ctx.contracts.keys(),
      hasSymbol: (symbol) => ctx.contracts.has(symbol),
      renderLevels: (symbol, levels) => fmt.levels(ctx.contracts.get(symbol)!, levels),
      // The venue's depth ids (versions x 10), as REST depth and the streams print them.
      view: (symbol, depth) => {
        const view = ctx.engine.view(symbol, depth);
        return { ...view, updateId: fmt.depthId(view.updateId) };
      },
      updateId: (symbol) => fmt.depthId(ctx.engine.updateId(symbol)),
      wsStats: () => ({ ...standard.wsStats(), subscriptions: streams.subscriptionCount, feeds: streams.hub.size, ...streams.stats, listenKeys: ctx.listenKeys.stats }),
      armSkip: () => streams.hub.armSkip(),
      accounts: {
        accounts: ctx.accounts,
        engine: ctx.engine,
        hasSymbol: (s) => ctx.contracts.has(s),
        venueTradeId: (fill: Fill) => String(fill.tradeId),
        describeAccount: (account: Account) => ({
          positions: ctx.perp
            .positions(account)
            .filter((p) => p.size !== 0n)
            .map((p) => positionRiskJson(ctx, ctx.contracts.get(p.symbol)!, p)),
        }),
      },
    },
    method,
    path,
    query,
    body,
  );
}
