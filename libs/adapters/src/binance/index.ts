import type { VenueModule } from '../core/factory.js';
import { BINANCE_SPOT_OPTIONS } from './spot/config.js';
import { BINANCE_SPOT_REST_URL, BINANCE_SPOT_WS_URL } from './spot/constants.js';
import { BINANCE_USDM_OPTIONS } from './usdm/config.js';
import { BINANCE_USDM_REST_URL, BINANCE_USDM_WS_URL } from './usdm/constants.js';
import { BinanceUsdmPrivate } from './usdm/private.js';
import { BINANCE_USDM, BinanceUsdmPublic } from './usdm/public.js';
import { BinanceSpotPrivate } from './spot/private.js';
import { BINANCE_SPOT, BinanceSpotPublic } from './spot/public.js';

export const binanceSpot: VenueModule = {
  id: BINANCE_SPOT,
  market: 'spot',
  liveEndpoints: { restBaseUrl: BINANCE_SPOT_REST_URL, wsUrl: BINANCE_SPOT_WS_URL },
  options: BINANCE_SPOT_OPTIONS,
  createPublic: (config) => new BinanceSpotPublic(config),
  createPrivate: (config) => new BinanceSpotPrivate(config),
};

export const binanceUsdm: VenueModule = {
  id: BINANCE_USDM,
  market: 'futures',
  liveEndpoints: { restBaseUrl: BINANCE_USDM_REST_URL, wsUrl: BINANCE_USDM_WS_URL },
  options: BINANCE_USDM_OPTIONS,
  createPublic: (config) => new BinanceUsdmPublic(config),
  createPrivate: (config) => new BinanceUsdmPrivate(config),
};

export { BinanceSpotPublic } from './spot/public.js';
export { BinanceUsdmPublic } from './usdm/public.js';
export { BinanceUsdmPrivate } from './usdm/private.js';
export { BinanceSpotPrivate } from './spot/private.js';
export { binanceSpotPushReaders, binanceSpotRestAnswerReaders, binanceUsdmPushReaders, binanceUsdmRestAnswerReaders } from './payload-readers.js';
