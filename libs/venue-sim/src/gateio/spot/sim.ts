import type { AddressInfo } from "node:net";
import { defaultBalances } from "../../common/accountsDefaults.js";
import { Accounts, FlowDriver, MatchingEngine, parseScaled, Prng, SyntheticFlow, hashString, type AccountSpec, type Instrument } from "../../engine/index.js";
import { DEFAULT_GATE_SPOT_SYMBOLS, findPairSpec, GATE_TEST_API_KEY, type GatePairSpec } from "./catalogue.js";
import type { GateSpotContext } from "./context.js";
import { FaultState } from "./faults.js";
import { createGateSpotHttpServer, REST_PREFIX } from "./httpServer.js";
import { MarketState } from "./marketState.js";
import { orderIdOf } from "./privateFormat.js";
import { WS_PATH, GateWsServer } from "./wsServer.js";

export interface GateioSpotSimOptions {
  /** Interface to bind; loopback by default. */
  host?: string;
  /** 0 = an ephemeral port. */
  port?: number;
  /** Seed of the synthetic order flow (same seed, same sequence of book changes). */
  seed?: number;
  /** Gate pair ids to list, e.g. ["BTC_USDT", "ETH_USDT"]; default: the whole catalogue. */
  symbols?: string[];
  /** Flow steps (book changes) per second, per symbol. Default 20. */
  flowRatePerSec?: number;
  /** Start with the flow paused (drive it with POST /__sim/step or /__sim/flow). */
  flowPaused?: boolean;
  /** Flow timer granularity in ms (default 5): 1 spreads a high rate evenly for latency benchmarks. */
  flowTickMs?: number;
  /**
   * Depth push cadence for spot.obu and spot.order_book_update. Omitted: the venue's
   * (obu 50 -> 20 ms, 400 -> 100 ms; order_book_update "20ms"/"100ms"). 0: every book change.
   */
  pushIntervalMs?: number;
  /** spot.tickers cadence; 1000 ms at the venue. */
  tickerIntervalMs?: number;
  /** Hook called just before each depth delta frame is sent (for latency benchmarks). */
  onDepthPush?: (venueSymbol: string, lastUpdateId: number) => void;
  /** API key pairs the venue accepts, one account each; default: GATE_TEST_API_KEY. */
  apiKeys?: AccountSpec[];
  /** Starting balances of accounts that bring none; default: 100000 USDT and some of every base currency. */
  initialBalances?: Record<string, string>;
  /** Fee rates (fractions) for every pair; default: 0.001 maker, 0.002 taker. */
  makerFeeRate?: string;
  takerFeeRate?: string;
}

export const GATE_DEFAULT_MAKER_FEE = "0.001";
export const GATE_DEFAULT_TAKER_FEE = "0.002";

export interface GateioSpotSim {
  venue: "gateio_spot";
  host: string;
  port: number;
  /** e.g. http://127.0.0.1:PORT/api/v4 */
  restBaseUrl: string;
  /** e.g. ws://127.0.0.1:PORT/ws/v4/ */
  wsUrl: string;
  /** e.g. http://127.0.0.1:PORT/__sim */
  controlUrl: string;
  engine: MatchingEngine;
  driver: FlowDriver;
  context: GateSpotContext;
  accounts: Accounts;
  /** Key pair of the first account (the documented test key unless apiKeys was given). */
  apiKey: string;
  apiSecret: string;
  close(): Promise<void>;
}

function instrumentOf(spec: GatePairSpec): Instrument {
  return { symbol: spec.id, priceScale: spec.precision, qtyScale: spec.amountPrecision, tickSize: 1n, lotSize: 1n };
}

