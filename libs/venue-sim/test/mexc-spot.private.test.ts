import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEXC_TEST_API_KEY, startMexcSpotSim, type MexcSpotSim } from '../src/index.js';
import { verifySignedRequest } from '../src/mexc/spot/private-auth.js';
import { MexcTestClient } from './helpers/mexc-ws-client.js';
import { mexcSigned } from './helpers/signing.js';
import { getJson, postJson } from './helpers/ws-client.js';

const fixtureDir = fileURLToPath(new URL('../../adapters/test/fixtures/mexc/', import.meta.url));
const fixture = (name: string): any => JSON.parse(readFileSync(`${fixtureDir}${name}`, 'utf8'));

/** Every key of the documented example is present with the same JSON type (protobuf JSON omits defaults, so extra keys are fine). */
function expectSubset(actual: Record<string, unknown>, documented: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(documented)) expect([k, typeof actual[k]]).toEqual([k, typeof v]);
}

/** Same keys and JSON types as the documented example (values may differ). */
function expectShape(actual: Record<string, unknown>, documented: Record<string, unknown>, typeFree: string[] = []): void {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(documented).sort());
  for (const [k, v] of Object.entries(documented)) {
    if (v !== null && actual[k] !== null && !typeFree.includes(k)) expect([k, typeof actual[k]]).toEqual([k, typeof v]);
  }
}

describe('MEXC signing recipe (the documented examples)', () => {
  const account = { apiKey: 'mx0aBYs33eIilxBWC5', apiSecret: '45d0b3c26f2644f19bfb98b07741b2f5' };
  const ctx = { accounts: { byApiKey: (k: string) => (k === account.apiKey ? account : undefined) }, now: () => 1644489390087 } as any;
  const headers = { 'x-mexc-apikey': account.apiKey };
  const all = 'symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=11&recvWindow=5000&timestamp=1644489390087';

  it('accepts the signature in the body, in the query string, and over a mixed query + body', () => {
    const sig = 'fd3e4e8543c5188531eb7279d68ae7d26a573d0fc5ab0d18eb692451654d837a';
    expect(verifySignedRequest(ctx, headers, '', `${all}&signature=${sig}`).params.get('price')).toBe('11');
    expect(verifySignedRequest(ctx, headers, `${all}&signature=${sig}`, '').params.get('symbol')).toBe('BTCUSDT');
    const mixed = 'd1a676610ceb39174c8039b3f548357994b2a34139a8addd33baadba65684592';
    const out = verifySignedRequest(ctx, headers, 'symbol=BTCUSDT&side=BUY&type=LIMIT', `quantity=1&price=11&recvWindow=5000&timestamp=1644489390087&signature=${mixed}`);
    expect(out.params.get('quantity')).toBe('1');
    // upper-case hex is not accepted ("The signature is support lowercase only")
    expect(() => verifySignedRequest(ctx, headers, `${all}&signature=${sig.toUpperCase()}`, '')).toThrow(/Signature/);
  });
});

