import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMexcSpotSim, type MexcSpotSim } from '../src/index.js';
import { MexcLocalBook, MexcTestClient, type Json } from './helpers/mexc-ws-client.js';
import { getJson, postJson } from './helpers/ws-client.js';

const fixtureDir = fileURLToPath(new URL('../../adapters/test/fixtures/mexc/', import.meta.url));
const fixture = (name: string): any => JSON.parse(readFileSync(`${fixtureDir}${name}`, 'utf8'));

const DEPTH = 'spot@public.aggre.depth.v3.api.pb@100ms@BTCUSDT';
const DEALS = 'spot@public.aggre.deals.v3.api.pb@100ms@BTCUSDT';
const BOOK_TICKER = 'spot@public.aggre.bookTicker.v3.api.pb@100ms@BTCUSDT';
const LIMIT5 = 'spot@public.limit.depth.v3.api.pb@BTCUSDT@5';

/** Keys of a decoded push and of its body, for shape comparison with the decoded fixtures. */
function shape(push: Json): { top: string[]; body: string[] } {
  const body = Object.keys(push).find((k) => !['channel', 'symbol', 'symbolId', 'createTime', 'sendTime'].includes(k)) as string;
  return { top: Object.keys(push), body: Object.keys(push[body]) };
}

/** Pushes of one aggre.depth channel: every fromVersion must be the previous toVersion + 1. */
function versionGaps(pushes: Json[]): [number, number][] {
  const gaps: [number, number][] = [];
  for (let i = 1; i < pushes.length; i++) {
    const prev = Number(pushes[i - 1]!.publicAggreDepths.toVersion);
    const from = Number(pushes[i]!.publicAggreDepths.fromVersion);
    if (from !== prev + 1) gaps.push([prev, from]);
  }
  return gaps;
}

