import type { VenueConfig } from '../../core/exchange.js';
import { oneOf, readVenueOptions, wholeNumber } from '../../core/venue-options.js';
import { ORDER_TRANSPORTS, type OrderTransport } from '../common/ws-api.js';
import { GATEIO_FUTURES_REST_URL, GATEIO_FUTURES_WS_URL } from './constants.js';

/** Options (VenueConfig.options, or env CEXGW_GATEIO_FUTURES_<NAME> in the services). */
export const GATEIO_FUTURES_OPTIONS = {
  /** Open positions are re-read this often (ms) so mark price and unrealised PnL stay current. */
  position_poll_ms: wholeNumber(100, 3_600_000, 5_000, { zeroMeansOff: true }),
  /** Orders over signed REST, or over the websocket API (futures.login, futures.order_place, ...). */
  order_transport: oneOf(ORDER_TRANSPORTS, 'rest'),
};

export interface GateioFuturesSettings {
  readonly restBaseUrl: string;
  readonly wsUrl: string;
  readonly positionPollMs: number;
  readonly orderTransport: OrderTransport;
}

export function gateioFuturesSettings(config: VenueConfig): GateioFuturesSettings {
  const options = readVenueOptions('gateio_futures', GATEIO_FUTURES_OPTIONS, config.options);
  return {
    restBaseUrl: config.restBaseUrl ?? GATEIO_FUTURES_REST_URL,
    wsUrl: config.wsUrl ?? GATEIO_FUTURES_WS_URL,
    positionPollMs: options.position_poll_ms,
    orderTransport: options.order_transport,
  };
}
