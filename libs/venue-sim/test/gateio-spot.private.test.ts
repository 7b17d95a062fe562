import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GATE_TEST_API_KEY, startGateioSpotSim, type GateioSpotSim } from '../src/index.js';
import { verifySignedRequest } from '../src/gateio/common/private-auth.js';
import { gateSigned, gateWsAuth } from './helpers/signing.js';
import { getJson, postJson, TestWsClient } from './helpers/ws-client.js';

const fixtureDir = fileURLToPath(new URL('../../adapters/test/fixtures/gateio/', import.meta.url));
const fixture = (name: string): any => JSON.parse(readFileSync(`${fixtureDir}${name}`, 'utf8'));

/** Every key of the documented example is present with the same JSON type. */
function expectSubset(actual: Record<string, unknown>, documented: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(documented)) expect([k, typeof actual[k]]).toEqual([k, typeof v]);
}

describe('Gate APIv4 signing recipe (the documented examples)', () => {
  const account = { apiKey: 'key', apiSecret: 'secret' };
  const ctx = { accounts: { byApiKey: (k: string) => (k === 'key' ? account : undefined) }, now: () => 1541993715_000 } as any;
  const headers = (sign: string) => ({ key: 'key', timestamp: '1541993715', sign });

  it('verifies the documented GET and POST signatures', () => {
    const get = '55f84ea195d6fe57ce62464daaa7c3c02fa9d1dde954e4c898289c9a2407a3d6fb3faf24deff16790d726b66ac9f74526668b13bd01029199cc4fcc522418b8a';
    expect(verifySignedRequest(ctx, 'GET', '/api/v4/futures/orders', 'contract=BTC_USD&status=finished&limit=50', '', headers(get))).toBe(account);
    const post = 'eae42da914a590ddf727473aff25fc87d50b64783941061f47a3fdb92742541fc4c2c14017581b4199a1418d54471c269c03a38d788d802e2c306c37636389f0';
    const body = '{"contract":"BTC_USD","type":"limit","size":100,"price":6800,"time_in_force":"gtc"}';
    expect(verifySignedRequest(ctx, 'POST', '/api/v4/futures/orders', '', body, headers(post))).toBe(account);
    expect(() => verifySignedRequest(ctx, 'POST', '/api/v4/futures/orders', '', `${body} `, headers(post))).toThrow(/Signature mismatch/);
  });
});

