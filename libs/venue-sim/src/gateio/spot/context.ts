import type { Accounts, FlowDriver, MatchingEngine } from "../../engine/index.js";
import type { GatePairSpec } from "./catalogue.js";
import type { FaultState } from "./faults.js";
import type { MarketState } from "./marketState.js";

/** Counters reported by GET /__sim/stats. */
export interface SimCounters {
  restRequests: number;
  wsConnectionsTotal: number;
  wsMessagesSent: number;
  wsMessagesReceived: number;
}

/** Everything the REST, websocket and control halves share. */
export interface GateSpotContext {
  engine: MatchingEngine;
  market: MarketState;
  /** Listed pairs by id, in listing order. */
  pairs: Map<string, GatePairSpec>;
  faults: FaultState;
  driver: FlowDriver;
  counters: SimCounters;
  /** Trading accounts (API keys, balances, client orders, fills). */
  accounts: Accounts;
  /** Venue clock (ms), including injected skew. */
  now: () => number;
  /** Called just before a depth delta frame leaves, with its last update id (benchmarks time frames by it). */
  onDepthPush?: (venueSymbol: string, lastUpdateId: number) => void;
}
