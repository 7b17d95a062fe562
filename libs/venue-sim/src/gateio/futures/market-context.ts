import type { SimVenueCore } from '../../common/sim-venue.js';
import type { PerpLedger } from '../../engine/index.js';
import type { GateContractSpec } from './catalogue.js';
import type { FundingBoard } from '../../common/perp-funding.js';
import type { LiquidationFeed } from '../../common/public-liquidations.js';

/** The futures venue's market and accounts: what its risk upkeep reads (context.ts adds the risk itself). */
export interface GateFuturesMarket extends SimVenueCore {
  /** Listed contracts by name, in listing order. */
  contracts: Map<string, GateContractSpec>;
  funding: FundingBoard;
  liquidations: LiquidationFeed;
  /** Futures wallets and positions (the accounts' ledger). */
  perp: PerpLedger;
  /**
   * Accounts switched to dual (hedge) position mode (POST /futures/usdt/dual_mode). The simulator
   * only reports the mode (`in_dual_mode`, `position_mode`); it keeps trading in single mode.
   */
  dualMode: Set<unknown>;
  /** Called just before a depth delta frame leaves, with its last update id. */
  onDepthPush?: (contract: string, lastUpdateId: number) => void;
}
