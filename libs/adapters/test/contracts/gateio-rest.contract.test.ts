import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRestTraffic, gateApiContract } from '@cexgw/wire-contracts';
import type { ContractInfo } from '../../src/core/futures-exchange.js';
import type { FuturesPrivateExchange } from '../../src/core/futures-private.js';
import type { PrivateExchange } from '../../src/core/private-exchange.js';
import type { PublicExchange } from '../../src/core/exchange.js';
import { gateioRestAnswerReaders } from '../../src/gateio/rest-answer-readers.js';
import { startGateVenues, type GateVenues } from './gate-venues.js';
import { contractOrder, ignoreEvents } from './contract-orders.js';

// Gate.io's REST contract is gate-api, the official SDK Gate generates from its OpenAPI
// specification, read from the installed package at test time (libs/wire-contracts). The real
// adapters drive the simulators through a recording proxy; every exchange is then held against
// it: what the adapter sent, what the simulator answered, and what the adapter reads of it
// (its own readers, handed a recording proxy of each answer). A field read or served that
// gate-api does not name fails, and so does a type gate-api does not give it.

const BTC = { base: 'BTC', quote: 'USDT' };
const { models, routes, version } = gateApiContract();

/** The adapters' own reader of each operation's answer (src/gateio/rest-answer-readers.ts). */
const readers = (contracts: () => ReadonlyMap<string, ContractInfo>) => gateioRestAnswerReaders(BTC, contracts);

const order = contractOrder;

const noListener = ignoreEvents;

describe(`Gate.io REST traffic against gate-api ${version}`, () => {
  let venues: GateVenues;
  let futuresContracts: ReadonlyMap<string, ContractInfo> = new Map();

  beforeAll(async () => {
    venues = await startGateVenues({
      spot: { seed: 7, symbols: ['BTC_USDT'], flowRatePerSec: 0 },
      futures: { seed: 7, symbols: ['BTC_USDT'], flowRatePerSec: 0, liquidationIntervalMs: 0, indexTickMs: 0 },
      through: 'rest',
    });
  });

  afterAll(async () => venues?.close());

  it('spot: every request the adapters send and every answer the simulator gives are gate-api operations and models, and the adapters read only what those name', async () => {
    const market = venues.connect<PublicExchange>('spot', 'public');
    await market.start();
    const book = await market.getOrderBook(BTC, 10);
    await market.getRecentTrades(BTC, 10);
    await market.getTicker(BTC);
    await market.health();

    const trading = venues.connect<PrivateExchange>('spot', 'private');
    await trading.start(noListener);
    const resting = await trading.placeOrder(order({ price: book.bids[0]![0], clientOrderId: 'rest-1' }));
    await trading.getOrder({ symbol: BTC, orderId: resting.orderId });
    await trading.getOrder({ symbol: BTC, clientOrderId: 'rest-1' });
    await trading.listOpenOrders(BTC);
    await trading.listOpenOrders();
    await trading.cancelOrder({ symbol: BTC, clientOrderId: 'rest-1' });
    await trading.getOrder({ symbol: BTC, clientOrderId: 'rest-1' }); // finished: found among finished orders
    const since = Date.now() - 60_000;
    await trading.placeOrder(order({ price: book.asks[0]![0], timeInForce: 'ioc', clientOrderId: 'take-1' }));
    expect((await trading.fillsSince(since, [BTC])).length).toBeGreaterThan(0);
    await trading.getBalances();

    const report = checkRestTraffic(
      venues.proxy.spot.exchanges,
      { models, routes },
      readers(() => futuresContracts),
    );
    expect(report.violations).toEqual([]);
    expect([...report.covered].sort()).toEqual(
      [
        'SpotApi.cancelOrder',
        'SpotApi.createOrder',
        'SpotApi.getOrder',
        'SpotApi.getSystemTime',
        'SpotApi.listAllOpenOrders',
        'SpotApi.listCurrencyPairs',
        'SpotApi.listMyTrades',
        'SpotApi.listOrderBook',
        'SpotApi.listOrders',
        'SpotApi.listSpotAccounts',
        'SpotApi.listTickers',
        'SpotApi.listTrades',
      ].sort(),
    );
  });

  it('futures: the same, for USDT perpetuals (orders, fills by time range, positions, leverage, account)', async () => {
    const market = venues.connect<PublicExchange & { listContracts(): readonly ContractInfo[] }>('futures', 'public');
    await market.start();
    futuresContracts = new Map(market.listContracts().map((c) => [c.venueSymbol, c]));
    const book = await market.getOrderBook(BTC, 10);
    await market.getRecentTrades(BTC, 10);
    await market.getTicker(BTC);
    await market.health();

    const trading = venues.connect<FuturesPrivateExchange>('futures', 'private');
    await trading.start(noListener);
    await trading.setLeverage(BTC, 10, 'isolated');
    const since = Date.now() - 60_000;
    await trading.placeOrder(order({ type: 'market', clientOrderId: 'open-1' }));
    await trading.getPositions();
    await trading.getPositions(BTC);
    const resting = await trading.placeOrder(order({ side: 'sell', price: book.asks[book.asks.length - 1]![0], clientOrderId: 'rest-2' }));
    await trading.getOrder({ symbol: BTC, orderId: resting.orderId });
    await trading.listOpenOrders();
    await trading.cancelOrder({ symbol: BTC, clientOrderId: 'rest-2' });
    expect((await trading.fillsSince(since, [BTC])).length).toBeGreaterThan(0);
    await trading.getFuturesBalance();

    const report = checkRestTraffic(
      venues.proxy.futures.exchanges,
      { models, routes },
      readers(() => futuresContracts),
    );
    expect(report.violations).toEqual([]);
    expect([...report.covered].sort()).toEqual(
      [
        'AccountApi.getAccountDetail',
        'FuturesApi.cancelFuturesOrder',
        'FuturesApi.createFuturesOrder',
        'FuturesApi.getFuturesOrder',
        'FuturesApi.getMyTradesWithTimeRange',
        'FuturesApi.getPosition',
        'FuturesApi.listFuturesAccounts',
        'FuturesApi.listFuturesContracts',
        'FuturesApi.listFuturesOrderBook',
        'FuturesApi.listFuturesOrders',
        'FuturesApi.listFuturesTickers',
        'FuturesApi.listFuturesTrades',
        'FuturesApi.listPositions',
        'FuturesApi.updatePositionLeverage',
        'SpotApi.getSystemTime',
      ].sort(),
    );
  });
});
