import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBinanceSpotSim, startBinanceUsdmSim, type BinanceSpotSim, type BinanceUsdmSim } from '@cexgw/venue-sim';
import { binanceConnectorContract, checkBinanceStreamTraffic, checkRestTraffic, RecordingProxy } from '@cexgw/wire-contracts';
import { binanceSpotPushReaders, binanceSpotRestAnswerReaders, binanceUsdmPushReaders, binanceUsdmRestAnswerReaders } from '../../src/binance/payload-readers.js';
import type { FuturesPrivateExchange } from '../../src/core/futures-private.js';
import type { FuturesPublicExchange } from '../../src/core/futures-exchange.js';
import type { PublicExchange } from '../../src/core/exchange.js';
import { contractOrder, ignoreEvents } from './contract-orders.js';
import { createExchangeFactory } from '../../src/venues.js';

// Binance's REST contract is its official connector @binance/spot, which Binance generates from
// its OpenAPI specification, read from the installed package at test time (libs/wire-contracts).
// The real adapter drives the simulator through a recording proxy; every exchange is then held
// against it: what the adapter sent, what the simulator answered, and what the adapter reads of
// it. A field read or served that the connector does not name fails, and so does a wrong type.
// The websocket traffic is held against the same connectors' stream and WebSocket API models:
// the stream names the adapter subscribes, every event, and what the adapter's readers take of it.

const BTC = { base: 'BTC', quote: 'USDT' };
const spot = binanceConnectorContract('@binance/spot');
const usdm = binanceConnectorContract('@binance/derivatives-trading-usds-futures');

describe(`Binance spot REST traffic against @binance/spot ${spot.version}`, () => {
  let sim: BinanceSpotSim;
  let proxy: RecordingProxy;
  let market: PublicExchange;

  beforeAll(async () => {
    sim = await startBinanceSpotSim({ seed: 7, symbols: ['BTCUSDT', 'ETHUSDT'], flowRatePerSec: 200 });
    proxy = await new RecordingProxy(new URL(sim.restBaseUrl).origin).start();
    market = createExchangeFactory().createPublic('binance_spot', { restBaseUrl: proxy.urlFor(sim.restBaseUrl), wsUrl: sim.wsUrl });
  });

  afterAll(async () => {
    await market?.close();
    await proxy?.close();
    await sim?.close();
  });

  it('every request the adapter sends and every answer the simulator gives are connector operations and models, and the adapter reads only what those name', async () => {
    await market.start();
    await market.getOrderBook(BTC, 10);
    await market.getRecentTrades(BTC, 10);
    await market.getTicker(BTC);
    await market.health();
    // the streamed book's snapshot
    await new Promise<void>((resolve) => {
      const stop = market.watchOrderBook(BTC, (event) => {
        if (event.type !== 'snapshot') return;
        setImmediate(() => stop());
        resolve();
      });
    });

    const report = checkRestTraffic(proxy.exchanges, spot, binanceSpotRestAnswerReaders(BTC));
    expect(report.violations).toEqual([]);
    expect([...report.covered].sort()).toEqual(['depth', 'exchangeInfo', 'getTrades', 'ticker24hr', 'time']);
  });

  it('trading: the signed requests and their answers are connector operations and models, and the adapter reads only what those name', async () => {
    proxy.exchanges.length = 0;
    const trading = createExchangeFactory().createPrivate('binance_spot', {
      restBaseUrl: proxy.urlFor(sim.restBaseUrl),
      wsUrl: sim.wsUrl,
      credentials: { apiKey: sim.apiKey, apiSecret: sim.apiSecret },
    });
    try {
      await trading.start(ignoreEvents);
      const book = await market.getOrderBook(BTC, 5);
      // Well below the market, so the flow cannot fill it before the cancel.
      const resting = await trading.placeOrder(contractOrder({ price: (Number(book.bids[0]![0]) * 0.95).toFixed(2), quantity: '0.001', clientOrderId: 'rest-1' }));
      await trading.getOrder({ symbol: BTC, orderId: resting.orderId });
      await trading.getOrder({ symbol: BTC, clientOrderId: 'rest-1' });
      await trading.listOpenOrders(BTC);
      await trading.listOpenOrders();
      await trading.cancelOrder({ symbol: BTC, clientOrderId: 'rest-1' });
      const since = Date.now() - 60_000;
      await trading.placeOrder(contractOrder({ price: book.asks[0]![0], quantity: '0.001', timeInForce: 'ioc', clientOrderId: 'take-1' }));
      await trading.fillsSince(since, [BTC]);
      await trading.getBalances();
    } finally {
      await trading.close();
    }
    const report = checkRestTraffic(proxy.exchanges, spot, binanceSpotRestAnswerReaders(BTC));
    expect(report.violations).toEqual([]);
    expect([...report.covered].sort()).toEqual(['deleteOrder', 'depth', 'exchangeInfo', 'getAccount', 'getOpenOrders', 'getOrder', 'myTrades', 'newOrder', 'time'].sort());
  });

  it('the simulator answers the other public operations ccxt and the connectors use with connector models', async () => {
    proxy.exchanges.length = 0;
    const base = proxy.urlFor(sim.restBaseUrl).replace(/\/$/, '');
    for (const path of [
      '/api/v3/ping',
      '/api/v3/aggTrades?symbol=BTCUSDT&limit=5',
      '/api/v3/ticker/bookTicker?symbol=BTCUSDT',
      '/api/v3/ticker/bookTicker',
      '/api/v3/ticker/price?symbol=ETHUSDT',
      '/api/v3/ticker/24hr',
      '/api/v3/exchangeInfo?symbol=ETHUSDT',
    ]) {
      expect((await fetch(`${base}${path}`)).status).toBe(200);
    }
    const report = checkRestTraffic(proxy.exchanges, spot);
    expect(report.violations).toEqual([]);
    expect(report.covered.size).toBe(6);
  });
});

