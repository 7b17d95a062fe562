import { wholeNumber } from '../../core/venue-options.js';

/** Options (VenueConfig.options, or env CEXGW_BINANCE_USDM_<NAME> in the services). */
export const BINANCE_USDM_OPTIONS = {
  /** Open positions are re-read this often (ms) so mark price and unrealised PnL stay current. */
  position_poll_ms: wholeNumber(100, 3_600_000, 5_000, { zeroMeansOff: true }),
};
