import ccxt from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBinanceSpotSim, type BinanceSpotSim } from '../src/index.js';
import { getJson, postJson } from './helpers/wsClient.js';

// ccxt's own `binance` class (REST and its websocket class) pointed at the simulated spot venue:
// only base URLs differ from the live venue.

const num = (levels: [string | number, string | number][]) => levels.map(([p, q]) => [Number(p), Number(q)]);

function pointBinanceSpotAt(ex: any, sim: BinanceSpotSim): void {
  ex.options.fetchMarkets = { types: ['spot'] };
  ex.urls.api.public = `${sim.restBaseUrl}/api/v3`;
  ex.urls.api.private = `${sim.restBaseUrl}/api/v3`;
  if (ex.urls.api.ws) ex.urls.api.ws.spot = `${sim.wsUrl}/ws`;
}

describe('ccxt binance (REST) against the simulator', () => {
  let sim: BinanceSpotSim;
  let ex: any;
  beforeAll(async () => {
    sim = await startBinanceSpotSim({ seed: 31, symbols: ['BTCUSDT', 'ETHUSDT', 'ETHBTC'], flowPaused: true });
    sim.driver.stepAll(1500);
    ex = new ccxt.binance({ enableRateLimit: false });
    pointBinanceSpotAt(ex, sim);
  });
  afterAll(async () => sim.close());

  it('loadMarkets reads the symbols, precisions and limits from exchangeInfo filters', async () => {
    const markets = await ex.loadMarkets();
    expect(Object.keys(markets).sort()).toEqual(['BTC/USDT', 'ETH/BTC', 'ETH/USDT']);
    expect(markets['BTC/USDT']).toMatchObject({ id: 'BTCUSDT', spot: true, active: true, precision: { amount: 0.00001, price: 0.01 }, limits: { amount: { min: 0.00001 }, cost: { min: 5 } } });
  });

  it('fetchOrderBook, fetchTrades, fetchTicker, fetchTime', async () => {
    const ob = await ex.fetchOrderBook('BTC/USDT', 20);
    const truth = await getJson(`${sim.controlUrl}/book?symbol=BTCUSDT&depth=20`);
    expect(ob.nonce).toBe(truth.u);
    expect(num(ob.bids)).toEqual(num(truth.bids));
    expect(num(ob.asks)).toEqual(num(truth.asks));
    const trades = await ex.fetchTrades('BTC/USDT', undefined, 10);
    expect(trades.length).toBe(10);
    for (const t of trades) expect(['buy', 'sell']).toContain(t.side);
    expect(trades[9].timestamp).toBeGreaterThanOrEqual(trades[0].timestamp);
    const ticker = await ex.fetchTicker('ETH/USDT');
    const top = await getJson(`${sim.controlUrl}/book?symbol=ETHUSDT&depth=1`);
    expect([ticker.bid, ticker.ask]).toEqual([Number(top.bids[0][0]), Number(top.asks[0][0])]);
    expect(typeof ticker.last).toBe('number');
    expect(Math.abs((await ex.fetchTime()) - Date.now())).toBeLessThan(5000);
  });

  it("maps the venue's errors: invalid symbol -> BadSymbol, 429 -> RateLimitExceeded (or DDoSProtection)", async () => {
    await expect(ex.publicGetDepth({ symbol: 'NOPEUSDT' })).rejects.toBeInstanceOf(ccxt.BadSymbol);
    await postJson(`${sim.controlUrl}/faults`, { kind: 'http_error', status: 429, count: 1 });
    await expect(ex.fetchTime()).rejects.toBeInstanceOf(ccxt.DDoSProtection);
  });
});

describe('ccxt pro binance (websocket) against the simulator', () => {
  let sim: BinanceSpotSim;
  let ex: any;
  beforeAll(async () => {
    sim = await startBinanceSpotSim({ seed: 32, symbols: ['BTCUSDT', 'ETHUSDT'], flowRatePerSec: 150 });
    ex = new ccxt.pro.binance({ enableRateLimit: false });
    pointBinanceSpotAt(ex, sim);
    await ex.loadHttpProxyAgent(); // ccxt requires this before any plain ws:// URL
    await ex.loadMarkets();
  });
  afterAll(async () => {
    await ex.close();
    await sim.close();
  });

  it('watchOrderBook keeps the venue book by its documented procedure', async () => {
    let book = await ex.watchOrderBook('BTC/USDT');
    for (let i = 0; i < 15; i++) book = await ex.watchOrderBook('BTC/USDT');
    await postJson(`${sim.controlUrl}/flow`, { paused: true });
    await new Promise((resolve) => setTimeout(resolve, 400));
    const truth = await getJson(`${sim.controlUrl}/book?symbol=BTCUSDT&depth=5000`);
    // wait for ccxt to apply the last diff (it arrives within the 100 ms cadence)
    for (let i = 0; i < 50 && book.nonce !== truth.u; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(book.nonce).toBe(truth.u);
    expect(num(book.bids.slice(0, 50))).toEqual(num(truth.bids.slice(0, 50)));
    expect(num(book.asks.slice(0, 50))).toEqual(num(truth.asks.slice(0, 50)));
    await postJson(`${sim.controlUrl}/flow`, { paused: false });
  });

  it('watchTrades and watchTicker read the stream events', async () => {
    const trades = await ex.watchTrades('ETH/USDT');
    expect(trades.length).toBeGreaterThan(0);
    expect(['buy', 'sell']).toContain(trades[0].side);
    expect(trades[0].price).toBeGreaterThan(0);
    const ticker = await ex.watchTicker('ETH/USDT');
    expect(ticker.symbol).toBe('ETH/USDT');
    expect(ticker.last).toBeGreaterThan(0);
  });
});
