import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as grpc from '@grpc/grpc-js';
import { BookReplica, normLevels, type StreamedUpdate } from './support/book-replica.js';
import { sleep, until, untilRead, type SimBook } from './support/wait.js';
import { expectBookAcrossFaults } from './support/book-faults.js';
import { startMarketDataStack, type MarketDataStack } from './support/market-data-stack.js';
import type { marketDataClient, SimHandle } from './support/processes.js';

// MEXC end to end, as real processes: the simulated venue pushing protobuf frames, the
// market-data service, and a gRPC client whose rebuilt book must equal the simulator's own,
// across a version gap, a dropped socket and a close with code 1005.

const BTC = { base: 'BTC', quote: 'USDT' };

describe('MEXC spot book over gRPC', () => {
  let sim: SimHandle;
  let client: ReturnType<typeof marketDataClient>;
  let stack: MarketDataStack | undefined;

  beforeAll(async () => {
    stack = await startMarketDataStack('mexc_spot', ['--seed', '21', '--symbols', 'BTCUSDT,ETHUSDT', '--flow-rate', '200']);
    ({ sim, client } = stack);
  });

  afterAll(() => stack?.stop());

  it('rebuilds the venue book exactly, across a version gap, a dropped socket and close code 1005', async () => {
    await expectBookAcrossFaults(sim, client, BTC, 'BTCUSDT');
  });

  it('streams trades and tickers decoded from protobuf pushes', async () => {
    const trades: any[] = [];
    const tickers: any[] = [];
    const tradeCall = client.marketData.StreamTrades({ symbols: [BTC] }) as grpc.ClientReadableStream<any>;
    const tickerCall = client.marketData.StreamTickers({ symbols: [BTC] }) as grpc.ClientReadableStream<any>;
    tradeCall.on('data', (t: any) => trades.push(t));
    tickerCall.on('data', (t: any) => tickers.push(t));
    tradeCall.on('error', () => {});
    tickerCall.on('error', () => {});
    await until('trades and tickers', () => trades.length > 3 && tickers.length > 2);
    tradeCall.cancel();
    tickerCall.cancel();
    expect(trades[0]).toMatchObject({ symbol: BTC });
    // the venue's own trade ids (aggre.deals tradeId), one per trade
    expect(trades.every((t) => /^\d+$/.test(t.trade_id))).toBe(true);
    expect(new Set(trades.map((t) => t.trade_id)).size).toBe(trades.length);
    expect(['SIDE_BUY', 'SIDE_SELL']).toContain(trades[0].taker_side);
    expect(Number(trades[0].price)).toBeGreaterThan(0);
    const last = tickers.at(-1);
    expect(Number(last.best_ask)).toBeGreaterThan(Number(last.best_bid));
    expect(last.high_24h).not.toBe('');
  });

  it('answers unary calls with the venue values', async () => {
    const symbols = await new Promise<any>((resolve, reject) => client.marketData.ListSymbols({}, (e: Error | null, r: unknown) => (e ? reject(e) : resolve(r))));
    expect(symbols.symbols.map((s: any) => s.venue_symbol)).toEqual(expect.arrayContaining(['BTCUSDT', 'ETHUSDT']));
    await sim.control('flow', { paused: true });
    // The last pushes before the pause may still be on their way to the service.
    const [book, venue] = await untilRead(
      "the service's book at the paused venue's update id",
      async () =>
        [
          await new Promise<any>((resolve, reject) => client.marketData.GetOrderBook({ symbol: BTC, depth: 20 }, (e: Error | null, r: unknown) => (e ? reject(e) : resolve(r)))),
          await sim.control<SimBook>('book?symbol=BTCUSDT&depth=20'),
        ] as const,
      ([ours, theirs]) => ours.venue_update_id === String(theirs.u),
    );
    expect(book.venue_update_id).toBe(String(venue.u));
    expect(book.bids.map((l: any) => [l.price, l.quantity])).toEqual(normLevels(venue.bids));
    await sim.control('flow', { paused: false });
  });
});

