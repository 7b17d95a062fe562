import ccxt from 'ccxt';
import GateApi from 'gate-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateioSpotSim, type GateioSpotSim } from '../src/index.js';
import { freeAskLevel, marketBuyByCost, shareMarkets, withClockSkew } from './helpers/ccxt-sim.js';
import { getJson, postJson } from './helpers/ws-client.js';

/**
 * Two independent clients of the live venue, pointed at the simulator with its test key: ccxt's
 * gate classes and Gate's official SDK (`gate-api`). Each signs its own requests.
 */
function ccxtGate(sim: GateioSpotSim, secret = sim.apiSecret, pro = false): any {
  const Ctor = pro ? ccxt.pro.gate : ccxt.gate;
  const ex: any = new Ctor({ apiKey: sim.apiKey, secret, enableRateLimit: false, options: { fetchMarkets: { types: ['spot'] } } });
  for (const k of Object.keys(ex.urls.api.public)) ex.urls.api.public[k] = sim.restBaseUrl;
  for (const k of Object.keys(ex.urls.api.private)) ex.urls.api.private[k] = sim.restBaseUrl;
  if (pro) ex.urls.api.spot = sim.wsUrl;
  return ex;
}

describe('ccxt gate private REST against the simulator', () => {
  let sim: GateioSpotSim;
  let ex: any;

  beforeAll(async () => {
    sim = await startGateioSpotSim({ seed: 61, symbols: ['BTC_USDT', 'ETH_USDT'], flowPaused: true });
    sim.driver.stepAll(800);
    ex = ccxtGate(sim);
    await ex.loadMarkets();
  });
  afterAll(async () => sim.close());

  it('fetchBalance reads /spot/accounts', async () => {
    const bal = await ex.fetchBalance();
    expect(bal.USDT).toEqual({ free: 100000, used: 0, total: 100000 });
    expect(bal.BTC.free).toBe(2);
  });

  it('createOrder, fetchOrder, fetchOpenOrders, cancelOrder (limit, with a client order id)', async () => {
    const ob = await ex.fetchOrderBook('BTC/USDT', 10);
    const price = ob.bids[9][0];
    const created = await ex.createOrder('BTC/USDT', 'limit', 'buy', 0.01, price, { clientOrderId: 'ccxt1' });
    expect(created).toMatchObject({ status: 'open', clientOrderId: 't-ccxt1', price, amount: 0.01 });
    const fetched = await ex.fetchOrder(created.id, 'BTC/USDT');
    expect(fetched).toMatchObject({ id: created.id, status: 'open', side: 'buy', type: 'limit', filled: 0, remaining: 0.01 });
    expect((await ex.fetchOpenOrders('BTC/USDT')).map((o: any) => o.id)).toEqual([created.id]);
    expect((await ex.fetchBalance()).USDT.used).toBeCloseTo(price * 0.01, 8);
    const cancelled = await ex.cancelOrder(created.id, 'BTC/USDT');
    expect(cancelled.status).toBe('canceled');
    expect((await ex.fetchOrder(created.id, 'BTC/USDT')).status).toBe('canceled');
    expect((await ex.fetchBalance()).USDT).toEqual({ free: 100000, used: 0, total: 100000 });
    await expect(ex.cancelOrder(created.id, 'BTC/USDT')).rejects.toBeInstanceOf(ccxt.OrderNotFound);
  });

  it('a resting sell partially filled, then cancelled: maker fee in USDT; fetchMyTrades', async () => {
    const { price, aheadMicros } = await freeAskLevel(sim.controlUrl, 'currency_pair=BTC_USDT', 1, 40);
    const created = await ex.createOrder('BTC/USDT', 'limit', 'sell', 0.3, Number(price));
    await postJson(`${sim.controlUrl}/cross`, { symbol: 'BTC_USDT', side: 'buy', quantity: ((Number(aheadMicros) + 100_000) / 1e6).toFixed(6) });
    expect(await ex.fetchOrder(created.id, 'BTC/USDT')).toMatchObject({ status: 'open', filled: 0.1, remaining: 0.2 });
    await ex.cancelOrder(created.id, 'BTC/USDT');
    expect(await ex.fetchOrder(created.id, 'BTC/USDT')).toMatchObject({ status: 'canceled', filled: 0.1 });
    const mine = (await ex.fetchMyTrades('BTC/USDT')).filter((t: any) => t.order === created.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ side: 'sell', takerOrMaker: 'maker', amount: 0.1, price: Number(price) });
    expect(mine[0].fee.currency).toBe('USDT');
    expect(mine[0].fee.cost).toBeCloseTo(0.1 * Number(price) * 0.001, 9);
  });

  it('market buy (amount in quote) fills at once; taker fee in the base currency', async () => {
    const { before, status, trades, bought, fees } = await marketBuyByCost(ex, 'ETH/USDT', 0.5);
    expect(status).toBe('closed');
    expect(trades.every((t: any) => t.fee.currency === 'ETH' && t.takerOrMaker === 'taker')).toBe(true);
    expect(fees).toBeCloseTo(bought * 0.002, 10);
    expect((await ex.fetchBalance()).ETH.total).toBeCloseTo(before.ETH.total + bought - fees, 9);
  });

  it("maps the venue's errors: insufficient balance, bad signature, Timestamp too far (clock skew)", async () => {
    await expect(ex.createOrder('BTC/USDT', 'limit', 'sell', 50, 99999)).rejects.toBeInstanceOf(ccxt.InsufficientFunds);
    const wrong = ccxtGate(sim, '0'.repeat(64));
    shareMarkets(ex, wrong);
    await expect(wrong.fetchBalance()).rejects.toThrow(/INVALID_SIGNATURE/);
    await withClockSkew(sim.controlUrl, 90_000, async () => {
      await expect(ex.fetchBalance()).rejects.toThrow(/REQUEST_EXPIRED/);
    });
  });
});

