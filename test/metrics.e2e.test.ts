import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, freePortBase, marketDataClient, startGateioSpotSim, startMarketData, startSim, startTrading, tradingClient, type ServiceHandle, type SimHandle } from './support/processes.js';
import { parseExposition, scrape, type Exposition } from './support/prometheus-text.js';
import { sleep } from './support/wait.js';

// The Prometheus endpoint of real service processes: the exposition parses, its figures move
// with what happens (book messages, subscribers, venue resyncs, a slow consumer, orders and
// fills through the journal), Diagnostics/GetMetrics serves the same figures, and
// CEXGW_METRICS_ADDRESS=off serves nothing. No timing is asserted: every wait polls.

const BTC = { base: 'BTC', quote: 'USDT' };
const BOOK = { kind: 'orderbook', symbol: 'BTC/USDT' };

/** Polls the async `check` until it returns true. */
async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

function getMetrics(diagnostics: grpc.Client): Promise<any> {
  return new Promise((resolve, reject) => (diagnostics as any).GetMetrics({}, (error: Error | null, m: unknown) => (error ? reject(error) : resolve(m))));
}

/** A scrape and a GetMetrics taken while `figure` held still (equal in the scrapes before and after). */
async function steadyPair(address: string, diagnostics: grpc.Client, figure: (e: Exposition) => number): Promise<{ scraped: Exposition; served: any }> {
  for (let attempt = 0; ; attempt++) {
    const before = await scrape(address);
    const served = await getMetrics(diagnostics);
    const after = await scrape(address);
    if (figure(before) === figure(after)) return { scraped: after, served };
    if (attempt > 50) throw new Error('the figure never held still');
    await sleep(50);
  }
}

function bookStream(client: ReturnType<typeof marketDataClient>) {
  const call = client.marketData.StreamOrderBook({ symbol: BTC }) as grpc.ClientReadableStream<unknown>;
  call.on('data', () => {});
  call.on('error', () => {});
  return call;
}

