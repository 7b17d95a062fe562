import { FundingBoard } from '../../common/perp-funding.js';
import { LiquidationFeed } from '../../common/public-liquidations.js';
import { buildSeededMarket, resolveListing, type ListedInstrument, type SeededFlowOptions } from '../../common/seeded-market.js';
import { startSimVenue, type SimVenueHandle, type SimVenueOptions } from '../../common/sim-venue.js';
import { PerpLedger, parseScaled, rescale, BALANCE_SCALE, type Account } from '../../engine/index.js';
import { createBinanceHttpServer } from '../common/http-server.js';
import { RequestCounters } from '../common/request-weight.js';
import { SocketGroup } from '../common/socket-group.js';
import { StreamHub } from '../common/stream-hub.js';
import { BinanceStreamServer, type StreamServerOptions } from '../common/stream-server.js';
import {
  BINANCE_USDM_DEFAULT_BALANCES,
  BINANCE_USDM_TEST_API_KEY,
  DEFAULT_BINANCE_USDM_CONTRACTS,
  findUsdmContractSpec,
  fundingTermsOf,
  perpTermsOf,
  priceScaleOf,
  qtyScaleOf,
  type BinanceUsdmContractSpec,
} from './catalogue.js';
import type { BinanceUsdmContext } from './context.js';
import { handleControl } from './control-api.js';
import { handlePublicGet, publicWeight } from './rest-routes.js';
import { usdmSignedRoutes } from './private-routes.js';
import { usdmFeedFactory } from './streams.js';
import { ListenKeys } from './listen-keys.js';
import { UsdmUserStreamServer } from './user-stream.js';

/**
 * A Binance USDⓈ-M perpetual futures venue: public market data (REST /fapi, market streams with
 * `pu` continuity, mark price and funding, public liquidations) and trading in one-way mode over
 * signed REST and the listenKey user data stream, on the shared engine and margin ledger
 * (positions, leverage, isolated and cross margin, funding). Accounts start with 100000 USDT at
 * 20x cross margin. User positions are not liquidated here (see docs/venues/binance-usdm-wire.md).
 */
export interface BinanceUsdmSimOptions extends SimVenueOptions, SeededFlowOptions, StreamServerOptions {
  /** Contracts to list, e.g. ["BTCUSDT"]; default: the whole catalogue. */
  symbols?: string[];
  /** Depth cadence; omitted: the stream's (250 / 500 / 100 ms); 0: every book change. */
  pushIntervalMs?: number;
  /** Funding period in ms for every contract; default the contract's (8 h). */
  fundingIntervalMs?: number;
  /** Index random-walk step (ms); default 1000; 0 = the index premium stays put. */
  indexTickMs?: number;
  /** A synthetic public liquidation every N ms; default 30000; 0 = only via /__sim/liquidate. */
  liquidationIntervalMs?: number;
  /** listenKey validity (venue: 60 minutes, extended by each keepalive). */
  listenKeyTtlMs?: number;
  onDepthPush?: (symbol: string, lastUpdateId: number) => void;
}

export interface BinanceUsdmSim extends SimVenueHandle<BinanceUsdmContext> {
  venue: 'binance_usdm';
  /** e.g. http://127.0.0.1:PORT (paths /fapi/v1/..., /fapi/v2/..., /fapi/v3/...) */
  restBaseUrl: string;
  /** e.g. ws://127.0.0.1:PORT: streams at /public and /market, the user data stream at /private (each with /ws and /stream). */
  wsUrl: string;
}

/** The USDⓈ-M servers ping every 3 minutes (and want a pong within 10). */
const USDM_PING_INTERVAL_MS = 180_000;

/** Depth versions near live USDⓈ-M ids (~7e12 once printed x 10); trade ids likewise (~6e9). */
const BINANCE_USDM_ENGINE_IDS = { initialUpdateId: 700_000_000_000, initialTradeId: 6_000_000_000, initialTradeSeq: 0 };

function instrumentOf(spec: BinanceUsdmContractSpec): ListedInstrument {
  return { symbol: spec.symbol, priceScale: priceScaleOf(spec), qtyScale: qtyScaleOf(spec), market: spec.market };
}

/** Builds the engine, listed contracts and seeded flows (no network); exported for tests. */
export function buildBinanceUsdmMarket(options: Pick<BinanceUsdmSimOptions, 'seed' | 'symbols' | 'flowRatePerSec' | 'flowPaused' | 'flowTickMs'>, clock: () => number) {
  const contracts = resolveListing(options.symbols, DEFAULT_BINANCE_USDM_CONTRACTS, findUsdmContractSpec, 'Binance USDⓈ-M contract');
  return { ...buildSeededMarket(contracts, instrumentOf, BINANCE_USDM_ENGINE_IDS, options, clock), contracts };
}

