import type * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BookReplica, norm, type StreamedUpdate } from './support/book-replica.js';
import { marketDataClient, startMarketData, startSim, type ServiceHandle, type SimHandle } from './support/processes.js';
import { expectIdCovered, until, type SimBook } from './support/wait.js';

// Gate.io USDT perpetuals, public side, as real processes: contracts, a book whose sizes arrive
// in contracts and leave the gateway in base units, funding and mark prices.

const BTC = { base: 'BTC', quote: 'USDT' };

/** contracts x multiplier, exactly, for comparing the venue's book with the streamed one. */
function toBase(contracts: string, multiplier: string): string {
  const places = (multiplier.split('.')[1] ?? '').length;
  const units = BigInt(contracts) * BigInt(multiplier.replace('.', ''));
  const digits = units.toString().padStart(places + 1, '0');
  return norm(places ? `${digits.slice(0, -places)}.${digits.slice(-places)}` : digits);
}

function unary<T>(client: any, method: string, request: object): Promise<T> {
  return new Promise((resolve, reject) => client[method](request, (e: Error | null, r: T) => (e ? reject(e) : resolve(r))));
}

describe('Gate.io futures market data over gRPC', () => {
  let sim: SimHandle;
  let service: ServiceHandle;
  let client: ReturnType<typeof marketDataClient>;
  let multiplier = '';

  beforeAll(async () => {
    sim = await startSim('gateio_futures', ['--seed', '51', '--symbols', 'BTC_USDT,ETH_USDT', '--flow-rate', '200', '--index-tick-ms', '0', '--ticker-interval-ms', '200']);
    service = await startMarketData('gateio_futures', { CEXGW_GATEIO_FUTURES_REST_URL: sim.restBaseUrl, CEXGW_GATEIO_FUTURES_WS_URL: sim.wsUrl });
    client = marketDataClient(service.address);
  });

  afterAll(async () => {
    client?.marketData.close();
    client?.futures.close();
    client?.diagnostics.close();
    await service?.stop();
    await sim?.stop();
  });

  it('lists contracts with the venue multiplier and funding schedule', async () => {
    const { contracts } = await unary<any>(client.futures, 'ListContracts', {});
    const wire = ((await (await fetch(`${sim.restBaseUrl}/futures/usdt/contracts`)).json()) as any[]).find((c: any) => c.name === 'BTC_USDT');
    const btc = contracts.find((c: any) => c.venue_symbol === 'BTC_USDT');
    multiplier = btc.contract_multiplier;
    expect(norm(multiplier)).toBe(norm(wire.quanto_multiplier));
    expect(Number(btc.next_funding_time_ms)).toBe(wire.funding_next_apply * 1000);
    expect(btc.max_leverage).toBe(Number(wire.leverage_max));
  });

  it('streams the book in base units and rebuilds the venue book exactly, across a gap', async () => {
    const replica = new BookReplica();
    let lastAt = Date.now();
    const call = client.marketData.StreamOrderBook({ symbol: BTC }) as grpc.ClientReadableStream<StreamedUpdate>;
    call.on('data', (u: StreamedUpdate) => {
      replica.apply(u);
      lastAt = Date.now();
    });
    call.on('error', () => {});
    const expectEqual = async () => {
      await sim.control('flow', { paused: true });
      await until('stream quiet', () => Date.now() - lastAt > 500);
      const venue = await sim.control<SimBook>('book?contract=BTC_USDT&depth=50');
      expect(replica.violations).toEqual([]);
      expectIdCovered(replica.lastUpdateId, venue.u, true); // futures.obu: top 50 only
      expect(replica.levels('bids')).toEqual(venue.bids.map(([p, s]) => [norm(p), toBase(s, multiplier)]));
      expect(replica.levels('asks')).toEqual(venue.asks.map(([p, s]) => [norm(p), toBase(s, multiplier)]));
      await sim.control('flow', { paused: false });
    };
    await until('deltas', () => replica.deltas > 10);
    await expectEqual();
    const resets = replica.resets;
    await sim.control('faults', { kind: 'skip_sequence' });
    await until('reset after the gap', () => replica.resets > resets);
    await until('deltas after the gap', () => replica.deltas > 30);
    await expectEqual();
    call.cancel();
  });

  it('answers and streams funding and mark prices from the venue tickers', async () => {
    // The rate follows the book: hold the book still so both reads see the same one.
    await sim.control('flow', { paused: true });
    await new Promise((r) => setTimeout(r, 200));
    const [wire] = (await (await fetch(`${sim.restBaseUrl}/futures/usdt/tickers?contract=BTC_USDT`)).json()) as any[];
    const funding = await unary<any>(client.futures, 'GetFundingRate', { symbol: BTC });
    const mark = await unary<any>(client.futures, 'GetMarkPrice', { symbol: BTC });
    await sim.control('flow', { paused: false });
    expect(norm(funding.rate)).toBe(norm(wire.funding_rate));
    expect(norm(mark.mark_price)).toBe(norm(wire.mark_price));
    expect(Number(mark.mark_price)).toBeGreaterThan(0);
    expect(Number(mark.index_price)).toBeGreaterThan(0);
    const marks: any[] = [];
    const rates: any[] = [];
    const markCall = client.futures.StreamMarkPrices({ symbols: [BTC] }) as grpc.ClientReadableStream<any>;
    const rateCall = client.futures.StreamFundingRates({ symbols: [BTC] }) as grpc.ClientReadableStream<any>;
    markCall.on('data', (m: any) => marks.push(m));
    rateCall.on('data', (r: any) => rates.push(r));
    markCall.on('error', () => {});
    rateCall.on('error', () => {});
    await until('mark and funding updates', () => marks.length >= 2 && rates.length >= 2, 15_000);
    markCall.cancel();
    rateCall.cancel();
    expect(marks[0].symbol).toEqual(BTC);
  });
});
