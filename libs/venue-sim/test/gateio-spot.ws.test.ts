import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateioSpotSim, type GateioSpotSim } from '../src/index.js';
import { getJson, LocalBook, postJson, TestWsClient, type Frame } from './helpers/ws-client.js';

/** Follows a spot.obu feed: full snapshot, then deltas that must continue from the last u. */
function followObu(client: TestWsClient, stream: string) {
  const book = new LocalBook();
  const gaps: Frame[] = [];
  let seen = 0;
  const sync = () => {
    for (; seen < client.frames.length; seen++) {
      const f = client.frames[seen] as Frame;
      if (f.channel !== 'spot.obu' || f.event !== 'update' || f.result.s !== stream) continue;
      const r = f.result;
      if (r.full === true) {
        book.reset(r.b, r.a, r.u);
      } else {
        if (r.U !== book.id + 1) gaps.push(f);
        book.apply(r.b, r.a);
        book.id = r.u;
      }
    }
  };
  return { book, gaps, sync };
}

describe('gate spot websocket: immediate pushes', () => {
  let sim: GateioSpotSim;
  beforeAll(async () => {
    sim = await startGateioSpotSim({ seed: 5, symbols: ['BTC_USDT', 'ETH_USDT'], flowPaused: true, pushIntervalMs: 0 });
  });
  afterAll(async () => sim.close());

  it('answers spot.ping with spot.pong', async () => {
    const c = await TestWsClient.connect(sim.wsUrl);
    c.send({ channel: 'spot.ping' });
    const pong = await c.waitFor((f) => f.channel === 'spot.pong');
    expect(pong).toMatchObject({ channel: 'spot.pong', event: '', result: null });
    expect(typeof pong.time).toBe('number');
    expect(typeof pong.time_ms).toBe('number');
    c.close();
  });

  it("acks subscriptions and refuses bad ones with the venue's error codes", async () => {
    const c = await TestWsClient.connect(sim.wsUrl);
    const ok = await c.request('spot.trades', 'subscribe', ['BTC_USDT']);
    expect(ok).toMatchObject({ channel: 'spot.trades', event: 'subscribe', payload: ['BTC_USDT'], result: { status: 'success' } });
    expect(ok.error).toBeUndefined();
    expect(typeof ok.conn_id).toBe('string');
    const bad = await c.request('spot.trades', 'subscribe', ['NOPE_USDT', 'BTC_USDT']);
    expect(bad.error).toEqual({ code: 2, message: 'unknown currency pair: NOPE_USDT' });
    expect(bad.result).toEqual({ status: 'fail' });
    const first = await c.request('spot.obu', 'subscribe', ['ob.ETH_USDT.400']);
    expect(first.result).toEqual({ status: 'success' });
    const dup = await c.request('spot.obu', 'subscribe', ['ob.ETH_USDT.400']);
    expect(dup.error).toEqual({ code: 2, message: 'Alert sub ob.ETH_USDT.400' });
    const badLevel = await c.request('spot.obu', 'subscribe', ['ob.ETH_USDT.20']);
    expect(badLevel.error?.code).toBe(2);
    const badInterval = await c.request('spot.order_book_update', 'subscribe', ['ETH_USDT', '1000ms']);
    expect(badInterval.error?.code).toBe(2);
    const unsub = await c.request('spot.obu', 'unsubscribe', ['ob.ETH_USDT.400']);
    expect(unsub.result).toEqual({ status: 'success' });
    c.ws.send('{not json');
    const malformed = await c.waitFor((f) => f.error?.code === 1);
    expect(malformed.error.message).toBe('Invalid request body format');
    c.close();
  });

  it('spot.obu full snapshot plus deltas reproduces the top-50 book exactly', async () => {
    const c = await TestWsClient.connect(sim.wsUrl);
    const obu = followObu(c, 'ob.BTC_USDT.50');
    await c.request('spot.obu', 'subscribe', ['ob.BTC_USDT.50']);
    const full = await c.waitFor((f) => f.channel === 'spot.obu' && f.result.full === true);
    expect(full.result.s).toBe('ob.BTC_USDT.50');
    expect(full.result.U).toBeUndefined();
    expect(full.result.b.length).toBeLessThanOrEqual(50);
    for (let round = 0; round < 5; round++) {
      await postJson(`${sim.controlUrl}/step`, { count: 800 });
      await c.settle(100);
      obu.sync();
      const truth = await getJson(`${sim.controlUrl}/book?currency_pair=BTC_USDT&depth=50`);
      expect(obu.gaps).toEqual([]);
      expect(obu.book.view(50)).toEqual({ bids: truth.bids, asks: truth.asks });
      expect(obu.book.id).toBeLessThanOrEqual(truth.u);
    }
    const deltas = c.frames.filter((f) => f.channel === 'spot.obu' && f.event === 'update' && !f.result.full);
    expect(deltas.length).toBeGreaterThan(100);
    // deletions of levels pushed out of the top 50 show up as "0"
    expect(deltas.some((f) => [...f.result.b, ...f.result.a].some(([, q]: [string, string]) => q === '0'))).toBe(true);
    expect(Object.keys(deltas[0] as Frame)).toEqual(['channel', 'result', 'time_ms', 'event']);
    expect(Object.keys((deltas[0] as Frame).result)).toEqual(['t', 's', 'U', 'u', 'b', 'a']);
    c.close();
  });

  it('spot.order_book_update with a REST snapshot (with_id) follows the documented procedure', async () => {
    const c = await TestWsClient.connect(sim.wsUrl);
    await c.request('spot.order_book_update', 'subscribe', ['ETH_USDT', '100ms']);
    await postJson(`${sim.controlUrl}/step`, { count: 200 });
    const snap = await getJson(`${sim.restBaseUrl}/spot/order_book?currency_pair=ETH_USDT&limit=100&with_id=true`);
    await postJson(`${sim.controlUrl}/step`, { count: 1500 });
    await c.settle(100);
    const updates = c.frames.filter((f) => f.channel === 'spot.order_book_update' && f.event === 'update').map((f) => f.result);
    expect(updates[0]).toMatchObject({ e: 'depthUpdate', s: 'ETH_USDT', l: '100' });
    const book = new LocalBook();
    book.reset(snap.bids, snap.asks, snap.id);
    let started = false;
    for (const r of updates) {
      if (r.u < book.id + 1) continue;
      if (!started) {
        expect(r.U).toBeLessThanOrEqual(book.id + 1);
        started = true;
      } else {
        expect(r.U).toBe(book.id + 1);
      }
      book.apply(r.b, r.a);
      book.id = r.u;
    }
    expect(started).toBe(true);
    const truth = await getJson(`${sim.controlUrl}/book?currency_pair=ETH_USDT&depth=100`);
    expect(book.view(100)).toEqual({ bids: truth.bids, asks: truth.asks });
    c.close();
  });

  it('skip_sequence makes a real gap; resubscribing resynchronises', async () => {
    const c = await TestWsClient.connect(sim.wsUrl);
    const obu = followObu(c, 'ob.BTC_USDT.50');
    await c.request('spot.obu', 'subscribe', ['ob.BTC_USDT.50']);
    await postJson(`${sim.controlUrl}/step`, { count: 100 });
    await c.settle(80);
    obu.sync();
    expect(obu.gaps).toEqual([]);
    const armed = await postJson(`${sim.controlUrl}/faults`, { kind: 'skip_sequence' });
    expect(armed.ok).toBe(true);
    await postJson(`${sim.controlUrl}/step`, { count: 300 });
    await c.settle(80);
    obu.sync();
    expect(obu.gaps.length).toBe(1);
    await c.request('spot.obu', 'unsubscribe', ['ob.BTC_USDT.50']);
    const before = c.frames.length;
    await c.request('spot.obu', 'subscribe', ['ob.BTC_USDT.50']);
    await c.waitFor((f) => c.frames.indexOf(f) >= before && f.result?.full === true);
    obu.sync();
    const truth = await getJson(`${sim.controlUrl}/book?currency_pair=BTC_USDT&depth=50`);
    expect(obu.book.view(50)).toEqual({ bids: truth.bids, asks: truth.asks });
    c.close();
  });

  it("pushes trades, book tickers and tickers in the venue's shapes", async () => {
    const c = await TestWsClient.connect(sim.wsUrl);
    await c.request('spot.trades', 'subscribe', ['BTC_USDT']);
    await c.request('spot.book_ticker', 'subscribe', ['BTC_USDT']);
    await c.request('spot.tickers', 'subscribe', ['BTC_USDT']);
    await postJson(`${sim.controlUrl}/step`, { count: 300 });
    const trade = await c.waitFor((f) => f.channel === 'spot.trades' && f.event === 'update');
    expect(Object.keys(trade)).toEqual(['time', 'time_ms', 'channel', 'event', 'result']);
    const t = trade.result;
    expect(typeof t.id).toBe('number');
    expect(typeof t.id_market).toBe('number');
    expect(typeof t.create_time).toBe('number');
    expect(t.create_time_ms).toMatch(/^\d{13}\.\d+$/);
    expect(t.currency_pair).toBe('BTC_USDT');
    expect(['buy', 'sell']).toContain(t.side);
    expect(t.range).toBe(`${t.id_market}-${t.id_market}`);
    const rest = await getJson(`${sim.restBaseUrl}/spot/trades?currency_pair=BTC_USDT&limit=1000`);
    const same = rest.find((r: Frame) => r.id === String(t.id));
    expect(same).toMatchObject({ price: t.price, amount: t.amount, side: t.side, sequence_id: String(t.id_market) });
    const bt = await c.waitFor((f) => f.channel === 'spot.book_ticker' && f.event === 'update');
    expect(Object.keys(bt.result)).toEqual(['t', 'u', 's', 'b', 'B', 'a', 'A']);
    const tk = await c.waitFor((f) => f.channel === 'spot.tickers' && f.event === 'update', 3000);
    expect(Object.keys(tk.result)).toEqual(['currency_pair', 'last', 'lowest_ask', 'highest_bid', 'change_percentage', 'base_volume', 'quote_volume', 'high_24h', 'low_24h']);
    c.close();
  });

  it('drop_sockets tears connections down abruptly; close_sockets closes without a status', async () => {
    const a = await TestWsClient.connect(sim.wsUrl);
    expect((await postJson(`${sim.controlUrl}/faults`, { kind: 'drop_sockets' })).connections).toBeGreaterThanOrEqual(1);
    expect(await a.closed).toBe(1006);
    const b = await TestWsClient.connect(sim.wsUrl);
    await postJson(`${sim.controlUrl}/faults`, { kind: 'close_sockets' });
    expect(await b.closed).toBe(1005);
    const stats = await getJson(`${sim.controlUrl}/stats`);
    expect(stats.faults.counts.dropSockets).toBe(1);
    expect(stats.ws.connections).toBe(0);
  });
});

