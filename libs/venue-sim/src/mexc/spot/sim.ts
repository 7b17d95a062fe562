import type { AddressInfo } from "node:net";
import { MarketState } from "../../common/marketState.js";
import { FaultState } from "../../common/faults.js";
import { defaultBalances } from "../../common/accountsDefaults.js";
import { Accounts, FlowDriver, MatchingEngine, parseScaled, Prng, SyntheticFlow, hashString, type AccountSpec, type Instrument } from "../../engine/index.js";
import { DEFAULT_MEXC_SPOT_SYMBOLS, findSymbolSpec, MEXC_TEST_API_KEY, type MexcSymbolSpec } from "./catalogue.js";
import type { MexcSpotContext } from "./context.js";
import { createMexcSpotHttpServer } from "./httpServer.js";
import { orderIdOf } from "./privateFormat.js";
import { LISTEN_KEY_TTL_MS, ListenKeys } from "./userDataStream.js";
import { MexcWsServer, WS_PATH, type MexcWsServerOptions } from "./wsServer.js";

export interface MexcSpotSimOptions extends Omit<MexcWsServerOptions, "pushIntervalMs"> {
  /** Interface to bind; loopback by default. */
  host?: string;
  /** 0 = an ephemeral port. */
  port?: number;
  /** Seed of the synthetic order flow (same seed, same sequence of book changes). */
  seed?: number;
  /** Venue symbols to list, e.g. ["BTCUSDT", "ETHUSDT"]; default: the whole catalogue. */
  symbols?: string[];
  /** Flow steps (book changes) per second, per symbol. Default 20. */
  flowRatePerSec?: number;
  /** Start with the flow paused (drive it with POST /__sim/step or /__sim/flow). */
  flowPaused?: boolean;
  /** Flow timer granularity in ms (default 5). */
  flowTickMs?: number;
  /**
   * Push cadence of every channel. Omitted: the venue's (the topic's 10ms / 100ms; limit.depth
   * 100 ms). 0: push on every book change.
   */
  pushIntervalMs?: number;
  /** Hook called just before each aggre.depth frame is sent (for latency benchmarks). */
  onDepthPush?: (venueSymbol: string, toVersion: number) => void;
  /** API key pairs the venue accepts, one account each; default: MEXC_TEST_API_KEY. */
  apiKeys?: AccountSpec[];
  /** Starting balances of accounts that bring none; default: 100000 USDT and some of every base asset. */
  initialBalances?: Record<string, string>;
  /** Fee rates (fractions) for every symbol; default: the symbol's makerCommission / takerCommission. */
  makerFeeRate?: string;
  takerFeeRate?: string;
  /** listenKey validity (venue: 60 minutes, extended by each PUT). */
  listenKeyTtlMs?: number;
}

export interface MexcSpotSim {
  venue: "mexc_spot";
  host: string;
  port: number;
  /** e.g. http://127.0.0.1:PORT (paths are /api/v3/...; ccxt's urls.api.spot.public) */
  restBaseUrl: string;
  /** e.g. ws://127.0.0.1:PORT/ws */
  wsUrl: string;
  /** e.g. http://127.0.0.1:PORT/__sim */
  controlUrl: string;
  engine: MatchingEngine;
  driver: FlowDriver;
  context: MexcSpotContext;
  ws: MexcWsServer;
  accounts: Accounts;
  /** Key pair of the first account (the documented test key unless apiKeys was given). */
  apiKey: string;
  apiSecret: string;
  close(): Promise<void>;
}

/** Versions in the range of live captures (~4e10), far from any other venue's ids. */
const INITIAL_VERSION = 40_000_000_000;

function instrumentOf(spec: MexcSymbolSpec): Instrument {
  return { symbol: spec.symbol, priceScale: spec.quoteAssetPrecision, qtyScale: spec.baseAssetPrecision, tickSize: 1n, lotSize: 1n };
}

