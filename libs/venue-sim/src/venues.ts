import type { SeededFlowOptions } from './common/seeded-market.js';
import type { SimVenueHandle, SimVenueOptions } from './common/sim-venue.js';
import { startGateioFuturesSim } from './gateio/futures/sim.js';
import { startGateioSpotSim } from './gateio/spot/sim.js';
import { startMexcSpotSim } from './mexc/spot/sim.js';
import { startBinanceSpotSim } from './binance/spot/sim.js';
import { startBinanceUsdmSim } from './binance/usdm/sim.js';

/** What every simulated venue takes: binding, accounts, the seeded flow and the depth push cadence. */
export interface CommonSimOptions extends SimVenueOptions, SeededFlowOptions {
  /** Omitted: the venue's cadences; 0: a push on every book change. */
  pushIntervalMs?: number;
}

export type StartedSim = SimVenueHandle<unknown> & { readonly venue: string };

/**
 * Every venue this build simulates, by venue id (the adapters' ids). A new simulated venue is a
 * folder and one line here; the venue's own switches stay on its start function's options.
 */
export const SIMULATED_VENUES = {
  mexc_spot: startMexcSpotSim,
  gateio_spot: startGateioSpotSim,
  gateio_futures: startGateioFuturesSim,
  binance_spot: startBinanceSpotSim,
  binance_usdm: startBinanceUsdmSim,
} satisfies Record<string, (options: CommonSimOptions) => Promise<StartedSim>>;

export type SimulatedVenueId = keyof typeof SIMULATED_VENUES;

export function isSimulatedVenue(venue: string): venue is SimulatedVenueId {
  return Object.hasOwn(SIMULATED_VENUES, venue);
}
