import * as grpc from '@grpc/grpc-js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '@cexgw/adapters';
import { loadCexgw, loadPackageDefinition } from '@cexgw/grpc';
import { startTradingApp, type TradingApp } from '../services/trading/src/app.js';
import { loadConfig } from '../services/trading/src/config.js';
import { fenceSends } from '../services/trading/src/fenced-exchange.js';
import { ACTIVE_ADDRESS_TRAILER, STANDBY_HEALTH_SERVICE } from '../services/trading/src/standby.js';
import { queryOnce, startTestPostgres, uniqueJournalName, type TestCluster } from './support/postgres.js';
import { fill, ScriptedPrivateExchange, scriptedVenueModule } from './support/scripted-private-exchange.js';
import { until } from './support/wait.js';

// An active/standby pair of trading services in-process over real gRPC, sharing a PostgreSQL
// journal and one (scripted) venue account: the standby's health and refusals, a graceful
// hand-over, a takeover after the active's lease is lost, and the fence that keeps a deposed
// process from sending. Process deaths (kill -9, SIGSTOP, a cut database connection) are
// exercised with real processes by the failover soak (test/soak-failover.e2e.test.ts).

const TOKEN = 'tok-failover-test-0123456789';
const v1 = loadCexgw();

let cluster: TestCluster;
beforeAll(async () => {
  cluster = await startTestPostgres();
});
afterAll(async () => {
  await cluster?.stop();
});

let journalName: string;
let venue: ScriptedPrivateExchange;
const apps: TradingApp[] = [];
const clients: grpc.Client[] = [];
beforeEach(() => {
  journalName = uniqueJournalName('failover');
  venue = new ScriptedPrivateExchange();
});
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await Promise.all(apps.splice(0).map((app) => app.stop()));
});

interface Instance {
  readonly app: TradingApp;
  readonly address: string;
  readonly deposed: string[];
  unary<T = any>(method: string, request: object): Promise<{ value?: T; error?: grpc.ServiceError }>;
  health(service?: string): Promise<string | undefined>;
}

async function instance(advertise: string): Promise<Instance> {
  const config = loadConfig(
    {
      CEXGW_VENUE: 'test_venue',
      CEXGW_TEST_VENUE_API_KEY: 'test-api-key-0000000000',
      CEXGW_TEST_VENUE_API_SECRET: 'test-api-secret-000000000',
      CEXGW_CLIENT_TOKENS: TOKEN,
      CEXGW_GRPC_ADDRESS: '127.0.0.1:0',
      CEXGW_ADVERTISE_ADDRESS: advertise,
      CEXGW_JOURNAL_URL: cluster.url,
      CEXGW_JOURNAL_NAME: journalName,
      CEXGW_LEASE_TTL_MS: '2000', // generous: a loaded CI machine must not depose a live active
      CEXGW_LEASE_TAKEOVER_MARGIN_MS: '500',
      CEXGW_LEASE_POLL_MS: '20',
      CEXGW_FILL_RECOVERY_INTERVAL_MS: '0',
      CEXGW_KILL_SWITCH_FILE: '/nonexistent/cexgw-failover-test.kill',
      CEXGW_SHUTDOWN_GRACE_MS: '1000',
    },
    [],
    undefined,
    scriptedVenueModule,
  );
  const deposed: string[] = [];
  const app = await startTradingApp({ config, exchange: venue, logger: silentLogger, onDeposed: (reason) => deposed.push(reason) });
  apps.push(app);
  const address = `127.0.0.1:${app.port}`;
  const trading = new v1.Trading(address, grpc.credentials.createInsecure());
  const loaded = grpc.loadPackageDefinition(loadPackageDefinition()) as any;
  const health = new loaded.grpc.health.v1.Health(address, grpc.credentials.createInsecure());
  clients.push(trading, health);
  const metadata = () => {
    const m = new grpc.Metadata();
    m.set('authorization', `Bearer ${TOKEN}`);
    return m;
  };
  return {
    app,
    address,
    deposed,
    unary: (method, request) => new Promise((resolve) => (trading as any)[method](request, metadata(), (error: grpc.ServiceError | null, value: any) => resolve(error ? { error } : { value }))),
    health: (service = 'cexgw.v1.Trading') => new Promise((resolve) => health.Check({ service }, (error: Error | null, response: { status: string }) => resolve(error ? undefined : response.status))),
  };
}

const limitBuy = (clientOrderId: string) => ({
  symbol: { base: 'BTC', quote: 'USDT' },
  side: 'SIDE_BUY',
  type: 'ORDER_TYPE_LIMIT',
  quantity: '0.01',
  price: '65000.1',
  client_order_id: clientOrderId,
});

