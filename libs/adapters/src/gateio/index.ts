import type { VenueModule } from '../core/factory.js';
import { GateioSpotPrivate } from './spot/private.js';
import { GATEIO_SPOT, GateioSpotPublic } from './spot/public.js';

export const gateioSpot: VenueModule = {
  id: GATEIO_SPOT,
  market: 'spot',
  createPublic: (config) => new GateioSpotPublic(config),
  createPrivate: (config) => new GateioSpotPrivate(config),
};

export { GateioSpotPublic } from './spot/public.js';
export { GateioFrameRouter } from './spot/router.js';
export { GateioSpotPrivate } from './spot/private.js';
