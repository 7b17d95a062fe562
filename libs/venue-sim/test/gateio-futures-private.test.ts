import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateApiContract } from '@cexgw/wire-contracts';
import { startGateioFuturesSim, type GateioFuturesSim } from '../src/index.js';
import { freeAskLevel } from './helpers/ccxt-sim.js';
import { futuresApi, vwap } from './helpers/gate-futures.js';
import { gateSigned } from './helpers/signing.js';
import { getJson, postJson } from './helpers/ws-client.js';

const fixtureDir = fileURLToPath(new URL('../../adapters/test/fixtures/gateio-futures/', import.meta.url));
const fixture = (name: string): any => JSON.parse(readFileSync(`${fixtureDir}${name}`, 'utf8'));

/** Every documented key is present with the documented JSON type. */
/** Every field of the documented example with its type; with `model`, only those gate-api's model names too. */
function expectDocumentedTypes(actual: Record<string, unknown>, documented: Record<string, unknown>, model?: string): void {
  const modelled = model ? gateApiContract().models.model(model)!.fields : undefined;
  for (const [k, v] of Object.entries(documented)) {
    if (v === null || (modelled && !modelled.has(k))) continue;
    expect([k, typeof actual[k]]).toEqual([k, typeof v]);
  }
}

/** BTC_USDT: 0.0001 BTC per contract, taker 0.075 %, maker -0.01 %, maintenance 0.5 %. */
const MULT = 0.0001;
const TAKER = 0.00075;
const MAKER = -0.0001;

