export * from "./types.js";
export * from "./decimal.js";
export { Prng, hashString } from "./prng.js";
export { OrderBook } from "./orderBook.js";
export { MatchingEngine, type MatchingEngineOptions } from "./matchingEngine.js";
export { SyntheticFlow, type FlowProfile, type FlowAction } from "./syntheticFlow.js";
export { FlowDriver, type FlowDriverOptions } from "./flowDriver.js";
export { diffLevels, applyLevels, bidBetter, askBetter } from "./depthDiff.js";
export {
  Accounts,
  Account,
  BALANCE_SCALE,
  type AccountsOptions,
  type AccountSpec,
  type AccountEvent,
  type Balance,
  type BalanceCause,
  type ClientOrder,
  type Fill,
  type FinishReason,
  type MarketTerms,
  type OrderStatus,
  type PlaceOutcome,
  type PlaceRequest,
  type TimeInForce,
} from "./accounts.js";
