import { handleControl as handleCommonControl, type ControlResponse } from "../../common/controlApi.js";
import type { GateSpotContext } from "./context.js";
import * as fmt from "./format.js";
import type { GateWsServer } from "./wsServer.js";

/** Gate's /__sim/ control API: the shared implementation, with Gate's pair ids and renderings. */

export type { ControlResponse };

export function handleControl(ctx: GateSpotContext, ws: GateWsServer, method: string, path: string, query: URLSearchParams, body: unknown): ControlResponse {
  return handleCommonControl(
    {
      faults: ctx.faults,
      driver: ctx.driver,
      bookSymbolParam: "currency_pair",
      symbols: () => ctx.pairs.keys(),
      hasSymbol: (pair) => ctx.pairs.has(pair),
      view: (pair, depth) => ctx.engine.view(pair, depth),
      renderLevels: (pair, levels) => fmt.levels(ctx.pairs.get(pair)!, levels),
      updateId: (pair) => ctx.engine.updateId(pair),
      symbolStats: (pair) => {
        const book = ctx.engine.book(pair);
        return { u: ctx.engine.updateId(pair), bidLevels: book.levelCount("bid"), askLevels: book.levelCount("ask"), trades: ctx.market.trades(pair).length };
      },
      wsStats: () => ({
        connections: ws.connectionCount,
        connectionsTotal: ctx.counters.wsConnectionsTotal,
        messagesSent: ctx.counters.wsMessagesSent,
        messagesReceived: ctx.counters.wsMessagesReceived,
      }),
      restStats: () => ({ requests: ctx.counters.restRequests }),
      dropSockets: () => ws.dropAll(),
      closeSockets: () => ws.closeAll(),
      armSkip: () => ws.depth.armSkip(),
      accounts: { accounts: ctx.accounts, engine: ctx.engine, hasSymbol: (s) => ctx.pairs.has(s), venueTradeId: (f) => String(f.tradeId) },
    },
    method,
    path,
    query,
    body,
  );
}
