import type { VenueModule } from '../core/factory.js';
import { MexcSpotPrivate } from './spot/private.js';
import { MEXC_SPOT, MexcSpotPublic } from './spot/public.js';

export const mexcSpot: VenueModule = {
  id: MEXC_SPOT,
  market: 'spot',
  createPublic: (config) => new MexcSpotPublic(config),
  createPrivate: (config) => new MexcSpotPrivate(config),
};

export { MexcSpotPublic } from './spot/public.js';
export { MexcFrameRouter } from './spot/router.js';
export { MexcSpotPrivate } from './spot/private.js';
