import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateioFuturesSim, type GateioFuturesSim } from '../src/index.js';
import { futuresApi, subscribePrivate } from './helpers/gate-futures.js';
import { gateWsAuth } from './helpers/signing.js';
import { getJson, postJson, TestWsClient, type Frame } from './helpers/ws-client.js';

const fixtureDir = fileURLToPath(new URL('../../adapters/test/fixtures/gateio-futures/', import.meta.url));
const fixture = (name: string): any => JSON.parse(readFileSync(`${fixtureDir}${name}`, 'utf8'));

/** Every documented key is present with the documented JSON type. */
function expectDocumentedTypes(actual: Record<string, unknown>, documented: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(documented)) expect([k, typeof actual[k]]).toEqual([k, typeof v]);
}

const MULT = 0.0001;
const updates = (ws: TestWsClient, channel: string): Frame[] => ws.frames.filter((f) => f.channel === channel && f.event === 'update');
const items = (ws: TestWsClient, channel: string): any[] => updates(ws, channel).flatMap((f) => f.result);

describe('gate futures private websocket, funding and liquidation', () => {
  let sim: GateioFuturesSim;
  let api: ReturnType<typeof futuresApi>;
  let key: { apiKey: string; apiSecret: string };
  let uid: string;

  beforeAll(async () => {
    sim = await startGateioFuturesSim({ seed: 82, symbols: ['BTC_USDT', 'ETH_USDT'], flowPaused: true, pushIntervalMs: 0, liquidationIntervalMs: 0, indexTickMs: 0 });
    sim.driver.stepAll(1500);
    api = futuresApi(sim);
    key = { apiKey: sim.apiKey, apiSecret: sim.apiSecret };
    uid = String(sim.accounts.list[0]!.uid);
  });
  afterAll(async () => sim.close());

  it('needs a valid auth on each private subscribe; takes the user id as a string or a number, a contract or !all', async () => {
    const ws = await TestWsClient.connect(sim.wsUrl);
    try {
      const missing = await ws.request('futures.orders', 'subscribe', [uid, 'BTC_USDT']);
      expect(missing).toMatchObject({ error: { code: 4, message: 'Authentication fail: missing auth' }, result: { status: 'fail' } });
      const t = Math.floor(Date.now() / 1000);
      const wrongId = ws.send({
        time: t,
        channel: 'futures.orders',
        event: 'subscribe',
        payload: [uid, 'BTC_USDT'],
        auth: gateWsAuth('futures.orders', 'subscribe', t, { apiKey: key.apiKey, apiSecret: 'wrong' }),
      });
      expect((await ws.waitFor((f) => f.id === wrongId)).error).toEqual({ code: 4, message: 'Authentication fail: invalid signature' });
      expect((await subscribePrivate(ws, 'futures.orders', [uid, 'NOPE_USDT'], key)).error.code).toBe(2);
      expect((await subscribePrivate(ws, 'futures.orders', [], key)).error.code).toBe(2);
      expect(await subscribePrivate(ws, 'futures.orders', [Number(uid), 'BTC_USDT'], key)).toMatchObject({ channel: 'futures.orders', event: 'subscribe', result: { status: 'success' } });
      expect((await subscribePrivate(ws, 'futures.positions', ['1', '!all'], key)).result).toEqual({ status: 'success' });
      expect((await subscribePrivate(ws, 'futures.balances', [uid], key)).result).toEqual({ status: 'success' });
      expect((await subscribePrivate(ws, 'futures.balances', [Number(uid), '!all'], key)).result).toEqual({ status: 'success' });
    } finally {
      ws.close();
    }
  });

  it("pushes futures.orders, usertrades, positions and balances with the wire's JSON types", async () => {
    const ws = await TestWsClient.connect(sim.wsUrl);
    try {
      for (const channel of ['futures.orders', 'futures.usertrades', 'futures.positions']) await subscribePrivate(ws, channel, [uid, '!all'], key);
      await subscribePrivate(ws, 'futures.balances', [uid], key);
      const created = await api.order({ contract: 'BTC_USDT', size: 10, price: '0', tif: 'ioc', text: 't-ws' });
      const id = created.body.id;
      const finished = await ws.waitFor((f) => f.channel === 'futures.orders' && f.result?.[0]?.status === 'finished');
      const orders = items(ws, 'futures.orders').filter((o) => o.id === id);
      expect(orders[0]).toMatchObject({ status: 'open', finish_as: '_new', finish_time: 0, left: 10, size: 10, update_id: 1 });
      expect(Object.keys(finished)).toEqual(expect.arrayContaining(Object.keys(fixture('private-ws-orders.json'))));
      expectDocumentedTypes(finished.result[0], fixture('private-ws-orders.json').result[0]);
      expect(finished.result[0]).toMatchObject({ id, contract: 'BTC_USDT', size: 10, left: 0, price: 0, tif: 'ioc', text: 't-ws', user: uid, finish_as: 'filled', is_reduce_only: false });
      expect(finished.result[0].fill_price).toBeCloseTo(Number(created.body.fill_price), 6);
      expect(finished.result[0].update_time).toBeGreaterThan(1e12);
      expect(finished.result[0].update_id).toBe(orders.length);

      const trades = items(ws, 'futures.usertrades').filter((t) => t.order_id === String(id));
      const rest = await api.myTrades({ contract: 'BTC_USDT', order: String(id) });
      expect(trades.map((t) => t.id).sort()).toEqual(rest.map((t) => String(t.id)).sort());
      expectDocumentedTypes(trades[0], fixture('private-ws-usertrades.json').result[0]);
      expect(trades[0]).toMatchObject({ contract: 'BTC_USDT', role: 'taker', text: 't-ws', point_fee: 0 });
      expect(trades[0]).not.toHaveProperty('close_size'); // not in the futures websocket docs (REST my_trades has it)
      expect(trades.reduce((s, t) => s + t.size, 0)).toBe(10);
      const fills = await getJson(`${sim.controlUrl}/fills?apiKey=${key.apiKey}`);
      expect(
        fills.fills
          .filter((f: any) => f.orderId === String(id))
          .map((f: any) => f.venueTradeId)
          .sort(),
      ).toEqual(trades.map((t) => t.id).sort());

      const position = items(ws, 'futures.positions').at(-1);
      expectDocumentedTypes(position, fixture('private-ws-positions.json').result[0]);
      const rp = await api.position('BTC_USDT');
      expect(position).toMatchObject({ contract: 'BTC_USDT', size: 10, leverage: 10, mode: 'single', user: uid, update_id: rp.update_id });
      expect(position.entry_price).toBeCloseTo(Number(rp.entry_price), 6);
      expect(position.margin).toBeCloseTo(Number(rp.margin), 9);
      expect(position.liq_price).toBe(Number(rp.liq_price));

      const balances = items(ws, 'futures.balances');
      expectDocumentedTypes(balances[0], fixture('private-ws-balances.json').result[0]);
      expect(balances.every((b) => b.type === 'fee' && b.text === `BTC_USDT:${id}` && b.user === uid && b.change < 0)).toBe(true);
      expect(balances.at(-1).balance).toBeCloseTo(Number((await api.account()).total), 9);
    } finally {
      ws.close();
    }
  });

  it('sends sizes as strings to a socket opened with X-Gate-Size-Decimal: 1', async () => {
    const ws = await TestWsClient.connect(sim.wsUrl, { 'X-Gate-Size-Decimal': '1' });
    try {
      for (const channel of ['futures.orders', 'futures.usertrades', 'futures.positions']) await subscribePrivate(ws, channel, [uid, 'BTC_USDT'], key);
      await api.order({ contract: 'BTC_USDT', size: -4, price: '0', tif: 'ioc', reduce_only: true });
      const order = await ws.waitFor((f) => f.channel === 'futures.orders' && f.result?.[0]?.status === 'finished');
      expect(order.result[0]).toMatchObject({ size: '-4', left: '0', iceberg: '0', is_reduce_only: true });
      const trade = await ws.waitFor((f) => f.channel === 'futures.usertrades' && f.event === 'update');
      expect(typeof trade.result[0].size).toBe('string');
      expect((await ws.waitFor((f) => f.channel === 'futures.positions' && f.event === 'update' && f.result[0].size === '6')).result[0].size).toBe('6');
    } finally {
      ws.close();
    }
  });

  it('funding: POST /__sim/funding/apply charges open positions (pnl_fund, history.fund, balances type fund, a positions push)', async () => {
    const ws = await TestWsClient.connect(sim.wsUrl);
    try {
      await subscribePrivate(ws, 'futures.balances', [uid], key);
      await subscribePrivate(ws, 'futures.positions', [uid, 'BTC_USDT'], key);
      const before = await api.position('BTC_USDT');
      const total = Number((await api.account()).total);
      await postJson(`${sim.controlUrl}/mark`, { contract: 'BTC_USDT', price: '65500' });
      const applied = await postJson(`${sim.controlUrl}/funding/apply`, {});
      const rate = Number((await getJson(`${sim.restBaseUrl}/futures/usdt/funding_rate?contract=BTC_USDT&limit=1`))[0].r);
      const payment = -6 * MULT * 65500 * rate;
      expect(applied).toMatchObject({ settled: 2, payments: [{ apiKey: key.apiKey, contract: 'BTC_USDT' }] });
      expect(Number(applied.payments[0].change)).toBeCloseTo(payment, 9);
      const fund = await ws.waitFor((f) => f.channel === 'futures.balances' && f.result?.[0]?.type === 'fund');
      expect(fund.result[0]).toMatchObject({ type: 'fund', text: 'BTC_USDT', user: uid });
      expect(fund.result[0].change).toBeCloseTo(payment, 9);
      expect(fund.result[0].balance).toBeCloseTo(total + payment, 9);
      const after = await api.position('BTC_USDT');
      expect(Number(after.pnl_fund)).toBeCloseTo(Number(before.pnl_fund) + payment, 9);
      expect(after.update_id).toBe(before.update_id + 1);
      expect((await ws.waitFor((f) => f.channel === 'futures.positions' && f.result?.[0]?.update_id === after.update_id)).result[0].size).toBe(6);
      const acct = await api.account();
      expect(Number(acct.history.fund)).toBeCloseTo(Number(after.pnl_fund), 9);
      expect(Number(acct.total)).toBeCloseTo(total + payment, 9);
    } finally {
      await postJson(`${sim.controlUrl}/mark`, { contract: 'BTC_USDT', price: null });
      ws.close();
    }
  });

  it('liquidates when the mark reaches the liquidation price: orders cancelled, position taken over, public print, futures.liquidates', async () => {
    await api.order({ contract: 'BTC_USDT', size: 0, price: '0', tif: 'ioc', close: true });
    await api.leverage('BTC_USDT', { leverage: '50' });
    await api.order({ contract: 'BTC_USDT', size: 20, price: '0', tif: 'ioc' });
    const book = await getJson(`${sim.controlUrl}/book?contract=BTC_USDT&depth=5`);
    const resting = await api.order({ contract: 'BTC_USDT', size: 3, price: book.bids[4][0] });
    const pos = await api.position('BTC_USDT');
    const total = Number((await api.account()).total);
    expect(Number(pos.liq_price)).toBeCloseTo(Number(pos.entry_price) * (1 - 1 / 50 + 0.005), 1);

    const ws = await TestWsClient.connect(sim.wsUrl);
    const pub = await TestWsClient.connect(sim.wsUrl);
    try {
      for (const channel of ['futures.orders', 'futures.positions', 'futures.liquidates']) await subscribePrivate(ws, channel, [uid, '!all'], key);
      await pub.request('futures.public_liquidates', 'subscribe', ['!all']);
      const above = (Number(pos.liq_price) + 0.01).toFixed(2);
      expect((await postJson(`${sim.controlUrl}/mark`, { contract: 'BTC_USDT', price: above })).liquidated).toEqual([]);
      const marked = await postJson(`${sim.controlUrl}/mark`, { contract: 'BTC_USDT', price: pos.liq_price });
      expect(marked.liquidated).toEqual([{ apiKey: key.apiKey, size: 20, liq_price: pos.liq_price, order_id: expect.any(String) }]);

      const liq = await ws.waitFor((f) => f.channel === 'futures.liquidates' && f.event === 'update');
      expectDocumentedTypes(liq.result[0], fixture('private-ws-liquidates.json').result[0]);
      expect(liq.result[0]).toMatchObject({ contract: 'BTC_USDT', size: 20, order_size: -20, left: 0, leverage: 50, liq_price: Number(pos.liq_price), mark_price: Number(pos.liq_price), user: uid });
      expect(liq.result[0].margin).toBeCloseTo(Number(pos.margin), 9);
      const print = await pub.waitFor((f) => f.channel === 'futures.public_liquidates' && f.event === 'update');
      expect(print.result[0]).toMatchObject({ contract: 'BTC_USDT', price: Number(pos.liq_price), size: -20 });
      const liqOrder = await ws.waitFor((f) => f.channel === 'futures.orders' && f.result?.[0]?.is_liq === true);
      expect(liqOrder.result[0]).toMatchObject({ size: -20, left: 0, status: 'finished', finish_as: 'filled', text: 'liquidation', is_reduce_only: true });
      expect(liqOrder.result[0].id).toBe(Number(marked.liquidated[0].order_id));
      const cancelled = await ws.waitFor((f) => f.channel === 'futures.orders' && f.result?.[0]?.id === resting.body.id);
      expect(cancelled.result[0]).toMatchObject({ status: 'finished', finish_as: 'liquidated' });
      expect((await ws.waitFor((f) => f.channel === 'futures.positions' && f.result?.[0]?.size === 0)).result[0].margin).toBe(0);

      const after = await api.position('BTC_USDT');
      expect(after).toMatchObject({ size: 0, margin: '0', pending_orders: 0 });
      expect(Number(after.pnl_pnl)).toBeCloseTo(-Number(pos.margin), 9);
      const acct = await api.account();
      expect(Number(acct.total)).toBeCloseTo(total - Number(pos.margin), 9);
      expect(acct.order_margin).toBe('0');
      expect((await api.signed('GET', `/orders/${marked.liquidated[0].order_id}`)).body).toMatchObject({ is_liq: true, size: -20, finish_as: 'filled' });
      const printed = await getJson(`${sim.restBaseUrl}/futures/usdt/liq_orders?contract=BTC_USDT`);
      expect(printed[0]).toMatchObject({ contract: 'BTC_USDT', fill_price: pos.liq_price, size: 20 });
    } finally {
      await postJson(`${sim.controlUrl}/mark`, { contract: 'BTC_USDT', price: null });
      ws.close();
      pub.close();
    }
  });

  it('cancels resting reduce-only orders once the position is gone (finish_as position_closed)', async () => {
    await api.leverage('BTC_USDT', { leverage: '10' });
    await api.order({ contract: 'BTC_USDT', size: 5, price: '0', tif: 'ioc' });
    const book = await getJson(`${sim.controlUrl}/book?contract=BTC_USDT&depth=5`);
    const reducer = await api.order({ contract: 'BTC_USDT', size: -5, price: book.asks[4][0], reduce_only: true });
    expect(reducer.body).toMatchObject({ status: 'open', is_reduce_only: true });
    expect((await api.account()).order_margin).toBe('0');
    expect((await api.position('BTC_USDT')).close_order).toBeNull();
    await api.order({ contract: 'BTC_USDT', size: 0, price: '0', tif: 'ioc', close: true });
    expect((await api.signed('GET', `/orders/${reducer.body.id}`)).body).toMatchObject({ status: 'finished', finish_as: 'position_closed' });
  });

  it('drop_sockets drops authenticated sockets too', async () => {
    const ws = await TestWsClient.connect(sim.wsUrl);
    await subscribePrivate(ws, 'futures.balances', [uid], key);
    await postJson(`${sim.controlUrl}/faults`, { kind: 'drop_sockets' });
    expect(await ws.closed).toBe(1006);
  });
});
