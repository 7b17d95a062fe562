import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMexcSpotSim, type MexcSpotSim } from '../src/index.js';
import { getJson, postJson } from './helpers/ws-client.js';

const fixtureDir = fileURLToPath(new URL('../../adapters/test/fixtures/mexc/', import.meta.url));
const fixture = (name: string): any => JSON.parse(readFileSync(`${fixtureDir}${name}`, 'utf8'));

const typeOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** Same keys in the same order, and every value of the same JSON type as the documented one. */
function expectSameShape(actual: Record<string, unknown>, documented: Record<string, unknown>): void {
  expect(Object.keys(actual)).toEqual(Object.keys(documented));
  for (const [k, v] of Object.entries(documented)) expect([k, typeOf(actual[k])]).toEqual([k, typeOf(v)]);
}

describe('mexc spot REST v3', () => {
  let sim: MexcSpotSim;
  const get = async (path: string) => {
    const res = await fetch(`${sim.restBaseUrl}${path}`);
    const text = await res.text();
    let body: any = text;
    try {
      body = JSON.parse(text);
    } catch {
      // HTML from the edge proxy
    }
    return { status: res.status, body, headers: res.headers };
  };

  beforeAll(async () => {
    sim = await startMexcSpotSim({ seed: 3, symbols: ['BTCUSDT', 'ETHUSDT', 'ETHBTC'], flowPaused: true });
    sim.driver.stepAll(2000);
  });
  afterAll(async () => sim.close());

  it('serves at loopback; REST paths under /api/v3, websocket at /ws', () => {
    expect(sim.restBaseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sim.wsUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/ws$/);
  });

  it('ping, time and defaultSymbols', async () => {
    expect(await get('/api/v3/ping')).toMatchObject({ status: 200, body: fixture('rest-ping.json') });
    const time = await get('/api/v3/time');
    expectSameShape(time.body, fixture('rest-time.json'));
    expect(Math.abs(time.body.serverTime - Date.now())).toBeLessThan(5000);
    const defaults = await get('/api/v3/defaultSymbols');
    expectSameShape(defaults.body, fixture('rest-default-symbols.json'));
    expect(defaults.body.data).toEqual(['BTCUSDT', 'ETHUSDT', 'ETHBTC']);
  });

  it("exchangeInfo has the live capture's envelope and symbol fields, in order and type", async () => {
    const { status, body } = await get('/api/v3/exchangeInfo');
    expect(status).toBe(200);
    const live = fixture('rest-exchange-info.json');
    expect(Object.keys(body)).toEqual(Object.keys(live));
    expect(body.symbols.map((s: any) => s.symbol)).toEqual(['BTCUSDT', 'ETHUSDT', 'ETHBTC']);
    for (const s of body.symbols) expectSameShape(s, live.symbols[0]);
    expect(body.symbols[0]).toMatchObject({ status: '1', baseAsset: 'BTC', quoteAsset: 'USDT', baseAssetPrecision: 6, quoteAssetPrecision: 2, isSpotTradingAllowed: true, tradeSideType: 1 });
    const one = await get('/api/v3/exchangeInfo?symbol=ETHBTC');
    expect(one.body.symbols.map((s: any) => s.symbol)).toEqual(['ETHBTC']);
    const two = await get('/api/v3/exchangeInfo?symbols=ETHUSDT,BTCUSDT');
    expect(two.body.symbols.map((s: any) => s.symbol)).toEqual(['ETHUSDT', 'BTCUSDT']);
    const bad = await get('/api/v3/exchangeInfo?symbol=NOPEUSDT');
    expect(bad).toMatchObject({ status: 400, body: fixture('rest-error-invalid-symbol.json') });
  });

  it("depth: snapshot with lastUpdateId = the engine's version, sorted sides, default 100 and max 5000 levels", async () => {
    const { status, body } = await get('/api/v3/depth?symbol=BTCUSDT&limit=5');
    expect(status).toBe(200);
    expectSameShape(body, fixture('rest-depth.json'));
    expect(body.bids).toHaveLength(5);
    expect(body.asks).toHaveLength(5);
    const truth = await getJson(`${sim.controlUrl}/book?symbol=BTCUSDT&depth=5`);
    expect(body).toMatchObject({ lastUpdateId: truth.u, bids: truth.bids, asks: truth.asks });
    const bidPrices = body.bids.map(([p]: string[]) => Number(p));
    const askPrices = body.asks.map(([p]: string[]) => Number(p));
    expect(bidPrices).toEqual([...bidPrices].sort((a, b) => b - a));
    expect(askPrices).toEqual([...askPrices].sort((a, b) => a - b));
    expect(bidPrices[0]).toBeLessThan(askPrices[0]);
    for (const [p, q] of [...body.bids, ...body.asks]) {
      expect(typeof p).toBe('string');
      expect(typeof q).toBe('string');
    }
    const all = await get('/api/v3/depth?symbol=BTCUSDT&limit=5000');
    const full = await getJson(`${sim.controlUrl}/book?symbol=BTCUSDT`);
    expect(all.body.bids).toEqual(full.bids.slice(0, 5000));
    const defaults = await get('/api/v3/depth?symbol=BTCUSDT');
    expect(defaults.body.bids.length).toBe(Math.min(100, full.bids.length));
    const clamped = await get('/api/v3/depth?symbol=BTCUSDT&limit=9999');
    expect(clamped.status).toBe(200);
  });

  it('depth errors: unknown or missing symbol -> -1121, malformed limit -> 33333', async () => {
    expect(await get('/api/v3/depth?symbol=NOPEUSDT')).toMatchObject({ status: 400, body: { code: -1121, msg: 'Invalid symbol.' } });
    expect(await get('/api/v3/depth?symbol=btcusdt')).toMatchObject({ status: 400, body: { code: -1121 } });
    expect(await get('/api/v3/depth')).toMatchObject({ status: 400, body: { code: -1121 } });
    expect(await get('/api/v3/depth?symbol=BTCUSDT&limit=abc')).toMatchObject({ status: 400, body: { code: 33333, msg: 'param is error' } });
    expect(await get('/api/v3/depth?symbol=BTCUSDT&limit=0')).toMatchObject({ status: 400, body: { code: 33333 } });
  });

  it("trades: newest first, the live capture's fields and types", async () => {
    const { body } = await get('/api/v3/trades?symbol=BTCUSDT&limit=50');
    expect(body).toHaveLength(50);
    for (const t of body) {
      expectSameShape(t, fixture('rest-trades.json')[0]);
      expect(t.id).toBeNull();
      expect(t.tradeType).toBe(t.isBuyerMaker ? 'ASK' : 'BID');
      expect(Number(t.quoteQty)).toBeCloseTo(Number(t.price) * Number(t.qty), 6);
    }
    const times = body.map((t: any) => t.time);
    expect(times).toEqual([...times].sort((a: number, b: number) => b - a));
    expect((await get('/api/v3/trades?symbol=BTCUSDT')).body).toHaveLength(500);
  });

  it("aggTrades (what ccxt's fetchTrades calls): fields, merging and the startTime/endTime rule", async () => {
    const { body } = await get('/api/v3/aggTrades?symbol=BTCUSDT&limit=20');
    expect(body.length).toBeGreaterThan(0);
    for (const t of body) expectSameShape(t, fixture('rest-agg-trades.json')[0]);
    const now = Date.now();
    const windowed = await get(`/api/v3/aggTrades?symbol=BTCUSDT&startTime=${now - 3_600_000}&endTime=${now + 1000}`);
    expect(windowed.status).toBe(200);
    expect(await get(`/api/v3/aggTrades?symbol=BTCUSDT&startTime=${now}`)).toMatchObject({ status: 400, body: { code: -1128 } });
  });

  it('ticker/24hr, ticker/price, ticker/bookTicker, avgPrice', async () => {
    const one = await get('/api/v3/ticker/24hr?symbol=BTCUSDT');
    expectSameShape(one.body, fixture('rest-ticker-24hr.json'));
    const book = await getJson(`${sim.controlUrl}/book?symbol=BTCUSDT&depth=1`);
    expect(one.body).toMatchObject({ symbol: 'BTCUSDT', bidPrice: book.bids[0][0], bidQty: book.bids[0][1], askPrice: book.asks[0][0], askQty: book.asks[0][1] });
    expect(Number(one.body.priceChange)).toBeCloseTo(Number(one.body.lastPrice) - Number(one.body.openPrice), 6);
    const all = await get('/api/v3/ticker/24hr');
    expect(all.body.map((t: any) => t.symbol)).toEqual(['BTCUSDT', 'ETHUSDT', 'ETHBTC']);
    expect((await get('/api/v3/ticker/24hr?symbol=NOPE')).body).toEqual(fixture('rest-error-invalid-symbol.json'));
    expectSameShape((await get('/api/v3/ticker/price?symbol=ETHUSDT')).body, fixture('rest-ticker-price.json'));
    const bt = await get('/api/v3/ticker/bookTicker?symbol=ETHUSDT');
    expectSameShape(bt.body, fixture('rest-book-ticker.json'));
    expect((await get('/api/v3/ticker/bookTicker')).body).toHaveLength(3);
    const avg = await get('/api/v3/avgPrice?symbol=BTCUSDT');
    expect(avg.body).toMatchObject({ mins: 5 });
    expect(typeof avg.body.price).toBe('string');
  });

  it("lists no futures at /api/v1/contract/detail (ccxt's loadMarkets asks for them)", async () => {
    expect((await get('/api/v1/contract/detail')).body).toEqual({ success: true, code: 0, data: [] });
  });

  it('unknown paths and methods', async () => {
    expect((await get('/api/v3/nope')).status).toBe(404);
    const res = await fetch(`${sim.restBaseUrl}/api/v3/depth?symbol=BTCUSDT`, { method: 'POST' });
    expect(res.status).toBe(405);
  });

  it('faults: http_error 429/503/502, latency, clock_skew', async () => {
    await postJson(`${sim.controlUrl}/faults`, { kind: 'http_error', status: 429, count: 1 });
    const limited = await get('/api/v3/time');
    expect(limited).toMatchObject({ status: 429, body: { code: 429, msg: 'Too Many Requests' } });
    expect(limited.headers.get('retry-after')).toBe('1');
    await postJson(`${sim.controlUrl}/faults`, { kind: 'http_error', status: 503, count: 1 });
    expect(await get('/api/v3/time')).toMatchObject({ status: 503, body: { code: 503 } });
    await postJson(`${sim.controlUrl}/faults`, { kind: 'http_error', status: 502, count: 1 });
    const proxy = await get('/api/v3/time');
    expect(proxy.status).toBe(502);
    expect(proxy.headers.get('content-type')).toBe('text/html');
    expect((await get('/api/v3/time')).status).toBe(200);

    await postJson(`${sim.controlUrl}/faults`, { kind: 'latency', ms: 150 });
    const t0 = performance.now();
    await get('/api/v3/ping');
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
    await postJson(`${sim.controlUrl}/faults`, { kind: 'clock_skew', ms: 3_600_000 });
    const skewed = await get('/api/v3/time');
    expect(skewed.body.serverTime - Date.now()).toBeGreaterThan(3_500_000);
    await postJson(`${sim.controlUrl}/faults`, { kind: 'clear' });
    const faults = await getJson(`${sim.controlUrl}/faults`);
    expect(faults).toMatchObject({ latency_ms: 0, clock_skew_ms: 0, http_error: null });
  });

  it('control API: book by symbol, step, stats', async () => {
    expect((await fetch(`${sim.controlUrl}/book?symbol=NOPE`)).status).toBe(400);
    const before = await getJson(`${sim.controlUrl}/stats`);
    const stepped = await postJson(`${sim.controlUrl}/step`, { count: 10 });
    expect(stepped.updateIds.BTCUSDT).toBeGreaterThan(before.symbols.BTCUSDT.u);
    const stats = await getJson(`${sim.controlUrl}/stats`);
    expect(stats.rest.requests).toBeGreaterThan(10);
    expect(stats.symbols.ETHBTC).toMatchObject({ u: expect.any(Number), bidLevels: expect.any(Number), trades: expect.any(Number) });
  });
});
