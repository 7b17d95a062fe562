import ccxt from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBinanceSpotSim, type BinanceSpotSim } from '../src/index.js';
import { getJson, postJson } from './helpers/ws-client.js';

// ccxt's own `binance` class (REST and its websocket class) pointed at the simulated spot venue:
// only base URLs differ from the live venue.

const num = (levels: [string | number, string | number][]) => levels.map(([p, q]) => [Number(p), Number(q)]);

/**
 * Every REST base of ccxt's binance on the simulator's host (paths kept), so nothing leaves the
 * machine; spot markets only, and neither margin pairs nor wallet currencies (the simulator has
 * no margin or wallet product: ccxt asks /sapi for them when it holds keys).
 */
function pointBinanceSpotAt(ex: any, sim: BinanceSpotSim): void {
  ex.options.fetchMarkets = { types: ['spot'] };
  ex.options.fetchMargins = false;
  ex.has.fetchCurrencies = false;
  for (const [name, url] of Object.entries(ex.urls.api)) {
    if (typeof url === 'string') ex.urls.api[name] = `${sim.restBaseUrl}${new URL(url).pathname}`;
  }
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

describe('ccxt binance (trading) against the simulator', () => {
  let sim: BinanceSpotSim;
  let ex: any;
  beforeAll(async () => {
    sim = await startBinanceSpotSim({ seed: 33, symbols: ['BTCUSDT', 'ETHUSDT'], flowPaused: true });
    sim.driver.stepAll(1500);
    ex = new ccxt.binance({ enableRateLimit: false, apiKey: sim.apiKey, secret: sim.apiSecret });
    pointBinanceSpotAt(ex, sim);
    await ex.loadMarkets();
  });
  afterAll(async () => sim.close());

  it('createOrder, fetchOrder, fetchOpenOrders, cancelOrder: signed by ccxt, verified by the simulator', async () => {
    const top = await getJson(`${sim.controlUrl}/book?symbol=BTCUSDT&depth=1`);
    const price = Math.round(Number(top.bids[0][0]) * 0.9);
    const order = await ex.createOrder('BTC/USDT', 'limit', 'buy', 0.001, price, { newClientOrderId: 'ccxt-1' });
    expect(order).toMatchObject({ clientOrderId: 'ccxt-1', status: 'open', amount: 0.001, price });
    expect((await ex.fetchOrder(order.id, 'BTC/USDT')).status).toBe('open');
    expect((await ex.fetchOpenOrders('BTC/USDT')).map((o: any) => o.id)).toContain(order.id);
    expect((await ex.cancelOrder(order.id, 'BTC/USDT')).status).toBe('canceled');
  });

  it('a market buy fills against the book; fetchMyTrades and fetchBalance agree with the venue', async () => {
    const before = await ex.fetchBalance();
    const order = await ex.createOrder('ETH/USDT', 'market', 'buy', 0.05);
    expect(order.status).toBe('closed');
    const trades = (await ex.fetchMyTrades('ETH/USDT')).filter((t: any) => t.order === order.id);
    const bought = trades.reduce((sum: number, t: any) => sum + t.amount, 0);
    expect(bought).toBeCloseTo(0.05, 8);
    const venue = await getJson(`${sim.controlUrl}/fills?apiKey=${encodeURIComponent(sim.apiKey)}`);
    expect(venue.fills.filter((f: any) => f.orderId === order.id).length).toBe(trades.length);
    const after = await ex.fetchBalance();
    expect(after.ETH.total).toBeGreaterThan(before.ETH.total);
  });

  it("maps the venue's refusals: insufficient balance -> InsufficientFunds, a bad tick -> InvalidOrder, a bad key -> AuthenticationError", async () => {
    await expect(ex.createOrder('BTC/USDT', 'limit', 'buy', 100, 60000)).rejects.toBeInstanceOf(ccxt.InsufficientFunds);
    await expect(ex.privatePostOrder({ symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.001', price: '60000.001' })).rejects.toBeInstanceOf(ccxt.InvalidOrder);
    const wrong = new ccxt.binance({ enableRateLimit: false, apiKey: sim.apiKey, secret: 'not-the-secret' });
    pointBinanceSpotAt(wrong, sim);
    wrong.markets = ex.markets;
    wrong.markets_by_id = ex.markets_by_id;
    await expect(wrong.fetchBalance()).rejects.toBeInstanceOf(ccxt.AuthenticationError);
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
