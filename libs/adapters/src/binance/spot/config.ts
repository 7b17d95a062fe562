import { websocketUrl } from '../../core/venue-options.js';

/** Options (VenueConfig.options, or env CEXGW_BINANCE_SPOT_<NAME> in the services). */
export const BINANCE_SPOT_OPTIONS = {
  /** The WebSocket API (user data stream) address; by default derived from the stream URL (see wsApiUrlOf). */
  ws_api_url: websocketUrl(),
};