describe("gate-api (Gate's official SDK) SpotApi against the simulator", () => {
  let sim: GateioSpotSim;
  let api: InstanceType<typeof GateApi.SpotApi>;

  beforeAll(async () => {
    sim = await startGateioSpotSim({ seed: 62, symbols: ['BTC_USDT'], flowPaused: true });
    sim.driver.stepAll(500);
    const client = new GateApi.ApiClient(sim.restBaseUrl);
    client.setApiKeySecret(sim.apiKey, sim.apiSecret);
    api = new GateApi.SpotApi(client);
  });
  afterAll(async () => sim.close());

  it('listSpotAccounts, createOrder, getOrder (id and text), listOrders, cancelOrder, listMyTrades', async () => {
    const accounts = (await api.listSpotAccounts({})).body;
    expect(accounts.find((a) => a.currency === 'USDT')).toMatchObject({ available: '100000', locked: '0' });

    const book = await getJson(`${sim.controlUrl}/book?currency_pair=BTC_USDT&depth=5`);
    const order = new GateApi.Order();
    order.currencyPair = 'BTC_USDT';
    order.side = GateApi.Order.Side.Buy;
    order.amount = '0.002';
    order.price = book.bids[4][0];
    order.text = 't-sdk-1';
    const created = await api.createOrder(order, {});
    expect(created.response.status).toBe(201);
    expect(created.body).toMatchObject({ text: 't-sdk-1', status: 'open', currencyPair: 'BTC_USDT', left: '0.002', finishAs: 'open' });
    const id = created.body.id as string;
    expect((await api.getOrder(id, 'BTC_USDT', {})).body.id).toBe(id);
    expect((await api.getOrder('t-sdk-1', 'BTC_USDT', {})).body.id).toBe(id);
    expect((await api.listOrders('BTC_USDT', 'open', {})).body.map((o) => o.id)).toEqual([id]);
    const cancelled = await api.cancelOrder(id, 'BTC_USDT', {});
    expect(cancelled.body).toMatchObject({ id, status: 'cancelled', finishAs: 'cancelled' });

    const taker = new GateApi.Order();
    taker.currencyPair = 'BTC_USDT';
    taker.side = GateApi.Order.Side.Buy;
    taker.amount = '0.001';
    taker.price = book.asks[0][0];
    const filled = (await api.createOrder(taker, {})).body;
    expect(filled).toMatchObject({ status: 'closed', finishAs: 'filled', filledAmount: '0.001', feeCurrency: 'BTC', text: 'apiv4' });
    const trades = (await api.listMyTrades({ currencyPair: 'BTC_USDT', orderId: filled.id })).body;
    expect(trades.map((t) => [t.orderId, t.role, t.side])).toEqual([[filled.id, 'taker', 'buy']]);
  });

  it("surfaces the venue's errors (status and label) through the SDK", async () => {
    const bad = new GateApi.ApiClient(sim.restBaseUrl);
    bad.setApiKeySecret(sim.apiKey, 'f'.repeat(64));
    const err: any = await new GateApi.SpotApi(bad).listSpotAccounts({}).catch((e) => e);
    expect(err.response.status).toBe(401);
    expect(err.response.data.label).toBe('INVALID_SIGNATURE');
    const missing: any = await api.getOrder('640999999999', 'BTC_USDT', {}).catch((e) => e);
    expect([missing.response.status, missing.response.data.label]).toEqual([404, 'ORDER_NOT_FOUND']);
    await withClockSkew(sim.controlUrl, 120_000, async () => {
      const stale: any = await api.listSpotAccounts({}).catch((e) => e);
      expect([stale.response.status, stale.response.data.label]).toEqual([403, 'REQUEST_EXPIRED']);
    });
  });
});

describe('ccxt pro gate private channels', () => {
  let sim: GateioSpotSim;
  let ex: any;

  beforeAll(async () => {
    sim = await startGateioSpotSim({ seed: 63, symbols: ['BTC_USDT'], flowPaused: true });
    sim.driver.stepAll(500);
    ex = ccxtGate(sim, sim.apiSecret, true);
    await ex.loadHttpProxyAgent();
    await ex.loadMarkets();
  });
  afterAll(async () => {
    await ex.close();
    await sim.close();
  });

  it('watchOrders and watchMyTrades see an order placed and filled (spot.orders, spot.usertrades with auth)', async () => {
    const orders = ex.watchOrders('BTC/USDT');
    const trades = ex.watchMyTrades('BTC/USDT');
    await new Promise((r) => setTimeout(r, 300));
    const ob = await ex.fetchOrderBook('BTC/USDT', 5);
    const created = await ex.createOrder('BTC/USDT', 'limit', 'buy', 0.001, ob.asks[0][0], { clientOrderId: 'pro1' });
    const o = await orders;
    expect(o[0]).toMatchObject({ id: created.id, symbol: 'BTC/USDT', clientOrderId: 't-pro1' });
    const t = await trades;
    expect(t[0]).toMatchObject({ order: created.id, symbol: 'BTC/USDT', side: 'buy', takerOrMaker: 'taker' });
  });
});