describe('market-data /metrics (gateio_spot)', () => {
  let sim: SimHandle;
  let service: ServiceHandle;
  let client: ReturnType<typeof marketDataClient>;
  let metrics: string;

  beforeAll(async () => {
    sim = await startGateioSpotSim(['--seed', '9', '--symbols', 'BTC_USDT,ETH_USDT', '--flow-rate', '100']);
    metrics = `127.0.0.1:${await freePort()}`;
    service = await startMarketData('gateio_spot', {
      CEXGW_GATEIO_SPOT_REST_URL: sim.restBaseUrl,
      CEXGW_GATEIO_SPOT_WS_URL: sim.wsUrl,
      CEXGW_STREAM_QUEUE: '16',
      CEXGW_METRICS_ADDRESS: metrics,
    });
    client = marketDataClient(service.address);
  });

  afterAll(async () => {
    client?.marketData.close();
    client?.diagnostics.close();
    await service?.stop();
    await sim?.stop();
  });

  it('serves a valid exposition with the process labels, default metrics, and /healthz', async () => {
    const e = await scrape(metrics);
    const labels = { venue: 'gateio_spot', role: 'market-data', service: 'market-data-gateio_spot' };
    for (const sample of e.samples) expect(sample.labels).toMatchObject(labels);
    expect(e.value('cexgw_venue_up')).toBe(1);
    expect(e.types.get('cexgw_venue_rest_requests_total')).toBe('counter');
    expect(e.types.get('cexgw_venue_rest_request_duration_seconds')).toBe('summary');
    expect(e.value('cexgw_venue_rest_requests_total')).toBeGreaterThanOrEqual(1);
    for (const name of ['process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds', 'nodejs_heap_size_used_bytes']) expect(e.has(name), name).toBe(true);
    expect(e.types.get('nodejs_gc_duration_seconds')).toBe('histogram');

    const health = await fetch(`http://${metrics}/healthz`);
    expect([health.status, await health.text()]).toEqual([200, 'SERVING\n']);
    expect((await fetch(`http://${metrics}/`)).status).toBe(404);
    expect((await fetch(`http://${metrics}/metrics`, { method: 'POST' })).status).toBe(405);
    expect(() => parseExposition('cexgw_x 1\n')).toThrow('without a TYPE'); // the checker checks
  });

  it('counts book messages, subscribers and venue resyncs, as Diagnostics does', async () => {
    const calls = [bookStream(client), bookStream(client)];
    await eventually('book messages', async () => (await scrape(metrics)).value('cexgw_stream_messages_total', BOOK) > 10);
    let e = await scrape(metrics);
    expect(e.value('cexgw_stream_subscribers', BOOK)).toBe(2);
    expect(e.value('cexgw_venue_ws_connections_open')).toBeGreaterThanOrEqual(1);
    expect(e.value('cexgw_stream_lag_seconds_count', BOOK)).toBeGreaterThan(0);
    expect(e.has('cexgw_stream_lag_seconds', { ...BOOK, quantile: '0.99' })).toBe(true);

    const resyncs = e.value('cexgw_book_resyncs_total');
    await sim.control('faults', { kind: 'skip_sequence' });
    await eventually('a resync counted', async () => (await scrape(metrics)).value('cexgw_book_resyncs_total') > resyncs);

    calls[1]!.cancel();
    await eventually('one subscriber left', async () => (await scrape(metrics)).value('cexgw_stream_subscribers', BOOK) === 1);

    // The same figures over gRPC, while the venue is quiet so that they hold still.
    await sim.control('flow', { paused: true });
    const { scraped, served } = await steadyPair(metrics, client.diagnostics, (x) => x.value('cexgw_stream_messages_total', BOOK) + x.value('cexgw_venue_ws_messages_received_total'));
    await sim.control('flow', { paused: false });
    const stream = served.streams.find((s: any) => s.stream === 'orderbook:BTC/USDT');
    expect(Number(stream.messages)).toBe(scraped.value('cexgw_stream_messages_total', BOOK));
    expect(stream.subscribers).toBe(scraped.value('cexgw_stream_subscribers', BOOK));
    expect(Number(served.book_resyncs)).toBe(scraped.value('cexgw_book_resyncs_total'));
    expect(Number(served.ws_messages_received)).toBe(scraped.value('cexgw_venue_ws_messages_received_total'));
    expect(served.ws_connections_open).toBe(scraped.value('cexgw_venue_ws_connections_open'));
    expect(served.venue_up).toBe(true);
    e = scraped;
    expect(Number(served.rest_requests)).toBe(e.value('cexgw_venue_rest_requests_total'));
    calls[0]!.cancel();
  });

  it('counts a slow consumer', async () => {
    const slow = bookStream(client);
    await eventually('the slow stream subscribed', async () => (await scrape(metrics)).value('cexgw_stream_subscribers', BOOK) >= 1);
    const before = (await scrape(metrics)).value('cexgw_stream_slow_consumer_events_total', BOOK);
    slow.pause(); // stop reading: HTTP/2 flow control backs up into the 16-message queue
    await sim.control('flow', { ratePerSec: 3000 });
    await eventually('a slow-consumer event', async () => (await scrape(metrics)).value('cexgw_stream_slow_consumer_events_total', BOOK) > before, 20_000);
    await sim.control('flow', { ratePerSec: 100 });
    slow.cancel();
    const served = await getMetrics(client.diagnostics);
    expect(Number(served.streams.find((s: any) => s.stream === 'orderbook:BTC/USDT').slow_consumer_events)).toBeGreaterThan(before);
  });

  it('CEXGW_METRICS_ADDRESS=off serves nothing', async () => {
    const off = await startMarketData('gateio_spot', { CEXGW_GATEIO_SPOT_REST_URL: sim.restBaseUrl, CEXGW_GATEIO_SPOT_WS_URL: sim.wsUrl, CEXGW_METRICS_ADDRESS: 'off', LOG_LEVEL: 'info' });
    const port = Number(off.address.split(':')[1]);
    await expect(fetch(`http://127.0.0.1:${port + 1000}/metrics`)).rejects.toThrow();
    expect(off.output()).toContain('metrics endpoint off');
    expect(off.output()).not.toContain('metrics endpoint listening');
    expect(await off.stop()).toBe(0);
  });
});

