import { buildSeededMarket, resolveListing, type ListedInstrument, type SeededFlowOptions } from '../../common/seeded-market.js';
import { startSimVenue, type SimVenueHandle, type SimVenueOptions } from '../../common/sim-venue.js';
import { PerpLedger } from '../../engine/index.js';
import { GATE_TEST_API_KEY } from '../common/test-account.js';
import { DEFAULT_GATE_FUTURES_CONTRACTS, decimalsOf, findContractSpec, GATE_FUTURES_DEFAULT_BALANCES, perpTermsOf, type GateContractSpec } from './catalogue.js';
import type { GateFuturesContext } from './context.js';
import type { GateFuturesMarket } from './market-context.js';
import { FundingBoard } from '../../common/perp-funding.js';
import { createGateFuturesHttpServer, REST_PREFIX } from './http-server.js';
import { LiquidationFeed } from '../../common/public-liquidations.js';
import { futuresOrderIdOf } from './private-format.js';
import { FuturesRisk } from './risk.js';
import { GateFuturesWsServer, WS_PATH } from './ws-server.js';

/**
 * A Gate.io USDT-settled perpetual futures venue: public market data, and private trading in
 * single position mode (orders in the same engine as the synthetic flow, positions, margin,
 * funding, liquidation) over signed REST and authenticated websocket channels. Accounts start
 * with 100000 USDT (options.initialBalances {"USDT": ...} overrides) and 10x isolated leverage.
 */
export interface GateioFuturesSimOptions extends SimVenueOptions, SeededFlowOptions {
  /** Contracts to list, e.g. ["BTC_USDT", "ETH_USDT"]; default: the whole catalogue. */
  symbols?: string[];
  /** Depth push cadence for futures.obu / futures.order_book_update; omitted = the venue's; 0 = every change. */
  pushIntervalMs?: number;
  /** futures.tickers cadence (ms); default 1000. */
  tickerIntervalMs?: number;
  /** Funding period in ms for every contract; default each contract's funding_interval (28800 s). */
  fundingIntervalMs?: number;
  /** Index random-walk step period (ms); default 1000; 0 = the index premium stays put. */
  indexTickMs?: number;
  /** A synthetic public liquidation every N ms on a random contract; default 30000; 0 = only via /__sim/liquidate. */
  liquidationIntervalMs?: number;
  onDepthPush?: (contract: string, lastUpdateId: number) => void;
}

export interface GateioFuturesSim extends SimVenueHandle<GateFuturesContext> {
  venue: 'gateio_futures';
  /** http://127.0.0.1:PORT/api/v4 (futures paths: `${restBaseUrl}/futures/usdt/...`) */
  restBaseUrl: string;
  /** ws://127.0.0.1:PORT/v4/ws/usdt */
  wsUrl: string;
}

/** Engine ids in Gate futures' ranges (orderbook ids ~2e9, trade ids ~1e7). */
const GATE_FUTURES_ENGINE_IDS = { initialUpdateId: 2_000_000_000, initialTradeId: 10_000_000, initialTradeSeq: 1 };

function instrumentOf(spec: GateContractSpec): ListedInstrument {
  return { symbol: spec.name, priceScale: decimalsOf(spec.orderPriceRound), qtyScale: 0, market: spec.market };
}

/** Builds the engine, listed contracts and seeded flows (no network); exported for tests. */
export function buildGateFuturesMarket(options: Pick<GateioFuturesSimOptions, 'seed' | 'symbols' | 'flowRatePerSec' | 'flowPaused' | 'flowTickMs'>, clock: () => number) {
  const contracts = resolveListing(options.symbols, DEFAULT_GATE_FUTURES_CONTRACTS, findContractSpec, 'Gate USDT futures contract');
  const built = buildSeededMarket(contracts, instrumentOf, GATE_FUTURES_ENGINE_IDS, options, clock);
  return { ...built, contracts };
}

/** Starts a simulated Gate.io USDT perpetual futures venue (public REST + websocket + /__sim/) on loopback. */
export async function startGateioFuturesSim(options: GateioFuturesSimOptions = {}): Promise<GateioFuturesSim> {
  let perp: PerpLedger | undefined;
  const started = await startSimVenue(options, {
    buildMarket: (clock) => {
      const { contracts, ...built } = buildGateFuturesMarket(options, clock);
      return { ...built, listed: contracts };
    },
    termsOf: (c: GateContractSpec) => ({ symbol: c.name, base: c.base, quote: c.quote, makerFeeRate: c.makerFeeRate, takerFeeRate: c.takerFeeRate }),
    defaultApiKey: GATE_TEST_API_KEY,
    defaultBalances: () => ({ ...GATE_FUTURES_DEFAULT_BALANCES }),
    ledger: (engine, contracts) => (perp = new PerpLedger('USDT', [...contracts.values()].map(perpTermsOf), (s) => engine.instrument(s).qtyScale)),
    formatOrderId: futuresOrderIdOf,
    restPath: REST_PREFIX,
    wsPath: WS_PATH,
    createProtocols: (core, contracts) => {
      const funding = new FundingBoard(core.engine, core.market, contracts.values(), core.now, {
        seed: options.seed,
        fundingIntervalMs: options.fundingIntervalMs,
        indexTickMs: options.indexTickMs,
      });
      const liquidations = new LiquidationFeed(core.now, {
        intervalMs: options.liquidationIntervalMs ?? 30_000,
        seed: options.seed,
        contracts: [...contracts.keys()],
        markOf: (c) => ({ scale: decimalsOf(contracts.get(c)!.orderPriceRound), raw: funding.markAtPriceScale(c) }),
      });
      const market: GateFuturesMarket = { ...core, contracts, funding, liquidations, perp: perp as PerpLedger, dualMode: new Set<unknown>(), onDepthPush: options.onDepthPush };
      const context: GateFuturesContext = Object.assign(market, { risk: new FuturesRisk(market) });
      const ws = new GateFuturesWsServer(context, { pushIntervalMs: options.pushIntervalMs, tickerIntervalMs: options.tickerIntervalMs ?? 1000 });
      return {
        context,
        ws,
        server: createGateFuturesHttpServer(context, ws),
        dispose: () => {
          context.risk.close();
          funding.close();
          liquidations.close();
        },
      };
    },
  });
  const { ws: _ws, ...handle } = started;
  return { venue: 'gateio_futures', ...handle };
}