describe('gate futures private REST', () => {
  let sim: GateioFuturesSim;
  let api: ReturnType<typeof futuresApi>;
  let uid: number;

  beforeAll(async () => {
    sim = await startGateioFuturesSim({ seed: 81, symbols: ['BTC_USDT', 'ETH_USDT'], flowPaused: true, liquidationIntervalMs: 0, indexTickMs: 0 });
    sim.driver.stepAll(1500);
    api = futuresApi(sim);
    uid = sim.accounts.list[0]!.uid;
  });
  afterAll(async () => sim.close());

  it('signs like spot (bad signature, unknown key, old Timestamp refused); the account starts with 100000 USDT', async () => {
    const acct = await api.signed('GET', '/accounts');
    expect(acct.status).toBe(200);
    expectDocumentedTypes(acct.body, fixture('private-rest-account.json'), 'FuturesAccount'); // the example's `user` is not in the model
    expectDocumentedTypes(acct.body.history, fixture('private-rest-account.json').history);
    expect(acct.body).toMatchObject({ currency: 'USDT', total: '100000', available: '100000', position_margin: '0', order_margin: '0', unrealised_pnl: '0', in_dual_mode: false });
    expect(await api.signed('GET', '/accounts', undefined, undefined, { tamper: true })).toEqual({ status: 401, body: { label: 'INVALID_SIGNATURE', message: 'Signature mismatch' } });
    expect(await gateSigned(sim.restBaseUrl, 'GET', '/futures/usdt/accounts', undefined, undefined, { apiKey: 'nope', apiSecret: 'x' })).toEqual({
      status: 401,
      body: { label: 'INVALID_KEY', message: 'Invalid key provided' },
    });
    const old = await api.signed('GET', '/positions', undefined, undefined, { timestamp: Math.floor(Date.now() / 1000) - 300 });
    expect([old.status, old.body.label]).toEqual([403, 'REQUEST_EXPIRED']);
    expect((await gateSigned(sim.restBaseUrl, 'GET', '/account/detail', undefined, undefined, sim)).body).toMatchObject({ user_id: uid, key: { mode: 1 } });
  });

  it("sets leverage in the query string (isolated N, cross 0 + limit) and refuses it beyond the contract's range", async () => {
    const isolated = await api.leverage('BTC_USDT', { leverage: '25' });
    expect(isolated.status).toBe(200);
    expectDocumentedTypes(isolated.body, fixture('private-rest-position.json'));
    expect(isolated.body).toMatchObject({ contract: 'BTC_USDT', size: 0, leverage: '25', cross_leverage_limit: '0', mode: 'single', leverage_max: '100', user: uid });
    expect(await api.leverage('BTC_USDT', { leverage: '101' })).toEqual({ status: 400, body: { label: 'LEVERAGE_TOO_HIGH', message: 'leverage too high' } });
    expect((await api.leverage('BTC_USDT', { leverage: '0', cross_leverage_limit: '150' })).body.label).toBe('LEVERAGE_TOO_HIGH');
    expect((await api.leverage('BTC_USDT', { leverage: '0', cross_leverage_limit: '0' })).body.label).toBe('LEVERAGE_TOO_LOW');
    expect((await api.leverage('BTC_USDT', { leverage: 'x' })).body.label).toBe('INVALID_PARAM_VALUE');
    const cross = await api.leverage('BTC_USDT', { leverage: '0', cross_leverage_limit: '8' });
    expect(cross.body).toMatchObject({ leverage: '0', cross_leverage_limit: '8' });
    expect((await api.leverage('BTC_USDT', { leverage: '10' })).body).toMatchObject({ leverage: '10', cross_leverage_limit: '0' });
    expect((await api.leverage('NOPE_USDT', { leverage: '10' })).body).toEqual({ label: 'CONTRACT_NOT_FOUND' });
  });

  it('opens a long with a market order: entry, margin, liquidation price, taker fees; unrealised PnL follows /__sim/mark', async () => {
    const created = await api.order({ contract: 'BTC_USDT', size: 100, price: '0', tif: 'ioc', text: 't-open' });
    expect(created.status).toBe(201);
    expectDocumentedTypes(created.body, fixture('private-rest-order.json'));
    expect(created.body).toMatchObject({ contract: 'BTC_USDT', size: 100, left: 0, price: '0', tif: 'ioc', status: 'finished', finish_as: 'filled', is_reduce_only: false, text: 't-open', user: uid });
    const trades = await api.myTrades({ contract: 'BTC_USDT', order: String(created.body.id) });
    expectDocumentedTypes(trades[0], fixture('private-rest-my-trades.json')[0]);
    const { size, price: entry } = vwap(trades);
    expect(size).toBe(100);
    expect(Number(created.body.fill_price)).toBeCloseTo(entry, 3);
    const fees = trades.reduce((s, t) => s + Number(t.fee), 0);
    expect(fees).toBeCloseTo(100 * MULT * entry * TAKER, 9);
    expect(trades.every((t) => t.role === 'taker' && t.close_size === 0 && t.order_id === String(created.body.id))).toBe(true);

    const pos = await api.position('BTC_USDT');
    const margin = (100 * MULT * entry) / 10;
    expect(pos).toMatchObject({ size: 100, leverage: '10', pending_orders: 0, adl_ranking: 5 });
    expect(Number(pos.entry_price)).toBeCloseTo(entry, 8);
    expect(Number(pos.margin)).toBeCloseTo(margin, 9);
    expect(Number(pos.liq_price)).toBeCloseTo(entry * (1 - 1 / 10 + 0.005), 1);
    expect(Number(pos.pnl_fee)).toBeCloseTo(-fees, 9);
    const acct = await api.account();
    expect(Number(acct.total)).toBeCloseTo(100000 - fees, 9);
    expect(Number(acct.position_margin)).toBeCloseTo(margin, 9);
    expect(Number(acct.available)).toBeCloseTo(100000 - fees - margin, 9);
    expect(acct.history.fee).toBe(pos.pnl_fee);

    const mark = (Math.round(entry) + 500).toFixed(2);
    expect(await postJson(`${sim.controlUrl}/mark`, { contract: 'BTC_USDT', price: mark })).toMatchObject({ mark_price: String(Number(mark)), liquidated: [] });
    const marked = await api.position('BTC_USDT');
    expect(marked.mark_price).toBe(String(Number(mark)));
    expect(Number(marked.unrealised_pnl)).toBeCloseTo(100 * MULT * (Number(mark) - entry), 8);
    expect(Number(marked.value)).toBeCloseTo(100 * MULT * Number(mark), 9);
    expect(Number((await api.account()).unrealised_pnl)).toBeCloseTo(Number(marked.unrealised_pnl), 9);
    await postJson(`${sim.controlUrl}/mark`, { contract: 'BTC_USDT', price: null });
  });

  it('reduces with reduce_only: entry unchanged, margin shrinks, price PnL realised, close_size on the fills', async () => {
    const before = await api.position('BTC_USDT');
    const out = await api.order({ contract: 'BTC_USDT', size: -40, price: '0', tif: 'ioc', reduce_only: true });
    expect(out.body).toMatchObject({ size: -40, left: 0, is_reduce_only: true, finish_as: 'filled', text: 'api' });
    const trades = await api.myTrades({ contract: 'BTC_USDT', order: String(out.body.id) });
    expect(trades.reduce((s, t) => s + t.close_size, 0)).toBe(-40);
    const pnl = trades.reduce((s, t) => s + -t.size * MULT * (Number(t.price) - Number(before.entry_price)), 0);
    const pos = await api.position('BTC_USDT');
    expect(pos).toMatchObject({ size: 60, entry_price: before.entry_price });
    expect(Number(pos.margin)).toBeCloseTo(Number(before.margin) * 0.6, 9);
    expect(Number(pos.pnl_pnl)).toBeCloseTo(pnl, 9);
    expect(Number((await api.account()).history.pnl)).toBeCloseTo(pnl, 9);
  });

  it('refuses reduce-only orders that would open or grow a position (REDUCE_EXCEEDED)', async () => {
    const grow = await api.order({ contract: 'BTC_USDT', size: 5, price: '0', tif: 'ioc', reduce_only: true });
    expect([grow.status, grow.body.label]).toEqual([400, 'REDUCE_EXCEEDED']);
    expect((await api.order({ contract: 'BTC_USDT', size: -61, price: '0', tif: 'ioc', reduce_only: true })).body.label).toBe('REDUCE_EXCEEDED');
    expect((await api.order({ contract: 'ETH_USDT', size: -1, price: '0', tif: 'ioc', reduce_only: true })).body).toEqual({ label: 'REDUCE_EXCEEDED', message: 'empty position' });
    expect((await api.position('BTC_USDT')).size).toBe(60);
  });

  it('closes the whole position with close: true and size 0; POSITION_EMPTY when flat', async () => {
    const before = await api.position('BTC_USDT');
    const closed = await api.order({ contract: 'BTC_USDT', size: 0, price: '0', tif: 'ioc', close: true });
    expect(closed.status).toBe(201);
    expect(closed.body).toMatchObject({ size: -60, is_close: true, is_reduce_only: true, finish_as: 'filled' });
    const pos = await api.position('BTC_USDT');
    expect(pos).toMatchObject({ size: 0, entry_price: '0', margin: '0', liq_price: '0', adl_ranking: 6 });
    expect(pos.history_pnl).toBe(pos.realised_pnl);
    expect(pos.last_close_pnl).toBe(pos.realised_pnl);
    expect(pos.update_id).toBeGreaterThan(before.update_id);
    const acct = await api.account();
    expect(acct).toMatchObject({ position_margin: '0', order_margin: '0' });
    expect(Number(acct.total)).toBeCloseTo(100000 + Number(pos.realised_pnl), 9);
    expect(acct.available).toBe(acct.total);
    expect(await api.order({ contract: 'BTC_USDT', size: 0, price: '0', tif: 'ioc', close: true })).toEqual({ status: 400, body: { label: 'POSITION_EMPTY', message: 'Position is empty' } });
  });

  it('refuses what the venue refuses: contract, size, tick, deviation from mark, post-only, FOK, market GTC, margin', async () => {
    const book = await getJson(`${sim.controlUrl}/book?contract=BTC_USDT&depth=1`);
    const ask = book.asks[0][0];
    const bid = book.bids[0][0];
    const o = (body: Record<string, unknown>) => api.order({ contract: 'BTC_USDT', tif: 'gtc', ...body });
    expect(await o({ contract: 'NOPE_USDT', size: 1, price: '1' })).toEqual({ status: 400, body: { label: 'CONTRACT_NOT_FOUND' } });
    expect((await o({ size: 0, price: bid })).body.label).toBe('INVALID_PARAM_VALUE');
    expect((await o({ size: '1.5', price: bid })).body.label).toBe('INVALID_PARAM_VALUE');
    expect(await o({ size: 2_000_000, price: bid })).toEqual({ status: 400, body: { label: 'SIZE_TOO_LARGE', message: 'Order size exceeds maximum' } });
    expect((await o({ size: 400_000, price: '0', tif: 'ioc' })).body.label).toBe('SIZE_TOO_LARGE');
    expect((await o({ size: 1, price: `${bid}5` })).body).toEqual({ label: 'INVALID_PARAM_VALUE', message: `Invalid parameter \`price\` with value: ${bid}5` });
    expect((await o({ size: 1, price: String(Math.round(Number(bid) * 2)) })).body.label).toBe('PRICE_TOO_DEVIATED');
    expect(await o({ size: 1, price: ask, tif: 'poc' })).toEqual({ status: 400, body: { label: 'ORDER_POC_IMMEDIATE', detail: `order price ${ask} while counter price ${ask}` } });
    expect((await o({ size: 999_999, price: ask, tif: 'fok' })).body.label).toBe('ORDER_FOK');
    expect((await o({ size: 1, price: '0' })).body).toEqual({ label: 'INVALID_PARAM_VALUE', message: 'Invalid parameter `tif` with value: gtc' });
    expect((await o({ size: 1, price: bid, text: 'no-prefix' })).body.label).toBe('INVALID_PARAM_VALUE');
    await api.leverage('BTC_USDT', { leverage: '1' });
    const poor = await o({ size: 200_000, price: bid });
    expect(poor.status).toBe(400);
    expect(poor.body.label).toBe('INSUFFICIENT_AVAILABLE');
    expect(poor.body.message).toMatch(/^margin \d+(\.\d+)? while available \d+(\.\d+)?$/);
    await api.leverage('BTC_USDT', { leverage: '10' });
    expect((await api.signed('GET', '/orders', { contract: 'BTC_USDT', status: 'open' })).body).toEqual([]);
  });

  it('rests a limit order: order margin held, partial fill by /__sim/cross (maker rebate), get by id and text, cancel; fills carry the venue trade id', async () => {
    const { price, aheadMicros } = await freeAskLevel(sim.controlUrl, 'contract=BTC_USDT', 1, 40);
    const created = await api.order({ contract: 'BTC_USDT', size: -5, price, tif: 'gtc', text: 't-rest' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ size: -5, left: -5, price, status: 'open', fill_price: '0' });
    expect(created.body.finish_as).toBeUndefined();
    expect(created.body.finish_time).toBeUndefined();
    const id = String(created.body.id);
    const held = 5 * MULT * Number(price) * (1 / 10 + TAKER);
    const acct = await api.account();
    expect(Number(acct.order_margin)).toBeCloseTo(held, 9);
    expect(Number(acct.available)).toBeCloseTo(Number(acct.total) - held, 9);

    const ahead = Number(aheadMicros / 1_000_000n);
    const cross = await postJson(`${sim.controlUrl}/cross`, { symbol: 'BTC_USDT', side: 'buy', quantity: String(ahead + 3) });
    expect(cross.trades.at(-1)).toMatchObject({ price, quantity: '3', makerOrderId: id });
    const mid = await api.signed('GET', `/orders/${id}`);
    expect(mid.body).toMatchObject({ id: Number(id), status: 'open', left: -2, fill_price: price });
    expect((await api.signed('GET', '/orders/t-rest')).body.id).toBe(Number(id));
    expect((await api.signed('GET', '/orders', { contract: 'BTC_USDT', status: 'open' })).body.map((x: any) => x.id)).toEqual([Number(id)]);
    const mine = await api.myTrades({ contract: 'BTC_USDT', order: id });
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ size: -3, role: 'maker', price, text: 't-rest', close_size: 0 });
    expect(Number(mine[0].fee)).toBeCloseTo(3 * MULT * Number(price) * MAKER, 12);
    const fills = await getJson(`${sim.controlUrl}/fills?apiKey=${sim.apiKey}`);
    expect(fills.fills.at(-1)).toMatchObject({ venueTradeId: String(mine[0].id), orderId: id, clientOrderId: 't-rest', side: 'sell', role: 'maker', quantity: '3', price, feeAsset: 'USDT' });
    expect((await api.position('BTC_USDT')).size).toBe(-3);
    expect((await api.position('BTC_USDT')).pending_orders).toBe(1);

    const cancelled = await api.signed('DELETE', `/orders/${id}`);
    expect(cancelled.body).toMatchObject({ id: Number(id), status: 'finished', finish_as: 'cancelled', left: -2 });
    expect(await api.signed('DELETE', `/orders/${id}`)).toEqual({ status: 404, body: { label: 'ORDER_NOT_FOUND', message: 'Order not found' } });
    expect((await api.account()).order_margin).toBe('0');
    expect((await api.signed('GET', '/orders', { contract: 'BTC_USDT', status: 'finished' })).body[0].id).toBe(Number(id));
    const control = await getJson(`${sim.controlUrl}/account?apiKey=${sim.apiKey}`);
    expect(control).toMatchObject({ uid, openOrders: [], futures: { order_margin: '0' } });
    expect(control.positions.find((p: any) => p.contract === 'BTC_USDT').size).toBe(-3);

    const book = await getJson(`${sim.controlUrl}/book?contract=BTC_USDT&depth=5`);
    const a = await api.order({ contract: 'BTC_USDT', size: 1, price: book.bids[4][0] });
    const b = await api.order({ contract: 'BTC_USDT', size: 2, price: book.bids[4][0] });
    const all = await api.signed('DELETE', '/orders', { contract: 'BTC_USDT' });
    expect(all.body.map((x: any) => [x.id, x.finish_as])).toEqual([
      [a.body.id, 'cancelled'],
      [b.body.id, 'cancelled'],
    ]);
    expect((await api.signed('DELETE', '/orders')).body.label).toBe('MISSING_REQUIRED_PARAM');
    await api.order({ contract: 'BTC_USDT', size: 0, price: '0', tif: 'ioc', close: true });
  });

  it('keeps the per-contract open order limit (TOO_MANY_ORDERS)', async () => {
    const book = await getJson(`${sim.controlUrl}/book?contract=ETH_USDT&depth=5`);
    const price = book.bids[4][0];
    for (let i = 0; i < 100; i++) expect((await api.order({ contract: 'ETH_USDT', size: 1, price })).status).toBe(201);
    expect(await api.order({ contract: 'ETH_USDT', size: 1, price })).toEqual({ status: 400, body: { label: 'TOO_MANY_ORDERS', message: 'Too many open orders' } });
    const page = await api.signed('GET', '/orders', { contract: 'ETH_USDT', status: 'open', limit: '10', offset: '95' });
    expect(page.body).toHaveLength(5);
    expect((await api.signed('DELETE', '/orders', { contract: 'ETH_USDT' })).body).toHaveLength(100);
  });

  it('serves sizes as strings and accepts a string size with X-Gate-Size-Decimal: 1', async () => {
    const decimal = { 'X-Gate-Size-Decimal': '1' };
    const out = await api.order({ contract: 'ETH_USDT', size: '3', price: '0', tif: 'ioc' }, decimal);
    expect(out.status).toBe(201);
    expect(out.body).toMatchObject({ size: '3', left: '0', iceberg: '0' });
    const pos = await api.signed('GET', '/positions/ETH_USDT', undefined, undefined, { headers: decimal });
    expect(pos.body.size).toBe('3');
    const trades = await api.signed('GET', '/my_trades', { contract: 'ETH_USDT' }, undefined, { headers: decimal });
    expect(typeof trades.body[0].size).toBe('string');
    expect(typeof trades.body[0].close_size).toBe('string');
    expect((await api.position('ETH_USDT')).size).toBe(3);
    const holding = await api.signed('GET', '/positions', { holding: 'true' });
    expect(holding.body.map((p: any) => [p.contract, p.size])).toEqual([['ETH_USDT', 3]]);
    const range = await api.signed('GET', '/my_trades_timerange', { contract: 'ETH_USDT', from: String(Math.floor(Date.now() / 1000) - 60), to: String(Math.floor(Date.now() / 1000) + 60) });
    expect(range.body.length).toBe(trades.body.length);
  });

  it('adds and removes isolated margin within what the venue allows', async () => {
    const pos = await api.position('ETH_USDT');
    const added = await api.signed('POST', '/positions/ETH_USDT/margin', { change: '5' });
    expect(Number(added.body.margin)).toBeCloseTo(Number(pos.margin) + 5, 9);
    expect(Number(added.body.liq_price)).toBeLessThan(Number(pos.liq_price));
    expect((await api.signed('POST', '/positions/ETH_USDT/margin', { change: '-10' })).body.label).toBe('REMOVE_TOO_MUCH');
    expect(Number((await api.signed('POST', '/positions/ETH_USDT/margin', { change: '-5' })).body.margin)).toBeCloseTo(Number(pos.margin), 9);
    expect((await api.signed('POST', '/positions/BTC_USDT/margin', { change: '1' })).body.label).toBe('POSITION_EMPTY');
  });

  it('private routes get the injected faults like the public ones', async () => {
    await postJson(`${sim.controlUrl}/faults`, { kind: 'http_error', status: 429, count: 1 });
    expect(await api.signed('GET', '/accounts')).toMatchObject({ status: 429, body: { label: 'TOO_MANY_REQUESTS' } });
    await postJson(`${sim.controlUrl}/faults`, { kind: 'clock_skew', ms: 120_000 });
    try {
      expect((await api.signed('GET', '/accounts')).body.label).toBe('REQUEST_EXPIRED');
    } finally {
      await postJson(`${sim.controlUrl}/faults`, { kind: 'clear' });
    }
  });
});
