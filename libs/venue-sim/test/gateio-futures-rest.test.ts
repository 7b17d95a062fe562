import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateApiContract } from '@cexgw/wire-contracts';
import { startGateioFuturesSim, type GateioFuturesSim } from '../src/index.js';
import { getJson, postJson } from './helpers/ws-client.js';

const fixtureDir = fileURLToPath(new URL('../../adapters/test/fixtures/gateio-futures/', import.meta.url));
const fixture = (name: string): any => JSON.parse(readFileSync(`${fixtureDir}${name}`, 'utf8'));

function expectSameTypes(actual: Record<string, unknown>, documented: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(documented)) {
    if (k in actual) expect([k, typeof actual[k]]).toEqual([k, typeof v]);
  }
}

describe('gate futures public REST', () => {
  let sim: GateioFuturesSim;
  let base: string;
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}${path}`, { headers });
    return { status: res.status, body: (await res.json()) as any };
  };

  beforeAll(async () => {
    sim = await startGateioFuturesSim({ seed: 7, symbols: ['BTC_USDT', 'ETH_USDT', 'SOL_USDT'], flowPaused: true, fundingIntervalMs: 2000, liquidationIntervalMs: 0 });
    base = sim.restBaseUrl;
    sim.driver.stepAll(2000);
  });
  afterAll(async () => sim.close());

  it('serves at loopback under /api/v4 with the futures websocket path', () => {
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v4$/);
    expect(sim.wsUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/v4\/ws\/usdt$/);
  });

  it('lists contracts with every documented field and type', async () => {
    const fetchedAt = Date.now();
    const { status, body } = await get('/futures/usdt/contracts');
    expect(status).toBe(200);
    expect(body.map((c: any) => c.name)).toEqual(['BTC_USDT', 'ETH_USDT', 'SOL_USDT']);
    // The documented example's fields that gate-api's Contract model names (the example also shows
    // a few the model does not, e.g. funding_offset; the simulator serves the model's).
    const doc = fixture('rest-contracts.json')[0];
    const modelled = gateApiContract().models.model('Contract')!.fields;
    expect(Object.keys(body[0])).toEqual(expect.arrayContaining(Object.keys(doc).filter((k) => modelled.has(k))));
    for (const c of body) {
      expectSameTypes(c, doc);
      expectSameTypes(c, fixture('rest-contract-ccxt.json'));
    }
    expect(body.map((c: any) => c.quanto_multiplier)).toEqual(['0.0001', '0.01', '1']);
    expect(body.map((c: any) => c.leverage_max)).toEqual(['100', '100', '50']);
    expect(body[0]).toMatchObject({ type: 'direct', order_size_min: 1, order_price_round: '0.1', status: 'trading', enable_decimal: false, funding_interval: 2 });
    expect(body[0].funding_next_apply * 1000).toBeGreaterThan(fetchedAt - 1000);
    const one = await get('/futures/usdt/contracts/ETH_USDT');
    expect(one.body.name).toBe('ETH_USDT');
    expectSameTypes(one.body, fixture('rest-contract.json'));
    const missing = await get('/futures/usdt/contracts/NOPE_USDT');
    expect(missing).toEqual({ status: 400, body: fixture('rest-error-contract-not-found.json') });
    const decimal = await get('/futures/usdt/contracts/BTC_USDT', { 'X-Gate-Size-Decimal': '1' });
    expect(decimal.body.order_size_min).toBe('1');
    expect(typeof decimal.body.order_size_max).toBe('string');
  });

  it('serves the order book as {p, s} objects, seconds timestamps, optional id, decimal sizes on request', async () => {
    const { status, body } = await get('/futures/usdt/order_book?contract=BTC_USDT&limit=5&with_id=true');
    expect(status).toBe(200);
    const doc = fixture('rest-order-book.json');
    expect(Object.keys(body)).toEqual(Object.keys(doc));
    expectSameTypes(body, doc);
    expectSameTypes(body.asks[0], doc.asks[0]);
    expect(body.asks.length).toBe(5);
    expect(Number.isInteger(body.asks[0].s)).toBe(true);
    expect(Number(body.asks[0].p)).toBeGreaterThan(Number(body.bids[0].p));
    expect(body.current).toBeLessThan(1e11);
    const truth = await getJson(`${sim.controlUrl}/book?contract=BTC_USDT&depth=5`);
    expect(body.id).toBe(truth.u);
    expect(body.bids.map((l: any) => [l.p, String(l.s)])).toEqual(truth.bids);
    const noId = await get('/futures/usdt/order_book?contract=BTC_USDT');
    expect(noId.body.id).toBeUndefined();
    expect(noId.body.bids.length).toBe(10);
    const dec = await get('/futures/usdt/order_book?contract=BTC_USDT&limit=2', { 'X-Gate-Size-Decimal': '1' });
    expect(typeof dec.body.bids[0].s).toBe('string');
    expect(await get('/futures/usdt/order_book?contract=NOPE_USDT')).toEqual({ status: 400, body: { label: 'CONTRACT_NOT_FOUND' } });
    expect((await get('/futures/usdt/order_book')).body.label).toBe('MISSING_REQUIRED_PARAM');
  });

  it('serves trades newest first with signed integer sizes', async () => {
    const { body } = await get('/futures/usdt/trades?contract=BTC_USDT&limit=20');
    expect(body.length).toBe(20);
    const doc = fixture('rest-trades.json')[0];
    for (const t of body) {
      expectSameTypes(t, doc);
      expect(Number.isInteger(t.size) && t.size !== 0).toBe(true);
    }
    expect(body[0].id).toBeGreaterThan(body[1].id);
    expect(body.some((t: any) => t.size > 0) && body.some((t: any) => t.size < 0)).toBe(true);
  });

  it('serves tickers with mark, index and funding as strings', async () => {
    const { body } = await get('/futures/usdt/tickers');
    expect(body.map((t: any) => t.contract)).toEqual(['BTC_USDT', 'ETH_USDT', 'SOL_USDT']);
    const doc = fixture('rest-tickers.json')[0];
    for (const t of body) {
      expect(Object.keys(t)).toEqual(expect.arrayContaining(Object.keys(doc)));
      expectSameTypes(t, doc);
      const mark = Number(t.mark_price);
      const index = Number(t.index_price);
      expect(Math.abs(mark - index) / mark).toBeLessThan(0.002);
      const rate = Number(t.funding_rate);
      expect(Math.abs(rate - (mark - index) / index)).toBeLessThan(2e-6);
      expect(t.funding_rate_indicative).toBe(t.funding_rate);
      const mid = (Number(t.highest_bid) + Number(t.lowest_ask)) / 2;
      expect(Math.abs(mark - mid)).toBeLessThan(0.01);
    }
    const one = await get('/futures/usdt/tickers?contract=SOL_USDT');
    expect(one.body.length).toBe(1);
  });

  it('records funding on the configured schedule and serves the history newest first', async () => {
    const before = (await get('/futures/usdt/funding_rate?contract=ETH_USDT')).body;
    expectSameTypes(before[0], fixture('rest-funding-rate.json')[0]);
    await new Promise((r) => setTimeout(r, 2300));
    const after = (await get('/futures/usdt/funding_rate?contract=ETH_USDT')).body;
    expect(after.length).toBeGreaterThan(before.length);
    expect(after[0].t).toBeGreaterThan(before[0].t);
    const forced = await postJson(`${sim.controlUrl}/funding/apply`, {});
    expect(forced.settled).toBe(3);
    expect((await get('/futures/usdt/funding_rate?contract=ETH_USDT&limit=2')).body.length).toBe(2);
  });

  it("answers the other market lists ccxt's loadMarkets requests with []", async () => {
    for (const p of ['/futures/btc/contracts', '/delivery/usdt/contracts', '/options/underlyings', '/spot/currency_pairs', '/margin/currency_pairs']) {
      expect(await get(p)).toEqual({ status: 200, body: [] });
    }
    const cur = await get('/spot/currencies');
    expect(cur.body.map((c: any) => c.currency)).toEqual(['BTC', 'USDT', 'ETH', 'SOL']);
  });
});
