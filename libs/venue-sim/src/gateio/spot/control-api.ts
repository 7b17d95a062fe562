import { handleControl as handleCommonControl, standardControlHooks } from '../../common/control-api.js';
import type { ControlResponse } from '../../common/control-response.js';
import type { GateSpotContext } from './context.js';
import * as fmt from './format.js';
import type { GateSpotWsServer } from './ws-server.js';
import { upgradeNotice } from '../common/ws-protocol.js';

/** Gate's /__sim/ control API: the shared implementation, with Gate's pair ids and renderings. */

export type { ControlResponse };

export function handleControl(ctx: GateSpotContext, ws: GateSpotWsServer, method: string, path: string, query: URLSearchParams, body: unknown): ControlResponse {
  const standard = standardControlHooks({ core: ctx, ws });
  return handleCommonControl(
    {
      ...standard,
      bookSymbolParam: 'currency_pair',
      symbols: () => ctx.pairs.keys(),
      hasSymbol: (pair) => ctx.pairs.has(pair),
      renderLevels: (pair, levels) => fmt.levels(ctx.pairs.get(pair)!, levels),
      armSkip: () => ws.depth.armSkip(),
      requestReconnect: () => ws.broadcast(upgradeNotice(ctx.now(), 'spot')),
      accounts: { accounts: ctx.accounts, engine: ctx.engine, hasSymbol: (s) => ctx.pairs.has(s), venueTradeId: (f) => String(f.tradeId) },
    },
    method,
    path,
    query,
    body,
  );
}
