import { buildSeededMarket, resolveListing, type ListedInstrument, type SeededFlowOptions } from '../../common/seeded-market.js';
import { startSimVenue, type SimVenueHandle, type SimVenueOptions } from '../../common/sim-venue.js';
import { DEFAULT_MEXC_SPOT_SYMBOLS, findSymbolSpec, MEXC_TEST_API_KEY, type MexcSymbolSpec } from './catalogue.js';
import type { MexcSpotContext } from './context.js';
import { createMexcSpotHttpServer } from './http-server.js';
import { orderIdOf } from './private-format.js';
import { LISTEN_KEY_TTL_MS, ListenKeys } from './user-data-stream.js';
import { MexcWsServer, WS_PATH, type MexcWsServerOptions } from './ws-server.js';

/** Binding, accounts and flow options are the shared ones (SimVenueOptions, SeededFlowOptions). */
export interface MexcSpotSimOptions extends Omit<MexcWsServerOptions, 'pushIntervalMs'>, SimVenueOptions, SeededFlowOptions {
  /** Venue symbols to list, e.g. ["BTCUSDT", "ETHUSDT"]; default: the whole catalogue. */
  symbols?: string[];
  /**
   * Push cadence of every channel. Omitted: the venue's (the topic's 10ms / 100ms; limit.depth
   * 100 ms). 0: push on every book change.
   */
  pushIntervalMs?: number;
  /** Hook called just before each aggre.depth frame is sent (for latency benchmarks). */
  onDepthPush?: (venueSymbol: string, toVersion: number) => void;
  /** Fee rates (fractions) for every symbol; default: the symbol's makerCommission / takerCommission. */
  makerFeeRate?: string;
  takerFeeRate?: string;
  /** listenKey validity (venue: 60 minutes, extended by each PUT). */
  listenKeyTtlMs?: number;
}

export interface MexcSpotSim extends SimVenueHandle<MexcSpotContext> {
  venue: 'mexc_spot';
  /** e.g. http://127.0.0.1:PORT (paths are /api/v3/...; ccxt's urls.api.spot.public) */
  restBaseUrl: string;
  /** e.g. ws://127.0.0.1:PORT/ws */
  wsUrl: string;
  ws: MexcWsServer;
}

/** Book versions in the range of live captures (~4e10), far from any other venue's ids; trades count from zero. */
const MEXC_ENGINE_IDS = { initialUpdateId: 40_000_000_000, initialTradeId: 0, initialTradeSeq: 0 };

function instrumentOf(spec: MexcSymbolSpec): ListedInstrument {
  return { symbol: spec.symbol, priceScale: spec.quoteAssetPrecision, qtyScale: spec.baseAssetPrecision, market: spec.market };
}

/** Builds the engine, listed symbols and seeded flows (no network); exported for tests. */
export function buildMexcSpotMarket(options: Pick<MexcSpotSimOptions, 'seed' | 'symbols' | 'flowRatePerSec' | 'flowPaused' | 'flowTickMs'>, clock: () => number) {
  const symbols = resolveListing(options.symbols, DEFAULT_MEXC_SPOT_SYMBOLS, findSymbolSpec, 'MEXC spot symbol');
  const { engine, flows, driver, initialPrices } = buildSeededMarket(symbols, instrumentOf, MEXC_ENGINE_IDS, options, clock);
  return { engine, symbols, flows, driver, initialPrices };
}

/** Starts a simulated MEXC spot venue (REST v3 + protobuf websocket + /__sim/ control) on loopback. */
export async function startMexcSpotSim(options: MexcSpotSimOptions = {}): Promise<MexcSpotSim> {
  const started = await startSimVenue(options, {
    buildMarket: (clock) => {
      const { symbols, ...built } = buildMexcSpotMarket(options, clock);
      return { ...built, listed: symbols };
    },
    termsOf: (s: MexcSymbolSpec) => ({
      symbol: s.symbol,
      base: s.baseAsset,
      quote: s.quoteAsset,
      makerFeeRate: options.makerFeeRate ?? s.makerCommission,
      takerFeeRate: options.takerFeeRate ?? s.takerCommission,
    }),
    defaultApiKey: MEXC_TEST_API_KEY,
    formatOrderId: orderIdOf,
    restPath: '',
    wsPath: WS_PATH,
    createProtocols: (core, symbols) => {
      const listenKeys = new ListenKeys(options.listenKeyTtlMs ?? LISTEN_KEY_TTL_MS);
      const context: MexcSpotContext = { ...core, listenKeys, symbols, onDepthPush: options.onDepthPush };
      const ws = new MexcWsServer(context, {
        pushIntervalMs: options.pushIntervalMs,
        maxSubscriptions: options.maxSubscriptions,
        noSubscriptionTimeoutMs: options.noSubscriptionTimeoutMs,
        noDataTimeoutMs: options.noDataTimeoutMs,
        maxConnectionAgeMs: options.maxConnectionAgeMs,
      });
      // The listenKey sweeper timer would keep the process alive after close.
      return { context, ws, server: createMexcSpotHttpServer(context, ws), dispose: () => listenKeys.dispose() };
    },
  });
  return { venue: 'mexc_spot', ...started };
}