describe('MEXC connection limits', () => {
  let sim: SimHandle;
  let client: ReturnType<typeof marketDataClient>;
  let stack: MarketDataStack | undefined;
  const symbols = Array.from({ length: 34 }, (_, i) => `SYNTH${i + 1}USDT`);

  beforeAll(async () => {
    // Connections live 3 s here (24 h at the venue); 34 books need two connections (30 topics each).
    stack = await startMarketDataStack('mexc_spot', ['--seed', '8', '--symbols', symbols.join(','), '--flow-rate', '20', '--max-connection-age-ms', '3000']);
    ({ sim, client } = stack);
  });

  afterAll(() => stack?.stop());

  it('shards beyond 30 subscriptions and survives the venue closing aged connections', async () => {
    const replicas = symbols.map((id) => {
      const replica = new BookReplica();
      const call = client.marketData.StreamOrderBook({ symbol: { base: id.slice(0, -4), quote: 'USDT' } }) as grpc.ClientReadableStream<StreamedUpdate>;
      call.on('data', (u: StreamedUpdate) => replica.apply(u));
      call.on('error', () => {});
      return { id, replica, call };
    });
    await until('every book synced', () => replicas.every((r) => r.replica.resets > 0), 30_000);
    const stats = await sim.control<any>('stats');
    expect(stats.ws.connections).toBeGreaterThanOrEqual(2);
    await sleep(7_000); // at least two forced renewals of every connection
    await sim.control('flow', { paused: true });
    // Connections keep being renewed every 3 s with the flow paused: a book may be mid-resync at
    // any instant, so each one is compared until it agrees (on a loaded machine that takes longer).
    for (const { id, replica } of replicas.slice(0, 3).concat(replicas.slice(-3))) {
      const venue = await sim.control<SimBook>(`book?symbol=${id}&depth=5000`);
      const agrees = () =>
        replica.lastUpdateId === String(venue.u) &&
        JSON.stringify(replica.levels('bids')) === JSON.stringify(normLevels(venue.bids)) &&
        JSON.stringify(replica.levels('asks')) === JSON.stringify(normLevels(venue.asks));
      await until(`${id} equal to the venue`, agrees, 15_000).catch(() => undefined);
      expect(replica.violations, id).toEqual([]);
      expect(replica.lastUpdateId, id).toBe(String(venue.u));
      expect(replica.levels('bids'), id).toEqual(normLevels(venue.bids));
      expect(replica.levels('asks'), id).toEqual(normLevels(venue.asks));
    }
    for (const { call } of replicas) call.cancel();
    const metrics = await new Promise<any>((resolve, reject) => client.diagnostics.GetMetrics({}, (e: Error | null, m: unknown) => (e ? reject(e) : resolve(m))));
    expect(Number(metrics.ws_connections_established)).toBeGreaterThanOrEqual(6);
    expect(metrics.error_counts_by_type.venue_ws_error ?? '0').toBe('0'); // never refused for exceeding 30
  }, 120_000);
});

describe('MEXC quiet book', () => {
  it('serves the snapshot of a book that pushes nothing (no flow at all)', async () => {
    // The snapshot procedure joins the REST snapshot to the first push; a book without pushes
    // (an illiquid symbol) must still reach its clients, checked against the venue's own book.
    const stack = await startMarketDataStack('mexc_spot', ['--seed', '12', '--symbols', 'BTCUSDT', '--flow-rate', '0']);
    const { sim, client } = stack;
    try {
      const replica = new BookReplica();
      const call = client.marketData.StreamOrderBook({ symbol: BTC }) as grpc.ClientReadableStream<StreamedUpdate>;
      call.on('data', (u: StreamedUpdate) => replica.apply(u));
      call.on('error', () => {});
      await until('the snapshot', () => replica.resets > 0, 15_000);
      const venue = await sim.control<SimBook>('book?symbol=BTCUSDT&depth=5000');
      expect(replica.lastUpdateId).toBe(String(venue.u));
      expect(replica.levels('bids')).toEqual(normLevels(venue.bids));
      call.cancel();
    } finally {
      await stack.stop();
    }
  }, 60_000);
});