describe(`Binance USDⓈ-M REST traffic against @binance/derivatives-trading-usds-futures ${usdm.version}`, () => {
  let sim: BinanceUsdmSim;
  let proxy: RecordingProxy;

  beforeAll(async () => {
    sim = await startBinanceUsdmSim({ seed: 7, symbols: ['BTCUSDT', 'ETHUSDT'], flowRatePerSec: 200, liquidationIntervalMs: 0 });
    proxy = await new RecordingProxy(new URL(sim.restBaseUrl).origin).start();
  });

  afterAll(async () => {
    await proxy?.close();
    await sim?.close();
  });

  it('market data and trading: the requests, the answers and the adapter reads are connector operations and models', async () => {
    const urls = { restBaseUrl: proxy.urlFor(sim.restBaseUrl), wsUrl: sim.wsUrl };
    const market = createExchangeFactory().createPublic('binance_usdm', urls) as FuturesPublicExchange;
    const trading = createExchangeFactory().createPrivate('binance_usdm', { ...urls, credentials: { apiKey: sim.apiKey, apiSecret: sim.apiSecret } }) as FuturesPrivateExchange;
    try {
      await market.start();
      const book = await market.getOrderBook(BTC, 10);
      await market.getRecentTrades(BTC, 10);
      await market.getTicker(BTC);
      await market.getFundingRate(BTC);
      await market.getMarkPrice(BTC);
      await market.health();
      await trading.start(ignoreEvents);
      await trading.setLeverage(BTC, 10, 'isolated');
      await trading.setLeverage(BTC, 10, 'isolated'); // the margin type unchanged: -4046 is no refusal
      const resting = await trading.placeOrder(contractOrder({ price: (Number(book.bids[0]![0]) * 0.95).toFixed(1), quantity: '0.002', clientOrderId: 'rest-1' }));
      await trading.getOrder({ symbol: BTC, orderId: resting.orderId });
      await trading.listOpenOrders(BTC);
      await trading.listOpenOrders();
      await trading.cancelOrder({ symbol: BTC, clientOrderId: 'rest-1' });
      const since = Date.now() - 60_000;
      await trading.placeOrder(contractOrder({ type: 'market', price: '', quantity: '0.002', timeInForce: 'ioc', clientOrderId: 'take-1' }));
      await trading.getPositions();
      await trading.getPositions(BTC);
      await trading.placeOrder(contractOrder({ type: 'market', side: 'sell', price: '', quantity: '0.002', timeInForce: 'ioc', reduceOnly: true, clientOrderId: 'close-1' }));
      await trading.fillsSince(since, [BTC]);
      await trading.getFuturesBalance();
      await trading.getBalances();
      const contract = trading.contractInfo(BTC);
      const report = checkRestTraffic(proxy.exchanges, usdm, binanceUsdmRestAnswerReaders(contract));
      expect(report.violations).toEqual([]);
      expect([...report.covered].sort()).toEqual(
        [
          'accountInformationV3',
          'accountTradeList',
          'cancelOrder',
          'changeInitialLeverage',
          'changeMarginType',
          'checkServerTime',
          'currentAllOpenOrders',
          'exchangeInformation',
          'getCurrentPositionMode',
          'getFundingRateInfo',
          'markPrice',
          'newOrder',
          'notionalAndLeverageBrackets',
          'orderBook',
          'positionInformationV2',
          'queryOrder',
          'recentTradesList',
          'startUserDataStream',
          'symbolOrderBookTicker',
          'ticker24hrPriceChangeStatistics',
        ].sort(),
      );
    } finally {
      await trading.close();
      await market.close();
    }
  });
});

/** Resolves once `watch` has delivered `count` events (then stops watching). */
function events(count: number, watch: (listener: () => void) => () => void): Promise<void> {
  return new Promise((resolve) => {
    let seen = 0;
    const stop = watch(() => {
      if (++seen !== count) return;
      setImmediate(() => stop());
      resolve();
    });
  });
}

