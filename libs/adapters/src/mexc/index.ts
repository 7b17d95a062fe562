import type { VenueModule } from '../core/factory.js';
import { MEXC_SPOT_OPTIONS } from './spot/config.js';
import { MEXC_SPOT_REST_URL, MEXC_SPOT_WS_URL } from './spot/constants.js';
import { MexcSpotPrivate } from './spot/private.js';
import { MEXC_SPOT, MexcSpotPublic } from './spot/public.js';

export const mexcSpot: VenueModule = {
  id: MEXC_SPOT,
  market: 'spot',
  liveEndpoints: { restBaseUrl: MEXC_SPOT_REST_URL, wsUrl: MEXC_SPOT_WS_URL },
  options: MEXC_SPOT_OPTIONS,
  createPublic: (config) => new MexcSpotPublic(config),
  createPrivate: (config) => new MexcSpotPrivate(config),
};

export { MexcSpotPublic } from './spot/public.js';
export { MexcFrameRouter } from './spot/router.js';
export { MexcSpotPrivate } from './spot/private.js';
export { mexcJsonAnswerReader, mexcRestAnswerReaders } from './payload-readers.js';
