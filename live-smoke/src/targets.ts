import type { Credentials, Pair, VenueModule } from '@cexgw/adapters';
import { readSecret } from '@cexgw/grpc';
import { loadConfig as loadMarketDataConfig } from '@cexgw/market-data/dist/config.js';
import { oneLine } from './report.js';
import type { SimVenue, SmokeVenue } from './venues.js';

// Where each venue is and whether the private part runs, for either target. Live: the endpoints
// and venue options the market-data service would use (CEXGW_<VENUE>_REST_URL / _WS_URL /
// _<OPTION>, the adapters' defaults otherwise) and the keys the trading service reads
// (CEXGW_<VENUE>_API_KEY / _API_SECRET or their _FILE forms). Sim: a simulator started here and
// its published test keys.

/** The private part runs with these keys, is not run (and why), or cannot run (a key file problem). */
export type TradingPlan = { readonly credentials: Credentials } | { readonly notRun: string } | { readonly error: string };

export interface VenueTarget {
  readonly restBaseUrl: string;
  readonly wsUrl: string;
  readonly options: Readonly<Record<string, string>>;
  readonly trading: TradingPlan;
  /** Stops what the target started (the simulator). */
  close(): Promise<void>;
}

/** The switch that allows the live private part to place (and cancel) an order. */
export const LIVE_TRADING_FLAG = 'CEXGW_LIVE_TRADING';

function liveTrading(venueId: string, env: NodeJS.ProcessEnv): TradingPlan {
  const prefix = `CEXGW_${venueId.toUpperCase()}_`;
  if (env[LIVE_TRADING_FLAG] !== '1') return { notRun: `${LIVE_TRADING_FLAG} is not 1: balances, orders and fills are checked only when it is, with keys in ${prefix}API_KEY / _API_SECRET` };
  let apiKey: string | undefined;
  let apiSecret: string | undefined;
  try {
    apiKey = readSecret(env, `${prefix}API_KEY`);
    apiSecret = readSecret(env, `${prefix}API_SECRET`);
  } catch (error) {
    return { error: oneLine(error) };
  }
  if (!apiKey || !apiSecret) return { notRun: `no keys: set ${prefix}API_KEY and ${prefix}API_SECRET (or ${prefix}API_KEY_FILE and ${prefix}API_SECRET_FILE)` };
  return { credentials: { apiKey, apiSecret } };
}

export function liveTarget(venue: SmokeVenue, module: VenueModule, env: NodeJS.ProcessEnv): VenueTarget {
  const { venueConfig } = loadMarketDataConfig(env, ['--venue', venue.id]);
  // The market-data service takes every CEXGW_<VENUE>_<NAME> as an option; key names are not options.
  const options = Object.fromEntries(Object.entries(venueConfig.options ?? {}).filter(([name]) => !name.startsWith('api_')));
  return {
    restBaseUrl: venueConfig.restBaseUrl ?? module.liveEndpoints.restBaseUrl,
    wsUrl: venueConfig.wsUrl ?? module.liveEndpoints.wsUrl,
    options,
    trading: liveTrading(venue.id, env),
    close: async () => {},
  };
}

export async function simTarget(venue: SmokeVenue, symbol: Pair): Promise<VenueTarget> {
  const sim: SimVenue = await venue.startSim(symbol);
  return {
    restBaseUrl: sim.restBaseUrl,
    wsUrl: sim.wsUrl,
    options: {},
    // The simulator's published test account: never a real key, so the private part always runs.
    trading: { credentials: { apiKey: sim.apiKey, apiSecret: sim.apiSecret } },
    close: () => sim.close(),
  };
}