describe('trading /metrics (gateio_spot), at the default address: gRPC port + 1000', () => {
  let sim: SimHandle;
  let service: ServiceHandle;
  let client: ReturnType<typeof tradingClient>;
  let metrics: string;
  let journalDir: string;

  beforeAll(async () => {
    journalDir = mkdtempSync(join(tmpdir(), 'cexgw-metrics-'));
    sim = await startSim('gateio_spot', ['--seed', '13', '--symbols', 'BTC_USDT', '--flow-rate', '0']);
    const port = await freePortBase([0, 1000]);
    service = await startTrading('gateio_spot', sim, journalDir, { LOG_LEVEL: 'info' }, port);
    metrics = `127.0.0.1:${port + 1000}`;
    client = tradingClient(service.address);
  });

  afterAll(async () => {
    client?.trading.close();
    client?.diagnostics.close();
    await service?.stop();
    await sim?.stop();
    rmSync(journalDir, { recursive: true, force: true });
  });

  const place = (request: object) =>
    new Promise<{ error: grpc.ServiceError | null; value: any }>((resolve) =>
      (client.trading as any).PlaceOrder(request, client.metadata(), (error: grpc.ServiceError | null, value: any) => resolve({ error, value })),
    );

  it('counts placements, refusals, journaled fills and the journal cursor, as Diagnostics does', async () => {
    expect(service.output()).toContain(`"url":"http://${metrics}/metrics"`);
    let e = await scrape(metrics);
    expect(e.samples[0]!.labels).toMatchObject({ venue: 'gateio_spot', role: 'trading', service: 'trading-gateio_spot' });
    expect(e.value('cexgw_kill_switch_engaged')).toBe(0);
    expect(e.value('cexgw_order_placements_total')).toBe(0);
    expect(e.value('cexgw_fills_journaled_total')).toBe(0);

    const book = await sim.control<{ asks: Array<[string, string]> }>('book?currency_pair=BTC_USDT&depth=1');
    const ask = book.asks[0]![0];
    const places = (ask.split('.')[1] ?? '').length;
    const crossing = { symbol: BTC, side: 'SIDE_BUY', type: 'ORDER_TYPE_LIMIT', quantity: '0.001', price: (Number(ask) * 1.01).toFixed(places), client_order_id: 'metrics-1' };
    expect((await place(crossing)).error).toBeNull();
    expect((await place(crossing)).error).toBeNull(); // a retry: answered from the journal, not sent
    expect((await place({ ...crossing, quantity: '-1', client_order_id: 'metrics-bad' })).error?.code).toBe(3);

    await eventually('the fill journaled', async () => (await scrape(metrics)).value('cexgw_fills_journaled_total') >= 1);
    e = await scrape(metrics);
    expect(e.value('cexgw_order_placements_total')).toBe(1);
    expect(e.value('cexgw_trading_calls_total', { method: 'PlaceOrder', outcome: 'ok' })).toBe(2);
    expect(e.value('cexgw_trading_calls_total', { method: 'PlaceOrder', outcome: 'invalid_argument' })).toBe(1);
    expect(e.value('cexgw_journal_last_cursor')).toBeGreaterThanOrEqual(1);
    expect(e.value('cexgw_journal_append_duration_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(e.value('cexgw_venue_up')).toBe(1);

    const { scraped, served } = await steadyPair(metrics, client.diagnostics, (x) => x.value('cexgw_fills_journaled_total') + x.value('cexgw_fills_received_total'));
    expect(Number(served.trading.order_placements)).toBe(scraped.value('cexgw_order_placements_total'));
    expect(Number(served.trading.fills_journaled)).toBe(scraped.value('cexgw_fills_journaled_total'));
    expect(Number(served.trading.last_fill_cursor)).toBe(scraped.value('cexgw_journal_last_cursor'));
    expect(Number(served.trading.calls['PlaceOrder:ok'])).toBe(2);
    expect(served.trading.kill_switch_engaged).toBe(false);
  });

  it('closes the endpoint on SIGTERM', async () => {
    expect(await service.stop()).toBe(0);
    await expect(fetch(`http://${metrics}/metrics`)).rejects.toThrow();
  });
});
