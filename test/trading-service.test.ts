import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GatewayError, silentLogger, type OrderState } from '@cexgw/adapters';
import { loadCexgw, loadPackageDefinition } from '@cexgw/grpc';
import { startTradingApp, type TradingApp } from '../services/trading/src/app.js';
import { loadConfig } from '../services/trading/src/config.js';
import { SqliteJournal } from '../services/trading/src/journal/sqlite-journal.js';
import { BTC, ETH, fill, ScriptedPrivateExchange, scriptedVenueModule, stateFor } from './support/scripted-private-exchange.js';

// The Trading service in-process over real gRPC on loopback, on a scripted venue double:
// readiness, the RPCs and their statuses, the fill stream (live, replay, restart, recovery,
// slow client), order and balance streams, the kill switch, graceful stop.

const TOKEN = 'tok-service-test-0123456789';
const v1 = loadCexgw();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let dir: string;
let venue: ScriptedPrivateExchange;
let app: TradingApp | undefined;
let client: InstanceType<typeof v1.Trading>;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cexgw-trading-'));
  venue = new ScriptedPrivateExchange();
});
afterEach(async () => {
  client?.close();
  await app?.stop();
  app = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function start(env: Record<string, string> = {}, waitReady = true): Promise<TradingApp> {
  const config = loadConfig(
    {
      CEXGW_VENUE: 'test_venue',
      CEXGW_TEST_VENUE_API_KEY: 'test-api-key-0000000000',
      CEXGW_TEST_VENUE_API_SECRET: 'test-api-secret-000000000',
      CEXGW_CLIENT_TOKENS: TOKEN,
      CEXGW_GRPC_ADDRESS: '127.0.0.1:0',
      CEXGW_JOURNAL_PATH: join(dir, 'journal.sqlite'),
      CEXGW_FILL_RECOVERY_INTERVAL_MS: '0',
      CEXGW_ORDER_TIMEOUT_MS: '200',
      CEXGW_STREAM_QUEUE: '16',
      CEXGW_KILL_SWITCH_POLL_MS: '50',
      CEXGW_SHUTDOWN_GRACE_MS: '2000',
      ...env,
    },
    [],
    undefined,
    scriptedVenueModule,
  );
  app = await startTradingApp({ config, exchange: venue, logger: silentLogger });
  if (waitReady) await app.ready;
  client = new v1.Trading(`127.0.0.1:${app.port}`, grpc.credentials.createInsecure());
  return app;
}

function auth(): grpc.Metadata {
  const metadata = new grpc.Metadata();
  metadata.set('authorization', `Bearer ${TOKEN}`);
  return metadata;
}

function unary<T = any>(method: string, request: object): Promise<{ value?: T; error?: grpc.ServiceError }> {
  return new Promise((resolve) => {
    (client as any)[method](request, auth(), (error: grpc.ServiceError | null, value: T) => resolve(error ? { error } : { value }));
  });
}

const limitBuy = (clientOrderId: string, extra: object = {}) => ({
  symbol: { base: 'BTC', quote: 'USDT' },
  side: 'SIDE_BUY',
  type: 'ORDER_TYPE_LIMIT',
  quantity: '0.01',
  price: '65000.1',
  client_order_id: clientOrderId,
  ...extra,
});

/** Collects a server stream's messages; `pause` stops reading (a slow client). */
function collect(method: string, request: object) {
  const messages: any[] = [];
  const stream = (client as any)[method](request, auth()) as grpc.ClientReadableStream<any>;
  const headers = new Promise<{ messagesBefore: number }>((resolve) => stream.once('metadata', () => resolve({ messagesBefore: messages.length })));
  const done = new Promise<grpc.ServiceError | undefined>((resolve) => {
    stream.on('data', (m) => messages.push(m));
    stream.on('error', (error: grpc.ServiceError) => resolve(error));
    stream.on('end', () => resolve(undefined));
  });
  return { messages, stream, headers, done };
}

async function until(condition: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(5);
  }
}

function healthStatus(port: number): Promise<string | undefined> {
  const loaded = grpc.loadPackageDefinition(loadPackageDefinition()) as any;
  const health = new loaded.grpc.health.v1.Health(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  return new Promise((resolve) =>
    health.Check({ service: 'cexgw.v1.Trading' }, (error: Error | null, response: { status: string }) => {
      health.close();
      resolve(error ? undefined : response.status);
    }),
  );
}

describe('Trading service', () => {
  it('is NOT_SERVING until the venue adapter starts, retrying; calls meanwhile get UNAVAILABLE', async () => {
    venue.startError = new Error('connect ECONNREFUSED');
    const trading = await start({}, false);
    expect(await healthStatus(trading.port)).toBe('NOT_SERVING');
    const early = await unary('PlaceOrder', limitBuy('early-1'));
    expect(early.error?.code).toBe(grpc.status.UNAVAILABLE);
    expect(early.error?.details).toContain('not ready yet');
    venue.startError = undefined;
    await trading.ready;
    expect(venue.calls.start).toBeGreaterThanOrEqual(2);
    expect(await healthStatus(trading.port)).toBe('SERVING');
    expect(venue.calls.placeOrder).toBe(0);
  });

  it('places, repeats, reads, lists and cancels orders', async () => {
    await start();
    const placed = await unary('PlaceOrder', limitBuy('svc-1'));
    expect(placed.value).toMatchObject({
      client_order_id: 'svc-1',
      symbol: { base: 'BTC', quote: 'USDT' },
      side: 'SIDE_BUY',
      type: 'ORDER_TYPE_LIMIT',
      time_in_force: 'TIME_IN_FORCE_GTC',
      status: 'ORDER_STATUS_OPEN',
      price: '65000.1',
      quantity: '0.01',
    });
    expect((await unary('PlaceOrder', limitBuy('svc-1'))).value.order_id).toBe(placed.value.order_id);
    expect(venue.calls.placeOrder).toBe(1);
    expect((await unary('GetOrder', { symbol: BTC, client_order_id: 'svc-1' })).value.order_id).toBe(placed.value.order_id);
    expect((await unary('ListOpenOrders', {})).value.orders).toHaveLength(1);
    expect((await unary('ListOpenOrders', { symbol: ETH })).value.orders).toHaveLength(0);
    expect((await unary('CancelOrder', { symbol: BTC, order_id: placed.value.order_id })).value.status).toBe('ORDER_STATUS_CANCELLED');
    const generated = await unary('PlaceOrder', limitBuy(''));
    expect(generated.value.client_order_id).toMatch(/^gw-/);
  });

  it("maps refusals to clear statuses, with the venue's code in the trailers", async () => {
    await start();
    const tick = await unary('PlaceOrder', limitBuy('bad-1', { price: '65000.123' }));
    expect(tick.error?.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(tick.error?.details).toBe("price_tick: price 65000.123 is not a multiple of BTC/USDT's price tick 0.01");
    expect(tick.error?.metadata.get('cexgw-error-class')).toEqual(['invalid_argument']);
    const unknown = await unary('PlaceOrder', limitBuy('bad-2', { symbol: { base: 'NOPE', quote: 'USDT' } }));
    expect(unknown.error?.code).toBe(grpc.status.NOT_FOUND);
    expect((await unary('GetOrder', { symbol: BTC })).error?.details).toBe("give order_id (the venue's id) or client_order_id (yours)");
    expect((await unary('GetOrder', { symbol: BTC, client_order_id: 'nope-1' })).error?.code).toBe(grpc.status.NOT_FOUND);
    venue.place = async () => {
      throw new GatewayError('insufficient_balance', 'test_venue: balance not enough', { venue: 'test_venue', venueCode: 'BALANCE_NOT_ENOUGH', venueMessage: 'Not enough balance' });
    };
    const poor = await unary('PlaceOrder', limitBuy('poor-1'));
    expect(poor.error?.code).toBe(grpc.status.FAILED_PRECONDITION);
    expect(poor.error?.metadata.get('cexgw-venue-code')).toEqual(['BALANCE_NOT_ENOUGH']);
    expect(poor.error?.metadata.get('cexgw-venue')).toEqual(['test_venue']);
    expect(venue.calls.placeOrder).toBe(1);
  });

  it('answers GetBalances with the assets of non-zero total only', async () => {
    await start();
    venue.balances = [
      { asset: 'USDT', free: '10.5', locked: '0' },
      { asset: 'BTC', free: '0', locked: '0.000' },
      { asset: 'ETH', free: '0', locked: '1' },
    ];
    expect((await unary('GetBalances', {})).value.balances.map((b: { asset: string }) => b.asset)).toEqual(['USDT', 'ETH']);
  });
});

describe('StreamFills', () => {
  it('streams each fill once, then replays after a cursor, also after a restart', async () => {
    await start();
    const live = collect('StreamFills', { after_cursor: '' });
    await live.headers; // subscribed: "" means new fills only
    const a = fill();
    const b = fill();
    venue.listener!.onFill(a);
    venue.listener!.onFill(a); // the venue repeats itself
    venue.listener!.onFill(b);
    await until(() => live.messages.length >= 2);
    await sleep(20);
    expect(live.messages.map((m) => [m.cursor, m.fill_id])).toEqual([
      ['1', a.fillId],
      ['2', b.fillId],
    ]);
    expect(live.messages[0]).toMatchObject({ symbol: { base: 'BTC', quote: 'USDT' }, side: 'SIDE_BUY', price: '65000.1', quantity: '0.001', fee: '0.013', fee_asset: 'USDT', is_maker: false });
    live.stream.cancel();

    // Restart the service on the same journal: cursors survive.
    client.close();
    await app!.stop();
    venue = new ScriptedPrivateExchange();
    await start();
    const replay = collect('StreamFills', { after_cursor: '1' });
    await until(() => replay.messages.length >= 1);
    const c = fill();
    venue.listener!.onFill(b); // already journaled before the restart
    venue.listener!.onFill(c);
    await until(() => replay.messages.length >= 2);
    await sleep(20);
    expect(replay.messages.map((m) => [m.cursor, m.fill_id])).toEqual([
      ['2', b.fillId],
      ['3', c.fillId],
    ]);
    replay.stream.cancel();
    const bad = collect('StreamFills', { after_cursor: 'abc' });
    expect((await bad.done)?.code).toBe(grpc.status.INVALID_ARGUMENT);
    const ahead = collect('StreamFills', { after_cursor: '42' });
    expect((await ahead.done)?.code).toBe(grpc.status.OUT_OF_RANGE);
  });

  it('recovers fills missed while the private stream was down, without doubling the ones it saw', async () => {
    await start();
    // An order is journaled, so its symbol is recovered.
    await unary('PlaceOrder', limitBuy('rec-1'));
    const live = collect('StreamFills', { after_cursor: '' });
    await live.headers; // subscribed: "" means new fills only
    const seen = fill({ timestampMs: Date.now() - 1_000 });
    venue.listener!.onFill(seen);
    await until(() => live.messages.length === 1);
    venue.listener!.onStreamState(false, 'socket closed');
    const missed = [fill({ timestampMs: Date.now() }), fill({ timestampMs: Date.now() + 1 })];
    venue.history = [seen, ...missed];
    venue.listener!.onStreamState(true, 'reconnected');
    await until(() => live.messages.length === 3);
    await sleep(30);
    expect(live.messages.map((m) => m.fill_id)).toEqual([seen.fillId, ...missed.map((f) => f.fillId)]);
    expect(live.messages.map((m) => m.cursor)).toEqual(['1', '2', '3']);
    // It asked, for the journaled symbol, from its last completed recovery (at start) minus the
    // margin: a window that covers the gap, and not the whole history.
    const last = venue.fillsSinceArgs.at(-1)!;
    expect(last.symbols).toEqual(['BTC/USDT']);
    expect(last.sinceMs).toBeLessThanOrEqual(missed[0]!.timestampMs - 60_000);
    expect(last.sinceMs).toBeGreaterThan(Date.now() - 120_000);
    live.stream.cancel();
  });

  it('ends a slow client with RESOURCE_EXHAUSTED; resuming from its cursor loses nothing', async () => {
    await start();
    const slow = collect('StreamFills', { after_cursor: '' });
    await slow.headers; // subscribed: "" means new fills only
    slow.stream.pause();
    const total = 3_000;
    for (let i = 0; i < total; i++) venue.listener!.onFill(fill({ clientOrderId: 'x'.repeat(32), orderId: 'y'.repeat(40) }));
    await app!.pipeline.flush();
    slow.stream.resume();
    const error = await slow.done;
    expect(error?.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    expect(error?.details).toContain('Nothing is lost: reconnect with after_cursor set to the last cursor you processed');
    const got = slow.messages.map((m) => Number(m.cursor));
    expect(got.length).toBeLessThan(total);
    const resumed = collect('StreamFills', { after_cursor: String(got.at(-1)) });
    await until(() => got.length + resumed.messages.length >= total, 10_000);
    const all = [...got, ...resumed.messages.map((m) => Number(m.cursor))];
    expect(all).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    resumed.stream.cancel();
  });
});

describe('order and balance streams', () => {
  it('streams order updates (optionally of some symbols) and balance changes', async () => {
    await start();
    const all = collect('StreamOrderUpdates', {});
    const ethOnly = collect('StreamOrderUpdates', { symbols: [ETH] });
    const balances = collect('StreamBalances', {});
    // The headers come once each subscription is in place, before any message: an event after
    // them reaches the stream (no sleep, no peeking at the server's counters).
    for (const s of [all, ethOnly, balances]) expect(await s.headers).toEqual({ messagesBefore: 0 });
    const request = { symbol: BTC, side: 'buy' as const, type: 'limit' as const, quantity: '1', price: '1', quoteQuantity: '', timeInForce: 'gtc' as const, postOnly: false, clientOrderId: 'u-1' };
    venue.listener!.onOrder(stateFor(request, '9', 'partially_filled'));
    venue.listener!.onOrder(stateFor({ ...request, symbol: ETH, clientOrderId: 'u-2' }, '10', 'open'));
    venue.listener!.onBalances([{ asset: 'USDT', free: '5', locked: '1' }], 1234);
    await until(() => all.messages.length === 2 && ethOnly.messages.length === 1 && balances.messages.length === 1);
    expect(all.messages[0]).toMatchObject({ order_id: '9', status: 'ORDER_STATUS_PARTIALLY_FILLED' });
    expect(ethOnly.messages[0]).toMatchObject({ order_id: '10', symbol: { base: 'ETH', quote: 'USDT' } });
    expect(balances.messages[0]).toEqual({ balances: [{ asset: 'USDT', free: '5', locked: '1' }], timestamp_ms: '1234' });
    for (const s of [all, ethOnly, balances]) s.stream.cancel();
  });
});

describe('kill switch', () => {
  it('cancels every open order when its file appears, refuses new orders, and resumes when it is removed', async () => {
    const file = join(dir, 'test_venue.kill');
    await start({ CEXGW_KILL_SWITCH_FILE: file });
    await unary('PlaceOrder', limitBuy('ks-1'));
    await unary('PlaceOrder', limitBuy('ks-2', { price: '65000.2' }));
    writeFileSync(file, '');
    await until(() => [...venue.book.values()].every((o: OrderState) => o.status === 'cancelled'));
    expect(venue.calls.cancelOrder).toBe(2);
    const refused = await unary('PlaceOrder', limitBuy('ks-3'));
    expect(refused.error?.code).toBe(grpc.status.PERMISSION_DENIED);
    expect(refused.error?.details).toContain(`kill switch engaged`);
    expect(refused.error?.details).toContain(`the file ${file} exists (remove it to release)`);
    unlinkSync(file);
    await until(() => !app!.killSwitch.engaged);
    expect((await unary('PlaceOrder', limitBuy('ks-3'))).value.status).toBe('ORDER_STATUS_OPEN');
  });

  it('is engaged from start by CEXGW_KILL_SWITCH', async () => {
    venue.accept({ symbol: BTC, side: 'sell', type: 'limit', quantity: '1', price: '70000', quoteQuantity: '', timeInForce: 'gtc', postOnly: false, clientOrderId: 'before' });
    await start({ CEXGW_KILL_SWITCH: '1' });
    await until(() => venue.book.get('before')!.status === 'cancelled');
    expect((await unary('PlaceOrder', limitBuy('ks-env'))).error?.code).toBe(grpc.status.PERMISSION_DENIED);
  });
});

describe('graceful stop', () => {
  it('finishes an in-flight PlaceOrder, ends streams with UNAVAILABLE, closes the journal', async () => {
    let release!: () => void;
    venue.place = (request, v) => new Promise((resolve) => (release = () => resolve(v.accept(request))));
    await start({ CEXGW_ORDER_TIMEOUT_MS: '5000' });
    const fills = collect('StreamFills', { after_cursor: '' });
    await fills.headers; // subscribed: "" means new fills only
    const placing = unary('PlaceOrder', limitBuy('stop-1'));
    await until(() => venue.calls.placeOrder === 1);
    const stopping = app!.stop();
    await sleep(50);
    release();
    expect((await placing).value?.status).toBe('ORDER_STATUS_OPEN');
    expect((await fills.done)?.code).toBe(grpc.status.UNAVAILABLE);
    await stopping;
    app = undefined;
    const journal = new SqliteJournal({ path: join(dir, 'journal.sqlite') });
    expect(journal.recoveredFromUncleanStop).toBe(false); // closed cleanly
    expect(await journal.getOrder('stop-1')).toMatchObject({ status: 'acknowledged' });
    await journal.close();
  });
});