describe('gate spot websocket: venue cadences with running flow', () => {
  let sim: GateioSpotSim;
  beforeAll(async () => {
    sim = await startGateioSpotSim({ seed: 9, symbols: ['BTC_USDT'], flowRatePerSec: 400 });
  });
  afterAll(async () => sim.close());

  it("obu 50 (20 ms) and 400 (100 ms) both track the engine's book", async () => {
    const c = await TestWsClient.connect(sim.wsUrl);
    const f50 = followObu(c, 'ob.BTC_USDT.50');
    const f400 = followObu(c, 'ob.BTC_USDT.400');
    await c.request('spot.obu', 'subscribe', ['ob.BTC_USDT.50']);
    await c.request('spot.obu', 'subscribe', ['ob.BTC_USDT.400']);
    await new Promise((r) => setTimeout(r, 1200));
    await postJson(`${sim.controlUrl}/flow`, { paused: true });
    await new Promise((r) => setTimeout(r, 150));
    await c.settle(150);
    f50.sync();
    f400.sync();
    expect(f50.gaps).toEqual([]);
    expect(f400.gaps).toEqual([]);
    const truth50 = await getJson(`${sim.controlUrl}/book?currency_pair=BTC_USDT&depth=50`);
    const truth400 = await getJson(`${sim.controlUrl}/book?currency_pair=BTC_USDT&depth=400`);
    expect(f50.book.view(50)).toEqual({ bids: truth50.bids, asks: truth50.asks });
    expect(f400.book.view(400)).toEqual({ bids: truth400.bids, asks: truth400.asks });
    const n50 = c.frames.filter((f) => f.result?.s === 'ob.BTC_USDT.50').length;
    const n400 = c.frames.filter((f) => f.result?.s === 'ob.BTC_USDT.400').length;
    expect(n50).toBeGreaterThan(n400);
    expect(n400).toBeLessThanOrEqual(16);
    c.close();
  });
});
