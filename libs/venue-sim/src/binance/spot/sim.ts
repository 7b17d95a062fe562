import { buildSeededMarket, resolveListing, type ListedInstrument, type SeededFlowOptions } from '../../common/seeded-market.js';
import { startSimVenue, type SimVenueHandle, type SimVenueOptions } from '../../common/sim-venue.js';
import { RequestCounters } from '../common/request-weight.js';
import { StreamHub } from '../common/stream-hub.js';
import { BinanceStreamServer, type StreamServerOptions } from '../common/stream-server.js';
import { decimalsOf } from '../common/decimals.js';
import { BINANCE_SPOT_TEST_API_KEY, DEFAULT_BINANCE_SPOT_SYMBOLS, findSpotSymbolSpec, type BinanceSpotSymbolSpec } from './catalogue.js';
import type { BinanceSpotContext } from './context.js';
import { SocketGroup } from '../common/socket-group.js';
import { createBinanceHttpServer } from '../common/http-server.js';
import { handleControl } from './control-api.js';
import { handlePublicGet, publicWeight, REST_PREFIX } from './rest-routes.js';
import { spotSignedRoutes } from './private-routes.js';
import { BinanceWsApiServer, WS_API_PATH } from './ws-api.js';
import { spotFeedFactory } from './streams.js';

/** Binding, accounts and flow options are the shared ones (SimVenueOptions, SeededFlowOptions). */
export interface BinanceSpotSimOptions extends SimVenueOptions, SeededFlowOptions, StreamServerOptions {
  /** Venue symbols to list, e.g. ["BTCUSDT", "ETHUSDT"]; default: the whole catalogue. */
  symbols?: string[];
  /** Depth push cadence; omitted: the stream's (1000 ms or 100 ms); 0: every book change. */
  pushIntervalMs?: number;
  /** Hook called just before each depth event is sent (for latency benchmarks). */
  onDepthPush?: (venueSymbol: string, lastUpdateId: number) => void;
  /** Fee rates (fractions) for every symbol; default: the symbol's commission. */
  makerFeeRate?: string;
  takerFeeRate?: string;
}

export interface BinanceSpotSim extends SimVenueHandle<BinanceSpotContext> {
  venue: 'binance_spot';
  /** e.g. http://127.0.0.1:PORT (paths are /api/v3/...) */
  restBaseUrl: string;
  /** e.g. ws://127.0.0.1:PORT: market streams at /ws and /stream below it. */
  wsUrl: string;
  /** e.g. ws://127.0.0.1:PORT/ws-api/v3: the WebSocket API (the user data stream). */
  wsApiUrl: string;
}

/** Book ids in the range of live captures (~7e10 for BTCUSDT); trade ids likewise (~5e9). */
const BINANCE_SPOT_ENGINE_IDS = { initialUpdateId: 70_000_000_000, initialTradeId: 5_000_000_000, initialTradeSeq: 0 };

function instrumentOf(spec: BinanceSpotSymbolSpec): ListedInstrument {
  return { symbol: spec.symbol, priceScale: decimalsOf(spec.tickSize), qtyScale: decimalsOf(spec.stepSize), market: spec.market };
}

/** Builds the engine, listed symbols and seeded flows (no network); exported for tests. */
export function buildBinanceSpotMarket(options: Pick<BinanceSpotSimOptions, 'seed' | 'symbols' | 'flowRatePerSec' | 'flowPaused' | 'flowTickMs'>, clock: () => number) {
  const symbols = resolveListing(options.symbols, DEFAULT_BINANCE_SPOT_SYMBOLS, findSpotSymbolSpec, 'Binance spot symbol');
  const built = buildSeededMarket(symbols, instrumentOf, BINANCE_SPOT_ENGINE_IDS, options, clock);
  return { ...built, symbols };
}

/** Starts a simulated Binance spot venue (REST /api/v3, market streams, /__sim/ control) on loopback. */
export async function startBinanceSpotSim(options: BinanceSpotSimOptions = {}): Promise<BinanceSpotSim> {
  const started = await startSimVenue(options, {
    buildMarket: (clock) => {
      const { symbols, ...built } = buildBinanceSpotMarket(options, clock);
      return { ...built, listed: symbols };
    },
    termsOf: (s: BinanceSpotSymbolSpec) => ({
      symbol: s.symbol,
      base: s.baseAsset,
      quote: s.quoteAsset,
      makerFeeRate: options.makerFeeRate ?? s.makerCommission,
      takerFeeRate: options.takerFeeRate ?? s.takerCommission,
    }),
    defaultApiKey: BINANCE_SPOT_TEST_API_KEY,
    formatOrderId: (n) => String(30_000_000_000 + n),
    restPath: '',
    wsPath: '',
    createProtocols: (core, symbols) => {
      const usage = new RequestCounters(
        { header: 'x-mbx-used-weight-1m', capacity: 6000, intervalMs: 60_000 },
        [
          { header: 'x-mbx-order-count-10s', capacity: 100, intervalMs: 10_000 },
          { header: 'x-mbx-order-count-1d', capacity: 200_000, intervalMs: 86_400_000 },
        ],
        core.now,
      );
      const context: BinanceSpotContext = { ...core, symbols, usage, onDepthPush: options.onDepthPush };
      const hub = new StreamHub(core.engine, spotFeedFactory(context, options.pushIntervalMs));
      const streams = new BinanceStreamServer(core, hub, [{ raw: '/ws', combined: '/stream', carries: () => true }], options);
      const sockets = new SocketGroup([streams, new BinanceWsApiServer(context, options.pingIntervalMs)]);
      const server = createBinanceHttpServer(context, sockets, {
        prefix: REST_PREFIX,
        publicGet: (path, query) => handlePublicGet(context, path, query),
        publicWeight,
        signed: spotSignedRoutes(context),
        control: (method, path, query, body) => handleControl(context, sockets, streams, method, path, query, body),
      });
      return { context, ws: sockets, server };
    },
  });
  return { venue: 'binance_spot', ...started, wsApiUrl: `${started.wsUrl}${WS_API_PATH}` };
}
