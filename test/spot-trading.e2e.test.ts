import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, startTrading, tradingClient, type ServiceHandle, type SimHandle } from './support/processes.js';
import { sleep, until } from './support/wait.js';

// Spot trading end to end, as real processes, on both venues: the simulated venue (signatures
// verified, its own matching engine), the trading service with its fill journal, and gRPC
// clients. Money moves here, so every check compares with what the venue itself recorded.

type Client = ReturnType<typeof tradingClient>;

/** A short placement deadline so that the timeout test stays quick. */
const TRADING_ENV = { CEXGW_ORDER_TIMEOUT_MS: '800' };

function call<T>(client: Client, method: string, request: object): Promise<{ value?: T; error?: grpc.ServiceError }> {
  return new Promise((resolve) => {
    (client.trading as any)[method](request, client.metadata(), (error: grpc.ServiceError | null, value: T) => resolve(error ? { error } : { value }));
  });
}

async function ok<T>(client: Client, method: string, request: object): Promise<T> {
  const { value, error } = await call<T>(client, method, request);
  if (error) throw new Error(`${method}: ${error.code} ${error.details}`);
  return value!;
}

interface FillMessage {
  cursor: string;
  fill_id: string;
  order_id: string;
  client_order_id: string;
  price: string;
  quantity: string;
}

function followFills(client: Client, afterCursor = '') {
  const fills: FillMessage[] = [];
  const stream = (client.trading as any).StreamFills({ after_cursor: afterCursor }, client.metadata()) as grpc.ClientReadableStream<FillMessage>;
  stream.on('data', (fill: FillMessage) => fills.push(fill));
  stream.on('error', () => {});
  return { fills, stream };
}

// Gate.io spot runs twice: orders over signed REST (the default) and over its websocket API.
const VENUES = [
  { venue: 'mexc_spot', transport: 'rest', symbols: 'BTCUSDT,ETHUSDT', venueSymbol: 'BTCUSDT', symbol: { base: 'BTC', quote: 'USDT' } },
  { venue: 'gateio_spot', transport: 'rest', symbols: 'BTC_USDT,ETH_USDT', venueSymbol: 'BTC_USDT', symbol: { base: 'BTC', quote: 'USDT' } },
  { venue: 'gateio_spot', transport: 'ws', symbols: 'BTC_USDT,ETH_USDT', venueSymbol: 'BTC_USDT', symbol: { base: 'BTC', quote: 'USDT' } },
  { venue: 'binance_spot', transport: 'rest', symbols: 'BTCUSDT,ETHUSDT', venueSymbol: 'BTCUSDT', symbol: { base: 'BTC', quote: 'USDT' } },
] as const;