describe('Gate spot private REST and websocket', () => {
  let sim: GateioSpotSim;
  const key = GATE_TEST_API_KEY;
  const signed = (method: string, path: string, query?: Record<string, string>, body?: unknown, opts = {}) => gateSigned(sim.restBaseUrl, method, path, query, body, key, opts);
  const account = () => getJson(`${sim.controlUrl}/account?apiKey=${key.apiKey}`);

  beforeAll(async () => {
    sim = await startGateioSpotSim({ seed: 41, symbols: ['BTC_USDT', 'ETH_USDT'], flowPaused: true, pushIntervalMs: 0 });
    sim.driver.stepAll(800);
  });
  afterAll(async () => sim.close());

  it('accepts a signed request; refuses bad signature, unknown key, missing header and an old Timestamp', async () => {
    const ok = await signed('GET', '/spot/accounts');
    expect(ok.status).toBe(200);
    expectSubset(ok.body[0], fixture('private-rest-accounts.json')[0]);
    expect(ok.body).toContainEqual({ currency: 'USDT', available: '100000', locked: '0', update_id: 0 });
    expect(await signed('GET', '/spot/accounts', undefined, undefined, { tamper: true })).toEqual({ status: 401, body: fixture('private-rest-error-signature.json') });
    expect(await gateSigned(sim.restBaseUrl, 'GET', '/spot/accounts', undefined, undefined, { apiKey: 'nope', apiSecret: 'x' })).toEqual({ status: 401, body: fixture('private-rest-error-key.json') });
    const bare = await fetch(`${sim.restBaseUrl}/spot/accounts`, { headers: { KEY: key.apiKey, SIGN: 'x' } });
    expect({ status: bare.status, body: await bare.json() }).toEqual({ status: 400, body: fixture('private-rest-error-missing-header.json') });
    const old = await signed('GET', '/spot/accounts', undefined, undefined, { timestamp: Math.floor(Date.now() / 1000) - 300 });
    expect(old.status).toBe(403);
    expect(old.body.label).toBe('REQUEST_EXPIRED');
    expect(old.body.message).toMatch(/^gap between request Timestamp and server time exceeds 60 current_time:\d+ header.timestamp:\d+$/);
    await postJson(`${sim.controlUrl}/faults`, { kind: 'clock_skew', ms: -120_000 });
    try {
      expect((await signed('GET', '/spot/accounts')).body.label).toBe('REQUEST_EXPIRED');
    } finally {
      await postJson(`${sim.controlUrl}/faults`, { kind: 'clear' });
    }
  });

  it('creates (201), gets by id and by text, lists and cancels an order; text reaches open orders only', async () => {
    const book = await getJson(`${sim.controlUrl}/book?currency_pair=BTC_USDT&depth=5`);
    const price = book.bids[4][0];
    const created = await signed('POST', '/spot/orders', undefined, {
      text: 't-first',
      currency_pair: 'BTC_USDT',
      type: 'limit',
      account: 'spot',
      side: 'buy',
      amount: '0.01',
      price,
      time_in_force: 'gtc',
    });
    expect(created.status).toBe(201);
    expect(Object.keys(created.body).sort()).toEqual(Object.keys(fixture('private-rest-order.json')).sort());
    expectSubset(created.body, fixture('private-rest-order.json'));
    expect(created.body).toMatchObject({ text: 't-first', status: 'open', finish_as: 'open', left: '0.01', filled_amount: '0', price, account: 'spot', fee_currency: 'BTC' });
    const id = created.body.id;
    expect(id).toMatch(/^\d+$/);
    expect((await signed('GET', `/spot/orders/${id}`, { currency_pair: 'BTC_USDT' })).body.id).toBe(id);
    expect((await signed('GET', '/spot/orders/t-first', { currency_pair: 'BTC_USDT' })).body.id).toBe(id);
    expect((await signed('GET', '/spot/orders', { currency_pair: 'BTC_USDT', status: 'open' })).body.map((o: any) => o.id)).toEqual([id]);
    const open = await signed('GET', '/spot/open_orders');
    expect(open.body).toEqual([{ currency_pair: 'BTC_USDT', total: 1, orders: [expect.objectContaining({ id })] }]);
    await expect(account().then((a) => a.balances.USDT.locked)).resolves.toBe(String(+(Number(price) * 0.01).toFixed(7)));
    const cancelled = await signed('DELETE', `/spot/orders/${id}`, { currency_pair: 'BTC_USDT' });
    expect(cancelled.body).toMatchObject({ id, status: 'cancelled', finish_as: 'cancelled' });
    expect(await signed('GET', '/spot/orders/t-first', { currency_pair: 'BTC_USDT' })).toEqual({
      status: 404,
      body: { label: 'CLIENT_ID_NOT_FOUND', message: 'Order with client ID t-first not found' },
    });
    expect(await signed('DELETE', `/spot/orders/${id}`, { currency_pair: 'BTC_USDT' })).toEqual({ status: 404, body: fixture('private-rest-error-order-not-found.json') });
    expect((await signed('GET', '/spot/orders', { currency_pair: 'BTC_USDT', status: 'finished' })).body[0]).toMatchObject({ id, status: 'cancelled' });
    expect((await account()).balances.USDT).toEqual({ free: '100000', locked: '0' });
  });

  it('refuses what the venue refuses: balance, size, post-only that would take, bad text; a repeated text is accepted', async () => {
    const book = await getJson(`${sim.controlUrl}/book?currency_pair=ETH_USDT&depth=1`);
    const base = { currency_pair: 'ETH_USDT', type: 'limit', side: 'buy' };
    expect(await signed('POST', '/spot/orders', undefined, { ...base, amount: '1000', price: '3000' })).toEqual({ status: 400, body: fixture('private-rest-error-balance.json') });
    expect((await signed('POST', '/spot/orders', undefined, { ...base, currency_pair: 'BTC_USDT', amount: '0.000005', price: '65000' })).body).toEqual({
      label: 'INVALID_PARAM_VALUE',
      message: 'Your order size 0.000005 BTC is too small. The minimum is 0.00001 BTC',
    });
    expect((await signed('POST', '/spot/orders', undefined, { ...base, amount: '0.0001', price: '10' })).body).toEqual({
      label: 'INVALID_PARAM_VALUE',
      message: 'Your order size 0.001 USDT is too small. The minimum is 3 USDT',
    });
    expect(await signed('POST', '/spot/orders', undefined, { ...base, amount: '0.01', price: book.asks[0][0], time_in_force: 'poc' })).toEqual({
      status: 400,
      body: fixture('private-rest-error-poc.json'),
    });
    expect((await signed('POST', '/spot/orders', undefined, { ...base, amount: '0.01', price: '3000', text: 'nope' })).body).toEqual({
      label: 'INVALID_PARAM_VALUE',
      message: 'Invalid parameter `text` with value: nope',
    });
    expect((await signed('POST', '/spot/orders', undefined, { ...base, amount: '0.01', price: '3000.123' })).body.label).toBe('INVALID_PRECISION');
    const a = await signed('POST', '/spot/orders', undefined, { ...base, amount: '0.01', price: '3000', text: 't-twice' });
    const b = await signed('POST', '/spot/orders', undefined, { ...base, amount: '0.02', price: '3000', text: 't-twice' });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect((await signed('GET', '/spot/orders/t-twice', { currency_pair: 'ETH_USDT' })).body.id).toBe(b.body.id);
    const all = await signed('DELETE', '/spot/orders', { currency_pair: 'ETH_USDT' });
    expect(all.body.map((o: any) => [o.id, o.succeeded, o.status])).toEqual([
      [a.body.id, true, 'cancelled'],
      [b.body.id, true, 'cancelled'],
    ]);
  });

  it('partial fill by /__sim/cross then cancel: balances and the 0.1 % maker fee (in quote) are exact; my_trades', async () => {
    const depth = await getJson(`${sim.controlUrl}/book?currency_pair=BTC_USDT&depth=500`);
    let tenths = Math.round(Number(depth.asks[0][0]) * 10) + 50;
    while (depth.asks.some(([p]: [string]) => Math.round(Number(p) * 10) === tenths)) tenths += 1;
    const price = (tenths / 10).toFixed(1);
    const created = await signed('POST', '/spot/orders', undefined, { currency_pair: 'BTC_USDT', side: 'sell', amount: '0.5', price, text: 't-part' });
    const id = created.body.id;
    let ahead = 0n;
    for (const [p, q] of depth.asks) if (Math.round(Number(p) * 10) < tenths) ahead += BigInt(Math.round(Number(q) * 1e6));
    const qty = ahead + 300_000n;
    const cross = await postJson(`${sim.controlUrl}/cross`, { symbol: 'BTC_USDT', side: 'buy', quantity: `${qty / 1_000_000n}.${String(qty % 1_000_000n).padStart(6, '0')}` });
    expect(cross.trades.at(-1)).toMatchObject({ price, quantity: '0.3', makerOrderId: id });
    const mid = await signed('GET', `/spot/orders/${id}`, { currency_pair: 'BTC_USDT' });
    expect(mid.body).toMatchObject({ status: 'open', left: '0.2', filled_amount: '0.3', fee_currency: 'USDT' });
    await signed('DELETE', `/spot/orders/${id}`, { currency_pair: 'BTC_USDT' });
    const after = await account();
    expect(after.balances.BTC).toEqual({ free: '1.7', locked: '0' });
    const proceeds = 0.3 * Number(price);
    expect(Number(after.balances.USDT.free)).toBeCloseTo(100000 + proceeds * 0.999, 6);
    const trades = await signed('GET', '/spot/my_trades', { currency_pair: 'BTC_USDT', order_id: id });
    expect(trades.body).toHaveLength(1);
    expectSubset(trades.body[0], fixture('private-rest-my-trades.json')[0]);
    expect(trades.body[0]).toMatchObject({ order_id: id, role: 'maker', side: 'sell', price, amount: '0.300000', fee_currency: 'USDT', text: 't-part', currency_pair: 'BTC_USDT' });
    expect(Number(trades.body[0].fee)).toBeCloseTo(proceeds * 0.001, 9);
    const fills = await getJson(`${sim.controlUrl}/fills?apiKey=${key.apiKey}`);
    expect(fills.fills.at(-1)).toMatchObject({ orderId: id, venueTradeId: trades.body[0].id, role: 'maker', quantity: '0.3', feeAsset: 'USDT' });
  });

  it('websocket: private channels need a valid auth; spot.orders, spot.usertrades, spot.balances push the documented shapes', async () => {
    const ws = await TestWsClient.connect(sim.wsUrl);
    try {
      const t = Math.floor(Date.now() / 1000);
      const bad = await ws.request('spot.orders', 'subscribe', ['!all']);
      expect(bad.error).toEqual({ code: 4, message: 'Authentication fail: missing auth' });
      const wrongId = ws.send({ time: t, channel: 'spot.orders', event: 'subscribe', payload: ['!all'], auth: gateWsAuth('spot.orders', 'subscribe', t, { apiKey: key.apiKey, apiSecret: 'wrong' }) });
      const wrong = await ws.waitFor((f) => f.id === wrongId);
      expect(Object.keys(wrong).sort()).toEqual(Object.keys(fixture('private-ws-auth-error.json')).sort());
      expect(wrong).toMatchObject({ error: { code: 4 }, result: { status: 'fail' } });
      for (const [channel, payload] of [
        ['spot.orders', ['BTC_USDT']],
        ['spot.usertrades', ['!all']],
        ['spot.balances', undefined],
      ] as const) {
        const id = ws.send({ time: t, channel, event: 'subscribe', ...(payload ? { payload } : {}), auth: gateWsAuth(channel, 'subscribe', t, key) });
        expect(await ws.waitFor((f) => f.id === id)).toMatchObject({ channel, event: 'subscribe', result: { status: 'success' } });
      }
      const book = await getJson(`${sim.controlUrl}/book?currency_pair=BTC_USDT&depth=1`);
      const created = await signed('POST', '/spot/orders', undefined, { currency_pair: 'BTC_USDT', side: 'buy', amount: '0.001', price: book.asks[0][0], text: 't-ws' });
      const id = created.body.id;
      const finish = await ws.waitFor((f) => f.channel === 'spot.orders' && f.result?.[0]?.event === 'finish');
      const put = ws.frames.find((f) => f.channel === 'spot.orders' && f.result?.[0]?.event === 'put')!;
      const documented = fixture('private-ws-orders.json');
      expect(Object.keys(put).sort()).toEqual(Object.keys(documented).sort());
      expectSubset(put.result[0], documented.result[0]);
      expect(put.result[0]).toMatchObject({ id, text: 't-ws', event: 'put', finish_as: 'open', left: '0.001' });
      expect(finish.result[0]).toMatchObject({ id, event: 'finish', finish_as: 'filled', left: '0', filled_amount: '0.001' });
      const trade = await ws.waitFor((f) => f.channel === 'spot.usertrades' && f.event === 'update');
      expectSubset(trade.result[0], fixture('private-ws-usertrades.json').result[0]);
      expect(trade.result[0]).toMatchObject({ order_id: id, role: 'taker', side: 'buy', text: 't-ws', fee_currency: 'BTC' });
      const balance = await ws.waitFor((f) => f.channel === 'spot.balances' && f.event === 'update');
      expectSubset(balance.result[0], fixture('private-ws-balances.json').result[0]);
      expect(balance.result[0]).toMatchObject({ currency: 'USDT', change_type: 'order-create' });
    } finally {
      ws.close();
    }
  });

  it('drop_sockets drops authenticated sockets too; http_error applies to signed requests', async () => {
    const ws = await TestWsClient.connect(sim.wsUrl);
    const t = Math.floor(Date.now() / 1000);
    ws.send({ time: t, channel: 'spot.balances', event: 'subscribe', auth: gateWsAuth('spot.balances', 'subscribe', t, key) });
    await ws.waitFor((f) => f.channel === 'spot.balances');
    await postJson(`${sim.controlUrl}/faults`, { kind: 'drop_sockets' });
    expect(await ws.closed).toBe(1006);
    await postJson(`${sim.controlUrl}/faults`, { kind: 'http_error', status: 429, count: 1 });
    expect(await signed('GET', '/spot/accounts')).toMatchObject({ status: 429, body: { label: 'TOO_MANY_REQUESTS' } });
  });
});
