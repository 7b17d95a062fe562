import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as grpc from '@grpc/grpc-js';
import { normLevels } from './support/book-replica.js';
import { until, untilRead, type SimBook } from './support/wait.js';
import { expectBookAcrossFaults } from './support/book-faults.js';
import { startMarketDataStack, type MarketDataStack } from './support/market-data-stack.js';
import type { marketDataClient, SimHandle } from './support/processes.js';

// Binance spot and USDⓈ-M end to end, as real processes: the simulated venue's combined streams
// (diff depth at 100 ms joined to a REST snapshot; on USDⓈ-M ids that are not contiguous, chained
// by `pu`), the market-data service, and a gRPC client whose rebuilt book must equal the
// simulator's own across an update-id gap, a dropped socket and close 1005.

const BTC = { base: 'BTC', quote: 'USDT' };

const unary = <T>(call: (request: any, done: (e: Error | null, r: T) => void) => void, request: object): Promise<T> =>
  new Promise((resolve, reject) => call(request, (e, r) => (e ? reject(e) : resolve(r))));

const VENUES = [
  { venue: 'binance_spot', filters: { price_tick: '0.01', quantity_step: '0.00001', min_quantity: '0.00001', min_notional: '5' } },
  { venue: 'binance_usdm', filters: { price_tick: '0.1', quantity_step: '0.001', min_quantity: '0.001', min_notional: '100' } },
] as const;

describe.each(VENUES)('$venue book over gRPC', ({ venue, filters }) => {
  let sim: SimHandle;
  let client: ReturnType<typeof marketDataClient>;
  let stack: MarketDataStack | undefined;

  beforeAll(async () => {
    stack = await startMarketDataStack(venue, ['--seed', '23', '--symbols', 'BTCUSDT,ETHUSDT', '--flow-rate', '200']);
    ({ sim, client } = stack);
  });

  afterAll(() => stack?.stop());

  it('rebuilds the venue book exactly, across an update-id gap, a dropped socket and close code 1005', async () => {
    await expectBookAcrossFaults(sim, client, BTC, 'BTCUSDT');
  });

  it('streams trades and tickers from the combined streams', async () => {
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
    expect(trades.every((t) => /^\d+$/.test(t.trade_id))).toBe(true);
    expect(new Set(trades.map((t) => t.trade_id)).size).toBe(trades.length);
    expect(['SIDE_BUY', 'SIDE_SELL']).toContain(trades[0].taker_side);
    const last = tickers.at(-1);
    expect(Number(last.best_ask)).toBeGreaterThan(Number(last.best_bid));
    expect(last.high_24h).not.toBe('');
  });

  it('answers unary calls with the venue values and the symbol rules of its filters', async () => {
    const symbols = await unary<any>((r, d) => client.marketData.ListSymbols(r, d), {});
    const btc = symbols.symbols.find((s: any) => s.venue_symbol === 'BTCUSDT');
    expect(btc).toMatchObject(filters);
    await sim.control('flow', { paused: true });
    // The last pushes before the pause may still be on their way to the service.
    const [book, venue] = await untilRead(
      "the service's book at the paused venue's update id",
      async () => [await unary<any>((r, d) => client.marketData.GetOrderBook(r, d), { symbol: BTC, depth: 20 }), await sim.control<SimBook>('book?symbol=BTCUSDT&depth=20')] as const,
      ([ours, theirs]) => ours.venue_update_id === String(theirs.u),
    );
    expect(book.venue_update_id).toBe(String(venue.u));
    expect(book.bids.map((l: any) => [l.price, l.quantity])).toEqual(normLevels(venue.bids));
    await sim.control('flow', { paused: false });
    const unknown = await unary<any>((r, d) => client.marketData.GetTicker(r, d), { symbol: { base: 'NOPE', quote: 'USDT' } }).catch((e) => e);
    expect(unknown.code).toBe(5); // NOT_FOUND
  });
});
