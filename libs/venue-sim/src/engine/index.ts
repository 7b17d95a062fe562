export * from './types.js';
export * from './decimal.js';
export { Prng, hashString } from './prng.js';
export { OrderBook } from './order-book.js';
export { MatchingEngine, type MatchingEngineOptions } from './matching-engine.js';
export { SyntheticFlow, type FlowProfile, type FlowAction } from './synthetic-flow.js';
export { FlowDriver, type FlowDriverOptions } from './flow-driver.js';
export { diffLevels, applyLevels, bidBetter, askBetter } from './depth-diff.js';
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
export { SpotLedger } from './spot-ledger.js';
export { PerpLedger, type PerpTerms, type PerpPosition, type PerpWallet, type PerpEvent, type PositionCause, type TakeOver, type LeverageOutcome, type MarginOutcome } from './perp-ledger.js';
export * as perpMath from './perp-math.js';
