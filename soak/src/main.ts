#!/usr/bin/env node
import { randomBytes } from 'node:crypto';
import { defaultAddress, defaultPort } from '@cexgw/grpc/ports';
import { Prng } from '@cexgw/venue-sim';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ActiveTracker } from './active-tracker.js';
import { BookWatcher } from './book-watcher.js';
import { marketDataClient, tradingClients, type TradingClients } from './clients.js';
import { BOOK_FAULTS, FaultInjector, type FaultKind } from './faults.js';
import { FillFollower, fillKey } from './fill-follower.js';
import { FuturesOrderDriver, SpotOrderDriver, type OrderDriver } from './order-driver.js';
import { ensureDir, ROOT, Service, startSim, waitServing, type Sim, type SimVenue } from './processes.js';
import { printReport, type FailoverResult, type SoakResult } from './report.js';
import { TcpProxy } from './tcp-proxy.js';

// npm run soak -- --duration 10m [--seed N] [--fault-every-ms 1000] [--port-base N] [--failover] [--gate-order-transport ws]
// All ten services (market data and trading of five venue ids) on the simulated venues, with synthetic flow and our own orders, while a
// seeded schedule injects faults. Then: every fill the venues made must have reached the fill
// streams exactly once, no client order id was placed twice, and every book rebuilt from the
// streams must equal its venue's book. Exit 0 when so, 1 otherwise.
//
// --failover: each trading service runs as an active/standby pair on a PostgreSQL journal (a
// throwaway cluster, scripts/postgres-cluster.js), each instance reaching the database through a
// relay the soak can cut. The active one is killed -9, frozen past its lease (SIGSTOP) or cut
// off from the database; the clients follow grpc.health.v1 to whichever instance serves, and the
// report gives the failover times. A deposed instance exits 3 and is started again, as the
// standby, the way a supervisor would.
//
// --gate-order-transport ws: both Gate.io trading services send their orders over Gate's websocket
// API (CEXGW_GATEIO_*_ORDER_TRANSPORT=ws), and the schedule adds lost websocket answers (the
// venue carries a request out and its answer never comes) to the faults.
function duration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text);
  if (!match) throw new Error(`--duration ${JSON.stringify(text)}: use e.g. 90s, 10m, 1h`);
  const unit = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }[(match[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  return Number(match[1]) * unit;
}

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '2m' },
    seed: { type: 'string', default: '1' },
    'fault-every-ms': { type: 'string', default: '1000' },
    'port-base': { type: 'string' },
    failover: { type: 'boolean', default: false },
    'gate-order-transport': { type: 'string', default: 'rest' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log('usage: npm run soak -- [--duration 2m] [--seed 1] [--fault-every-ms 1000] [--port-base 20050] [--failover] [--gate-order-transport rest|ws]');
  process.exit(0);
}
/** How the Gate.io trading services send their orders. */
function orderTransport(text: string | undefined): 'rest' | 'ws' {
  if (text === 'rest' || text === 'ws') return text;
  console.error(`--gate-order-transport must be "rest" or "ws", got ${JSON.stringify(text)}`);
  process.exit(2);
}
const gateOrderTransport = orderTransport(values['gate-order-transport']);
const failoverMode = values.failover === true;
/** The trading service's exit code after losing its lease (services/trading/src/main.ts). */
const DEPOSED_EXIT_CODE = 3;
const LEASE_TTL_MS = 3_000;
/**
 * How long a (re)started service may take to report SERVING. It bounds a failure only (the wait
 * ends at SERVING): ten to twenty processes starting at once on two loaded cores (two soaks side
 * by side in the test suite) have taken longer than 30 s.
 */
const STARTUP_LIMIT_MS = 120_000;

const runMs = duration(values.duration);
const seed = Number(values.seed);
const faultEveryMs = Number(values['fault-every-ms']);
// Below the kernel's ephemeral range (32768 and up on Linux), where an outgoing connection of any
// process could take a service's port; blocks of 50, the metrics ports 1000 above them.
const portBase = Number(values['port-base'] ?? 20_000 + Math.floor(Math.random() * 200) * 50);
const random = new Prng(seed);
const runDir = ensureDir(`${ROOT}.cexgw/soak`);
const logDir = ensureDir(`${runDir}/logs-${Date.now()}`);
// The run's own journals: soaks running at once (npm test runs the soak files side by side) must
// neither share them nor delete them from under each other's services.
const journalDir = ensureDir(`${logDir}/journal`);
const token = randomBytes(18).toString('base64url');

/** The venues and their symbols; each service listens on its default port (libs/grpc default-ports), moved into the soak's block. */
const VENUES: ReadonlyArray<{ venue: SimVenue; symbols: string; book: string }> = [
  { venue: 'mexc_spot', symbols: 'BTCUSDT,ETHUSDT', book: 'BTCUSDT' },
  { venue: 'gateio_spot', symbols: 'BTC_USDT,ETH_USDT', book: 'BTC_USDT' },
  { venue: 'gateio_futures', symbols: 'BTC_USDT,ETH_USDT', book: 'BTC_USDT' },
  { venue: 'binance_spot', symbols: 'BTCUSDT,ETHUSDT', book: 'BTCUSDT' },
  { venue: 'binance_usdm', symbols: 'BTCUSDT,ETHUSDT', book: 'BTCUSDT' },
];
/** Port offsets of each pair's second instance, and of the database relays (one per instance). */
const STANDBY_PORT_OFFSET = 10;
const RELAY_PORT_OFFSET = 30;

interface PostgresCluster {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

async function startPostgres(): Promise<PostgresCluster> {
  const { startPostgresCluster } = await import(pathToFileURL(`${ROOT}scripts/postgres-cluster.js`).href);
  return startPostgresCluster();
}

async function main(): Promise<number> {
  const started = Date.now();
  let failure: string | undefined;
  const sims = await Promise.all(
    VENUES.map(({ venue, symbols }) =>
      startSim(
        venue,
        [
          '--seed',
          String(seed),
          '--symbols',
          symbols,
          '--flow-rate',
          '50',
          ...(venue === 'gateio_futures' || venue === 'binance_usdm' ? ['--funding-interval-ms', '10000', '--liquidation-interval-ms', '0'] : []),
        ],
        logDir,
      ),
    ),
  );
  const simOf = (venue: SimVenue) => sims.find((s) => s.venue === venue)!;
  const deposedExits = new Map<SimVenue, number>(VENUES.map(({ venue }) => [venue, 0]));
  const onExit = (service: Service, code: number | null, signal: string | null) => {
    if (failoverMode && service.spec.role === 'trading' && code === DEPOSED_EXIT_CODE) {
      // Deposed (lost its lease): started again at once, as a supervisor would; it comes back as the standby.
      deposedExits.set(service.spec.venue, deposedExits.get(service.spec.venue)! + 1);
      service.restarts++;
      service.start();
      return;
    }
    failure ??= `${service.spec.name} exited unexpectedly (${signal ?? code}); see ${logDir}`;
  };
  const postgres = failoverMode ? await startPostgres() : undefined;
  process.once('exit', () => void postgres?.stop()); // stops synchronously, also when the soak itself fails
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130)); // so that the exit hook runs
  const proxies = new Map<Service, TcpProxy>();
  const services: Service[] = [];
  for (const { venue } of VENUES) {
    const sim = simOf(venue);
    const prefix = `CEXGW_${venue.toUpperCase()}_`;
    const urls = { [`${prefix}REST_URL`]: sim.restBaseUrl, [`${prefix}WS_URL`]: sim.wsUrl };
    services.push(
      new Service({ name: `market-data-${venue}`, role: 'market-data', venue, address: defaultAddress(venue, 'marketData', portBase), env: { CEXGW_VENUE: venue, ...urls } }, logDir, onExit),
    );
    const tradingEnv = {
      CEXGW_VENUE: venue,
      ...urls,
      [`${prefix}API_KEY`]: sim.apiKey,
      [`${prefix}API_SECRET`]: sim.apiSecret,
      CEXGW_CLIENT_TOKENS: token,
      CEXGW_ORDER_TIMEOUT_MS: '3000',
      // The simulators answer at once, so "not at the venue 10 s after the attempt" already means never placed.
      CEXGW_ORDER_RESOLVE_GRACE_MS: '10000',
      ...(venue.startsWith('gateio_') ? { [`${prefix}ORDER_TRANSPORT`]: gateOrderTransport } : {}),
    };
    if (!postgres) {
      const address = defaultAddress(venue, 'trading', portBase);
      services.push(new Service({ name: `trading-${venue}`, role: 'trading', venue, address, env: { ...tradingEnv, CEXGW_JOURNAL_PATH: `${journalDir}/${venue}.sqlite` } }, logDir, onExit));
      continue;
    }
    for (const [instance, offset] of [
      ['a', 0],
      ['b', STANDBY_PORT_OFFSET],
    ] as const) {
      const address = `127.0.0.1:${defaultPort(venue, 'trading', portBase) + offset}`;
      const proxy = new TcpProxy('127.0.0.1', postgres.port);
      // A fixed port in the soak's block: an ephemeral one could take a service's port before it starts.
      const proxyPort = await proxy.listen(portBase + RELAY_PORT_OFFSET + proxies.size);
      const env = {
        ...tradingEnv,
        CEXGW_JOURNAL_URL: postgres.url.replace(`:${postgres.port}/`, `:${proxyPort}/`),
        CEXGW_JOURNAL_NAME: venue,
        CEXGW_ADVERTISE_ADDRESS: address,
        CEXGW_LEASE_TTL_MS: String(LEASE_TTL_MS),
      };
      const service = new Service({ name: `trading-${venue}-${instance}`, role: 'trading', venue, address, env }, logDir, onExit);
      proxies.set(service, proxy);
      services.push(service);
    }
  }
  const tradingGroups = new Map<SimVenue, Service[]>(VENUES.map(({ venue }) => [venue, services.filter((s) => s.spec.role === 'trading' && s.spec.venue === venue)]));
  const groupAddresses = (service: Service) => (service.spec.role === 'trading' ? tradingGroups.get(service.spec.venue)!.map((s) => s.spec.address) : [service.spec.address]);
  const waitAllServing = () => Promise.all(services.map((service) => waitServing(groupAddresses(service), STARTUP_LIMIT_MS)));
  for (const service of services) service.start();
  await waitAllServing();
  const rssTimer = setInterval(() => services.forEach((s) => s.sampleRss()), 500);

  // Clients follow health: calls go to whichever instance of the pair serves (the only one with a single process).
  const tracker = new ActiveTracker(tradingGroups);
  tracker.start();
  const clientsOf = new Map<Service, TradingClients>([...tradingGroups.values()].flat().map((service) => [service, tradingClients(service.spec.address, token)]));
  const lastActive = new Map<SimVenue, Service>([...tradingGroups.entries()].map(([venue, group]) => [venue, group[0]!]));
  const tradingOf = (venue: SimVenue) => {
    const active = tracker.active(venue);
    if (active) lastActive.set(venue, active);
    return lastActive.get(venue)!;
  };
  const clients = { get: (venue: SimVenue) => clientsOf.get(tradingOf(venue)) };
  const followers = new Map<SimVenue, FillFollower>(VENUES.map(({ venue }) => [venue, new FillFollower(venue, () => clients.get(venue)!)]));
  const watchers = VENUES.flatMap(({ venue, book }) => {
    const client = marketDataClient(defaultAddress(venue, 'marketData', portBase));
    return [new BookWatcher(venue, book, client, { base: 'BTC', quote: 'USDT' })];
  });
  const drivers: OrderDriver[] = [
    new SpotOrderDriver('mexc_spot', simOf('mexc_spot'), () => clients.get('mexc_spot')!, 250, 'BTCUSDT', 'symbol'),
    new SpotOrderDriver('gateio_spot', simOf('gateio_spot'), () => clients.get('gateio_spot')!, 250, 'BTC_USDT', 'currency_pair'),
    new FuturesOrderDriver('gateio_futures', simOf('gateio_futures'), () => clients.get('gateio_futures')!, 400),
    new SpotOrderDriver('binance_spot', simOf('binance_spot'), () => clients.get('binance_spot')!, 250, 'BTCUSDT', 'symbol'),
    // A binance_usdm contract is 0.001 BTC, and an order must be worth 100 USDT: 2 to 4 of them.
    new FuturesOrderDriver('binance_usdm', simOf('binance_usdm'), () => clients.get('binance_usdm')!, 400, ['2', '3', '4']),
  ];
  for (const follower of followers.values()) follower.start();
  for (const watcher of watchers) watcher.start();
  for (const driver of drivers) driver.start();

  const failovers: FailoverResult[] = [];
  const measuring: Array<Promise<void>> = [];
  const injector = new FaultInjector(random, {
    sims,
    lostAnswers: gateOrderTransport === 'ws' ? sims.filter((sim) => sim.venue.startsWith('gateio_')) : undefined,
    tradingFor: tradingOf,
    restartTrading: async (service) => {
      await service.kill();
      await new Promise((r) => setTimeout(r, 500 + Math.floor(random.next() * 1_500)));
      service.restarts++;
      service.start();
      await waitServing(groupAddresses(service), STARTUP_LIMIT_MS);
    },
    resumeClient: (venue, awayMs) => followers.get(venue)!.disconnect(awayMs),
    failover: failoverMode
      ? {
          active: (venue) => tracker.active(venue),
          leaseTtlMs: LEASE_TTL_MS,
          cutDatabase: (service, ms) => proxies.get(service)!.cut(ms),
          measure: (kind: FaultKind, venue, pid, atMs) => {
            measuring.push(tracker.failoverFrom(venue, pid, atMs).then((ms) => void failovers.push({ kind, venue, ms })));
          },
        }
      : undefined,
  });
  process.stdout.write(`soak: ${values.duration} with a fault every ${faultEveryMs} ms (seed ${seed}); logs in ${logDir}\n`);
  const deadline = started + runMs;
  while (Date.now() < deadline && !failure) {
    await injector.injectOne().catch((error: Error) => process.stdout.write(`fault injection failed: ${error.message}\n`));
    await new Promise((r) => setTimeout(r, faultEveryMs));
  }

  // Quiesce: faults off, every service up, our orders stopped; then wait for the fill streams
  // to hold every fill the venues made, and compare the books with flow paused.
  await injector.settle();
  await Promise.all(measuring);
  await Promise.all(drivers.map((driver) => driver.stop()));
  await waitAllServing();
  await Promise.all(drivers.map((driver) => driver.resolveAll(30_000)));
  const venueFills = async (sim: Sim) =>
    (await sim.control<{ fills: Array<{ venueTradeId: string; orderId: string }> }>(`fills?apiKey=${encodeURIComponent(sim.apiKey)}`)).fills.map((f) =>
      fillKey(String(f.venueTradeId), String(f.orderId)),
    );
  const missing = async () => {
    const out = new Map<SimVenue, string[]>();
    for (const sim of sims)
      out.set(
        sim.venue,
        (await venueFills(sim)).filter((id) => !followers.get(sim.venue)!.seen.has(id)),
      );
    return out;
  };
  // No client order id may have become two orders at the venue (a retry after a failover or restart is answered, never sent again).
  const placedTwice = async (sim: Sim) => {
    const { orders } = await sim.control<{ orders: Array<{ clientOrderId: string | null }> }>(`orders?apiKey=${encodeURIComponent(sim.apiKey)}`);
    const seen = new Map<string, number>();
    for (const { clientOrderId } of orders) if (clientOrderId) seen.set(clientOrderId, (seen.get(clientOrderId) ?? 0) + 1);
    return [...seen.entries()].filter(([, n]) => n > 1).map(([id]) => id);
  };
  let lost = await missing();
  const fillsDeadline = Date.now() + 90_000; // the periodic REST recovery runs every 60 s at the latest
  while ([...lost.values()].some((ids) => ids.length > 0) && Date.now() < fillsDeadline) {
    await new Promise((r) => setTimeout(r, 1_000));
    lost = await missing();
  }
  await Promise.all(sims.map((sim) => sim.control('flow', { paused: true })));
  const quietSince = Date.now();
  while (watchers.some((w) => Date.now() - w.lastMessageAt < 1_000) && Date.now() - quietSince < 15_000) await new Promise((r) => setTimeout(r, 100));
  const contracts = (await (await fetch(`${simOf('gateio_futures').restBaseUrl}/futures/usdt/contracts`)).json()) as Array<{ name: string; quanto_multiplier: string }>;
  const books = await Promise.all(
    watchers.map(async (watcher) => ({
      name: `${watcher.venue} ${watcher.venueSymbol}`,
      problems: await watcher.compare(simOf(watcher.venue), watcher.venue === 'gateio_futures' ? contracts.find((c) => c.name === watcher.venueSymbol)!.quanto_multiplier : undefined),
    })),
  );

  const resyncs: number[] = [];
  let unhealed = 0;
  for (const fault of injector.injected.filter((f) => BOOK_FAULTS.has(f.kind))) {
    for (const watcher of watchers.filter((w) => w.venue === fault.venue)) {
      const ms = watcher.resyncAfter(fault.atMs);
      if (ms === undefined) unhealed++;
      else resyncs.push(ms);
    }
  }
  const result: SoakResult = {
    seed,
    gateOrderTransport,
    durationMs: Date.now() - started,
    faults: injector.countByKind(),
    venues: await Promise.all(
      sims.map(async (sim) => {
        const driver = drivers.find((d) => d.name === sim.venue)!;
        const follower = followers.get(sim.venue)!;
        return {
          venue: sim.venue,
          orders: driver.stats,
          venueFills: (await venueFills(sim)).length,
          delivered: follower.seen.size,
          lost: lost.get(sim.venue)!.length,
          lostIds: lost.get(sim.venue)!.slice(0, 5),
          duplicated: follower.duplicates,
          placedTwice: await placedTwice(sim),
          resumes: follower.resumes,
          restarts: tradingGroups.get(sim.venue)!.reduce((n, s) => n + s.restarts, 0),
          deposedExits: deposedExits.get(sim.venue)!,
        };
      }),
    ),
    books,
    resyncMs: resyncs,
    unhealedBookFaults: unhealed,
    peakRssKb: services.map((s) => ({ name: s.spec.name, kb: s.peakRssKb })),
    failovers: failoverMode ? failovers : undefined,
    failure,
  };

  clearInterval(rssTimer);
  tracker.stop();
  for (const watcher of watchers) watcher.stop();
  for (const follower of followers.values()) follower.stop();
  for (const c of clientsOf.values()) c.close();
  await Promise.all(services.map((service) => service.stop()));
  await Promise.all([...proxies.values()].map((proxy) => proxy.close()));
  await postgres?.stop();
  for (const sim of sims) sim.child.kill('SIGTERM');
  return printReport(result);
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`soak failed to run: ${error.stack ?? error.message}`);
    process.exit(2);
  },
);
