import type { SimVenueCore } from '../../common/sim-venue.js';
import type { MexcSymbolSpec } from './catalogue.js';
import type { ListenKeys } from './user-data-stream.js';

/** Everything the REST, websocket and control halves of the MEXC spot simulator share: the venue-neutral core plus MEXC's listing and listenKeys. */
export interface MexcSpotContext extends SimVenueCore {
  /** Listed symbols by venue symbol ("BTCUSDT"), in listing order. */
  symbols: Map<string, MexcSymbolSpec>;
  /** User data stream keys (listenKey). */
  listenKeys: ListenKeys;
  /** Called just before an aggre.depth frame leaves, with its toVersion (benchmarks time frames by it). */
  onDepthPush?: (venueSymbol: string, toVersion: number) => void;
}
