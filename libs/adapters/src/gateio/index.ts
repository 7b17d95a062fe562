import type { VenueModule } from '../core/factory.js';
import { GATEIO_FUTURES_OPTIONS } from './futures/config.js';
import { GATEIO_FUTURES_REST_URL, GATEIO_FUTURES_WS_URL } from './futures/constants.js';
import { GateioFuturesPrivate } from './futures/private.js';
import { GATEIO_FUTURES, GateioFuturesPublic } from './futures/public.js';
import { GATEIO_SPOT_OPTIONS } from './spot/config.js';
import { GATEIO_SPOT_REST_URL, GATEIO_SPOT_WS_URL } from './spot/constants.js';
import { GateioSpotPrivate } from './spot/private.js';
import { GATEIO_SPOT, GateioSpotPublic } from './spot/public.js';

export const gateioSpot: VenueModule = {
  id: GATEIO_SPOT,
  market: 'spot',
  liveEndpoints: { restBaseUrl: GATEIO_SPOT_REST_URL, wsUrl: GATEIO_SPOT_WS_URL },
  options: GATEIO_SPOT_OPTIONS,
  createPublic: (config) => new GateioSpotPublic(config),
  createPrivate: (config) => new GateioSpotPrivate(config),
};

export const gateioFutures: VenueModule = {
  id: GATEIO_FUTURES,
  market: 'futures',
  liveEndpoints: { restBaseUrl: GATEIO_FUTURES_REST_URL, wsUrl: GATEIO_FUTURES_WS_URL },
  options: GATEIO_FUTURES_OPTIONS,
  createPublic: (config) => new GateioFuturesPublic(config),
  createPrivate: (config) => new GateioFuturesPrivate(config),
};

export { GateioSpotPublic } from './spot/public.js';
export { GateioFuturesPublic } from './futures/public.js';
export { GateioFuturesPrivate } from './futures/private.js';
export { GateioFrameRouter } from './common/router.js';
export { GateioSpotPrivate } from './spot/private.js';
export { gateioRestAnswerReaders } from './rest-answer-readers.js';
export { gateioPushReaders } from './push-readers.js';
