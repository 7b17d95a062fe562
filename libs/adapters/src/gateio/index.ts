import type { VenueModule } from '../core/factory.js';
import { GATEIO_SPOT, GateioSpotPublic } from './spot/public.js';

export const gateioSpot: VenueModule = {
  id: GATEIO_SPOT,
  market: 'spot',
  createPublic: (config) => new GateioSpotPublic(config),
};

export { GateioSpotPublic } from './spot/public.js';
export { GateioFrameRouter } from './spot/router.js';
