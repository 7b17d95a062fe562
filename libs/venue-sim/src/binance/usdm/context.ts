import type { FundingBoard } from '../../common/perp-funding.js';
import type { LiquidationFeed } from '../../common/public-liquidations.js';
import type { SimVenueCore } from '../../common/sim-venue.js';
import type { Account, PerpLedger } from '../../engine/index.js';
import type { RequestCounters } from '../common/request-weight.js';
import type { BinanceUsdmContractSpec } from './catalogue.js';
import type { ListenKeys } from './listen-keys.js';

/** Everything the REST, stream and control halves of the USDⓈ-M simulator share. */
export interface BinanceUsdmContext extends SimVenueCore {
  /** Listed contracts by symbol ("BTCUSDT"), in listing order. */
  contracts: Map<string, BinanceUsdmContractSpec>;
  funding: FundingBoard;
  liquidations: LiquidationFeed;
  /** Futures wallets and positions (the accounts' ledger). */
  perp: PerpLedger;
  usage: RequestCounters;
  listenKeys: ListenKeys;
  /** Accounts switched to hedge mode (POST /fapi/v1/positionSide/dual): reported, never traded. */
  hedgeMode: Set<Account>;
  /** Called just before a depth event leaves, with its last update id. */
  onDepthPush?: (symbol: string, lastUpdateId: number) => void;
}