describe('mexc spot websocket: requests, acks and pushes', () => {
  let sim: MexcSpotSim;
  beforeAll(async () => {
    sim = await startMexcSpotSim({ seed: 5, symbols: ['BTCUSDT', 'ETHUSDT', 'MXUSDT', 'SOLUSDT'], flowPaused: true, pushIntervalMs: 0 });
    sim.driver.stepAll(300);
  });
  afterAll(async () => sim.close());

  it('acks SUBSCRIPTION / UNSUBSCRIPTION and answers PING in the documented JSON', async () => {
    const c = await MexcTestClient.connect(sim.wsUrl);
    c.send(fixture('ws-subscribe-request.json'));
    const ack = await c.waitFor((f) => !f.binary);
    expect(ack.json).toEqual(fixture('ws-subscribe-ack.json'));
    c.send(fixture('ws-unsubscribe-request.json'));
    await c.waitFor((f) => !f.binary && f !== ack);
    expect(c.frames.filter((f) => !f.binary)[1]!.json).toEqual(fixture('ws-unsubscribe-ack.json'));
    c.send(fixture('ws-ping.json'));
    const pong = await c.waitFor((f) => !f.binary && f.json.msg === 'PONG');
    expect(pong.json).toEqual(fixture('ws-pong.json'));
    // ccxt pings in lower case; an id is echoed
    expect(await c.request('ping')).toMatchObject({ code: 0, msg: 'PONG' });
    const both = await c.request('SUBSCRIPTION', [DEPTH, DEALS]);
    expect(both).toEqual({ id: expect.any(Number), code: 0, msg: `${DEPTH},${DEALS}` });
    c.close();
  });

  it("refuses unknown topics and symbols with the venue's 'Not Subscribed successfully' answer", async () => {
    const c = await MexcTestClient.connect(sim.wsUrl);
    const bad = await c.request('SUBSCRIPTION', ['spot@public.aggre.depth.v3.api.pb@100ms@NOPEUSDT', 'spot@public.increase.depth.v3.api@BTCUSDT']);
    expect(bad).toEqual({
      id: expect.any(Number),
      code: 0,
      msg: 'Not Subscribed successfully! [spot@public.aggre.depth.v3.api.pb@100ms@NOPEUSDT,spot@public.increase.depth.v3.api@BTCUSDT].  Reason： Blocked! ',
    });
    expect(bad.msg).toMatch(/^Not Subscribed successfully! \[.*\]\. {2}Reason： Blocked! $/);
    expect(fixture('ws-subscribe-blocked.json').msg).toMatch(/^Not Subscribed successfully! \[.*\]\. {2}Reason： Blocked! $/);
    for (const t of ['spot@public.aggre.depth.v3.api.pb@50ms@BTCUSDT', 'spot@public.limit.depth.v3.api.pb@BTCUSDT@15', 'spot@public.aggre.deals.v3.api.pb@100ms@btcusdt']) {
      expect((await c.request('SUBSCRIPTION', [t])).msg).toContain('Not Subscribed successfully!');
    }
    c.close();
  });

  it('aggre.depth pushes are binary PushDataV3ApiWrapper frames shaped like the live capture, versions contiguous', async () => {
    const c = await MexcTestClient.connect(sim.wsUrl);
    await c.request('SUBSCRIPTION', [DEPTH]);
    sim.driver.stepAll(400);
    await c.settle(80);
    const pushes = c.pushes(DEPTH);
    expect(pushes.length).toBeGreaterThan(300);
    expect(c.frames.filter((f) => f.json.channel === DEPTH).every((f) => f.binary)).toBe(true);
    const live = fixture('ws-aggre-depth.json');
    for (const p of pushes.slice(0, 50)) {
      const s = shape(p);
      expect(s.top).toEqual(shape(live).top);
      for (const k of s.body) expect(shape(live).body).toContain(k);
      expect(p.symbol).toBe('BTCUSDT');
      expect(p.publicAggreDepths.eventType).toBe('spot@public.aggre.depth.v3.api.pb@100ms');
      expect(typeof p.publicAggreDepths.fromVersion).toBe('string');
      expect(typeof p.sendTime).toBe('string');
    }
    expect(versionGaps(pushes)).toEqual([]);
    const last = pushes[pushes.length - 1]!.publicAggreDepths;
    expect(Number(last.toVersion)).toBe((await getJson(`${sim.controlUrl}/book?symbol=BTCUSDT&depth=1`)).u);
    // a removed level is quantity "0"
    expect(pushes.some((p) => [...(p.publicAggreDepths.asks ?? []), ...(p.publicAggreDepths.bids ?? [])].some((l: Json) => l.quantity === '0'))).toBe(true);
    c.close();
  });

  it("REST snapshot + aggre.depth pushes reproduce the venue's book (documented procedure)", async () => {
    const c = await MexcTestClient.connect(sim.wsUrl);
    await c.request('SUBSCRIPTION', ['spot@public.aggre.depth.v3.api.pb@10ms@ETHUSDT']);
    sim.driver.stepAll(150);
    const snap = await getJson(`${sim.restBaseUrl}/api/v3/depth?symbol=ETHUSDT&limit=1000`);
    sim.driver.stepAll(1500);
    await c.settle(100);
    const pushes = c.pushes('spot@public.aggre.depth.v3.api.pb@10ms@ETHUSDT').map((p) => p.publicAggreDepths);
    expect(pushes[0].eventType).toBe('spot@public.aggre.depth.v3.api.pb@10ms');
    const book = new MexcLocalBook();
    book.reset(snap.bids, snap.asks, snap.lastUpdateId);
    let applied = 0;
    for (const p of pushes) {
      const from = Number(p.fromVersion);
      const to = Number(p.toVersion);
      if (to <= book.version) continue; // outdated
      expect(from).toBeLessThanOrEqual(book.version + 1); // otherwise: gap, start over
      if (applied > 0) expect(from).toBe(book.version + 1);
      book.apply(p.bids, p.asks);
      book.version = to;
      applied += 1;
    }
    expect(applied).toBeGreaterThan(100);
    const truth = await getJson(`${sim.controlUrl}/book?symbol=ETHUSDT`);
    expect(book.version).toBe(truth.u);
    expect(book.view(10_000)).toEqual({ bids: truth.bids, asks: truth.asks });
    c.close();
  });

  it('limit.depth pushes the whole top N (5/10/20) with its version, first right after the ack', async () => {
    const c = await MexcTestClient.connect(sim.wsUrl);
    await c.request('SUBSCRIPTION', [LIMIT5, 'spot@public.limit.depth.v3.api.pb@ETHUSDT@20']);
    const first = await c.waitFor((f) => f.binary && f.json.channel === LIMIT5);
    const truth = await getJson(`${sim.controlUrl}/book?symbol=BTCUSDT&depth=5`);
    const body = first.json.publicLimitDepths;
    expect(shape(first.json)).toEqual(shape(fixture('ws-limit-depth.json')));
    expect(body.eventType).toBe('spot@public.limit.depth.v3.api.pb');
    expect(Number(body.version)).toBe(truth.u);
    expect(body.bids.map((l: Json) => [l.price, l.quantity])).toEqual(truth.bids);
    expect(body.asks.map((l: Json) => [l.price, l.quantity])).toEqual(truth.asks);
    sim.driver.stepAll(200);
    await c.settle(80);
    const last = c.pushes(LIMIT5).at(-1)!.publicLimitDepths;
    const now = await getJson(`${sim.controlUrl}/book?symbol=BTCUSDT&depth=5`);
    expect([Number(last.version), last.bids.map((l: Json) => [l.price, l.quantity]), last.asks.map((l: Json) => [l.price, l.quantity])]).toEqual([now.u, now.bids, now.asks]);
    expect(c.pushes('spot@public.limit.depth.v3.api.pb@ETHUSDT@20').at(-1)!.publicLimitDepths.bids).toHaveLength(20);
    c.close();
  });

  it('aggre.deals carries every trade (taker side as tradeType 1/2, the trade id since websocket-proto 7b8ac7a), matching REST /trades', async () => {
    const c = await MexcTestClient.connect(sim.wsUrl);
    await c.request('SUBSCRIPTION', [DEALS]);
    sim.driver.stepAll(400);
    await c.settle(80);
    const pushes = c.pushes(DEALS);
    expect(pushes.length).toBeGreaterThan(0);
    expect(shape(pushes[0]!)).toEqual(shape(fixture('ws-aggre-deals.json')));
    const deals = pushes.flatMap((p) => p.publicAggreDeals.deals);
    for (const d of deals) {
      expect(Object.keys(d)).toEqual(['price', 'quantity', 'tradeType', 'time', 'tradeId']);
      expect([1, 2]).toContain(d.tradeType);
    }
    const ids = deals.map((d) => Number(d.tradeId));
    for (let i = 1; i < ids.length; i++) expect(ids[i]).toBeGreaterThan(ids[i - 1]!);
    expect(pushes[0]!.publicAggreDeals.eventType).toBe('spot@public.aggre.deals.v3.api.pb@100ms');
    const rest = (await getJson(`${sim.restBaseUrl}/api/v3/trades?symbol=BTCUSDT&limit=1000`)).slice(0, deals.length).reverse();
    expect(deals.map((d) => [d.price, d.quantity, d.tradeType === 1 ? 'BID' : 'ASK', Number(d.time)])).toEqual(rest.map((t: Json) => [t.price, t.qty, t.tradeType, t.time]));
    c.close();
  });

  it('aggre.bookTicker pushes the best bid/ask when it changes', async () => {
    const c = await MexcTestClient.connect(sim.wsUrl);
    await c.request('SUBSCRIPTION', [BOOK_TICKER]);
    sim.driver.stepAll(300);
    await c.settle(80);
    const pushes = c.pushes(BOOK_TICKER);
    expect(pushes.length).toBeGreaterThan(0);
    // the live capture (2025) plus `version`, which websocket-proto 7b8ac7a (2026-06) added
    const captured = shape(fixture('ws-aggre-book-ticker.json'));
    expect(shape(pushes[0]!)).toEqual({ ...captured, body: [...captured.body, 'version'] });
    const last = pushes.at(-1)!.publicAggreBookTicker;
    const top = await getJson(`${sim.controlUrl}/book?symbol=BTCUSDT&depth=1`);
    expect(last).toEqual({ bidPrice: top.bids[0][0], bidQuantity: top.bids[0][1], askPrice: top.asks[0][0], askQuantity: top.asks[0][1], version: String(top.u) });
    const keys = pushes.map((p) => JSON.stringify(p.publicAggreBookTicker));
    for (let i = 1; i < keys.length; i++) expect(keys[i]).not.toBe(keys[i - 1]);
    c.close();
  });

  it('caps a connection at 30 subscriptions; the 31st is refused and never pushed', async () => {
    const c = await MexcTestClient.connect(sim.wsUrl);
    const topics: string[] = [];
    for (const s of ['BTCUSDT', 'ETHUSDT', 'MXUSDT', 'SOLUSDT']) {
      for (const i of ['10ms', '100ms']) for (const k of ['depth', 'deals', 'bookTicker']) topics.push(`spot@public.aggre.${k}.v3.api.pb@${i}@${s}`);
      for (const l of [5, 10, 20]) topics.push(`spot@public.limit.depth.v3.api.pb@${s}@${l}`);
    }
    expect(topics.length).toBe(36);
    const first = await c.request('SUBSCRIPTION', topics.slice(0, 20));
    expect(first.msg).toBe(topics.slice(0, 20).join(','));
    const id = 99;
    c.send({ method: 'SUBSCRIPTION', params: topics.slice(20, 32), id });
    await c.waitFor((f) => !f.binary && f.json.id === id && String(f.json.msg).startsWith('Not Subscribed'));
    const [ok, refused] = c.answers(id);
    expect(ok).toEqual({ id, code: 0, msg: topics.slice(20, 30).join(',') });
    expect(refused).toEqual({ id, code: 0, msg: `Not Subscribed successfully! [${topics.slice(30, 32).join(',')}].  Reason： Blocked! ` });
    // re-subscribing a held topic is acknowledged and does not count
    expect((await c.request('SUBSCRIPTION', [topics[0]!])).msg).toBe(topics[0]);
    expect((await c.request('SUBSCRIPTION', [topics[33]!])).msg).toContain('Not Subscribed successfully!');
    // freeing a slot admits a new topic
    expect((await c.request('UNSUBSCRIPTION', [topics[0]!])).msg).toBe(topics[0]);
    expect((await c.request('SUBSCRIPTION', [topics[33]!])).msg).toBe(topics[33]);
    sim.driver.stepAll(200);
    await c.settle(80);
    const channels = new Set(c.pushes().map((p) => p.channel));
    expect(channels.has(topics[31]!)).toBe(false);
    expect(channels.has(topics[0]!)).toBe(false);
    const stats = await getJson(`${sim.controlUrl}/stats`);
    expect(stats.ws.refusedTopics).toBeGreaterThanOrEqual(3);
    c.close();
  });

  it('skip_sequence loses one aggre.depth push: fromVersion jumps past the previous toVersion + 1', async () => {
    const c = await MexcTestClient.connect(sim.wsUrl);
    await c.request('SUBSCRIPTION', [DEPTH]);
    sim.driver.stepAll(50);
    await c.settle(50);
    expect((await postJson(`${sim.controlUrl}/faults`, { kind: 'skip_sequence' })).streams).toBeGreaterThanOrEqual(1);
    sim.driver.stepAll(50);
    await c.settle(50);
    const gaps = versionGaps(c.pushes(DEPTH));
    expect(gaps).toHaveLength(1);
    expect(gaps[0]![1]).toBe(gaps[0]![0] + 2); // one version (one push at this cadence) never delivered
    c.close();
  });

  it('drop_sockets tears connections down (1006); close_sockets closes without a status (1005)', async () => {
    const a = await MexcTestClient.connect(sim.wsUrl);
    expect((await postJson(`${sim.controlUrl}/faults`, { kind: 'drop_sockets' })).connections).toBeGreaterThanOrEqual(1);
    expect(await a.closed).toBe(1006);
    const b = await MexcTestClient.connect(sim.wsUrl);
    await postJson(`${sim.controlUrl}/faults`, { kind: 'close_sockets' });
    expect(await b.closed).toBe(1005);
    const stats = await getJson(`${sim.controlUrl}/stats`);
    expect(stats.ws.connections).toBe(0);
    expect(stats.ws.subscriptions).toBe(0);
  });
});

