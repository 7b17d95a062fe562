export * from './types.js';
export * from './decimal.js';
export { Prng, hashString } from './prng.js';
export { OrderBook } from './orderBook.js';
export { MatchingEngine, type MatchingEngineOptions } from './matchingEngine.js';
export { SyntheticFlow, type FlowProfile, type FlowAction } from './syntheticFlow.js';
export { FlowDriver, type FlowDriverOptions } from './flowDriver.js';
export { diffLevels, applyLevels, bidBetter, askBetter } from './depthDiff.js';
export {
  Accounts,
  Account,
  BALANCE_SCALE,
  type AccountsOptions,
  type AccountSpec,
  type AccountEvent,
  type AccountMarket,
  type Balance,
  type BalanceCause,
  type ClientOrder,
  type Fill,
  type FinishReason,
  type HoldPlan,
  type HoldRefusal,
  type Ledger,
  type LedgerHooks,
  type MarketTerms,
  type OrderStatus,
  type PlaceOutcome,
  type PlaceRequest,
  type Rate,
  type TimeInForce,
} from './accounts.js';
export { SpotLedger } from './spotLedger.js';
export { PerpLedger, type PerpTerms, type PerpPosition, type PerpWallet, type PerpEvent, type PositionCause, type TakeOver, type LeverageOutcome, type MarginOutcome } from './perpLedger.js';
export * as perpMath from './perpMath.js';
