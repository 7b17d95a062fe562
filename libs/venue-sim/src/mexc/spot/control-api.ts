import { handleControl as handleCommonControl, standardControlHooks } from '../../common/control-api.js';
import type { ControlResponse } from '../../common/control-response.js';
import type { MexcSpotContext } from './context.js';
import * as fmt from './format.js';
import { tradeIdOf } from './private-format.js';
import type { MexcWsServer } from './ws-server.js';

/** MEXC's /__sim/ control API: the shared implementation, with MEXC symbols and renderings. */
export function handleControl(ctx: MexcSpotContext, ws: MexcWsServer, method: string, path: string, query: URLSearchParams, body: unknown): ControlResponse {
  const standard = standardControlHooks({ core: ctx, ws });
  return handleCommonControl(
    {
      ...standard,
      bookSymbolParam: 'symbol',
      symbols: () => ctx.symbols.keys(),
      hasSymbol: (symbol) => ctx.symbols.has(symbol),
      renderLevels: (symbol, levels) => fmt.levels(ctx.symbols.get(symbol)!, levels),
      wsStats: () => ({
        ...standard.wsStats(),
        subscriptions: ws.subscriptionCount,
        feeds: ws.feeds.size,
        ...ws.stats,
        listenKeys: ctx.listenKeys.stats,
      }),
      armSkip: () => ws.feeds.armSkip(),
      accounts: { accounts: ctx.accounts, engine: ctx.engine, hasSymbol: (s) => ctx.symbols.has(s), venueTradeId: tradeIdOf },
    },
    method,
    path,
    query,
    body,
  );
}
