import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PushDataV3ApiWrapper } from '@cexgw/mexc-proto';
import { loadMexcSchema } from '@cexgw/mexc-proto/schema';
import { MEXC_TEST_API_KEY, startMexcSpotSim, type MexcSpotSim } from '@cexgw/venue-sim';
import { checkJsonProtobufTraffic, checkRestTraffic, mexcSpotRestContract, mexcSpotWsContract, RecordingProxy } from '@cexgw/wire-contracts';
import type { PublicExchange } from '../../src/core/exchange.js';
import type { PrivateExchange } from '../../src/core/private-exchange.js';
import type { Trade } from '../../src/core/types.js';
import { readDepthPush } from '../../src/mexc/spot/depth-reader.js';
import { mexcJsonAnswerReader, mexcRestAnswerReaders } from '../../src/mexc/payload-readers.js';
import { createExchangeFactory } from '../../src/venues.js';
import { until } from '../../../../test/support/wait.js';
import { contractOrder, ignoreEvents } from './contract-orders.js';

// MEXC spot's contract is what MEXC publishes: its API docs' examples (mexcdevelop/apidocs; live
// captures where the docs are wrong or short) for REST and the JSON websocket frames, and its
// protobuf schema (mexcdevelop/websocket-proto, vendored in protos/mexc) for the pushes. The real
// adapters drive the simulator through a recording proxy; every exchange and frame is then held
// against those sources: what the adapter sent, what the simulator answered or pushed (only
// fields and types the source has), and what the adapter reads of each answer and JSON frame
// (its own readers, handed a recording proxy). The sources: libs/wire-contracts/sources/mexc-*.json.

const BTC = { base: 'BTC', quote: 'USDT' };
const rest = mexcSpotRestContract();
const ws = mexcSpotWsContract();
const schema = loadMexcSchema();

const request = contractOrder;

/** The adapter's own reader of each operation's answer (src/mexc/payload-readers.ts). */
const READERS = mexcRestAnswerReaders(BTC);
/** MEXC's JSON frames and protobuf pushes on one socket (libs/wire-contracts json-protobuf-traffic.ts). */
const frameContract = { messages: ws, schema, pushMessage: 'PushDataV3ApiWrapper' };
const isJson = (frame: { data: Buffer }) => frame.data[0] === 0x7b;

const noListener = ignoreEvents;

describe('MEXC spot traffic against its published sources', () => {
  let sim: MexcSpotSim;
  let proxy: RecordingProxy;
  let market: PublicExchange;
  let trading: PrivateExchange;

  beforeAll(async () => {
    sim = await startMexcSpotSim({ seed: 7, symbols: ['BTCUSDT'], flowRatePerSec: 50, listenKeyTtlMs: 60 * 60_000 });
    proxy = await new RecordingProxy(new URL(sim.restBaseUrl).origin).start();
    const urls = { restBaseUrl: proxy.urlFor(sim.restBaseUrl), wsUrl: proxy.urlFor(sim.wsUrl) };
    const factory = createExchangeFactory();
    market = factory.createPublic('mexc_spot', urls);
    trading = factory.createPrivate('mexc_spot', { ...urls, credentials: MEXC_TEST_API_KEY });

    // Public: REST, and every pushed channel the gateway subscribes.
    await market.start();
    const book = await market.getOrderBook(BTC, 10);
    await market.getRecentTrades(BTC, 10);
    await market.getTicker(BTC);
    const trades: Trade[] = [];
    let bookEvents = 0;
    let tickers = 0;
    const stops = [market.watchOrderBook(BTC, () => void bookEvents++), market.watchTrades(BTC, (t) => trades.push(t)), market.watchTicker(BTC, () => void tickers++)];

    // Private: orders placed, read, listed, cancelled and filled; balances; the user data stream.
    let fills = 0;
    await trading.start({ ...noListener, onFill: () => void fills++ });
    const resting = await trading.placeOrder(request({ price: book.bids.at(-1)![0], clientOrderId: 'rest-1' }));
    await trading.getOrder({ symbol: BTC, orderId: resting.orderId });
    await trading.getOrder({ symbol: BTC, clientOrderId: 'rest-1' });
    await trading.listOpenOrders(BTC);
    await trading.cancelOrder({ symbol: BTC, clientOrderId: 'rest-1' });
    const since = Date.now() - 60_000;
    await trading.placeOrder(request({ price: book.asks[0]![0], timeInForce: 'ioc', clientOrderId: 'take-1' }));
    await until('a private fill push', () => fills > 0);
    expect((await trading.fillsSince(since, [BTC])).length).toBeGreaterThan(0);
    await trading.getBalances();
    await until('book, trade and ticker pushes', () => bookEvents > 1 && trades.length > 0 && tickers > 0);
    for (const stop of stops) stop();
    await market.close();
    await trading.close(); // DELETE userDataStream
  });

  afterAll(async () => {
    await proxy?.close();
    await sim?.close();
  });

  it('REST: every request is a documented operation with documented parameters, every answer carries only documented fields, and the adapter reads only those', () => {
    const report = checkRestTraffic(proxy.exchanges, rest, READERS);
    expect(report.violations).toEqual([]);
    // (Extend Listen Key Validity is also seen when closing the stream races its keepalive.)
    expect([...report.covered]).toEqual(
      expect.arrayContaining([
        '24hr Ticker Price Change Statistics',
        'Account Information',
        'Account Trade List',
        'Cancel Order',
        'Check Server Time',
        'Close Listen Key',
        'Current Open Orders',
        'Exchange Information',
        'Generate Listen Key',
        'New Order',
        'Order Book',
        'Query Order',
        'Recent Trades List',
      ]),
    );
  });

  it('websocket JSON: requests, acks and pongs in the documented form, read only by their documented members', () => {
    const report = checkJsonProtobufTraffic(proxy.frames.filter(isJson), frameContract, mexcJsonAnswerReader);
    expect(report.violations).toEqual([]);
    expect([...report.covered].sort()).toEqual(['answer', 'request']);
  });

  it('protobuf pushes carry only field numbers and wire types of the published schema, and the direct depth reader agrees with it', () => {
    const pushes = proxy.frames.filter((f) => f.direction === 'in' && !isJson(f));
    for (const frame of pushes) {
      const direct = readDepthPush(frame.data);
      if (!direct) continue;
      const decoded = PushDataV3ApiWrapper.decode(frame.data).publicAggreDepths!;
      const levels = (items: ReadonlyArray<{ price?: string | null; quantity?: string | null }>) => items.map((i) => [i.price, i.quantity]);
      expect([direct.fromVersion, direct.toVersion, direct.bids, direct.asks]).toEqual([
        Number(decoded.fromVersion),
        Number(decoded.toVersion),
        levels(decoded.bids ?? []),
        levels(decoded.asks ?? []),
      ]);
    }
    const report = checkJsonProtobufTraffic(pushes, frameContract);
    expect(report.violations).toEqual([]);
    // Every body the gateway reads was pushed and checked, the trade id of public deals included.
    for (const field of [
      'PushDataV3ApiWrapper.publicAggreDepths',
      'PushDataV3ApiWrapper.publicAggreDeals',
      'PushDataV3ApiWrapper.publicAggreBookTicker',
      'PushDataV3ApiWrapper.privateOrders',
      'PushDataV3ApiWrapper.privateDeals',
      'PushDataV3ApiWrapper.privateAccount',
      'PublicAggreDealsV3ApiItem.tradeId',
      'PrivateDealsV3Api.tradeId',
    ]) {
      expect(report.covered).toContain(field);
    }
  });
});

