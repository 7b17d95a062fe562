import ccxt from 'ccxt';
import GateApi from 'gate-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateioFuturesSim, type GateioFuturesSim } from '../src/index.js';
import { shareMarkets } from './helpers/ccxt-sim.js';
import { getJson } from './helpers/ws-client.js';

/**
 * Two independent clients of the live venue, pointed at the futures simulator with its test key:
 * ccxt's gate class in swap mode and Gate's official SDK (`gate-api`) FuturesApi. Each signs its
 * own requests; the simulator verifies them.
 */
function ccxtSwap(sim: GateioFuturesSim, secret = sim.apiSecret): any {
  const ex: any = new ccxt.gate({
    apiKey: sim.apiKey,
    secret,
    enableRateLimit: false,
    options: { defaultType: 'swap', fetchMarkets: { types: ['swap'] }, swap: { fetchMarkets: { settlementCurrencies: ['usdt'] } } },
  });
  for (const k of Object.keys(ex.urls.api.public)) ex.urls.api.public[k] = sim.restBaseUrl;
  for (const k of Object.keys(ex.urls.api.private)) ex.urls.api.private[k] = sim.restBaseUrl;
  return ex;
}

const BTC = 'BTC/USDT:USDT';

describe('ccxt gate (swap) against the futures simulator', () => {
  let sim: GateioFuturesSim;
  let ex: any;

  beforeAll(async () => {
    sim = await startGateioFuturesSim({ seed: 91, symbols: ['BTC_USDT', 'ETH_USDT', 'SOL_USDT'], flowPaused: true, liquidationIntervalMs: 0, indexTickMs: 0 });
    sim.driver.stepAll(1500);
    ex = ccxtSwap(sim);
    await ex.loadMarkets();
  });
  afterAll(async () => sim.close());

  it('loads the USDT perpetuals and reads the futures balance', async () => {
    expect(Object.keys(ex.markets).sort()).toEqual([BTC, 'ETH/USDT:USDT', 'SOL/USDT:USDT']);
    expect(ex.markets[BTC]).toMatchObject({ swap: true, linear: true, contractSize: 0.0001, settle: 'USDT' });
    const bal = await ex.fetchBalance();
    expect(bal.USDT).toEqual({ free: 100000, used: 0, total: 100000 });
  });

  it("setLeverage (isolated, and cross via marginMode) shows on fetchPosition; the venue's limits surface as errors", async () => {
    await ex.setLeverage(20, BTC);
    expect(await ex.fetchPosition(BTC)).toMatchObject({ symbol: BTC, leverage: 20, marginMode: 'isolated', contracts: 0 });
    await ex.setLeverage(5, BTC, { marginMode: 'cross' });
    const cross = await ex.fetchPosition(BTC);
    expect(cross.marginMode).toBe('cross');
    expect(cross.info.cross_leverage_limit).toBe('5');
    await expect(ex.setLeverage(60, 'SOL/USDT:USDT')).rejects.toBeInstanceOf(ccxt.InvalidOrder);
    await expect(ex.setLeverage(60, 'SOL/USDT:USDT')).rejects.toThrow(/LEVERAGE_TOO_HIGH/);
    await ex.setLeverage(10, BTC);
  });

  it('limit order: create with a client order id, fetchOpenOrders, fetchOrder, cancelOrder', async () => {
    const ob = await ex.fetchOrderBook(BTC, 10);
    const price = ob.bids[9][0];
    const created = await ex.createOrder(BTC, 'limit', 'buy', 3, price, { clientOrderId: 'cc1' });
    expect(created).toMatchObject({ status: 'open', clientOrderId: 't-cc1', price, amount: 3, side: 'buy', type: 'limit', filled: 0, remaining: 3 });
    expect((await ex.fetchOpenOrders(BTC)).map((o: any) => o.id)).toEqual([created.id]);
    const bal = await ex.fetchBalance();
    expect(bal.USDT.used).toBeCloseTo(3 * 0.0001 * price * (0.1 + 0.00075), 8);
    expect(await ex.fetchOrder(created.id, BTC)).toMatchObject({ id: created.id, status: 'open' });
    const cancelled = await ex.cancelOrder(created.id, BTC);
    expect(cancelled.status).toBe('canceled');
    expect((await ex.fetchOrder(created.id, BTC)).status).toBe('canceled');
    await expect(ex.cancelOrder(created.id, BTC)).rejects.toBeInstanceOf(ccxt.OrderNotFound);
    expect((await ex.fetchBalance()).USDT.used).toBe(0);
  });

  it('market order opens a position; a reduce-only market order and closePosition take it down', async () => {
    const opened = await ex.createOrder(BTC, 'market', 'buy', 5);
    expect(await ex.fetchOrder(opened.id, BTC)).toMatchObject({ status: 'closed', filled: 5, remaining: 0, type: 'market', side: 'buy' });
    const positions = await ex.fetchPositions([BTC]);
    const long = positions.find((p: any) => p.symbol === BTC);
    expect(long).toMatchObject({ side: 'long', contracts: 5, contractSize: 0.0001, marginMode: 'isolated', leverage: 10 });
    expect(long.entryPrice).toBeGreaterThan(0);
    expect(long.liquidationPrice).toBeLessThan(long.entryPrice);
    const trades = (await ex.fetchMyTrades(BTC)).filter((t: any) => t.order === opened.id);
    expect(trades.reduce((s: number, t: any) => s + t.amount, 0)).toBe(5);
    expect(trades.every((t: any) => t.side === 'buy' && t.takerOrMaker === 'taker')).toBe(true);

    const reduced = await ex.createOrder(BTC, 'market', 'sell', 2, undefined, { reduceOnly: true });
    expect(await ex.fetchOrder(reduced.id, BTC)).toMatchObject({ status: 'closed', filled: 2, reduceOnly: true });
    expect((await ex.fetchPosition(BTC)).contracts).toBe(3);
    await expect(ex.createOrder(BTC, 'market', 'buy', 1, undefined, { reduceOnly: true })).rejects.toThrow(/REDUCE_EXCEEDED/);
    await ex.closePosition(BTC);
    expect((await ex.fetchPosition(BTC)).contracts).toBe(0);
  });

  it("maps the venue's errors: insufficient margin, post-only that would take, bad signature", async () => {
    const ob = await ex.fetchOrderBook(BTC, 1);
    await expect(ex.createOrder(BTC, 'limit', 'buy', 900000, ob.bids[0][0])).rejects.toBeInstanceOf(ccxt.InsufficientFunds);
    await expect(ex.createOrder(BTC, 'limit', 'buy', 1, ob.asks[0][0], { postOnly: true })).rejects.toBeInstanceOf(ccxt.OrderImmediatelyFillable);
    const wrong = ccxtSwap(sim, '0'.repeat(64));
    shareMarkets(ex, wrong);
    await expect(wrong.fetchBalance()).rejects.toThrow(/INVALID_SIGNATURE/);
  });
});

