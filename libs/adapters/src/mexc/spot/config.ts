import type { VenueConfig } from '../../core/exchange.js';
import { oneOf, readVenueOptions } from '../../core/venue-options.js';
import { MEXC_SPOT_REST_URL, MEXC_SPOT_WS_URL } from './constants.js';

/** Options (VenueConfig.options, or env CEXGW_MEXC_SPOT_<NAME> in the services). */
export const MEXC_SPOT_OPTIONS = {
  /** Aggregation window of the aggre.* channels. */
  interval: oneOf(['100ms', '10ms'], '100ms'),
};

export interface MexcSpotSettings {
  readonly restBaseUrl: string;
  readonly wsUrl: string;
  readonly interval: '100ms' | '10ms';
}

export function mexcSpotSettings(config: VenueConfig): MexcSpotSettings {
  const { interval } = readVenueOptions('mexc_spot', MEXC_SPOT_OPTIONS, config.options);
  return { restBaseUrl: config.restBaseUrl ?? MEXC_SPOT_REST_URL, wsUrl: config.wsUrl ?? MEXC_SPOT_WS_URL, interval };
}
