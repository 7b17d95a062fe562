import { buildSeededMarket, resolveListing, type ListedInstrument, type SeededFlowOptions } from '../../common/seeded-market.js';
import { startSimVenue, type SimVenueHandle, type SimVenueOptions } from '../../common/sim-venue.js';
import { GATE_TEST_API_KEY } from '../common/test-account.js';
import { DEFAULT_GATE_SPOT_SYMBOLS, findPairSpec, type GatePairSpec } from './catalogue.js';
import type { GateSpotContext } from './context.js';
import { createGateSpotHttpServer, REST_PREFIX } from './http-server.js';
import { orderIdOf } from './private-format.js';
import { GateSpotWsServer, WS_PATH } from './ws-server.js';

/** Binding, accounts and flow options are the shared ones (SimVenueOptions, SeededFlowOptions). */
export interface GateioSpotSimOptions extends SimVenueOptions, SeededFlowOptions {
  /** Gate pair ids to list, e.g. ["BTC_USDT", "ETH_USDT"]; default: the whole catalogue. */
  symbols?: string[];
  /**
   * Depth push cadence for spot.obu and spot.order_book_update. Omitted: the venue's
   * (obu 50 -> 20 ms, 400 -> 100 ms; order_book_update "20ms"/"100ms"). 0: every book change.
   */
  pushIntervalMs?: number;
  /** spot.tickers cadence; 1000 ms at the venue. */
  tickerIntervalMs?: number;
  /** Hook called just before each depth delta frame is sent (for latency benchmarks). */
  onDepthPush?: (venueSymbol: string, lastUpdateId: number) => void;
  /** Fee rates (fractions) for every pair; default: 0.001 maker, 0.002 taker. */
  makerFeeRate?: string;
  takerFeeRate?: string;
}

export const GATE_DEFAULT_MAKER_FEE = '0.001';
export const GATE_DEFAULT_TAKER_FEE = '0.002';

export interface GateioSpotSim extends SimVenueHandle<GateSpotContext> {
  venue: 'gateio_spot';
  /** e.g. http://127.0.0.1:PORT/api/v4 */
  restBaseUrl: string;
  /** e.g. ws://127.0.0.1:PORT/ws/v4/ */
  wsUrl: string;
}

/** Engine ids in Gate's ranges (update ids ~1e9, trade ids ~7e9), far from any other venue's. */
const GATE_ENGINE_IDS = { initialUpdateId: 1_000_000_000, initialTradeId: 7_000_000_000, initialTradeSeq: 1_000_000 };

function instrumentOf(spec: GatePairSpec): ListedInstrument {
  return { symbol: spec.id, priceScale: spec.precision, qtyScale: spec.amountPrecision, market: spec.market };
}

/** Builds the engine, listed pairs and seeded flows (no network); exported for tests. */
export function buildGateSpotMarket(options: Pick<GateioSpotSimOptions, 'seed' | 'symbols' | 'flowRatePerSec' | 'flowPaused' | 'flowTickMs'>, clock: () => number) {
  const pairs = resolveListing(options.symbols, DEFAULT_GATE_SPOT_SYMBOLS, findPairSpec, 'Gate spot pair');
  const { engine, flows, driver, initialPrices } = buildSeededMarket(pairs, instrumentOf, GATE_ENGINE_IDS, options, clock);
  return { engine, pairs, flows, driver, initialPrices };
}

/** Starts a simulated Gate.io spot venue (REST v4 + websocket v4 + /__sim/ control) on loopback. */
export async function startGateioSpotSim(options: GateioSpotSimOptions = {}): Promise<GateioSpotSim> {
  const started = await startSimVenue(options, {
    buildMarket: (clock) => {
      const { pairs, ...built } = buildGateSpotMarket(options, clock);
      return { ...built, listed: pairs };
    },
    termsOf: (p: GatePairSpec) => ({
      symbol: p.id,
      base: p.base,
      quote: p.quote,
      makerFeeRate: options.makerFeeRate ?? GATE_DEFAULT_MAKER_FEE,
      takerFeeRate: options.takerFeeRate ?? GATE_DEFAULT_TAKER_FEE,
    }),
    defaultApiKey: GATE_TEST_API_KEY,
    formatOrderId: orderIdOf,
    restPath: REST_PREFIX,
    wsPath: WS_PATH,
    createProtocols: (core, pairs) => {
      const context: GateSpotContext = { ...core, pairs, onDepthPush: options.onDepthPush };
      const ws = new GateSpotWsServer(context, { pushIntervalMs: options.pushIntervalMs, tickerIntervalMs: options.tickerIntervalMs ?? 1000 });
      return { context, ws, server: createGateSpotHttpServer(context, ws) };
    },
  });
  // Gate's handle does not expose the websocket server.
  const { ws: _ws, ...handle } = started;
  return { venue: 'gateio_spot', ...handle };
}