describe('mexc spot websocket: connection rules', () => {
  let sim: MexcSpotSim;
  beforeAll(async () => {
    sim = await startMexcSpotSim({ seed: 8, symbols: ['BTCUSDT'], flowPaused: true, noSubscriptionTimeoutMs: 300, noDataTimeoutMs: 600, maxConnectionAgeMs: 0 });
  });
  afterAll(async () => sim.close());

  it('closes a connection without a valid subscription after the configured time (venue: 30 s)', async () => {
    const idle = await MexcTestClient.connect(sim.wsUrl);
    const t0 = performance.now();
    const refusedOnly = await MexcTestClient.connect(sim.wsUrl);
    await refusedOnly.request('SUBSCRIPTION', ['spot@public.nope@BTCUSDT']);
    const subscribed = await MexcTestClient.connect(sim.wsUrl);
    await subscribed.request('SUBSCRIPTION', [DEPTH]);
    expect(await idle.closed).toBe(1005);
    expect(await refusedOnly.closed).toBe(1005);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(250);
    // pings keep a subscribed but silent connection alive past the no-data limit (venue: 1 minute)
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 200));
      await subscribed.request('PING');
    }
    expect(subscribed.ws.readyState).toBe(subscribed.ws.OPEN);
    subscribed.close();
  });

  it('closes a subscribed connection that sees no traffic either way', async () => {
    const silent = await MexcTestClient.connect(sim.wsUrl);
    await silent.request('SUBSCRIPTION', [DEPTH]);
    const t0 = performance.now();
    expect(await silent.closed).toBe(1005);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(450);
  });
});

