import type { VenueConfig } from '../../core/exchange.js';
import { MEXC_SPOT_REST_URL, MEXC_SPOT_WS_URL } from './constants.js';

export interface MexcSpotSettings {
  readonly restBaseUrl: string;
  readonly wsUrl: string;
  /** Aggregation window of the aggre.* channels: "100ms" (default) or "10ms". */
  readonly interval: '100ms' | '10ms';
}

/** Options (VenueConfig.options, or env CEXGW_MEXC_SPOT_<NAME> in the services): interval=100ms|10ms. */
export function mexcSpotSettings(config: VenueConfig): MexcSpotSettings {
  const interval = config.options?.interval ?? '100ms';
  if (interval !== '100ms' && interval !== '10ms') throw new Error(`mexc_spot: interval must be 100ms or 10ms, got "${interval}"`);
  return { restBaseUrl: config.restBaseUrl ?? MEXC_SPOT_REST_URL, wsUrl: config.wsUrl ?? MEXC_SPOT_WS_URL, interval };
}
