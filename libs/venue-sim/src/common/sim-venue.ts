import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Accounts, SpotLedger, type AccountSpec, type FlowDriver, type Ledger, type MarketTerms, type MatchingEngine } from '../engine/index.js';
import { defaultBalances } from './accounts-defaults.js';
import { FaultState } from './faults.js';
import { MarketState } from './market-state.js';
import type { SimCounters } from './ws-connection.js';

/** Options every simulated venue takes for binding and trading accounts. */
export interface SimVenueOptions {
  /** Interface to bind; loopback by default. */
  host?: string;
  /** 0 = an ephemeral port. */
  port?: number;
  /** API key pairs the venue accepts, one account each; default: the venue's documented test key. */
  apiKeys?: AccountSpec[];
  /** Starting balances of accounts that bring none; default: 100000 USDT and some of every base asset. */
  initialBalances?: Record<string, string>;
}

/** The venue-neutral state a simulator's REST, websocket and control halves are built on. */
export interface SimVenueCore {
  engine: MatchingEngine;
  driver: FlowDriver;
  /** Recent trades and 24h statistics. */
  market: MarketState;
  /** Trading accounts (API keys, balances, client orders, fills). */
  accounts: Accounts;
  faults: FaultState;
  /** Venue clock (ms), including injected skew. */
  now: () => number;
  /** Counters reported by GET /__sim/stats. */
  counters: SimCounters;
}

/** The venue-specific halves, built on the core. */
export interface SimVenueProtocols<Context, Ws extends { close(): Promise<void> }> {
  context: Context;
  ws: Ws;
  server: Server;
  /** Venue state to drop on close, once the websocket is down and before the accounts go. */
  dispose?: () => void;
}

/** How one venue plugs into the shared bootstrap. */
export interface SimVenueRecipe<Spec, Context, Ws extends { close(): Promise<void> }> {
  /** Engine, flows and listed catalogue entries, on the venue clock. */
  buildMarket(clock: () => number): { engine: MatchingEngine; driver: FlowDriver; initialPrices: Map<string, bigint>; listed: Map<string, Spec> };
  /** Account terms (symbol, assets, fees) of one listed entry. */
  termsOf(spec: Spec): MarketTerms;
  /** The documented test key, used when options.apiKeys brings none. */
  defaultApiKey: AccountSpec;
  /** Starting balances of accounts when options.initialBalances is absent; default: defaultBalances(terms). */
  defaultBalances?: (terms: MarketTerms[]) => Record<string, string>;
  /** How the accounts' money moves; default: spot balances. */
  ledger?: (engine: MatchingEngine, listed: Map<string, Spec>) => Ledger;
  formatOrderId: (n: number) => string;
  /** Where the REST API and the websocket endpoint live on the server (e.g. "/api/v4", "/ws/v4/"). */
  restPath: string;
  wsPath: string;
  /** The venue's context, websocket server and HTTP server, over the core and the listed entries. */
  createProtocols(core: SimVenueCore, listed: Map<string, Spec>): SimVenueProtocols<Context, Ws>;
}

/** What every started simulator hands back, whatever the venue. */
export interface SimVenueHandle<Context> {
  host: string;
  port: number;
  /** Base URL of the venue's REST API. */
  restBaseUrl: string;
  /** URL of the venue's websocket endpoint. */
  wsUrl: string;
  /** e.g. http://127.0.0.1:PORT/__sim */
  controlUrl: string;
  engine: MatchingEngine;
  driver: FlowDriver;
  context: Context;
  accounts: Accounts;
  /** Key pair of the first account (the documented test key unless apiKeys was given). */
  apiKey: string;
  apiSecret: string;
  /** Stops flow, sockets and timers; idempotent. */
  close(): Promise<void>;
}

export type StartedSimVenue<Context, Ws> = SimVenueHandle<Context> & { ws: Ws };

/**
 * Builds and starts a simulated venue: fault state, a clock that honours injected skew, engine and
 * seeded flows, accounts, the venue's protocol halves, then listens. The flow starts only once the
 * server is listening, so no book change happens before a client could see it.
 */
export async function startSimVenue<Spec, Context, Ws extends { close(): Promise<void> }>(options: SimVenueOptions, recipe: SimVenueRecipe<Spec, Context, Ws>): Promise<StartedSimVenue<Context, Ws>> {
  const host = options.host ?? '127.0.0.1';
  const faults = new FaultState();
  const now = () => Date.now() + faults.clockSkewMs;
  const { engine, driver, initialPrices, listed } = recipe.buildMarket(now);
  const market = new MarketState(engine, initialPrices);
  const terms = [...listed.values()].map((spec) => recipe.termsOf(spec));
  const accounts = new Accounts(engine, {
    markets: terms,
    accounts: options.apiKeys && options.apiKeys.length > 0 ? options.apiKeys : [{ ...recipe.defaultApiKey }],
    defaultBalances: options.initialBalances ?? (recipe.defaultBalances ?? defaultBalances)(terms),
    formatOrderId: recipe.formatOrderId,
    ledger: recipe.ledger ? () => (recipe.ledger as NonNullable<typeof recipe.ledger>)(engine, listed) : (hooks) => new SpotLedger(hooks),
  });
  const core: SimVenueCore = {
    engine,
    driver,
    market,
    accounts,
    faults,
    now,
    counters: { restRequests: 0, wsConnectionsTotal: 0, wsMessagesSent: 0, wsMessagesReceived: 0 },
  };
  const { context, ws, server, dispose } = recipe.createProtocols(core, listed);
  await listen(server, options.port ?? 0, host);
  driver.start();
  const port = (server.address() as AddressInfo).port;
  const hostInUrl = host.includes(':') ? `[${host}]` : host;
  const origin = `${hostInUrl}:${port}`;
  const first = accounts.list[0] as { apiKey: string; apiSecret: string };
  let closed = false;
  // Field order as the venues' handles had it before they shared this bootstrap, so printing one shows no change.
  return {
    host,
    port,
    restBaseUrl: `http://${origin}${recipe.restPath}`,
    wsUrl: `ws://${origin}${recipe.wsPath}`,
    controlUrl: `http://${origin}/__sim`,
    engine,
    driver,
    context,
    ws,
    accounts,
    apiKey: first.apiKey,
    apiSecret: first.apiSecret,
    async close() {
      if (closed) return;
      closed = true;
      driver.stop();
      await ws.close();
      dispose?.();
      accounts.close();
      market.close();
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Resolves once the server listens; rejects with the bind error (e.g. EADDRINUSE). */
function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
