import type * as grpc from '@grpc/grpc-js';
import { expect } from 'vitest';
import { BookReplica, normLevels, type StreamedUpdate } from './book-replica.js';
import type { marketDataClient, SimHandle } from './processes.js';
import { until, type SimBook } from './wait.js';

/** The simulator faults a depth stream must survive: an update-id gap, a dropped socket, a close with code 1005. */
const BOOK_FAULTS = ['skip_sequence', 'drop_sockets', 'close_sockets'] as const;

/**
 * Streams one book over gRPC while the simulator injects each fault, and checks after each (flow
 * paused, stream quiet) that the book rebuilt from the stream equals the venue's own to the last
 * level and update id; then that the service counted a resync and a connection per fault.
 */
export async function expectBookAcrossFaults(sim: SimHandle, client: ReturnType<typeof marketDataClient>, symbol: { base: string; quote: string }, venueSymbol: string): Promise<void> {
  const replica = new BookReplica();
  let lastMessageAt = Date.now();
  const call = client.marketData.StreamOrderBook({ symbol }) as grpc.ClientReadableStream<StreamedUpdate>;
  call.on('data', (update: StreamedUpdate) => {
    replica.apply(update);
    lastMessageAt = Date.now();
  });
  call.on('error', () => {});

  const expectEqual = async () => {
    await sim.control('flow', { paused: true });
    await until('stream quiet', () => Date.now() - lastMessageAt > 500);
    const venue = await sim.control<SimBook>(`book?symbol=${venueSymbol}&depth=5000`);
    expect(replica.violations).toEqual([]);
    expect(replica.lastUpdateId).toBe(String(venue.u));
    expect(replica.levels('bids')).toEqual(normLevels(venue.bids));
    expect(replica.levels('asks')).toEqual(normLevels(venue.asks));
    await sim.control('flow', { paused: false });
  };

  await until('deltas flowing', () => replica.deltas > 10);
  await expectEqual();
  for (const fault of BOOK_FAULTS) {
    const resets = replica.resets;
    await sim.control('faults', { kind: fault });
    await until(`reset snapshot after ${fault}`, () => replica.resets > resets);
    const deltas = replica.deltas;
    await until(`deltas after ${fault}`, () => replica.deltas > deltas + 5);
    await expectEqual();
  }
  call.cancel();

  const metrics = await new Promise<any>((resolve, reject) => client.diagnostics.GetMetrics({}, (e: Error | null, m: unknown) => (e ? reject(e) : resolve(m))));
  expect(Number(metrics.book_resyncs)).toBeGreaterThanOrEqual(BOOK_FAULTS.length);
  expect(Number(metrics.ws_connections_established)).toBeGreaterThanOrEqual(BOOK_FAULTS.length);
  expect(Number(metrics.ws_messages_malformed)).toBe(0);
}
