import type { VenueModule } from '../core/factory.js';
import { BINANCE_SPOT_REST_URL, BINANCE_SPOT_WS_URL } from './spot/constants.js';
import { BinanceSpotPrivate } from './spot/private.js';
import { BINANCE_SPOT, BinanceSpotPublic } from './spot/public.js';

export const binanceSpot: VenueModule = {
  id: BINANCE_SPOT,
  market: 'spot',
  liveEndpoints: { restBaseUrl: BINANCE_SPOT_REST_URL, wsUrl: BINANCE_SPOT_WS_URL },
  createPublic: (config) => new BinanceSpotPublic(config),
  createPrivate: (config) => new BinanceSpotPrivate(config),
};

export { BinanceSpotPublic } from './spot/public.js';
export { BinanceSpotPrivate } from './spot/private.js';
export { binanceSpotRestAnswerReaders } from './payload-readers.js';