describe.each(VENUES)('spot trading on $venue, orders over $transport', ({ venue, transport, symbols, venueSymbol, symbol }) => {
  const tradingEnv = transport === 'ws' ? { ...TRADING_ENV, CEXGW_GATEIO_SPOT_ORDER_TRANSPORT: 'ws' } : TRADING_ENV;
  let sim: SimHandle;
  let service: ServiceHandle;
  let client: Client;
  let journalDir: string;
  let port: number;

  const restart = async () => {
    client.trading.close();
    client.diagnostics.close();
    service = await startTrading(venue, sim, journalDir, tradingEnv, port);
    client = tradingClient(service.address);
  };

  beforeAll(async () => {
    journalDir = mkdtempSync(join(tmpdir(), 'cexgw-journal-'));
    sim = await startSim(venue, ['--seed', '31', '--symbols', symbols, '--flow-rate', '0']);
    service = await startTrading(venue, sim, journalDir, tradingEnv);
    port = Number(service.address.split(':')[1]);
    client = tradingClient(service.address);
  });

  afterAll(async () => {
    client?.trading.close();
    client?.diagnostics.close();
    await service?.stop();
    await sim?.stop();
  });

  /** The best bid price: a sell sent into the book reaches our bid there once it improves on it. */
  async function bookTop(): Promise<{ bid: string; ask: string; tick: number; places: number }> {
    const book = await sim.control<{ bids: Array<[string, string]>; asks: Array<[string, string]> }>(`book?${venue === 'gateio_spot' ? 'currency_pair' : 'symbol'}=${venueSymbol}&depth=1`);
    // Binance prints 8 decimals whatever the tick ("64999.99000000"): the digits that count.
    const bid = book.bids[0]![0].replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
    const info = await ok<any>(client, 'GetBalances', {}); // also proves the service answers
    void info;
    const places = (bid.split('.')[1] ?? '').length;
    return { bid, ask: book.asks[0]![0], tick: 10 ** -places, places };
  }

  /** A price one tick better than the best bid when the spread allows: first in line for sells. */
  async function frontOfBook(): Promise<string> {
    const top = await bookTop();
    const improved = (Number(top.bid) + top.tick).toFixed(top.places);
    return Number(improved) < Number(top.ask) ? improved : top.bid;
  }

  /** A price well below the market: rests without filling. */
  async function belowMarket(): Promise<string> {
    const top = await bookTop();
    return (Number(top.bid) * 0.9).toFixed(top.places);
  }

  it('refuses calls without the gateway token', async () => {
    const anonymous = tradingClient(service.address, null);
    const { error } = await call(anonymous, 'GetBalances', {});
    expect(error?.code).toBe(grpc.status.UNAUTHENTICATED);
    anonymous.trading.close();
  });

  it('places a limit order idempotently, fills it partly, streams the fill and balances, cancels the rest', async () => {
    const before = await ok<any>(client, 'GetBalances', {});
    const usdtBefore = before.balances.find((b: any) => b.asset === 'USDT');
    const fills = followFills(client);
    const orderUpdates: any[] = [];
    const balanceUpdates: any[] = [];
    const updatesCall = (client.trading as any).StreamOrderUpdates({}, client.metadata()) as grpc.ClientReadableStream<any>;
    const balancesCall = (client.trading as any).StreamBalances({}, client.metadata()) as grpc.ClientReadableStream<any>;
    updatesCall.on('data', (u: any) => orderUpdates.push(u));
    balancesCall.on('data', (b: any) => balanceUpdates.push(b));
    updatesCall.on('error', () => {});
    balancesCall.on('error', () => {});
    // Headers mean subscribed: the order's updates and balance changes cannot pass us by.
    await Promise.all([updatesCall, balancesCall].map((call) => new Promise((resolve) => call.once('metadata', resolve))));
    const clientOrderId = `e2e${venue.replace('_', '')}1`;
    const request = { symbol, side: 'SIDE_BUY', type: 'ORDER_TYPE_LIMIT', quantity: '0.01', price: await frontOfBook(), client_order_id: clientOrderId };
    const first = await ok<any>(client, 'PlaceOrder', request);
    const again = await ok<any>(client, 'PlaceOrder', request); // a retry: never a second order
    expect(again.order_id).toBe(first.order_id);
    const open = await ok<any>(client, 'ListOpenOrders', { symbol });
    expect(open.orders.filter((o: any) => o.client_order_id === clientOrderId)).toHaveLength(1);

    await sim.control('cross', { symbol: venueSymbol, side: 'sell', quantity: '0.004' });
    await until('the fill on the stream', () => fills.fills.length >= 1);
    expect(fills.fills[0]).toMatchObject({ order_id: first.order_id, client_order_id: clientOrderId, quantity: '0.004' });
    expect(Number(fills.fills[0]!.price)).toBe(Number(request.price));
    const order = await ok<any>(client, 'GetOrder', { symbol, client_order_id: clientOrderId });
    expect(order.status).toBe('ORDER_STATUS_PARTIALLY_FILLED');
    expect(order.filled_quantity).toBe('0.004');

    await until('the partial fill on the order stream', () => orderUpdates.some((u) => u.order_id === first.order_id && u.status === 'ORDER_STATUS_PARTIALLY_FILLED'));
    await until('a balance change on the balance stream', () => balanceUpdates.some((u) => u.balances.some((b: any) => b.asset === 'BTC' || b.asset === 'USDT')));

    const cancelled = await ok<any>(client, 'CancelOrder', { symbol, order_id: first.order_id });
    expect(cancelled.status).toBe('ORDER_STATUS_CANCELLED');
    await until('the cancel on the order stream', () => orderUpdates.some((u) => u.order_id === first.order_id && u.status === 'ORDER_STATUS_CANCELLED'));
    updatesCall.cancel();
    balancesCall.cancel();
    const after = await ok<any>(client, 'GetBalances', {});
    const usdtAfter = after.balances.find((b: any) => b.asset === 'USDT');
    // Spent exactly price x filled quantity (+ fee in USDT if the venue charges it there); nothing left locked.
    expect(Number(usdtAfter.locked)).toBe(Number(usdtBefore.locked));
    expect(Number(usdtBefore.free) - Number(usdtAfter.free)).toBeGreaterThanOrEqual(Number(request.price) * 0.004 - 1e-9);
    fills.stream.cancel();
  });

  it('resumes a fill stream from its cursor without loss or duplicates, across a service restart', async () => {
    const price = await frontOfBook();
    const order = await ok<any>(client, 'PlaceOrder', { symbol, side: 'SIDE_BUY', type: 'ORDER_TYPE_LIMIT', quantity: '0.05', price, client_order_id: `e2e${venue.replace('_', '')}2` });
    const first = followFills(client);
    await sim.control('cross', { symbol: venueSymbol, side: 'sell', quantity: '0.005' });
    await until('first fill', () => first.fills.some((f) => f.order_id === order.order_id));
    const cursor = first.fills.at(-1)!.cursor;
    first.stream.cancel();

    // Fills while the client is away, and while the service itself is down.
    await sim.control('cross', { symbol: venueSymbol, side: 'sell', quantity: '0.006' });
    await sleep(300);
    await service.stop('SIGKILL');
    await sim.control('cross', { symbol: venueSymbol, side: 'sell', quantity: '0.007' });
    await restart();

    const resumed = followFills(client, cursor);
    const { fills: venueFills } = await sim.control<{ fills: any[] }>('fills?apiKey=' + encodeURIComponent(sim.apiKey));
    const expected = venueFills.filter((f: any) => String(f.orderId ?? f.order_id) === order.order_id).length;
    await until('every later fill', () => resumed.fills.filter((f) => f.order_id === order.order_id).length >= expected - 1, 20_000);
    await sleep(500);
    const ids = resumed.fills.map((f) => f.fill_id);
    expect(new Set(ids).size).toBe(ids.length); // none twice
    expect(
      resumed.fills
        .filter((f) => f.order_id === order.order_id)
        .map((f) => f.quantity)
        .sort(),
    ).toEqual(['0.006', '0.007']);
    resumed.stream.cancel();
    await ok(client, 'CancelOrder', { symbol, order_id: order.order_id });
  });

  it('resolves a placement that timed out by asking the venue, never by sending it again', async () => {
    const id = `e2e${venue.replace('_', '')}slow`;
    const request = { symbol, side: 'SIDE_BUY', type: 'ORDER_TYPE_LIMIT', quantity: '0.001', price: await belowMarket(), client_order_id: id };
    await sim.control('faults', { kind: 'latency', ms: 1_500 }); // longer than the service's order timeout below
    const slow = await call<any>(client, 'PlaceOrder', request);
    await sim.control('faults', { kind: 'clear' });
    // Past the deadline the outcome was unknown: the service either resolved it by asking the
    // venue within the call, or answered with an error; either way the client retries the same id.
    await sleep(1_800); // the slow request lands at the venue meanwhile
    const retried = await ok<any>(client, 'PlaceOrder', request);
    if (slow.value) expect(retried.order_id).toBe(slow.value.order_id);
    const account = await sim.control<any>(`account?apiKey=${encodeURIComponent(sim.apiKey)}`);
    const atVenue = JSON.stringify(account).split(id).length - 1;
    expect(atVenue, JSON.stringify(account).slice(0, 400)).toBe(1); // exactly one order under this id
    expect(retried.order_id).not.toBe('');
    await ok(client, 'CancelOrder', { symbol, client_order_id: id });
  });

  it.runIf(transport === 'ws')('resolves a placement whose websocket answer was lost at the venue, by client order id', async () => {
    const id = 'e2egatelostanswer';
    const request = { symbol, side: 'SIDE_BUY', type: 'ORDER_TYPE_LIMIT', quantity: '0.001', price: await belowMarket(), client_order_id: id };
    const before = await sim.control<{ counts: { answersDropped: number } }>('faults');
    await sim.control('faults', { kind: 'drop_answers', count: 1 }); // placed, its answer never sent
    const placed = await ok<any>(client, 'PlaceOrder', request);
    expect((await sim.control<{ counts: { answersDropped: number } }>('faults')).counts.answersDropped).toBe(before.counts.answersDropped + 1);
    expect(placed).toMatchObject({ client_order_id: id, status: 'ORDER_STATUS_OPEN' });
    expect((await ok<any>(client, 'PlaceOrder', request)).order_id).toBe(placed.order_id);
    const { orders } = await sim.control<{ orders: Array<{ clientOrderId: string | null }> }>(`orders?apiKey=${encodeURIComponent(sim.apiKey)}`);
    expect(orders.filter((o) => o.clientOrderId === `t-${id}`)).toHaveLength(1);
    await ok(client, 'CancelOrder', { symbol, client_order_id: id });
  });

  it('maps venue and gateway refusals to the right statuses', async () => {
    const precision = await call(client, 'PlaceOrder', {
      symbol,
      side: 'SIDE_BUY',
      type: 'ORDER_TYPE_LIMIT',
      quantity: '0.01',
      price: `${await belowMarket()}${(await bookTop()).places === 0 ? '.' : ''}00001`,
      client_order_id: 'e2eprecision',
    });
    expect(precision.error?.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(precision.error?.details).toMatch(/tick/i);

    const broke = await call(client, 'PlaceOrder', { symbol, side: 'SIDE_BUY', type: 'ORDER_TYPE_LIMIT', quantity: '10', price: await belowMarket(), client_order_id: 'e2ebroke' });
    expect(broke.error?.code).toBe(grpc.status.FAILED_PRECONDITION);
    expect(broke.error?.metadata.get('cexgw-venue-code')[0]).toBeTruthy();

    const unknown = await call(client, 'GetOrder', { symbol, order_id: '999999999' });
    expect(unknown.error?.code).toBe(grpc.status.NOT_FOUND);

    await sim.control('faults', { kind: 'http_error', status: 429, count: 10 });
    const limited = await call(client, 'GetBalances', {});
    await sim.control('faults', { kind: 'clear' });
    expect(limited.error?.code).toBe(grpc.status.RESOURCE_EXHAUSTED);

    await sim.control('faults', { kind: 'clock_skew', ms: 120_000 });
    const expired = await call(client, 'GetBalances', {});
    await sim.control('faults', { kind: 'clear' });
    if (venue !== 'gateio_spot') {
      // MEXC (700003) and Binance (-1021) name the cause: the adapter measures the venue's clock again and the call goes through.
      expect(expired.error).toBeUndefined();
    } else {
      expect(expired.error?.code).toBe(grpc.status.UNAUTHENTICATED);
      expect(expired.error?.metadata.get('cexgw-venue-code')[0]).toBeTruthy();
    }
  });

  it('reports a bad signature as UNAUTHENTICATED with the venue code', async () => {
    // A wrong secret: the venue refuses every signed request, so the service never becomes
    // ready, and it tells callers why rather than a bare "not ready".
    const badKey = await startTrading(venue, { ...sim, apiSecret: `${sim.apiSecret}x` }, mkdtempSync(join(tmpdir(), 'cexgw-badkey-')), tradingEnv, undefined, false);
    const bad = tradingClient(badKey.address);
    try {
      let error: grpc.ServiceError | undefined;
      await until(
        'the venue refusal',
        () => {
          void call(bad, 'GetBalances', {}).then((r) => (error = r.error));
          return error?.code === grpc.status.UNAUTHENTICATED;
        },
        15_000,
      );
      expect(error!.metadata.get('cexgw-venue-code')[0]).toMatch(/700002|INVALID_SIGNATURE|602|-1022/);
    } finally {
      bad.trading.close();
      await badKey.stop();
    }
  });
});
