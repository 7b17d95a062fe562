import ccxt from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMexcSpotSim, type MexcSpotSim } from '../src/index.js';
import { freeAskLevel, marketBuyByCost, pointMexcAt, shareMarkets, withClockSkew } from './helpers/ccxt-sim.js';
import { getJson, postJson } from './helpers/ws-client.js';

/**
 * ccxt's own mexc classes with the simulator's test key: only base URLs differ from the live
 * venue, so every signed request below is signed by ccxt and verified by the simulator.
 */

/** Amount in the venue's six-decimal text from millionths. */
const microsText = (micros: bigint) => `${micros / 1_000_000n}.${String(micros % 1_000_000n).padStart(6, '0')}`;

describe('ccxt mexc private REST against the simulator', () => {
  let sim: MexcSpotSim;
  let ex: any;

  beforeAll(async () => {
    sim = await startMexcSpotSim({ seed: 51, symbols: ['BTCUSDT', 'ETHUSDT'], flowPaused: true });
    sim.driver.stepAll(800);
    ex = new ccxt.mexc({ apiKey: sim.apiKey, secret: sim.apiSecret, enableRateLimit: false });
    pointMexcAt(ex, sim);
    await ex.loadMarkets(); // with keys this also reads /api/v3/capital/config/getall
  });
  afterAll(async () => sim.close());

  it('fetchBalance reads the account', async () => {
    const bal = await ex.fetchBalance();
    expect(bal.USDT).toEqual({ free: 100000, used: 0, total: 100000 });
    expect(bal.BTC.free).toBe(2);
  });

  it('createOrder, fetchOrder, fetchOpenOrders, cancelOrder (limit, with a client order id)', async () => {
    const ob = await ex.fetchOrderBook('BTC/USDT', 10);
    const price = ob.bids[9][0];
    const created = await ex.createOrder('BTC/USDT', 'limit', 'buy', 0.01, price, { clientOrderId: 'ccxt-1' });
    expect(created.id).toMatch(/^C02__\d+$/);
    const fetched = await ex.fetchOrder(created.id, 'BTC/USDT');
    expect(fetched).toMatchObject({ id: created.id, clientOrderId: 'ccxt-1', status: 'open', side: 'buy', type: 'limit', price, amount: 0.01, filled: 0 });
    expect((await ex.fetchOrder(undefined, 'BTC/USDT', { clientOrderId: 'ccxt-1' })).id).toBe(created.id);
    expect((await ex.fetchOpenOrders('BTC/USDT')).map((o: any) => o.id)).toEqual([created.id]);
    const bal = await ex.fetchBalance();
    expect(bal.USDT.used).toBeCloseTo(price * 0.01, 8);
    await ex.cancelOrder(created.id, 'BTC/USDT');
    expect((await ex.fetchOrder(created.id, 'BTC/USDT')).status).toBe('canceled');
    expect((await ex.fetchBalance()).USDT).toEqual({ free: 100000, used: 0, total: 100000 });
    await expect(ex.cancelOrder(created.id, 'BTC/USDT')).rejects.toBeInstanceOf(ccxt.BadRequest); // -2011
  });

  it("a resting sell partially filled by the flow's side of the book, then cancelled", async () => {
    const { price, aheadMicros } = await freeAskLevel(sim.controlUrl, 'symbol=BTCUSDT', 2, 300);
    const created = await ex.createOrder('BTC/USDT', 'limit', 'sell', 0.3, Number(price));
    await postJson(`${sim.controlUrl}/cross`, { symbol: 'BTCUSDT', side: 'buy', quantity: (Number(microsText(aheadMicros)) + 0.1).toFixed(6) });
    const partial = await ex.fetchOrder(created.id, 'BTC/USDT');
    expect(partial).toMatchObject({ status: 'open', filled: 0.1, amount: 0.3 });
    await ex.cancelOrder(created.id, 'BTC/USDT');
    const done = await ex.fetchOrder(created.id, 'BTC/USDT');
    expect(done).toMatchObject({ status: 'canceled', filled: 0.1 });
    expect(done.info.status).toBe('PARTIALLY_CANCELED');
    const trades = await ex.fetchMyTrades('BTC/USDT');
    const mine = trades.filter((t: any) => t.order === created.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ side: 'sell', takerOrMaker: 'maker', amount: 0.1, price: Number(price), fee: { currency: 'USDT', cost: 0 } });
    const bal = await ex.fetchBalance();
    expect(bal.BTC.total).toBeCloseTo(1.9, 12);
  });

  it('market buy by cost fills at once; fees in the base asset', async () => {
    const { before, status, trades, bought, fees } = await marketBuyByCost(ex, 'ETH/USDT', 0.5);
    expect(status).toBe('closed');
    expect(trades.every((t: any) => t.fee.currency === 'ETH' && t.takerOrMaker === 'taker')).toBe(true);
    expect(fees).toBeCloseTo(bought * 0.0005, 10);
    const after = await ex.fetchBalance();
    expect(after.ETH.total).toBeCloseTo(before.ETH.total + bought - fees, 9);
  });

  it("maps the venue's errors: insufficient balance, bad signature, timestamp outside recvWindow (clock skew)", async () => {
    await expect(ex.createOrder('BTC/USDT', 'limit', 'sell', 50, 99999)).rejects.toBeInstanceOf(ccxt.InsufficientFunds);
    const wrong = new ccxt.mexc({ apiKey: sim.apiKey, secret: '0'.repeat(32), enableRateLimit: false });
    pointMexcAt(wrong, sim);
    shareMarkets(ex, wrong);
    await expect(wrong.fetchBalance()).rejects.toBeInstanceOf(ccxt.AuthenticationError);
    await withClockSkew(sim.controlUrl, 20_000, async () => {
      await expect(ex.fetchBalance()).rejects.toBeInstanceOf(ccxt.InvalidNonce);
    });
    await expect(ex.fetchBalance()).resolves.toBeDefined();
  });
});

