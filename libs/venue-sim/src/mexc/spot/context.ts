import type { Accounts, FlowDriver, MatchingEngine } from "../../engine/index.js";
import type { FaultState } from "../../common/faults.js";
import type { MarketState } from "../../common/marketState.js";
import type { SimCounters } from "../../common/wsConnection.js";
import type { MexcSymbolSpec } from "./catalogue.js";
import type { ListenKeys } from "./userDataStream.js";

/** Everything the REST, websocket and control halves of the MEXC spot simulator share. */
export interface MexcSpotContext {
  engine: MatchingEngine;
  market: MarketState;
  /** Listed symbols by venue symbol ("BTCUSDT"), in listing order. */
  symbols: Map<string, MexcSymbolSpec>;
  faults: FaultState;
  driver: FlowDriver;
  counters: SimCounters;
  /** Trading accounts (API keys, balances, client orders, fills). */
  accounts: Accounts;
  /** User data stream keys (listenKey). */
  listenKeys: ListenKeys;
  /** Venue clock (ms), including injected skew. */
  now: () => number;
  /** Called just before an aggre.depth frame leaves, with its toVersion (benchmarks time frames by it). */
  onDepthPush?: (venueSymbol: string, toVersion: number) => void;
}
