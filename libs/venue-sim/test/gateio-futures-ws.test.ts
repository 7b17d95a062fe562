import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateioFuturesSim, type GateioFuturesSim } from '../src/index.js';
import { getJson, LocalBook, postJson, TestWsClient, type Frame } from './helpers/ws-client.js';

const fixtureDir = fileURLToPath(new URL('../../adapters/test/fixtures/gateio-futures/', import.meta.url));
const fixture = (name: string): any => JSON.parse(readFileSync(`${fixtureDir}${name}`, 'utf8'));

function expectSameTypes(actual: Record<string, unknown>, documented: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(documented)) {
    if (k in actual) expect([k, typeof actual[k]]).toEqual([k, typeof v]);
  }
}

/** Follows a futures.obu feed: full snapshot, then deltas that must continue from the last u. */
function followObu(client: TestWsClient, stream: string) {
  const book = new LocalBook();
  const gaps: Frame[] = [];
  let seen = 0;
  const sync = () => {
    for (; seen < client.frames.length; seen++) {
      const f = client.frames[seen] as Frame;
      if (f.channel !== 'futures.obu' || f.event !== 'update' || f.result.s !== stream) continue;
      const r = f.result;
      if (r.full === true) book.reset(r.b, r.a, r.u);
      else {
        if (r.U !== book.id + 1) gaps.push(f);
        book.apply(r.b, r.a);
        book.id = r.u;
      }
    }
  };
  return { book, gaps, sync };
}

