import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateioSpotSim, type GateioSpotSim } from '../src/index.js';
import { postJson } from './helpers/ws-client.js';

const fixtureDir = fileURLToPath(new URL('../../adapters/test/fixtures/gateio/', import.meta.url));
const fixture = (name: string): any => JSON.parse(readFileSync(`${fixtureDir}${name}`, 'utf8'));

/** Every key present in both objects has the same JSON type (string vs number vs boolean...). */
function expectSameTypes(actual: Record<string, unknown>, documented: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(documented)) {
    if (k in actual) expect([k, typeof actual[k]]).toEqual([k, typeof v]);
  }
}

describe('gate spot REST', () => {
  let sim: GateioSpotSim;
  let base: string;
  const get = async (path: string) => {
    const res = await fetch(`${base}${path}`);
    return { status: res.status, body: (await res.json()) as any, headers: res.headers };
  };

  beforeAll(async () => {
    sim = await startGateioSpotSim({ seed: 3, symbols: ['BTC_USDT', 'ETH_USDT', 'ETH_BTC'], flowPaused: true });
    base = sim.restBaseUrl;
    sim.driver.stepAll(2000);
  });
  afterAll(async () => sim.close());

  it('serves at loopback under /api/v4', () => {
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v4$/);
    expect(sim.wsUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/ws\/v4\/$/);
  });

  it('lists currency pairs with the documented fields and types', async () => {
    const { status, body } = await get('/spot/currency_pairs');
    expect(status).toBe(200);
    expect(body.map((p: any) => p.id)).toEqual(['BTC_USDT', 'ETH_USDT', 'ETH_BTC']);
    const doc = fixture('rest-currency-pairs.json')[0];
    expect(Object.keys(body[0])).toEqual(expect.arrayContaining(Object.keys(doc)));
    expectSameTypes(body[0], doc);
    expect(body[0]).toMatchObject({ id: 'BTC_USDT', precision: 1, amount_precision: 6, trade_status: 'tradable' });
    const one = await get('/spot/currency_pairs/ETH_USDT');
    expect(one.body.id).toBe('ETH_USDT');
    const missing = await get('/spot/currency_pairs/NOPE_USDT');
    expect(missing).toMatchObject({ status: 400, body: { label: 'INVALID_CURRENCY_PAIR' } });
  });

  it('lists currencies and margin pairs', async () => {
    const { body } = await get('/spot/currencies');
    expect(body.map((c: any) => c.currency)).toEqual(['BTC', 'ETH', 'USDT']);
    expectSameTypes(body[2], fixture('rest-currencies.json')[1]);
    expectSameTypes(body[2].chains[0], fixture('rest-currencies.json')[1].chains[0]);
    const margin = await get('/margin/currency_pairs');
    expectSameTypes(margin.body[0], fixture('rest-margin-currency-pairs.json')[0]);
  });

  it('serves the order book with id, ordering, limit and aggregation', async () => {
    const { body, headers } = await get('/spot/order_book?currency_pair=BTC_USDT&limit=5&with_id=true');
    expect(Object.keys(body)).toEqual(['id', 'current', 'update', 'asks', 'bids']);
    expectSameTypes(body, fixture('rest-order-book.json'));
    expect(body.id).toBe(sim.engine.updateId('BTC_USDT'));
    expect(body.asks).toHaveLength(5);
    expect(body.bids).toHaveLength(5);
    const asks = body.asks.map(([p]: string[]) => Number(p));
    const bids = body.bids.map(([p]: string[]) => Number(p));
    expect(asks).toEqual([...asks].sort((a, b) => a - b));
    expect(bids).toEqual([...bids].sort((a, b) => b - a));
    expect(bids[0]).toBeLessThan(asks[0]);
    expect(headers.get('x-gate-ratelimit-limit')).toBe('200');
    const noId = await get('/spot/order_book?currency_pair=BTC_USDT');
    expect(noId.body.id).toBeUndefined();
    expect(noId.body.bids).toHaveLength(10);
    const agg = await get('/spot/order_book?currency_pair=BTC_USDT&interval=10&limit=3');
    for (const [p] of agg.body.bids) expect(Number(p) % 10).toBe(0);
  });

  it("rejects bad order book queries with the venue's labels", async () => {
    expect(await get('/spot/order_book')).toMatchObject({ status: 400, body: { label: 'MISSING_REQUIRED_PARAM' } });
    expect(await get('/spot/order_book?currency_pair=BTC_XXX')).toMatchObject({ status: 400, body: { label: 'INVALID_CURRENCY_PAIR', message: 'Invalid currency pair BTC_XXX' } });
    expect(await get('/spot/order_book?currency_pair=BTC_USDT&limit=0')).toMatchObject({ status: 400, body: { label: 'INVALID_PARAM_VALUE' } });
    expect(await get('/spot/order_book?currency_pair=BTC_USDT&with_id=maybe')).toMatchObject({ status: 400, body: { label: 'INVALID_PARAM_VALUE' } });
    expect(await get('/spot/order_book?currency_pair=BTC_USDT&interval=0.01')).toMatchObject({ status: 400, body: { label: 'INVALID_PARAM_VALUE' } });
    expect(await get('/spot/nothing')).toMatchObject({ status: 404, body: { label: 'NOT_FOUND' } });
  });

  it('serves trades as strings, newest first, with paging', async () => {
    const { body } = await get('/spot/trades?currency_pair=BTC_USDT&limit=50');
    expect(body.length).toBe(50);
    const doc = fixture('rest-trades.json')[0];
    expect(Object.keys(body[0])).toEqual(Object.keys(doc));
    for (const v of Object.values(body[0])) expect(typeof v).toBe('string');
    expect(body[0].create_time_ms).toMatch(/^\d{13}\.\d{6}$/);
    const ids = body.map((t: any) => Number(t.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const older = await get(`/spot/trades?currency_pair=BTC_USDT&limit=10&last_id=${ids[49]}&reverse=true`);
    // trade ids are venue-wide, so one pair's ids are increasing but not contiguous
    const more = await get('/spot/trades?currency_pair=BTC_USDT&limit=60');
    expect(older.body.map((t: any) => t.id)).toEqual(more.body.slice(50, 60).map((t: any) => t.id));
    const seq = body.map((t: any) => Number(t.sequence_id));
    expect(seq[0] - seq[49]).toBe(49);
    expect(await get('/spot/trades?currency_pair=BTC_USDT&limit=1001')).toMatchObject({ status: 400, body: { label: 'INVALID_PARAM_VALUE' } });
  });

  it('serves tickers for one pair and for all', async () => {
    const one = await get('/spot/tickers?currency_pair=ETH_USDT');
    expect(one.body).toHaveLength(1);
    expectSameTypes(one.body[0], fixture('rest-tickers-documented.json')[0]);
    expect(one.body[0]).toHaveProperty('lowest_size');
    const all = await get('/spot/tickers?timezone=utc0');
    expect(all.body.map((t: any) => t.currency_pair)).toEqual(['BTC_USDT', 'ETH_USDT', 'ETH_BTC']);
    expect(all.body[0]).not.toHaveProperty('lowest_size');
    for (const k of Object.keys(fixture('rest-tickers.json')[0])) expect(all.body[0]).toHaveProperty(k);
    expect(Number(all.body[0].base_volume)).toBeGreaterThan(0);
    expect(await get('/spot/tickers?currency_pair=NOPE_USDT')).toMatchObject({ status: 400, body: { label: 'INVALID_CURRENCY_PAIR' } });
  });

  it('serves server time as a number', async () => {
    const { body } = await get('/spot/time');
    expect(typeof body.server_time).toBe('number');
    expect(Math.abs(body.server_time - Date.now())).toBeLessThan(5000);
  });

  it('injects HTTP errors, latency and clock skew on demand', async () => {
    await postJson(`${sim.controlUrl}/faults`, { kind: 'http_error', status: 429, count: 2 });
    expect(await get('/spot/time')).toMatchObject({ status: 429, body: { label: 'TOO_MANY_REQUESTS' } });
    expect((await get('/spot/time')).status).toBe(429);
    expect((await get('/spot/time')).status).toBe(200);
    await postJson(`${sim.controlUrl}/faults`, { kind: 'http_error', status: 502, count: 1 });
    const gw = await fetch(`${base}/spot/time`);
    expect(gw.status).toBe(502);
    expect(gw.headers.get('content-type')).toBe('text/html');
    await gw.text();
    await postJson(`${sim.controlUrl}/faults`, { kind: 'latency', ms: 150 });
    const t0 = performance.now();
    await get('/spot/time');
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
    await postJson(`${sim.controlUrl}/faults`, { kind: 'clock_skew', ms: 60_000 });
    expect((await get('/spot/time')).body.server_time - Date.now()).toBeGreaterThan(55_000);
    await postJson(`${sim.controlUrl}/faults`, { kind: 'clear' });
    expect(Math.abs((await get('/spot/time')).body.server_time - Date.now())).toBeLessThan(5000);
    const bad = await postJson(`${sim.controlUrl}/faults`, { kind: 'http_error', status: 418 });
    expect(bad.error).toBeDefined();
  });

  it('exposes the engine book for equality checks', async () => {
    const res = await fetch(`${sim.controlUrl}/book?currency_pair=ETH_USDT&depth=3`);
    const book = (await res.json()) as any;
    expect(book.u).toBe(sim.engine.updateId('ETH_USDT'));
    expect(book.bids).toHaveLength(3);
    const rest = await get('/spot/order_book?currency_pair=ETH_USDT&limit=3&with_id=true');
    expect({ u: rest.body.id, bids: rest.body.bids, asks: rest.body.asks }).toEqual(book);
  });
});
