import type { VenueModule } from '../core/factory.js';
import { GateioFuturesPrivate } from './futures/private.js';
import { GATEIO_FUTURES, GateioFuturesPublic } from './futures/public.js';
import { GateioSpotPrivate } from './spot/private.js';
import { GATEIO_SPOT, GateioSpotPublic } from './spot/public.js';

export const gateioSpot: VenueModule = {
  id: GATEIO_SPOT,
  market: 'spot',
  createPublic: (config) => new GateioSpotPublic(config),
  createPrivate: (config) => new GateioSpotPrivate(config),
};

export const gateioFutures: VenueModule = {
  id: GATEIO_FUTURES,
  market: 'futures',
  createPublic: (config) => new GateioFuturesPublic(config),
  createPrivate: (config) => new GateioFuturesPrivate(config),
};

export { GateioSpotPublic } from './spot/public.js';
export { GateioFuturesPublic } from './futures/public.js';
export { GateioFuturesPrivate } from './futures/private.js';
export { GateioFrameRouter } from './spot/router.js';
export { GateioSpotPrivate } from './spot/private.js';