describe("gate-api (Gate's official SDK) FuturesApi against the simulator", () => {
  let sim: GateioFuturesSim;
  let api: InstanceType<typeof GateApi.FuturesApi>;

  beforeAll(async () => {
    sim = await startGateioFuturesSim({ seed: 92, symbols: ['BTC_USDT', 'ETH_USDT'], flowPaused: true, liquidationIntervalMs: 0, indexTickMs: 0 });
    sim.driver.stepAll(1500);
    const client = new GateApi.ApiClient(sim.restBaseUrl);
    client.setApiKeySecret(sim.apiKey, sim.apiSecret);
    api = new GateApi.FuturesApi(client);
  });
  afterAll(async () => sim.close());

  const order = (fields: Partial<InstanceType<typeof GateApi.FuturesOrder>>) => Object.assign(new GateApi.FuturesOrder(), { contract: 'BTC_USDT', ...fields });

  it('contracts, account, leverage (isolated and cross)', async () => {
    const contracts = (await api.listFuturesContracts('usdt')).body;
    expect(contracts.map((c) => c.name)).toEqual(['BTC_USDT', 'ETH_USDT']);
    expect(contracts[0]).toMatchObject({ quantoMultiplier: '0.0001', orderSizeMin: '1' });
    expect((await api.listFuturesAccounts('usdt')).body).toMatchObject({ total: '100000', available: '100000', currency: 'USDT', inDualMode: false });
    expect((await api.updatePositionLeverage('usdt', 'BTC_USDT', '15')).body).toMatchObject({ contract: 'BTC_USDT', leverage: '15', size: '0' });
    expect((await api.updatePositionLeverage('usdt', 'BTC_USDT', '0', { crossLeverageLimit: '7' })).body).toMatchObject({ leverage: '0', crossLeverageLimit: '7' });
    const high: any = await api.updatePositionLeverage('usdt', 'BTC_USDT', '500').catch((e) => e);
    expect([high.response.status, high.response.data.label]).toEqual([400, 'LEVERAGE_TOO_HIGH']);
    await api.updatePositionLeverage('usdt', 'BTC_USDT', '10');
  });

  it('limit order by id and text, cancel; market and reduce-only orders; positions and trades (decimal sizes as strings)', async () => {
    const book = await getJson(`${sim.controlUrl}/book?contract=BTC_USDT&depth=5`);
    const created = await api.createFuturesOrder('usdt', order({ size: '2', price: book.bids[4][0], tif: GateApi.FuturesOrder.Tif.Gtc, text: 't-sdk-1' }));
    expect(created.response.status).toBe(201);
    expect(created.body).toMatchObject({ contract: 'BTC_USDT', size: '2', left: '2', status: 'open', text: 't-sdk-1' });
    const id = String(created.body.id);
    expect(String((await api.getFuturesOrder('usdt', id)).body.id)).toBe(id);
    expect(String((await api.getFuturesOrder('usdt', 't-sdk-1')).body.id)).toBe(id);
    expect((await api.listFuturesOrders('usdt', 'open', { contract: 'BTC_USDT' })).body.map((o) => String(o.id))).toEqual([id]);
    expect((await api.cancelFuturesOrder('usdt', id)).body).toMatchObject({ status: 'finished', finishAs: 'cancelled' });

    const market = (await api.createFuturesOrder('usdt', order({ size: '3', price: '0', tif: GateApi.FuturesOrder.Tif.Ioc }))).body;
    expect(market).toMatchObject({ size: '3', left: '0', status: 'finished', finishAs: 'filled', text: 'api' });
    const reduce = (await api.createFuturesOrder('usdt', order({ size: '-1', price: '0', tif: GateApi.FuturesOrder.Tif.Ioc, reduceOnly: true }))).body;
    expect(reduce).toMatchObject({ size: '-1', isReduceOnly: true, finishAs: 'filled' });
    const held = (await api.listPositions('usdt', { holding: true })).body;
    expect(held.map((p) => [p.contract, p.size, p.leverage])).toEqual([['BTC_USDT', '2', '10']]);
    expect((await api.getPosition('usdt', 'BTC_USDT')).body.size).toBe('2');
    const trades = (await api.getMyTrades('usdt', { contract: 'BTC_USDT' })).body;
    expect(trades[0]).toMatchObject({ orderId: String(reduce.id), size: expect.stringMatching(/^-/), role: 'taker' });

    const missing: any = await api.getFuturesOrder('usdt', '580999999999').catch((e) => e);
    expect([missing.response.status, missing.response.data.label]).toEqual([404, 'ORDER_NOT_FOUND']);
    const poor: any = await api.createFuturesOrder('usdt', order({ size: '900000', price: book.bids[0][0] })).catch((e) => e);
    expect(poor.response.data.label).toBe('INSUFFICIENT_AVAILABLE');
  });

  it('a bad secret is refused with INVALID_SIGNATURE', async () => {
    const bad = new GateApi.ApiClient(sim.restBaseUrl);
    bad.setApiKeySecret(sim.apiKey, 'f'.repeat(64));
    const err: any = await new GateApi.FuturesApi(bad).listFuturesAccounts('usdt').catch((e) => e);
    expect([err.response.status, err.response.data.label]).toEqual([401, 'INVALID_SIGNATURE']);
  });
});
