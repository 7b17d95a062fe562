import { DerivativesTradingUsdsFutures } from '@binance/derivatives-trading-usds-futures';
import ccxt from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBinanceUsdmSim, type BinanceUsdmSim } from '../src/index.js';
import { getJson, postJson } from './helpers/ws-client.js';

// Independent clients against the simulated USDⓈ-M venue, unchanged: Binance's official connector
// (@binance/derivatives-trading-usds-futures, generated from its OpenAPI specification) and
// ccxt's binanceusdm. Only base URLs differ from the live venue.

const num = (levels: Array<Array<string | number>>) => levels.map(([p, q]) => [Number(p), Number(q)]);
const waitFor = async (what: string, check: () => boolean, ms = 5_000): Promise<void> => {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('@binance/derivatives-trading-usds-futures against the simulator', () => {
  let sim: BinanceUsdmSim;
  let client: DerivativesTradingUsdsFutures;

  beforeAll(async () => {
    sim = await startBinanceUsdmSim({ seed: 51, symbols: ['BTCUSDT', 'ETHUSDT'], flowRatePerSec: 100, liquidationIntervalMs: 200 });
    client = new DerivativesTradingUsdsFutures({
      configurationRestAPI: { apiKey: sim.apiKey, apiSecret: sim.apiSecret, basePath: sim.restBaseUrl },
      configurationWebsocketStreams: { wsURL: sim.wsUrl, compression: false },
    });
  });

  afterAll(async () => sim.close());

  it('reads exchange information, the book, the mark price and funding', async () => {
    const info = await (await client.restAPI.exchangeInformation()).data();
    expect(info.symbols?.map((s) => s.symbol)).toEqual(['BTCUSDT', 'ETHUSDT']);
    await postJson(`${sim.controlUrl}/flow`, { paused: true });
    const book = await (await client.restAPI.orderBook({ symbol: 'BTCUSDT', limit: 10 })).data();
    const truth = await getJson(`${sim.controlUrl}/book?symbol=BTCUSDT&depth=10`);
    await postJson(`${sim.controlUrl}/flow`, { paused: false });
    expect(Number(book.lastUpdateId)).toBe(truth.u);
    expect(num(book.bids!)).toEqual(num(truth.bids));
    const mark = (await (await client.restAPI.markPrice({ symbol: 'BTCUSDT' })).data()) as { markPrice?: string; nextFundingTime?: number };
    expect(Number(mark.markPrice)).toBeGreaterThan(0);
    expect(Number(mark.nextFundingTime)).toBeGreaterThan(Date.now());
  });

  it('signs orders, leverage and position reads the simulator verifies', async () => {
    expect((await (await client.restAPI.changeInitialLeverage({ symbol: 'BTCUSDT', leverage: 5 })).data()).leverage).toBe(5);
    const placed = await (await client.restAPI.newOrder({ symbol: 'BTCUSDT', side: 'BUY' as never, type: 'MARKET' as never, quantity: 0.01, newClientOrderId: 'conn-1' })).data();
    expect(placed.status).toBe('FILLED');
    const read = await (await client.restAPI.queryOrder({ symbol: 'BTCUSDT', origClientOrderId: 'conn-1' })).data();
    expect(read.executedQty).toBe('0.010');
    const positions = await (await client.restAPI.positionInformationV2({ symbol: 'BTCUSDT' })).data();
    expect(positions[0]).toMatchObject({ symbol: 'BTCUSDT', positionAmt: '0.01', leverage: '5' });
    await client.restAPI.newOrder({ symbol: 'BTCUSDT', side: 'SELL' as never, type: 'MARKET' as never, quantity: 0.01, reduceOnly: 'true' as never });
    await expect(client.restAPI.newOrder({ symbol: 'BTCUSDT', side: 'SELL' as never, type: 'MARKET' as never, quantity: 0.01, reduceOnly: 'true' as never })).rejects.toThrow();
  });

  it('follows depth on /public, mark prices and liquidations on /market, and the user data stream on /private', async () => {
    const connection = await client.websocketStreams.connect();
    const depth: any[] = [];
    const marks: any[] = [];
    const liquidations: any[] = [];
    connection.diffBookDepthStreams({ symbol: 'btcusdt', updateSpeed: '100ms' as never }).on('message', (data) => void depth.push(data));
    connection.markPriceStream({ symbol: 'btcusdt', updateSpeed: '1s' as never }).on('message', (data) => void marks.push(data));
    connection.liquidationOrderStreams({ symbol: 'btcusdt' }).on('message', (data) => void liquidations.push(data));
    const { listenKey } = await (await client.restAPI.startUserDataStream()).data();
    const events: any[] = [];
    connection.userData(listenKey!).on('message', (event) => void events.push(event));
    await waitFor('depth, marks and liquidations', () => depth.length > 3 && marks.length > 0 && liquidations.length > 0, 8_000);
    expect(depth[1].pu).toBe(depth[0].u);
    expect(marks[0].e).toBe('markPriceUpdate');
    expect(liquidations[0].o.s).toBe('BTCUSDT');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await client.restAPI.newOrder({ symbol: 'ETHUSDT', side: 'SELL' as never, type: 'LIMIT' as never, timeInForce: 'GTC' as never, quantity: 0.1, price: 9000, newClientOrderId: 'conn-2' });
    await waitFor('the order update', () => events.some((e) => e.e === 'ORDER_TRADE_UPDATE' && e.o?.c === 'conn-2'));
    await connection.disconnect();
  });
});

describe('ccxt binanceusdm against the simulator', () => {
  let sim: BinanceUsdmSim;
  let ex: any;

  beforeAll(async () => {
    sim = await startBinanceUsdmSim({ seed: 52, symbols: ['BTCUSDT', 'ETHUSDT'], flowRatePerSec: 100, liquidationIntervalMs: 0 });
    ex = new ccxt.pro.binanceusdm({ enableRateLimit: false, apiKey: sim.apiKey, secret: sim.apiSecret });
    // Every REST base on the simulator's host (paths kept): nothing leaves the machine.
    for (const [name, url] of Object.entries(ex.urls.api)) if (typeof url === 'string') ex.urls.api[name] = `${sim.restBaseUrl}${new URL(url).pathname}`;
    ex.urls.api.ws.future = `${sim.wsUrl}/ws`;
    ex.options.fetchMarkets = { types: ['linear'] };
    ex.options.fetchMargins = false;
    ex.has.fetchCurrencies = false;
    await ex.loadHttpProxyAgent(); // ccxt requires this before any plain ws:// URL
    await ex.loadMarkets();
  });

  afterAll(async () => {
    await ex.close();
    await sim.close();
  });

  it('loads the perpetuals, the book, the ticker and the funding rate', async () => {
    expect(ex.markets['BTC/USDT:USDT']).toMatchObject({ id: 'BTCUSDT', swap: true, linear: true, precision: { amount: 0.001, price: 0.1 }, limits: { amount: { min: 0.001 }, cost: { min: 100 } } });
    const ob = await ex.fetchOrderBook('BTC/USDT:USDT', 20);
    expect(ob.bids.length).toBeGreaterThan(0);
    expect((await ex.fetchTicker('BTC/USDT:USDT')).last).toBeGreaterThan(0);
    const funding = await ex.fetchFundingRate('BTC/USDT:USDT');
    expect(funding.markPrice).toBeGreaterThan(0);
  });

  it('sets leverage, opens and closes a position, lists its trades', async () => {
    await ex.setLeverage(7, 'BTC/USDT:USDT');
    const order = await ex.createOrder('BTC/USDT:USDT', 'market', 'buy', 0.02);
    expect(order.status).toBe('closed');
    const [position] = (await ex.fetchPositions(['BTC/USDT:USDT'])).filter((p: any) => p.contracts > 0);
    expect(position).toMatchObject({ side: 'long', contracts: 0.02 }); // v3 positions carry no leverage, at the venue either
    await ex.createOrder('BTC/USDT:USDT', 'market', 'sell', 0.02, undefined, { reduceOnly: true });
    const trades = await ex.fetchMyTrades('BTC/USDT:USDT');
    expect(trades.filter((t: any) => t.order === order.id).length).toBeGreaterThan(0);
    // A reduce-only order with nothing to reduce: the venue's -2022 (ccxt's ExchangeError for it).
    await expect(ex.createOrder('BTC/USDT:USDT', 'market', 'sell', 0.02, undefined, { reduceOnly: true })).rejects.toThrow(/-2022/);
  });

  it('watchOrderBook keeps the book on the route the venue keeps depth on', async () => {
    let book = await ex.watchOrderBook('BTC/USDT:USDT');
    for (let i = 0; i < 10; i++) book = await ex.watchOrderBook('BTC/USDT:USDT');
    expect(book.bids.length).toBeGreaterThan(0);
    expect(book.asks[0][0]).toBeGreaterThan(book.bids[0][0]);
  });
});