/** Starts a simulated Binance USDⓈ-M venue on loopback. */
export async function startBinanceUsdmSim(options: BinanceUsdmSimOptions = {}): Promise<BinanceUsdmSim> {
  let perp: PerpLedger | undefined;
  const started = await startSimVenue(options, {
    buildMarket: (clock) => {
      const { contracts, ...built } = buildBinanceUsdmMarket(options, clock);
      return { ...built, listed: contracts };
    },
    termsOf: (c: BinanceUsdmContractSpec) => ({ symbol: c.symbol, base: c.baseAsset, quote: c.quoteAsset, makerFeeRate: c.makerCommission, takerFeeRate: c.takerCommission }),
    defaultApiKey: BINANCE_USDM_TEST_API_KEY,
    defaultBalances: () => ({ ...BINANCE_USDM_DEFAULT_BALANCES }),
    ledger: (engine, contracts) => (perp = new PerpLedger('USDT', [...contracts.values()].map(perpTermsOf), (s) => engine.instrument(s).qtyScale)),
    formatOrderId: (n) => String(8_000_000_000 + n),
    restPath: '',
    wsPath: '',
    createProtocols: (core, contracts) => {
      const ledger = perp as PerpLedger;
      // Positions start in cross margin (the ledger's leverage 0) at the default leverage.
      const funding = new FundingBoard(core.engine, core.market, [...contracts.values()].map(fundingTermsOf), core.now, {
        seed: options.seed,
        fundingIntervalMs: options.fundingIntervalMs,
        indexTickMs: options.indexTickMs,
      });
      funding.onApply = (symbol, record) => {
        const mark = funding.markScaled(symbol);
        const rate = parseScaled(record.r, 6);
        ledger.applyFunding(symbol, rescale(mark.value, mark.scale, BALANCE_SCALE), rate, 6, core.now());
      };
      const liquidations = new LiquidationFeed(core.now, {
        intervalMs: options.liquidationIntervalMs ?? 30_000,
        seed: options.seed,
        contracts: [...contracts.keys()],
        markOf: (symbol) => ({ scale: priceScaleOf(contracts.get(symbol)!), raw: funding.markAtPriceScale(symbol) }),
      });
      const usage = new RequestCounters(
        { header: 'x-mbx-used-weight-1m', capacity: 2400, intervalMs: 60_000 },
        [
          { header: 'x-mbx-order-count-10s', capacity: 300, intervalMs: 10_000 },
          { header: 'x-mbx-order-count-1m', capacity: 1200, intervalMs: 60_000 },
        ],
        core.now,
      );
      const context: BinanceUsdmContext = {
        ...core,
        contracts,
        funding,
        liquidations,
        perp: ledger,
        usage,
        listenKeys: new ListenKeys(options.listenKeyTtlMs),
        hedgeMode: new Set<Account>(),
        onDepthPush: options.onDepthPush,
      };
      for (const account of core.accounts.list) for (const spec of contracts.values()) ledger.setLeverage(account, spec.symbol, 0, perpTermsOf(spec).crossLeverageDefault, core.now());
      const hub = new StreamHub(core.engine, usdmFeedFactory(context, options.pushIntervalMs));
      // Since 2026-04-23 streams are routed by kind: /public (depth, book tickers), /market (the rest);
      // the bare /ws and /stream of before carry the public streams only.
      const isPublic = (stream: string) => /@(depth|bookTicker)/.test(stream);
      const streams = new BinanceStreamServer(
        core,
        hub,
        [
          { raw: '/public/ws', combined: '/public/stream', carries: isPublic },
          { raw: '/market/ws', combined: '/market/stream', carries: (stream) => !isPublic(stream) },
          { raw: '/ws', combined: '/stream', carries: isPublic },
        ],
        { pingIntervalMs: options.pingIntervalMs ?? USDM_PING_INTERVAL_MS, maxStreams: options.maxStreams ?? 200, maxClientFramesPerSecond: 10, maxConnectionAgeMs: options.maxConnectionAgeMs },
      );
      const sockets = new SocketGroup([new UsdmUserStreamServer(context, options.pingIntervalMs ?? USDM_PING_INTERVAL_MS), streams]);
      const server = createBinanceHttpServer(context, sockets, {
        prefix: '/fapi',
        publicGet: (path, query) => handlePublicGet(context, path, query),
        publicWeight,
        signed: usdmSignedRoutes(context),
        control: (method, path, query, body) => handleControl(context, sockets, streams, method, path, query, body),
      });
      return {
        context,
        ws: sockets,
        server,
        dispose: () => {
          funding.close();
          liquidations.close();
        },
      };
    },
  });
  const { ws: _ws, ...handle } = started;
  return { venue: 'binance_usdm', ...handle };
}
