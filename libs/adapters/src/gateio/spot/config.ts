import type { VenueConfig } from '../../core/exchange.js';
import { GATEIO_SPOT_REST_URL, GATEIO_SPOT_WS_URL, OBU_DEPTHS, type LegacyInterval } from './constants.js';

export type BookChannel = 'obu' | 'order_book_update';

export interface GateioSpotSettings {
  readonly restBaseUrl: string;
  readonly wsUrl: string;
  /** spot.obu (default) or the older spot.order_book_update + REST snapshot procedure. */
  readonly bookChannel: BookChannel;
  /** Levels of the spot.obu channel: 50 or 400. */
  readonly obuDepth: (typeof OBU_DEPTHS)[number];
  /** spot.order_book_update cadence: "20ms" (20 levels) or "100ms" (100 levels); the REST snapshot takes the same depth. */
  readonly legacyInterval: LegacyInterval;
}

/**
 * Options (VenueConfig.options, or env CEXGW_GATEIO_SPOT_<NAME> in the services):
 * book_channel=obu|order_book_update, obu_depth=50|400, legacy_interval=20ms|100ms
 * (the legacy procedure's REST snapshot has the interval's depth: 20 or 100 levels).
 */
export function gateioSpotSettings(config: VenueConfig): GateioSpotSettings {
  const options = config.options ?? {};
  const bookChannel = options.book_channel ?? 'obu';
  if (bookChannel !== 'obu' && bookChannel !== 'order_book_update') {
    throw new Error(`gateio_spot: book_channel must be "obu" or "order_book_update", got "${bookChannel}"`);
  }
  const obuDepth = Number(options.obu_depth ?? 50);
  if (obuDepth !== 50 && obuDepth !== 400) throw new Error(`gateio_spot: obu_depth must be 50 or 400, got "${options.obu_depth}"`);
  const legacyInterval = options.legacy_interval ?? '100ms';
  if (legacyInterval !== '20ms' && legacyInterval !== '100ms') {
    throw new Error(`gateio_spot: legacy_interval must be 20ms or 100ms, got "${legacyInterval}"`);
  }
  return {
    restBaseUrl: config.restBaseUrl ?? GATEIO_SPOT_REST_URL,
    wsUrl: config.wsUrl ?? GATEIO_SPOT_WS_URL,
    bookChannel,
    obuDepth,
    legacyInterval,
  };
}