/** Builds the engine, listed pairs and seeded flows (no network); exported for tests. */
export function buildGateSpotMarket(options: Pick<GateioSpotSimOptions, "seed" | "symbols" | "flowRatePerSec" | "flowPaused" | "flowTickMs">, clock: () => number) {
  const ids = options.symbols && options.symbols.length > 0 ? options.symbols : [...DEFAULT_GATE_SPOT_SYMBOLS];
  const pairs = new Map<string, GatePairSpec>();
  for (const id of ids) {
    const spec = findPairSpec(id);
    if (!spec) throw new Error(`unknown Gate spot pair ${id}; known: ${DEFAULT_GATE_SPOT_SYMBOLS.join(", ")}`);
    pairs.set(id, spec);
  }
  const engine = new MatchingEngine({ clock, initialUpdateId: 1_000_000_000, initialTradeId: 7_000_000_000, initialTradeSeq: 1_000_000 });
  const seed = options.seed ?? 1;
  const flows: SyntheticFlow[] = [];
  const initialPrices = new Map<string, bigint>();
  for (const spec of pairs.values()) {
    engine.addInstrument(instrumentOf(spec));
    const m = spec.market;
    const mid = parseScaled(m.mid, spec.precision);
    initialPrices.set(spec.id, mid);
    const flow = new SyntheticFlow(engine, spec.id, new Prng((seed ^ hashString(spec.id)) >>> 0), {
      midPrice: mid,
      minQuantity: parseScaled(m.minQty, spec.amountPrecision),
      maxQuantity: parseScaled(m.maxQty, spec.amountPrecision),
      levelGapTicks: m.levelGapTicks,
      halfSpreadTicks: m.halfSpreadTicks,
      volatilityTicks: m.volatilityTicks,
    });
    flow.seed();
    flows.push(flow);
  }
  const driver = new FlowDriver(flows, { ratePerSec: options.flowRatePerSec ?? 20, paused: options.flowPaused ?? false, tickMs: options.flowTickMs });
  return { engine, pairs, flows, driver, initialPrices };
}

/** Starts a simulated Gate.io spot venue (REST v4 + websocket v4 + /__sim/ control) on loopback. */
export async function startGateioSpotSim(options: GateioSpotSimOptions = {}): Promise<GateioSpotSim> {
  const host = options.host ?? "127.0.0.1";
  const faults = new FaultState();
  const now = () => Date.now() + faults.clockSkewMs;
  const { engine, pairs, driver, initialPrices } = buildGateSpotMarket(options, now);
  const market = new MarketState(engine, initialPrices);
  const specs = [...pairs.values()];
  const accounts = new Accounts(engine, {
    markets: specs.map((p) => ({
      symbol: p.id,
      base: p.base,
      quote: p.quote,
      makerFeeRate: options.makerFeeRate ?? GATE_DEFAULT_MAKER_FEE,
      takerFeeRate: options.takerFeeRate ?? GATE_DEFAULT_TAKER_FEE,
    })),
    accounts: options.apiKeys && options.apiKeys.length > 0 ? options.apiKeys : [{ ...GATE_TEST_API_KEY }],
    defaultBalances: options.initialBalances ?? defaultBalances(specs),
    formatOrderId: orderIdOf,
  });
  const context: GateSpotContext = {
    engine,
    market,
    accounts,
    pairs,
    faults,
    driver,
    now,
    onDepthPush: options.onDepthPush,
    counters: { restRequests: 0, wsConnectionsTotal: 0, wsMessagesSent: 0, wsMessagesReceived: 0 },
  };
  const ws = new GateWsServer(context, { pushIntervalMs: options.pushIntervalMs, tickerIntervalMs: options.tickerIntervalMs ?? 1000 });
  const server = createGateSpotHttpServer(context, ws);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  driver.start();
  const port = (server.address() as AddressInfo).port;
  const hostInUrl = host.includes(":") ? `[${host}]` : host;
  let closed = false;
  return {
    venue: "gateio_spot",
    host,
    port,
    restBaseUrl: `http://${hostInUrl}:${port}${REST_PREFIX}`,
    wsUrl: `ws://${hostInUrl}:${port}${WS_PATH}`,
    controlUrl: `http://${hostInUrl}:${port}/__sim`,
    engine,
    driver,
    context,
    accounts,
    apiKey: (accounts.list[0] as { apiKey: string }).apiKey,
    apiSecret: (accounts.list[0] as { apiSecret: string }).apiSecret,
    async close() {
      if (closed) return;
      closed = true;
      driver.stop();
      await ws.close();
      accounts.close();
      market.close();
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
