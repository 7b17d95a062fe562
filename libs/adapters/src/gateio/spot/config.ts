import type { VenueConfig } from '../../core/exchange.js';
import { oneOf, oneOfNumbers, readVenueOptions, type VenueOptionValues } from '../../core/venue-options.js';
import { ORDER_TRANSPORTS, type OrderTransport } from '../common/ws-api.js';
import { GATEIO_SPOT_REST_URL, GATEIO_SPOT_WS_URL, OBU_DEPTHS } from './constants.js';

/**
 * Options (VenueConfig.options, or env CEXGW_GATEIO_SPOT_<NAME> in the services). The legacy
 * procedure's REST snapshot has the interval's depth: 20 or 100 levels.
 */
export const GATEIO_SPOT_OPTIONS = {
  /** spot.obu (order book v2), or the older spot.order_book_update + REST snapshot procedure. */
  book_channel: oneOf(['obu', 'order_book_update'], 'obu'),
  /** Levels of the spot.obu channel. */
  obu_depth: oneOfNumbers(OBU_DEPTHS, 50),
  /** spot.order_book_update cadence: "20ms" (20 levels) or "100ms" (100 levels). */
  legacy_interval: oneOf(['20ms', '100ms'], '100ms'),
  /** Trading processes: orders over signed REST, or over the websocket API (spot.login, spot.order_place, ...). */
  order_transport: oneOf(ORDER_TRANSPORTS, 'rest'),
};

type Options = VenueOptionValues<typeof GATEIO_SPOT_OPTIONS>;
export type BookChannel = Options['book_channel'];

export interface GateioSpotSettings {
  readonly restBaseUrl: string;
  readonly wsUrl: string;
  readonly bookChannel: BookChannel;
  readonly obuDepth: Options['obu_depth'];
  readonly legacyInterval: Options['legacy_interval'];
  readonly orderTransport: OrderTransport;
}

export function gateioSpotSettings(config: VenueConfig): GateioSpotSettings {
  const options = readVenueOptions('gateio_spot', GATEIO_SPOT_OPTIONS, config.options);
  return {
    restBaseUrl: config.restBaseUrl ?? GATEIO_SPOT_REST_URL,
    wsUrl: config.wsUrl ?? GATEIO_SPOT_WS_URL,
    bookChannel: options.book_channel,
    obuDepth: options.obu_depth,
    legacyInterval: options.legacy_interval,
    orderTransport: options.order_transport,
  };
}
