import type { SimVenueCore } from '../../common/sim-venue.js';
import type { BinanceSpotSymbolSpec } from './catalogue.js';
import type { RequestCounters } from '../common/request-weight.js';

/** Everything the REST, stream and control halves of the Binance spot simulator share. */
export interface BinanceSpotContext extends SimVenueCore {
  /** Listed symbols by venue symbol ("BTCUSDT"), in listing order. */
  symbols: Map<string, BinanceSpotSymbolSpec>;
  /** Request weight and order counts, reported in X-MBX-* headers. */
  usage: RequestCounters;
  /** Called just before a depth event leaves, with its last update id (benchmarks time frames by it). */
  onDepthPush?: (venueSymbol: string, lastUpdateId: number) => void;
}
