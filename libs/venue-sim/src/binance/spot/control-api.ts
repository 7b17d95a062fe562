import { handleControl as handleCommonControl, standardControlHooks } from '../../common/control-api.js';
import type { ControlResponse } from '../../common/control-response.js';
import type { Fill } from '../../engine/index.js';
import type { SocketGroup } from '../common/socket-group.js';
import type { BinanceStreamServer } from '../common/stream-server.js';
import type { BinanceSpotContext } from './context.js';
import * as fmt from './format.js';

/** Binance spot's /__sim/ control API: the shared implementation, with Binance symbols and renderings. */
export function handleControl(ctx: BinanceSpotContext, sockets: SocketGroup, streams: BinanceStreamServer, method: string, path: string, query: URLSearchParams, body: unknown): ControlResponse {
  const standard = standardControlHooks({ core: ctx, ws: sockets });
  return handleCommonControl(
    {
      ...standard,
      bookSymbolParam: 'symbol',
      symbols: () => ctx.symbols.keys(),
      hasSymbol: (symbol) => ctx.symbols.has(symbol),
      renderLevels: (symbol, levels) => fmt.levels(ctx.symbols.get(symbol)!, levels),
      wsStats: () => ({ ...standard.wsStats(), subscriptions: streams.subscriptionCount, feeds: streams.hub.size, ...streams.stats }),
      armSkip: () => streams.hub.armSkip(),
      accounts: { accounts: ctx.accounts, engine: ctx.engine, hasSymbol: (s) => ctx.symbols.has(s), venueTradeId: (fill: Fill) => String(fill.tradeId) },
    },
    method,
    path,
    query,
    body,
  );
}