describe('active/standby on a PostgreSQL journal', () => {
  it('serves from exactly one instance; the standby is NOT_SERVING and refuses every trading call with UNAVAILABLE naming the active one', async () => {
    const a = await instance('trading-a.example:50062');
    await a.app.ready;
    const b = await instance('trading-b.example:50062');
    await until('the standby to learn who is active', async () => ((await b.unary('GetBalances', {})).error?.details ?? '').includes('trading-a.example:50062'), 10_000);
    expect(await a.health()).toBe('SERVING');
    expect(await b.health()).toBe('NOT_SERVING');
    expect(await b.health('')).toBe('NOT_SERVING');
    // What a container health check asks: the standby is healthy as a standby.
    expect(await b.health(STANDBY_HEALTH_SERVICE)).toBe('SERVING');
    expect(await a.health(STANDBY_HEALTH_SERVICE)).toBe('NOT_SERVING');

    const refused = await b.unary('PlaceOrder', limitBuy('standby-1'));
    expect(refused.error?.code).toBe(grpc.status.UNAVAILABLE);
    expect(refused.error?.details).toContain('is the standby; the active instance is trading-a.example:50062');
    expect(refused.error?.metadata.get(ACTIVE_ADDRESS_TRAILER)).toEqual(['trading-a.example:50062']);
    expect(venue.calls.placeOrder).toBe(0);

    // Streams too: a standby has no live fills to give.
    const fills = await new Promise<grpc.ServiceError>((resolve) => {
      const stream = new v1.Trading(b.address, grpc.credentials.createInsecure());
      clients.push(stream);
      const m = new grpc.Metadata();
      m.set('authorization', `Bearer ${TOKEN}`);
      (stream as any).StreamFills({ after_cursor: '0' }, m).on('error', resolve);
    });
    expect(fills.code).toBe(grpc.status.UNAVAILABLE);
    expect(fills.details).toContain('trading-a.example:50062');

    expect((await a.unary('PlaceOrder', limitBuy('active-1'))).value?.client_order_id).toBe('active-1');
    expect(venue.calls.placeOrder).toBe(1);
  });

  it('hands over at once on a graceful stop: the new active knows every client order id and continues the cursors', async () => {
    const a = await instance('a:1');
    await a.app.ready;
    const b = await instance('b:1');
    expect((await a.unary('PlaceOrder', limitBuy('keep-1'))).value?.order_id).toBeTruthy();
    venue.listener!.onFill(fill());
    venue.listener!.onFill(fill());
    await a.app.pipeline.flush();
    await a.app.stop();
    await b.app.ready;
    expect(await b.health()).toBe('SERVING');

    // A client retrying its order against the new active gets the known order: nothing is sent again.
    const retried = await b.unary('PlaceOrder', limitBuy('keep-1'));
    expect(retried.value?.client_order_id).toBe('keep-1');
    expect(venue.calls.placeOrder).toBe(1);
    // Cursors go on from the journal: never reused.
    const third = fill();
    venue.listener!.onFill(third);
    await b.app.pipeline.flush();
    expect((await b.app.journal.fillsAfter(0, 10)).map((f) => f.cursor)).toEqual([1, 2, 3]);
    expect(await b.app.journal.lastCursor()).toBe(3);
  });

  it('a deposed active stops at once: NOT_SERVING, refuses, tells its owner; the standby takes over and recovers fills from the watermark', async () => {
    const a = await instance('a:1');
    await a.app.ready;
    const b = await instance('b:1');
    venue.listener!.onFill(fill());
    await a.app.pipeline.flush();
    // A fill the venue makes while nobody is active: only REST history has it.
    const missed = fill({ timestampMs: Date.now() });
    venue.history = [missed];
    // The lease is taken from A behind its back (as after A was paused past its ttl).
    await queryOnce(cluster.url, "UPDATE cexgw.leases SET epoch = epoch + 1, holder = 'elsewhere', released = true WHERE journal = $1", [journalName]);
    await until('A to learn it was deposed', () => a.deposed.length > 0, 10_000);
    expect(await a.health()).toBe('NOT_SERVING');
    const refused = await a.unary('PlaceOrder', limitBuy('after-deposed'));
    expect(refused.error?.code).toBe(grpc.status.UNAVAILABLE);
    expect(venue.calls.placeOrder).toBe(0);

    // B takes the released lease and recovers from the journal's watermark.
    await b.app.ready;
    await until('B to recover the missed fill', async () => (await b.app.journal.fillsAfter(0, 10)).some((f) => f.fillId === missed.fillId), 10_000);
    expect((await b.app.journal.fillsAfter(0, 10)).map((f) => f.cursor)).toEqual([1, 2]);
    expect((await b.unary('PlaceOrder', limitBuy('on-b'))).value?.client_order_id).toBe('on-b');
  });

  it('fences sends: once the lease has run out, a venue call fails before it reaches the venue', async () => {
    const a = await instance('a:1');
    await a.app.ready;
    const lease = a.app.lease!;
    // Renewals stop (a paused process); the validity runs out on the local clock.
    (lease as unknown as { stopTimers(): void }).stopTimers();
    const fenced = fenceSends(venue, () => lease.assertHeld());
    await until(
      'the lease to run out',
      () => {
        try {
          lease.assertHeld();
          return false;
        } catch {
          return true;
        }
      },
      10_000,
    );
    const order = {
      symbol: { base: 'BTC', quote: 'USDT' },
      side: 'buy' as const,
      type: 'limit' as const,
      quantity: '0.01',
      price: '65000.1',
      quoteQuantity: '',
      timeInForce: 'gtc' as const,
      postOnly: false,
      clientOrderId: 'fenced-1',
    };
    expect(() => fenced.placeOrder(order)).toThrow(/does not hold/);
    expect(() => fenced.cancelOrder({ symbol: order.symbol, clientOrderId: 'fenced-1' })).toThrow(/does not hold/);
    expect(venue.calls.placeOrder + venue.calls.cancelOrder).toBe(0);
    await expect(fenced.getBalances()).resolves.toHaveLength(2); // reads stay open
    expect(a.deposed).toHaveLength(1);
  });
});