describe('the MEXC sources catch what a simulator written from our own reading would not', () => {
  const order = {
    symbol: 'BTCUSDT',
    orderId: 'C02__1',
    orderListId: -1,
    clientOrderId: null,
    price: '1',
    origQty: '1',
    executedQty: '0',
    cummulativeQuoteQty: '0',
    status: 'NEW',
    timeInForce: null,
    type: 'LIMIT',
    side: 'BUY',
    stopPrice: null,
    icebergQty: null,
    time: 1,
    updateTime: 1,
    isWorking: true,
    origQuoteOrderQty: '1',
  };
  const exchange = (answer: unknown) => ({
    method: 'GET',
    path: '/api/v3/order',
    query: new URLSearchParams('symbol=BTCUSDT&orderId=C02__1&timestamp=1&signature=ab'),
    requestHeaders: {},
    requestBody: '',
    status: 200,
    responseHeaders: {},
    responseBody: JSON.stringify(answer),
  });

  it('passes a documented order answer read by the adapter', () => {
    expect(checkRestTraffic([exchange(order)], rest, READERS).violations).toEqual([]);
  });

  it('fails a field no source has, a type no source gives, a value outside the documented enumeration, and a read of an undocumented field', () => {
    const served = checkRestTraffic([exchange({ ...order, fills: [], time: '1', status: 'EXPIRED' })], rest, READERS).violations;
    expect(served).toHaveLength(4);
    expect(served).toEqual(
      expect.arrayContaining([
        expect.stringContaining('$.fills is not a field of QueryOrder'),
        expect.stringContaining('$.time is the string "1", the source says an integer'),
        expect.stringContaining('$.status is the string "EXPIRED", the source says one of "NEW"'),
        expect.stringContaining('the adapter cannot read the answer: mexc_spot sent an order status "EXPIRED"'),
      ]),
    );
    const misread = checkRestTraffic([exchange(order)], rest, { 'Query Order': { read: (a) => (a as Record<string, unknown>).origQuantity } }).violations;
    expect(misread).toEqual([expect.stringContaining('$.origQuantity is read by the adapter, but QueryOrder')]);
  });

  it('fails a parameter the operation does not document', () => {
    const sent = { ...exchange(order), query: new URLSearchParams('symbol=BTCUSDT&orderId=1&timestamp=1&signature=ab&newOrderRespType=FULL') };
    expect(checkRestTraffic([sent], rest, READERS).violations).toEqual([expect.stringContaining('query newOrderRespType is not a parameter of Query Order')]);
  });
});
