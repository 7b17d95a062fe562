import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BookReplica, normLevels, type StreamedUpdate } from './support/book-replica.js';
import { expectIdCovered, until, untilRead, type SimBook } from './support/wait.js';
import { marketDataClient, startGateioSpotSim, startMarketData, type ServiceHandle, type SimHandle } from './support/processes.js';

// The market-data service's contract beyond the happy path: unary answers equal the venue's,
// bad requests get clear statuses, venue failures are classified and retried where safe, many
// clients share one venue subscription, and a slow client is resynchronised, not buffered.

const BTC = { base: 'BTC', quote: 'USDT' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Client = ReturnType<typeof marketDataClient>;

function unary<T>(client: Client, method: string, request: object): Promise<{ value?: T; error?: grpc.ServiceError }> {
  return new Promise((resolve) => {
    (client.marketData as any)[method](request, (error: grpc.ServiceError | null, value: T) => resolve(error ? { error } : { value }));
  });
}

function streamError(client: Client, method: string, request: object): Promise<grpc.ServiceError> {
  return new Promise((resolve, reject) => {
    const call = (client.marketData as any)[method](request) as grpc.ClientReadableStream<unknown>;
    call.on('data', () => reject(new Error(`${method} streamed data for a bad request`)));
    call.on('error', resolve);
  });
}

describe('market-data service behaviour (gateio_spot)', () => {
  let sim: SimHandle;
  let service: ServiceHandle;
  let client: Client;

  beforeAll(async () => {
    sim = await startGateioSpotSim(['--seed', '5', '--symbols', 'BTC_USDT,ETH_USDT', '--flow-rate', '100']);
    service = await startMarketData('gateio_spot', {
      CEXGW_GATEIO_SPOT_REST_URL: sim.restBaseUrl,
      CEXGW_GATEIO_SPOT_WS_URL: sim.wsUrl,
      CEXGW_STREAM_QUEUE: '16',
    });
    client = marketDataClient(service.address);
  });

  afterAll(async () => {
    client?.marketData.close();
    client?.diagnostics.close();
    await service?.stop();
    await sim?.stop();
  });

  it('answers unary calls with the venue values', async () => {
    const symbols = await unary<any>(client, 'ListSymbols', { quote: 'usdt' });
    const btc = symbols.value!.symbols.find((s: any) => s.venue_symbol === 'BTC_USDT');
    const pairs = (await (await fetch(`${sim.restBaseUrl}/spot/currency_pairs`)).json()) as any[];
    const wire = pairs.find((p: any) => p.id === 'BTC_USDT');
    expect(btc).toMatchObject({ symbol: BTC, status: 'SYMBOL_STATUS_TRADING', price_precision: wire.precision, quantity_precision: wire.amount_precision });
    expect(Number(btc.min_quantity)).toBe(Number(wire.min_base_amount));

    await sim.control('flow', { paused: true });
    // The last pushes before the pause may still be on their way to the service.
    const [book, venue] = await untilRead(
      "the service's book at the paused venue's update id",
      async () => [await unary<any>(client, 'GetOrderBook', { symbol: { base: 'btc', quote: 'usdt' }, depth: 20 }), await sim.control<SimBook>('book?currency_pair=BTC_USDT&depth=20')] as const,
      ([ours, theirs]) => ours.value?.venue_update_id === String(theirs.u),
    );
    expect(book.value!.venue_update_id).toBe(String(venue.u));
    expect(book.value!.bids.map((l: any) => [l.price, l.quantity])).toEqual(normLevels(venue.bids));
    expect(book.value!.asks.map((l: any) => [l.price, l.quantity])).toEqual(normLevels(venue.asks));

    const ticker = await unary<any>(client, 'GetTicker', { symbol: BTC });
    expect(ticker.value!.best_bid).toBe(normLevels(venue.bids)[0]![0]);
    expect(ticker.value!.best_ask).toBe(normLevels(venue.asks)[0]![0]);
    const trades = await unary<any>(client, 'GetRecentTrades', { symbol: BTC, limit: 5 });
    expect(trades.value!.trades.length).toBeGreaterThan(0);
    expect(trades.value!.trades[0]).toMatchObject({ symbol: BTC });
    await sim.control('flow', { paused: false });
  });

  it('refuses bad requests with clear statuses', async () => {
    const unknown = await unary(client, 'GetOrderBook', { symbol: { base: 'NOPE', quote: 'USDT' } });
    expect(unknown.error?.code).toBe(grpc.status.NOT_FOUND);
    expect(unknown.error?.details).toContain('does not list NOPE/USDT');

    const missing = await unary(client, 'GetTicker', {});
    expect(missing.error?.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(missing.error?.details).toContain('symbol is required');

    const garbage = await unary(client, 'GetTicker', { symbol: { base: 'BTC$', quote: 'USDT' } });
    expect(garbage.error?.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(garbage.error?.details).toContain('not an asset code');

    const deep = await unary(client, 'GetOrderBook', { symbol: BTC, depth: 5000 });
    expect(deep.error?.code).toBe(grpc.status.INVALID_ARGUMENT);

    const streamDepth = await streamError(client, 'StreamOrderBook', { symbol: BTC, depth: 400 });
    expect(streamDepth.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(streamDepth.details).toContain('deeper than');

    const streamUnknown = await streamError(client, 'StreamTrades', { symbols: [{ base: 'BTC', quote: 'XYZ' }] });
    expect(streamUnknown.code).toBe(grpc.status.NOT_FOUND);
    const noSymbols = await streamError(client, 'StreamTickers', { symbols: [] });
    expect(noSymbols.code).toBe(grpc.status.INVALID_ARGUMENT);
  });

  it('retries venue 5xx for reads and reports a persistent rate limit with the venue code', async () => {
    await sim.control('faults', { kind: 'http_error', status: 503, count: 2 });
    const healed = await unary<any>(client, 'GetTicker', { symbol: BTC });
    expect(healed.error).toBeUndefined();

    await sim.control('faults', { kind: 'http_error', status: 429, count: 20 });
    const limited = await unary(client, 'GetTicker', { symbol: BTC });
    await sim.control('faults', { kind: 'clear' });
    expect(limited.error?.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    expect(limited.error?.metadata.get('cexgw-venue-code')).toEqual(['TOO_MANY_REQUESTS']);
    expect(limited.error?.metadata.get('cexgw-error-class')).toEqual(['rate_limited']);
  });

  it('shares one venue subscription between clients of one symbol', async () => {
    const before = await sim.control<any>('stats');
    const calls = [1, 2, 3].map(() => {
      const replica = new BookReplica();
      const call = client.marketData.StreamOrderBook({ symbol: { base: 'ETH', quote: 'USDT' } }) as grpc.ClientReadableStream<StreamedUpdate>;
      call.on('data', (u: StreamedUpdate) => replica.apply(u));
      call.on('error', () => {});
      return { call, replica };
    });
    await until("every client's snapshot", () => calls.every(({ replica }) => replica.resets >= 1));
    const after = await sim.control<any>('stats');
    // One subscribe frame reached the venue for three gRPC streams.
    expect(after.ws.messagesReceived - before.ws.messagesReceived).toBe(1);
    for (const { replica } of calls) {
      expect(replica.resets).toBe(1);
      expect(replica.violations).toEqual([]);
    }
    for (const { call } of calls) call.cancel();
  });

  it('resynchronises a slow client with a reset snapshot instead of buffering without bound', async () => {
    const replica = new BookReplica();
    const call = client.marketData.StreamOrderBook({ symbol: BTC }) as grpc.ClientReadableStream<StreamedUpdate>;
    call.on('data', (u: StreamedUpdate) => replica.apply(u));
    call.on('error', () => {});
    await sleep(300);
    await sim.control('flow', { ratePerSec: 3000 });
    call.pause(); // stop reading: HTTP/2 flow control backs up into the server's bounded queue
    await sleep(4_000);
    call.resume();
    await sleep(1_000);
    await sim.control('flow', { ratePerSec: 100, paused: true });
    // The backlog drains at the client's pace: wait for its replica to reach the paused venue.
    const venue = await untilRead(
      "the slow client's replica at the paused venue's top 50",
      () => sim.control<SimBook>('book?currency_pair=BTC_USDT&depth=50'),
      (theirs) => BigInt(replica.lastUpdateId) <= BigInt(theirs.u) && JSON.stringify(replica.levels('bids')) === JSON.stringify(normLevels(theirs.bids)),
    );
    expect(replica.violations).toEqual([]);
    expect(replica.resets).toBeGreaterThanOrEqual(2);
    expectIdCovered(replica.lastUpdateId, venue.u, true); // obu: top 50 only
    expect(replica.levels('bids')).toEqual(normLevels(venue.bids));
    const metrics = await new Promise<any>((resolve, reject) => client.diagnostics.GetMetrics({}, (e: Error | null, m: unknown) => (e ? reject(e) : resolve(m))));
    const stream = metrics.streams.find((s: any) => s.stream === 'orderbook:BTC/USDT');
    expect(Number(stream.slow_consumer_events)).toBeGreaterThanOrEqual(1);
    call.cancel();
    await sim.control('flow', { paused: false });
  });
});
