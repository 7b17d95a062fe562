export * from "./engine/index.js";
export { startGateioSpotSim, buildGateSpotMarket, type GateioSpotSim, type GateioSpotSimOptions } from "./gateio/spot/sim.js";
export { GATE_SPOT_PAIRS, GATE_CURRENCIES, DEFAULT_GATE_SPOT_SYMBOLS, type GatePairSpec, type GateCurrencySpec } from "./gateio/spot/catalogue.js";
export type { FaultRequest } from "./gateio/spot/faults.js";
