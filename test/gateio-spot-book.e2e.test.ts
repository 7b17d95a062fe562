import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as grpc from '@grpc/grpc-js';
import { BookReplica, normLevels, type StreamedUpdate } from './support/book-replica.js';
import { expectIdCovered, until, type SimBook } from './support/wait.js';
import { marketDataClient, startGateioSpotSim, startMarketData, type ServiceHandle, type SimHandle } from './support/processes.js';

// End to end, as real processes: the simulated venue, the market-data service, and a gRPC client
// that rebuilds the book from StreamOrderBook and compares it with the simulator's own book,
// across a forced sequence gap and a dropped venue socket.

const BTC = { base: 'BTC', quote: 'USDT' };

function follow(client: ReturnType<typeof marketDataClient>, request: object) {
  const replica = new BookReplica();
  const call = client.marketData.StreamOrderBook(request) as grpc.ClientReadableStream<StreamedUpdate>;
  let lastMessageAt = Date.now();
  call.on('data', (update: StreamedUpdate) => {
    replica.apply(update);
    lastMessageAt = Date.now();
  });
  call.on('error', () => {});
  return { replica, call, quietFor: () => Date.now() - lastMessageAt };
}

/**
 * Pauses the venue's flow, waits for the stream to go quiet, and compares both books: the whole
 * book, or the top `depth` levels of a depth-limited channel (whose update id may trail the
 * venue's, by changes below its depth).
 */
async function expectBooksEqual(sim: SimHandle, stream: ReturnType<typeof follow>, depth: number, topOnly: boolean): Promise<void> {
  await sim.control('flow', { paused: true });
  const venue = await sim.control<SimBook>(`book?currency_pair=BTC_USDT&depth=${depth}`);
  // A full-depth stream must reach the venue's update id; a loaded machine may take longer than
  // any fixed quiet time to deliver the last deltas.
  await until('stream caught up', () => stream.quietFor() > 400 && (topOnly || BigInt(stream.replica.lastUpdateId) >= BigInt(venue.u)));
  expect(stream.replica.violations).toEqual([]);
  expectIdCovered(stream.replica.lastUpdateId, venue.u, topOnly);
  expect(stream.replica.levels('bids')).toEqual(normLevels(venue.bids));
  expect(stream.replica.levels('asks')).toEqual(normLevels(venue.asks));
  await sim.control('flow', { paused: false });
}

describe.each<{ channel: string; env: Record<string, string>; depth: number; topOnly: boolean }>([
  { channel: 'obu', env: {}, depth: 50, topOnly: true },
  // 100 ms maintains 100 levels: the whole of this simulated book.
  { channel: 'order_book_update', env: { CEXGW_GATEIO_SPOT_BOOK_CHANNEL: 'order_book_update' }, depth: 1000, topOnly: false },
  // 20 ms maintains 20 levels: the stream must hold exactly the venue's top 20, nothing staler below.
  { channel: 'order_book_update 20ms', env: { CEXGW_GATEIO_SPOT_BOOK_CHANNEL: 'order_book_update', CEXGW_GATEIO_SPOT_LEGACY_INTERVAL: '20ms' }, depth: 20, topOnly: true },
])('Gate.io spot book over gRPC ($channel)', ({ env, depth, topOnly }) => {
  let sim: SimHandle;
  let service: ServiceHandle;
  let client: ReturnType<typeof marketDataClient>;

  beforeAll(async () => {
    sim = await startGateioSpotSim(['--seed', '7', '--symbols', 'BTC_USDT,ETH_USDT', '--flow-rate', '200']);
    service = await startMarketData('gateio_spot', { CEXGW_GATEIO_SPOT_REST_URL: sim.restBaseUrl, CEXGW_GATEIO_SPOT_WS_URL: sim.wsUrl, ...env });
    client = marketDataClient(service.address);
  });

  afterAll(async () => {
    client?.marketData.close();
    client?.diagnostics.close();
    await service?.stop();
    await sim?.stop();
  });

  it('rebuilds the venue book exactly, across a sequence gap and a dropped socket', async () => {
    const stream = follow(client, { symbol: BTC });
    await until('deltas flowing', () => stream.replica.deltas > 20);
    await expectBooksEqual(sim, stream, depth, topOnly);

    const resetsBeforeGap = stream.replica.resets;
    await sim.control('faults', { kind: 'skip_sequence' });
    await until('reset snapshot after the gap', () => stream.replica.resets > resetsBeforeGap);
    await until('deltas after the gap', () => stream.replica.deltas > 60);
    await expectBooksEqual(sim, stream, depth, topOnly);

    const resetsBeforeDrop = stream.replica.resets;
    await sim.control('faults', { kind: 'drop_sockets' });
    await until('reset snapshot after reconnect', () => stream.replica.resets > resetsBeforeDrop);
    const deltasAfterDrop = stream.replica.deltas;
    await until('deltas after reconnect', () => stream.replica.deltas > deltasAfterDrop + 20);
    await expectBooksEqual(sim, stream, depth, topOnly);
    stream.call.cancel();

    const metrics = await new Promise<any>((resolve, reject) => client.diagnostics.GetMetrics({}, (e: Error | null, m: unknown) => (e ? reject(e) : resolve(m))));
    expect(Number(metrics.book_resyncs)).toBeGreaterThanOrEqual(2);
    expect(Number(metrics.ws_connections_established)).toBeGreaterThanOrEqual(2);
  });
});