describe('mexc spot websocket: maximum connection age', () => {
  let sim: MexcSpotSim;
  beforeAll(async () => {
    sim = await startMexcSpotSim({ seed: 8, symbols: ['BTCUSDT'], flowPaused: true, noDataTimeoutMs: 0, maxConnectionAgeMs: 800 });
  });
  afterAll(async () => sim.close());

  it('closes every connection at the maximum age, busy or not (venue: 24 h)', async () => {
    const c = await MexcTestClient.connect(sim.wsUrl);
    await c.request('SUBSCRIPTION', [DEPTH]);
    const t0 = performance.now();
    const timer = setInterval(() => c.send({ method: 'PING' }), 100);
    const code = await c.closed;
    clearInterval(timer);
    expect(code).toBe(1005);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(600);
    expect((await getJson(`${sim.controlUrl}/stats`)).ws.ageCloses).toBeGreaterThanOrEqual(1);
  });
});

describe('mexc spot websocket: venue cadences with running flow', () => {
  let sim: MexcSpotSim;
  beforeAll(async () => {
    sim = await startMexcSpotSim({ seed: 9, symbols: ['BTCUSDT'], flowRatePerSec: 400 });
  });
  afterAll(async () => sim.close());

  it("100ms and 10ms aggre.depth both stay contiguous and end on the engine's book", async () => {
    const c = await MexcTestClient.connect(sim.wsUrl);
    const fast = 'spot@public.aggre.depth.v3.api.pb@10ms@BTCUSDT';
    await c.request('SUBSCRIPTION', [DEPTH, fast]);
    const snap = await getJson(`${sim.restBaseUrl}/api/v3/depth?symbol=BTCUSDT&limit=5000`);
    await new Promise((r) => setTimeout(r, 1200));
    await postJson(`${sim.controlUrl}/flow`, { paused: true });
    await new Promise((r) => setTimeout(r, 150));
    await c.settle(150);
    const slow = c.pushes(DEPTH);
    const quick = c.pushes(fast);
    expect(versionGaps(slow)).toEqual([]);
    expect(versionGaps(quick)).toEqual([]);
    expect(slow.length).toBeLessThanOrEqual(16);
    expect(quick.length).toBeGreaterThan(slow.length);
    // each push aggregates many versions at 100 ms
    expect(slow.some((p) => Number(p.publicAggreDepths.toVersion) - Number(p.publicAggreDepths.fromVersion) > 5)).toBe(true);
    const truth = await getJson(`${sim.controlUrl}/book?symbol=BTCUSDT`);
    for (const pushes of [slow, quick]) {
      const book = new MexcLocalBook();
      book.reset(snap.bids, snap.asks, snap.lastUpdateId);
      for (const p of pushes.map((x) => x.publicAggreDepths)) {
        if (Number(p.toVersion) <= book.version) continue;
        expect(Number(p.fromVersion)).toBeLessThanOrEqual(book.version + 1);
        book.apply(p.bids, p.asks);
        book.version = Number(p.toVersion);
      }
      expect(book.version).toBe(truth.u);
      expect(book.view(10_000)).toEqual({ bids: truth.bids, asks: truth.asks });
    }
    c.close();
  });
});
