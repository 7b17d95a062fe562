import type { SimVenueCore } from '../../common/sim-venue.js';
import type { GatePairSpec } from './catalogue.js';

/** Everything the REST, websocket and control halves share: the venue-neutral core plus Gate's listing. */
export interface GateSpotContext extends SimVenueCore {
  /** Listed pairs by id, in listing order. */
  pairs: Map<string, GatePairSpec>;
  /** Called just before a depth delta frame leaves, with its last update id (benchmarks time frames by it). */
  onDepthPush?: (venueSymbol: string, lastUpdateId: number) => void;
}