describe('MEXC spot private REST', () => {
  let sim: MexcSpotSim;
  let base: string;
  const key = MEXC_TEST_API_KEY;
  const signed = (method: string, path: string, params: Record<string, string | number> = {}, opts = {}) => mexcSigned(base, method, path, params, key, opts);

  beforeAll(async () => {
    sim = await startMexcSpotSim({ seed: 31, symbols: ['BTCUSDT', 'ETHUSDT'], flowPaused: true, listenKeyTtlMs: 1500 });
    base = sim.restBaseUrl;
    sim.driver.stepAll(800);
  });
  afterAll(async () => sim.close());

  it("accepts a correctly signed request and refuses bad ones with the venue's codes", async () => {
    const ok = await signed('GET', '/api/v3/account');
    expect(ok.status).toBe(200);
    expectShape(ok.body, fixture('private-rest-account.json'));
    expect(ok.body.balances).toContainEqual({ asset: 'USDT', free: '100000', locked: '0' });
    expect(await signed('GET', '/api/v3/account', {}, { tamper: true })).toEqual({ status: 400, body: fixture('private-rest-error-signature.json') });
    expect((await mexcSigned(base, 'GET', '/api/v3/account', {}, { apiKey: 'mx0nope', apiSecret: key.apiSecret })).body).toEqual({ code: 10072, msg: 'Api key info invalid' });
    expect((await signed('GET', '/api/v3/account', {}, { noKey: true })).body).toEqual({ code: 400, msg: 'api key required' });
    expect((await signed('GET', '/api/v3/account', {}, { recvWindow: 60001 })).body.code).toBe(700005);
  });

  it('refuses a timestamp outside recvWindow, and the clock skew fault makes fresh requests fail the same way', async () => {
    expect(await signed('GET', '/api/v3/account', {}, { timestamp: Date.now() - 6000 })).toEqual({ status: 400, body: fixture('private-rest-error-timestamp.json') });
    expect((await signed('GET', '/api/v3/account', {}, { timestamp: Date.now() - 6000, recvWindow: 10000 })).status).toBe(200);
    expect((await signed('GET', '/api/v3/account', {}, { timestamp: Date.now() + 2000 })).body.code).toBe(700003);
    await postJson(`${sim.controlUrl}/faults`, { kind: 'clock_skew', ms: 30_000 });
    try {
      expect((await signed('GET', '/api/v3/account')).body.code).toBe(700003);
    } finally {
      await postJson(`${sim.controlUrl}/faults`, { kind: 'clear' });
    }
  });

  it('places, queries, lists and cancels a limit order; unknown orders get -2013 / -2011', async () => {
    const book = await getJson(`${sim.controlUrl}/book?symbol=BTCUSDT&depth=5`);
    const price = book.bids[4][0];
    const placed = await signed('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', quantity: '0.01', price, newClientOrderId: 'cid-1' });
    expect(placed.status).toBe(200);
    expectShape(placed.body, fixture('private-rest-new-order.json'));
    expect(placed.body).toMatchObject({ symbol: 'BTCUSDT', orderListId: -1, price, origQty: '0.01', type: 'LIMIT', side: 'BUY' });
    expect(placed.body.orderId).toMatch(/^C02__\d+$/);
    const id = placed.body.orderId;
    const q = await signed('GET', '/api/v3/order', { symbol: 'BTCUSDT', orderId: id });
    expectShape(q.body, fixture('private-rest-query-order.json'));
    expect(q.body).toMatchObject({ orderId: id, clientOrderId: 'cid-1', status: 'NEW', executedQty: '0', isWorking: true });
    expect((await signed('GET', '/api/v3/order', { symbol: 'BTCUSDT', origClientOrderId: 'cid-1' })).body.orderId).toBe(id);
    expect((await signed('GET', '/api/v3/openOrders', { symbol: 'BTCUSDT' })).body.map((o: any) => o.orderId)).toEqual([id]);
    // a second order with the same client id is refused
    const dup = await signed('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', quantity: '0.01', price, newClientOrderId: 'cid-1' });
    expect(dup.status).toBe(400);
    const cancelled = await signed('DELETE', '/api/v3/order', { symbol: 'BTCUSDT', orderId: id });
    // the documented example is a Binance copy with a numeric orderId (live ids are strings) and a
    // "GTC" timeInForce that no live answer shows: the sim leaves it out
    const { timeInForce: _copied, ...documented } = fixture('private-rest-cancel-order.json');
    expectShape(cancelled.body, documented, ['orderId']);
    expect(cancelled.body).toMatchObject({ orderId: id, status: 'CANCELED', origClientOrderId: 'cid-1' });
    expect(await signed('DELETE', '/api/v3/order', { symbol: 'BTCUSDT', orderId: id })).toEqual({ status: 400, body: fixture('private-rest-error-unknown-order.json') });
    expect(await signed('GET', '/api/v3/order', { symbol: 'BTCUSDT', orderId: 'C02__1' })).toEqual({ status: 400, body: fixture('private-rest-error-order-not-exist.json') });
    expect((await signed('DELETE', '/api/v3/order', { symbol: 'BTCUSDT' })).body.code).toBe(700004);
  });

  it('refuses an order the balance cannot cover and one below the minimum amount', async () => {
    const tooBig = await signed('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'SELL', type: 'LIMIT', quantity: '50', price: '99999' });
    expect(tooBig).toEqual({ status: 400, body: fixture('private-rest-error-insufficient.json') });
    const tiny = await signed('POST', '/api/v3/order', { symbol: 'ETHUSDT', side: 'BUY', type: 'LIMIT', quantity: '0.0001', price: '1000' });
    expect(tiny.body).toEqual({ code: 30002, msg: 'The minimum transaction volume cannot be less than:1USDT' });
  });

  it('partial fill by /__sim/cross, then cancel: balances, fee and trade history are exact', async () => {
    const before = await getJson(`${sim.controlUrl}/account?apiKey=${key.apiKey}`);
    const usdt0 = Number(before.balances.USDT.free);
    const btc0 = Number(before.balances.BTC.free);
    // a sell a little above the best ask, at a price where nothing rests yet (so nothing is ahead of it there)
    const askDepth = await getJson(`${sim.controlUrl}/book?symbol=BTCUSDT&depth=500`);
    let cents = Math.round(Number(askDepth.asks[0][0]) * 100) + 500;
    while (askDepth.asks.some(([p]: [string]) => Math.round(Number(p) * 100) === cents)) cents += 1;
    const price = (cents / 100).toFixed(2);
    const placed = await signed('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'SELL', type: 'LIMIT', quantity: '0.5', price });
    const id = placed.body.orderId;
    // cross everything below our price, then 0.2 of ours
    let ahead = 0n;
    for (const [p, q] of askDepth.asks) if (Math.round(Number(p) * 100) < cents) ahead += BigInt(Math.round(Number(q) * 1e6));
    const crossQty = ahead + 200_000n;
    const cross = await postJson(`${sim.controlUrl}/cross`, { symbol: 'BTCUSDT', side: 'buy', quantity: `${crossQty / 1_000_000n}.${String(crossQty % 1_000_000n).padStart(6, '0')}` });
    expect(cross.trades.at(-1)).toMatchObject({ price, quantity: '0.2', makerOrderId: id });
    const q = await signed('GET', '/api/v3/order', { symbol: 'BTCUSDT', orderId: id });
    expect(q.body).toMatchObject({ status: 'PARTIALLY_FILLED', executedQty: '0.2' });
    const mid = await getJson(`${sim.controlUrl}/account?apiKey=${key.apiKey}`);
    expect(Number(mid.balances.BTC.locked)).toBeCloseTo(0.3, 12);
    await signed('DELETE', '/api/v3/order', { symbol: 'BTCUSDT', orderId: id });
    const after = await getJson(`${sim.controlUrl}/account?apiKey=${key.apiKey}`);
    // maker fee is 0 on MEXC spot: the seller receives 0.2 x price USDT exactly
    expect(after.balances.BTC).toEqual({ free: String(+(btc0 - 0.2).toFixed(6)), locked: '0' });
    expect(Number(after.balances.USDT.free)).toBeCloseTo(usdt0 + 0.2 * Number(price), 8);
    const trades = await signed('GET', '/api/v3/myTrades', { symbol: 'BTCUSDT', orderId: id });
    expect(trades.body).toHaveLength(1);
    expectShape(trades.body[0], fixture('private-rest-my-trades.json')[0]);
    expect(trades.body[0]).toMatchObject({ orderId: id, price, qty: '0.2', isBuyer: false, isMaker: true, commission: '0', commissionAsset: 'USDT' });
    const fills = await getJson(`${sim.controlUrl}/fills?apiKey=${key.apiKey}`);
    expect(fills.fills.at(-1)).toMatchObject({ orderId: id, venueTradeId: trades.body[0].id, role: 'maker', quantity: '0.2' });
    const final = await signed('GET', '/api/v3/order', { symbol: 'BTCUSDT', orderId: id });
    expect(final.body.status).toBe('PARTIALLY_CANCELED');
  });

  it('listenKey lifecycle: create, list, keep alive, close (closes its sockets); expiry closes them too', async () => {
    const created = await signed('POST', '/api/v3/userDataStream');
    expect(created.body.listenKey).toMatch(/^[0-9a-f]{64}$/);
    const lk = created.body.listenKey;
    expect((await signed('GET', '/api/v3/userDataStream')).body.listenKey).toContain(lk);
    expect(await signed('PUT', '/api/v3/userDataStream', { listenKey: lk })).toEqual({ status: 200, body: { listenKey: lk } });
    const client = await MexcTestClient.connect(`${sim.wsUrl}?listenKey=${lk}`);
    expect(await signed('DELETE', '/api/v3/userDataStream', { listenKey: lk })).toEqual({ status: 200, body: { listenKey: lk } });
    await client.closed;
    expect((await signed('PUT', '/api/v3/userDataStream', { listenKey: lk })).status).toBe(400);
    // a bad key is refused at the handshake
    await expect(MexcTestClient.connect(`${sim.wsUrl}?listenKey=nope`)).rejects.toThrow();
    // with the 1.5 s validity of this simulator, an un-extended key expires and its socket closes
    const lk2 = (await signed('POST', '/api/v3/userDataStream')).body.listenKey;
    const c2 = await MexcTestClient.connect(`${sim.wsUrl}?listenKey=${lk2}`);
    await c2.closed;
    expect((await signed('GET', '/api/v3/userDataStream')).body.listenKey).not.toContain(lk2);
  });

  it('user data stream: private topics only on listenKey connections; protobuf order, deal and account pushes', async () => {
    const plain = await MexcTestClient.connect(sim.wsUrl);
    expect((await plain.request('SUBSCRIPTION', ['spot@private.orders.v3.api.pb'])).msg).toMatch(/^Not Subscribed successfully/);
    plain.close();

    const lk = (await signed('POST', '/api/v3/userDataStream')).body.listenKey;
    // keep it alive while the test runs (validity is 1.5 s in this simulator)
    const keep = setInterval(() => void signed('PUT', '/api/v3/userDataStream', { listenKey: lk }), 300);
    try {
      const ws = await MexcTestClient.connect(`${sim.wsUrl}?listenKey=${lk}`);
      const topics = ['spot@private.orders.v3.api.pb', 'spot@private.deals.v3.api.pb', 'spot@private.account.v3.api.pb'];
      expect(await ws.request('SUBSCRIPTION', topics)).toMatchObject({ code: 0, msg: topics.join(',') });
      const book = await getJson(`${sim.controlUrl}/book?symbol=ETHUSDT&depth=1`);
      const placed = await signed('POST', '/api/v3/order', { symbol: 'ETHUSDT', side: 'BUY', type: 'LIMIT', quantity: '1', price: book.asks[0][0], newClientOrderId: 'ws-1' });
      const id = placed.body.orderId;
      const deal = await ws.waitFor((f) => f.binary && f.json.channel === topics[1]);
      const order = await ws.waitFor((f) => f.binary && f.json.channel === topics[0] && f.json.privateOrders?.status !== 1);
      const acct = await ws.waitFor((f) => f.binary && f.json.channel === topics[2]);
      expectSubset(deal.json.privateDeals, fixture('private-ws-deals.json').privateDeals);
      expect(deal.json).toMatchObject({ symbol: 'ETHUSDT', privateDeals: { orderId: id, clientOrderId: 'ws-1', tradeType: 1, isMaker: false, feeCurrency: 'ETH' } });
      expect(deal.json.privateDeals.tradeId).toMatch(/^\d+X1$/);
      expect(order.json).toMatchObject({ symbol: 'ETHUSDT', privateOrders: { id, clientId: 'ws-1', tradeType: 1, orderType: 1 } });
      expect([2, 3]).toContain(order.json.privateOrders.status);
      const firstOrderPush = ws.pushes(topics[0])[0]!;
      expect(firstOrderPush.privateOrders).toMatchObject({ id, status: 1, cumulativeQuantity: '0' });
      expect(acct.json.privateAccount).toMatchObject({ vcoinName: 'USDT', type: 'ENTRUST_PLACE' });
      expect(acct.json.createTime).toBeDefined();
      expectSubset(acct.json, fixture('private-ws-account.json'));
      expectSubset(acct.json.privateAccount, fixture('private-ws-account.json').privateAccount);
      ws.close();
      await signed('DELETE', '/api/v3/openOrders', { symbol: 'ETHUSDT' });
    } finally {
      clearInterval(keep);
    }
  });

  it('drop_sockets also drops user data stream sockets; http_error applies to signed requests', async () => {
    const lk = (await signed('POST', '/api/v3/userDataStream')).body.listenKey;
    const keep = setInterval(() => void signed('PUT', '/api/v3/userDataStream', { listenKey: lk }), 300);
    try {
      const ws = new WebSocket(`${sim.wsUrl}?listenKey=${lk}`);
      await new Promise((r) => ws.once('open', r));
      const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
      await postJson(`${sim.controlUrl}/faults`, { kind: 'drop_sockets' });
      expect(await closed).toBe(1006);
      await postJson(`${sim.controlUrl}/faults`, { kind: 'http_error', status: 503, count: 1 });
      expect((await signed('GET', '/api/v3/account')).status).toBe(503);
    } finally {
      clearInterval(keep);
    }
  });
});
