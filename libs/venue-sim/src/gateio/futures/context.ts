import type { SimVenueCore } from '../../common/simVenue.js';
import type { PerpLedger } from '../../engine/index.js';
import type { GateContractSpec } from './catalogue.js';
import type { FundingBoard } from '../../common/perpFunding.js';
import type { LiquidationFeed } from '../../common/publicLiquidations.js';
import type { FuturesRisk } from './risk.js';

/** Everything the futures REST, websocket and control halves share. */
export interface GateFuturesContext extends SimVenueCore {
  /** Listed contracts by name, in listing order. */
  contracts: Map<string, GateContractSpec>;
  funding: FundingBoard;
  liquidations: LiquidationFeed;
  /** Futures wallets and positions (the accounts' ledger). */
  perp: PerpLedger;
  /** Funding payments, liquidations and reduce-only upkeep. */
  risk: FuturesRisk;
  /**
   * Accounts switched to dual (hedge) position mode (POST /futures/usdt/dual_mode). The simulator
   * only reports the mode (`in_dual_mode`, `position_mode`); it keeps trading in single mode.
   */
  dualMode: Set<unknown>;
  /** Called just before a depth delta frame leaves, with its last update id. */
  onDepthPush?: (contract: string, lastUpdateId: number) => void;
}