describe('gate futures websocket', () => {
  let sim: GateioFuturesSim;
  beforeAll(async () => {
    sim = await startGateioFuturesSim({ seed: 11, symbols: ['BTC_USDT', 'ETH_USDT'], flowPaused: true, pushIntervalMs: 0, tickerIntervalMs: 50, liquidationIntervalMs: 0 });
  });
  afterAll(async () => sim.close());

  it('answers futures.ping with futures.pong and refuses bad subscriptions', async () => {
    const c = await TestWsClient.connect(sim.wsUrl);
    c.send({ channel: 'futures.ping' });
    const pong = await c.waitFor((f) => f.channel === 'futures.pong');
    expect(Object.keys(pong)).toEqual(expect.arrayContaining(Object.keys(fixture('ws-pong.json'))));
    expect(pong).toMatchObject({ event: '', result: null });
    const ok = await c.request('futures.trades', 'subscribe', ['BTC_USDT']);
    expect(ok).toMatchObject({ channel: 'futures.trades', event: 'subscribe', result: { status: 'success' } });
    const bad = await c.request('futures.trades', 'subscribe', ['NOPE_USDT']);
    expect(bad.error.code).toBe(2);
    await c.request('futures.obu', 'subscribe', ['ob.BTC_USDT.400']);
    const dup = await c.request('futures.obu', 'subscribe', ['ob.BTC_USDT.400']);
    expect(dup.error).toEqual(fixture('ws-error-obu-duplicate.json').error);
    expect(dup.result).toEqual({ status: 'fail' });
    c.close();
  });

  it('futures.obu full snapshot plus deltas reproduces the top-50 book', async () => {
    const c = await TestWsClient.connect(sim.wsUrl);
    const obu = followObu(c, 'ob.BTC_USDT.50');
    await c.request('futures.obu', 'subscribe', ['ob.BTC_USDT.50']);
    const full = await c.waitFor((f) => f.channel === 'futures.obu' && f.result.full === true);
    expect(Object.keys(full.result)).toEqual(Object.keys(fixture('ws-obu-full.json').result));
    expect(typeof full.result.b[0][1]).toBe('string');
    for (let round = 0; round < 4; round++) {
      await postJson(`${sim.controlUrl}/step`, { count: 600 });
      await c.settle(80);
      obu.sync();
      const truth = await getJson(`${sim.controlUrl}/book?contract=BTC_USDT&depth=50`);
      expect(obu.gaps).toEqual([]);
      expect(obu.book.view(50)).toEqual({ bids: truth.bids, asks: truth.asks });
    }
    const deltas = c.frames.filter((f) => f.channel === 'futures.obu' && f.event === 'update' && !f.result.full);
    expect(deltas.length).toBeGreaterThan(50);
    expect(Object.keys((deltas[0] as Frame).result)).toEqual(['t', 's', 'U', 'u', 'b', 'a']);
    expect((deltas[0] as Frame).result.b.every(([p, s]: [string, string]) => typeof p === 'string' && /^\d+$/.test(s))).toBe(true);
    c.close();
  });

  it('skip_sequence makes a real gap on futures.obu', async () => {
    const c = await TestWsClient.connect(sim.wsUrl);
    const obu = followObu(c, 'ob.ETH_USDT.50');
    await c.request('futures.obu', 'subscribe', ['ob.ETH_USDT.50']);
    await postJson(`${sim.controlUrl}/step`, { count: 100 });
    await c.settle(80);
    obu.sync();
    expect(obu.gaps).toEqual([]);
    expect((await postJson(`${sim.controlUrl}/faults`, { kind: 'skip_sequence' })).ok).toBe(true);
    await postJson(`${sim.controlUrl}/step`, { count: 200 });
    await c.settle(80);
    obu.sync();
    expect(obu.gaps.length).toBe(1);
    c.close();
  });

  it('futures.order_book_update ([contract, interval, level]) follows a with_id REST snapshot', async () => {
    const c = await TestWsClient.connect(sim.wsUrl);
    const ack = await c.request('futures.order_book_update', 'subscribe', ['ETH_USDT', '100ms', '100']);
    expect(ack.result).toEqual({ status: 'success' });
    await postJson(`${sim.controlUrl}/step`, { count: 200 });
    const snap = await getJson(`${sim.restBaseUrl}/futures/usdt/order_book?contract=ETH_USDT&limit=100&with_id=true`);
    await postJson(`${sim.controlUrl}/step`, { count: 800 });
    await c.settle(80);
    const updates = c.frames.filter((f) => f.channel === 'futures.order_book_update' && f.event === 'update').map((f) => f.result);
    expect(Object.keys(updates[0])).toEqual(Object.keys(fixture('ws-order-book-update.json').result));
    expectSameTypes(updates[0].b[0] ?? updates[0].a[0], { p: '1', s: 1 });
    const book = new LocalBook();
    const pairs = (ls: any[]) => ls.map((l) => [l.p, String(l.s)] as [string, string]);
    book.reset(pairs(snap.bids), pairs(snap.asks), snap.id);
    let started = false;
    for (const r of updates) {
      if (r.u < book.id + 1) continue;
      if (!started) {
        expect(r.U).toBeLessThanOrEqual(book.id + 1);
        started = true;
      } else expect(r.U).toBe(book.id + 1);
      book.apply(pairs(r.b), pairs(r.a));
      book.id = r.u;
    }
    expect(started).toBe(true);
    const truth = await getJson(`${sim.controlUrl}/book?contract=ETH_USDT&depth=100`);
    expect(book.view(100)).toEqual({ bids: truth.bids, asks: truth.asks });
    c.close();
  });

  it('pushes trades, tickers with mark/index/funding, and public liquidations', async () => {
    const c = await TestWsClient.connect(sim.wsUrl);
    await c.request('futures.trades', 'subscribe', ['BTC_USDT']);
    await c.request('futures.tickers', 'subscribe', ['BTC_USDT']);
    await c.request('futures.public_liquidates', 'subscribe', ['!all']);
    await postJson(`${sim.controlUrl}/step`, { count: 300 });
    const trades = await c.waitFor((f) => f.channel === 'futures.trades' && f.event === 'update');
    expectSameTypes(trades.result[0], fixture('ws-trades.json').result[0]);
    expect(Number.isInteger(trades.result[0].size)).toBe(true);
    const ticker = await c.waitFor((f) => f.channel === 'futures.tickers' && f.event === 'update');
    const doc = fixture('ws-tickers.json').result[0];
    expect(Object.keys(ticker.result[0])).toEqual(expect.arrayContaining(Object.keys(doc)));
    expectSameTypes(ticker.result[0], doc);
    expect(Number(ticker.result[0].mark_price)).toBeGreaterThan(0);
    expect(Number(ticker.result[0].index_price)).toBeGreaterThan(0);
    expect(ticker.result[0]).not.toHaveProperty('funding_next_apply'); // the docs list no funding schedule in the push
    const injected = await postJson(`${sim.controlUrl}/liquidate`, { contract: 'BTC_USDT', side: 'sell', size: 124, price: '64000.5' });
    expect(injected.ok).toBe(true);
    const liq = await c.waitFor((f) => f.channel === 'futures.public_liquidates' && f.event === 'update');
    expectSameTypes(liq.result[0], fixture('ws-public-liquidates.json').result[0]);
    expect(liq.result[0]).toMatchObject({ price: 64000.5, size: -124, contract: 'BTC_USDT' });
    expect((await postJson(`${sim.controlUrl}/liquidate`, { contract: 'NOPE', side: 'buy', size: 1 })).error).toBeDefined();
    c.close();
  });

  it('sends sizes as decimal strings to a socket opened with X-Gate-Size-Decimal: 1', async () => {
    const ws = new WebSocket(sim.wsUrl, { headers: { 'X-Gate-Size-Decimal': '1' } });
    const frames: Frame[] = [];
    ws.on('message', (d) => frames.push(JSON.parse((d as Buffer).toString())));
    await new Promise((r) => ws.once('open', r));
    ws.send(JSON.stringify({ time: 1, id: 1, channel: 'futures.order_book_update', event: 'subscribe', payload: ['BTC_USDT', '20ms', '20'] }));
    ws.send(JSON.stringify({ time: 1, id: 2, channel: 'futures.trades', event: 'subscribe', payload: ['BTC_USDT'] }));
    await new Promise((r) => setTimeout(r, 100));
    await postJson(`${sim.controlUrl}/step`, { count: 300 });
    await new Promise((r) => setTimeout(r, 200));
    const upd = frames.find((f) => f.channel === 'futures.order_book_update' && f.event === 'update');
    expect(typeof [...upd!.result.b, ...upd!.result.a][0].s).toBe('string');
    expect(upd!.result.l).toBe('20');
    const tr = frames.find((f) => f.channel === 'futures.trades' && f.event === 'update');
    expect(typeof tr!.result[0].size).toBe('string');
    ws.terminate();
  });
});