describe('ccxt pro mexc user data stream (listenKey + protobuf private channels)', () => {
  let sim: MexcSpotSim;
  let ex: any;
  let rest: any;

  beforeAll(async () => {
    sim = await startMexcSpotSim({ seed: 52, symbols: ['BTCUSDT'], flowPaused: true });
    sim.driver.stepAll(500);
    ex = new ccxt.pro.mexc({ apiKey: sim.apiKey, secret: sim.apiSecret, enableRateLimit: false });
    pointMexcAt(ex, sim);
    await ex.loadHttpProxyAgent(); // ccxt requires this before any plain ws:// URL
    await ex.loadMarkets();
    rest = ex;
  });
  afterAll(async () => {
    await ex.close();
    await sim.close();
  });

  it('watchOrders, watchMyTrades and watchBalance see an order placed and filled', async () => {
    const orders = ex.watchOrders('BTC/USDT');
    const myTrades = ex.watchMyTrades('BTC/USDT');
    const balance = ex.watchBalance();
    await new Promise((r) => setTimeout(r, 300)); // let the subscriptions land
    const ob = await rest.fetchOrderBook('BTC/USDT', 5);
    const created = await rest.createOrder('BTC/USDT', 'limit', 'buy', 0.002, ob.asks[0][0], { clientOrderId: 'pro-1' });
    const o = await orders;
    expect(o[0]).toMatchObject({ id: created.id, symbol: 'BTC/USDT', side: 'buy' });
    const t = await myTrades;
    expect(t[0]).toMatchObject({ order: created.id, symbol: 'BTC/USDT', side: 'buy', takerOrMaker: 'taker' });
    expect(t[0].id).toMatch(/^\d+X1$/);
    const b = await balance;
    expect(b.USDT ?? b.BTC).toBeDefined();
    const keys = await getJson(`${sim.controlUrl}/stats`);
    expect(keys.ws.listenKeys.created).toBeGreaterThanOrEqual(1);
  });
});