describe("Binance websocket traffic against the connectors' stream and WebSocket API models", () => {
  it(`spot (@binance/spot ${spot.version}): market streams, the WebSocket API user data subscription, execution reports and balance updates`, async () => {
    const sim = await startBinanceSpotSim({ seed: 7, symbols: ['BTCUSDT'], flowRatePerSec: 200 });
    const proxy = await new RecordingProxy(new URL(sim.restBaseUrl).origin).start();
    // REST and websocket on one host: the adapter finds the WebSocket API beside the streams.
    const urls = { restBaseUrl: proxy.urlFor(sim.restBaseUrl), wsUrl: proxy.urlFor(sim.wsUrl) };
    const market = createExchangeFactory().createPublic('binance_spot', urls);
    const trading = createExchangeFactory().createPrivate('binance_spot', { ...urls, credentials: { apiKey: sim.apiKey, apiSecret: sim.apiSecret } });
    try {
      await market.start();
      const streamed = Promise.all([
        events(5, (listener) => market.watchOrderBook(BTC, listener)),
        events(2, (listener) => market.watchTrades(BTC, listener)),
        events(2, (listener) => market.watchTicker(BTC, listener)),
      ]);
      let updates = 0;
      await trading.start({ ...ignoreEvents, onOrder: () => updates++ });
      await streamed;
      const book = await market.getOrderBook(BTC, 5);
      await trading.placeOrder(contractOrder({ price: (Number(book.bids[0]![0]) * 0.95).toFixed(2), quantity: '0.001', clientOrderId: 'ws-1' }));
      await trading.cancelOrder({ symbol: BTC, clientOrderId: 'ws-1' });
      await trading.placeOrder(contractOrder({ price: book.asks[0]![0], quantity: '0.001', timeInForce: 'ioc', clientOrderId: 'ws-2' }));
      await expect.poll(() => updates, { timeout: 5000 }).toBeGreaterThanOrEqual(3);
    } finally {
      await trading.close();
      await market.close();
      await proxy.close();
      await sim.close();
    }
    const report = checkBinanceStreamTraffic(proxy.frames, spot, binanceSpotPushReaders(BTC));
    expect(report.violations).toEqual([]);
    expect([...report.covered].sort()).toEqual(['bookTicker', 'diffBookDepth', 'ticker', 'trade', 'userData']);
  });

  it(`USDⓈ-M (@binance/derivatives-trading-usds-futures ${usdm.version}): routed market streams, mark prices, liquidations and the listenKey user data stream`, async () => {
    const sim = await startBinanceUsdmSim({ seed: 7, symbols: ['BTCUSDT'], flowRatePerSec: 200, liquidationIntervalMs: 300 });
    const proxy = await new RecordingProxy(new URL(sim.restBaseUrl).origin).start();
    const urls = { restBaseUrl: proxy.urlFor(sim.restBaseUrl), wsUrl: proxy.urlFor(sim.wsUrl) };
    const market = createExchangeFactory().createPublic('binance_usdm', urls) as FuturesPublicExchange;
    const trading = createExchangeFactory().createPrivate('binance_usdm', { ...urls, credentials: { apiKey: sim.apiKey, apiSecret: sim.apiSecret } }) as FuturesPrivateExchange;
    try {
      await market.start();
      const streamed = Promise.all([
        events(5, (listener) => market.watchOrderBook(BTC, listener)),
        events(2, (listener) => market.watchTrades(BTC, listener)),
        events(2, (listener) => market.watchTicker(BTC, listener)),
        events(1, (listener) => market.watchMarkPrice(BTC, listener)),
        events(1, (listener) => market.watchLiquidations(BTC, listener)),
      ]);
      let updates = 0;
      await trading.start({ ...ignoreEvents, onOrder: () => updates++ });
      await streamed;
      await trading.placeOrder(contractOrder({ type: 'market', price: '', quantity: '0.002', timeInForce: 'ioc', clientOrderId: 'ws-1' }));
      await trading.placeOrder(contractOrder({ type: 'market', side: 'sell', price: '', quantity: '0.002', timeInForce: 'ioc', reduceOnly: true, clientOrderId: 'ws-2' }));
      await expect.poll(() => updates, { timeout: 5000 }).toBeGreaterThanOrEqual(2);
      const report = checkBinanceStreamTraffic(proxy.frames, usdm, binanceUsdmPushReaders(trading.contractInfo(BTC)));
      expect(report.violations).toEqual([]);
      expect([...report.covered].sort()).toEqual([
        'aggregateTradeStreams',
        'diffBookDepthStreams',
        'individualSymbolBookTickerStreams',
        'individualSymbolTickerStreams',
        'liquidationOrderStreams',
        'markPriceStream',
        'userData',
      ]);
    } finally {
      await trading.close();
      await market.close();
      await proxy.close();
      await sim.close();
    }
  });
});
