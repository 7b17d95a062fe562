import { handleControl as handleCommonControl, type ControlResponse } from "../../common/controlApi.js";
import type { MexcSpotContext } from "./context.js";
import * as fmt from "./format.js";
import { tradeIdOf } from "./privateFormat.js";
import type { MexcWsServer } from "./wsServer.js";

/** MEXC's /__sim/ control API: the shared implementation, with MEXC symbols and renderings. */
export function handleControl(ctx: MexcSpotContext, ws: MexcWsServer, method: string, path: string, query: URLSearchParams, body: unknown): ControlResponse {
  return handleCommonControl(
    {
      faults: ctx.faults,
      driver: ctx.driver,
      bookSymbolParam: "symbol",
      symbols: () => ctx.symbols.keys(),
      hasSymbol: (symbol) => ctx.symbols.has(symbol),
      view: (symbol, depth) => ctx.engine.view(symbol, depth),
      renderLevels: (symbol, levels) => fmt.levels(ctx.symbols.get(symbol)!, levels),
      updateId: (symbol) => ctx.engine.updateId(symbol),
      symbolStats: (symbol) => {
        const book = ctx.engine.book(symbol);
        return { u: ctx.engine.updateId(symbol), bidLevels: book.levelCount("bid"), askLevels: book.levelCount("ask"), trades: ctx.market.trades(symbol).length };
      },
      wsStats: () => ({
        connections: ws.connectionCount,
        connectionsTotal: ctx.counters.wsConnectionsTotal,
        messagesSent: ctx.counters.wsMessagesSent,
        messagesReceived: ctx.counters.wsMessagesReceived,
        subscriptions: ws.subscriptionCount,
        feeds: ws.feeds.size,
        ...ws.stats,
        listenKeys: ctx.listenKeys.stats,
      }),
      restStats: () => ({ requests: ctx.counters.restRequests }),
      dropSockets: () => ws.dropAll(),
      closeSockets: () => ws.closeAll(),
      armSkip: () => ws.feeds.armSkip(),
      accounts: { accounts: ctx.accounts, engine: ctx.engine, hasSymbol: (s) => ctx.symbols.has(s), venueTradeId: tradeIdOf },
    },
    method,
    path,
    query,
    body,
  );
}