/** Builds the engine, listed symbols and seeded flows (no network); exported for tests. */
export function buildMexcSpotMarket(options: Pick<MexcSpotSimOptions, "seed" | "symbols" | "flowRatePerSec" | "flowPaused" | "flowTickMs">, clock: () => number) {
  const ids = options.symbols && options.symbols.length > 0 ? options.symbols : [...DEFAULT_MEXC_SPOT_SYMBOLS];
  const symbols = new Map<string, MexcSymbolSpec>();
  for (const id of ids) {
    const spec = findSymbolSpec(id);
    if (!spec) throw new Error(`unknown MEXC spot symbol ${id}; known: ${DEFAULT_MEXC_SPOT_SYMBOLS.join(", ")}`);
    symbols.set(id, spec);
  }
  const engine = new MatchingEngine({ clock, initialUpdateId: INITIAL_VERSION, initialTradeId: 0, initialTradeSeq: 0 });
  const seed = options.seed ?? 1;
  const flows: SyntheticFlow[] = [];
  const initialPrices = new Map<string, bigint>();
  for (const spec of symbols.values()) {
    engine.addInstrument(instrumentOf(spec));
    const m = spec.market;
    const mid = parseScaled(m.mid, spec.quoteAssetPrecision);
    initialPrices.set(spec.symbol, mid);
    const flow = new SyntheticFlow(engine, spec.symbol, new Prng((seed ^ hashString(spec.symbol)) >>> 0), {
      midPrice: mid,
      minQuantity: parseScaled(m.minQty, spec.baseAssetPrecision),
      maxQuantity: parseScaled(m.maxQty, spec.baseAssetPrecision),
      levelGapTicks: m.levelGapTicks,
      halfSpreadTicks: m.halfSpreadTicks,
      volatilityTicks: m.volatilityTicks,
    });
    flow.seed();
    flows.push(flow);
  }
  const driver = new FlowDriver(flows, { ratePerSec: options.flowRatePerSec ?? 20, paused: options.flowPaused ?? false, tickMs: options.flowTickMs });
  return { engine, symbols, flows, driver, initialPrices };
}

/** Starts a simulated MEXC spot venue (REST v3 + protobuf websocket + /__sim/ control) on loopback. */
export async function startMexcSpotSim(options: MexcSpotSimOptions = {}): Promise<MexcSpotSim> {
  const host = options.host ?? "127.0.0.1";
  const faults = new FaultState();
  const now = () => Date.now() + faults.clockSkewMs;
  const { engine, symbols, driver, initialPrices } = buildMexcSpotMarket(options, now);
  const market = new MarketState(engine, initialPrices);
  const specs = [...symbols.values()];
  const accounts = new Accounts(engine, {
    markets: specs.map((s) => ({
      symbol: s.symbol,
      base: s.baseAsset,
      quote: s.quoteAsset,
      makerFeeRate: options.makerFeeRate ?? s.makerCommission,
      takerFeeRate: options.takerFeeRate ?? s.takerCommission,
    })),
    accounts: options.apiKeys && options.apiKeys.length > 0 ? options.apiKeys : [{ ...MEXC_TEST_API_KEY }],
    defaultBalances: options.initialBalances ?? defaultBalances(specs.map((s) => ({ base: s.baseAsset, quote: s.quoteAsset }))),
    formatOrderId: orderIdOf,
  });
  const listenKeys = new ListenKeys(options.listenKeyTtlMs ?? LISTEN_KEY_TTL_MS);
  const context: MexcSpotContext = {
    engine,
    market,
    accounts,
    listenKeys,
    symbols,
    faults,
    driver,
    now,
    onDepthPush: options.onDepthPush,
    counters: { restRequests: 0, wsConnectionsTotal: 0, wsMessagesSent: 0, wsMessagesReceived: 0 },
  };
  const ws = new MexcWsServer(context, {
    pushIntervalMs: options.pushIntervalMs,
    maxSubscriptions: options.maxSubscriptions,
    noSubscriptionTimeoutMs: options.noSubscriptionTimeoutMs,
    noDataTimeoutMs: options.noDataTimeoutMs,
    maxConnectionAgeMs: options.maxConnectionAgeMs,
  });
  const server = createMexcSpotHttpServer(context, ws);
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
    venue: "mexc_spot",
    host,
    port,
    restBaseUrl: `http://${hostInUrl}:${port}`,
    wsUrl: `ws://${hostInUrl}:${port}${WS_PATH}`,
    controlUrl: `http://${hostInUrl}:${port}/__sim`,
    engine,
    driver,
    context,
    ws,
    accounts,
    apiKey: (accounts.list[0] as { apiKey: string }).apiKey,
    apiSecret: (accounts.list[0] as { apiSecret: string }).apiSecret,
    async close() {
      if (closed) return;
      closed = true;
      driver.stop();
      await ws.close();
      listenKeys.dispose();
      accounts.close();
      market.close();
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
