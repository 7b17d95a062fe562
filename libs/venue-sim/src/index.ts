export * from "./engine/index.js";
export { startGateioSpotSim, buildGateSpotMarket, type GateioSpotSim, type GateioSpotSimOptions } from "./gateio/spot/sim.js";
export { GATE_SPOT_PAIRS, GATE_CURRENCIES, DEFAULT_GATE_SPOT_SYMBOLS, GATE_TEST_API_KEY, type GatePairSpec, type GateCurrencySpec } from "./gateio/spot/catalogue.js";
export { startMexcSpotSim, buildMexcSpotMarket, type MexcSpotSim, type MexcSpotSimOptions } from "./mexc/spot/sim.js";
export { MEXC_SPOT_SYMBOLS, DEFAULT_MEXC_SPOT_SYMBOLS, MEXC_TEST_API_KEY, type MexcSymbolSpec } from "./mexc/spot/catalogue.js";
export { MAX_SUBSCRIPTIONS as MEXC_MAX_SUBSCRIPTIONS } from "./mexc/spot/wsServer.js";
export type { FaultRequest } from "./common/faults.js";
export { defaultBalances, parseBalanceList } from "./common/accountsDefaults.js";
export { LISTEN_KEY_TTL_MS, PRIVATE_TOPICS as MEXC_PRIVATE_TOPICS } from "./mexc/spot/userDataStream.js";
