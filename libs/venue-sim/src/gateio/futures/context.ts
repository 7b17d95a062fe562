import type { GateFuturesMarket } from './market-context.js';
import type { FuturesRisk } from './risk.js';

/** Everything the futures REST, websocket and control halves share. */
export interface GateFuturesContext extends GateFuturesMarket {
  /** Funding payments, liquidations and reduce-only upkeep. */
  risk: FuturesRisk;
}
