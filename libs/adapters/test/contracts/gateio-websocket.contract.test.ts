import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelContracts, checkFrameTraffic, gateApiContract, type RecordingProxy } from '@cexgw/wire-contracts';
import type { ContractInfo, FuturesPublicExchange } from '../../src/core/futures-exchange.js';
import type { FuturesPrivateExchange } from '../../src/core/futures-private.js';
import type { PublicExchange } from '../../src/core/exchange.js';
import type { OrderRequest, PrivateExchange } from '../../src/core/private-exchange.js';
import { gateioPushReaders } from '../../src/gateio/push-readers.js';
import { startGateVenues, type GateVenues } from './gate-venues.js';
import { contractOrder } from './contract-orders.js';

// Gate.io's websocket contract is its documentation: the envelope, the request format and a
// documented example of every channel the adapters use, kept as data with their provenance in
// libs/wire-contracts/sources/gateio-websocket.json. The real adapters talk to the simulators
// through a recording proxy; every frame is then held against those examples, and what the
// adapters read from each push (their own readers, handed a recording proxy) must be named there.
// Orders over the websocket API (order_transport "ws"): the login, every order channel's request
// against its documented example and field table, the answers against theirs, and each result
// against the gate-api model of the REST answer the channel stands for.

const BTC = { base: 'BTC', quote: 'USDT' };
const contracts = ChannelContracts.load('gateio-websocket.json');
const restModels = gateApiContract().models;
/** The adapters' readers of each channel's push (src/gateio/push-readers.ts). */
const readers = (btc: () => ContractInfo) => gateioPushReaders(BTC, () => new Map([[btc().venueSymbol, btc()]]));

const order = (overrides: Partial<OrderRequest>): OrderRequest => contractOrder({ clientOrderId: 'ws-contract-1', ...overrides });

const quiet = () => {};
const noListener = { onOrder: quiet, onFill: quiet, onBalances: quiet, onStreamState: quiet, onPosition: quiet };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, check: () => boolean): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

/** The venue answered a subscription to each channel (a push sent before that would not reach us). */
function acknowledged(proxy: RecordingProxy, channels: readonly string[]): boolean {
  const answered = new Set(proxy.frames.filter((f) => f.direction === 'in' && f.text?.includes('"event":"subscribe"')).map((f) => JSON.parse(f.text!).channel as string));
  return channels.every((c) => answered.has(c));
}

describe('Gate.io websocket traffic against the documented messages', () => {
  let venues: GateVenues;
  let btc: ContractInfo | undefined;

  beforeAll(async () => {
    venues = await startGateVenues({
      spot: { seed: 17, symbols: ['BTC_USDT'], flowRatePerSec: 50 },
      futures: { seed: 17, symbols: ['BTC_USDT'], flowRatePerSec: 50, liquidationIntervalMs: 200, tickerIntervalMs: 200 },
      through: 'ws',
    });
  });

  afterAll(async () => venues?.close());

  it('spot: subscriptions, pushes of every channel the adapters use, and what they read', async () => {
    const market = venues.connect<PublicExchange>('spot', 'public');
    const legacy = venues.connect<PublicExchange>('spot', 'public', { book_channel: 'order_book_update' });
    await Promise.all([market.start(), legacy.start()]);
    let books = 0;
    let trades = 0;
    let tickers = 0;
    market.watchOrderBook(BTC, () => books++);
    legacy.watchOrderBook(BTC, () => books++);
    market.watchTrades(BTC, () => trades++);
    market.watchTicker(BTC, () => tickers++);
    await until('book, trade and ticker pushes', () => books > 10 && trades > 0 && tickers > 0);

    let fills = 0;
    const trading = venues.connect<PrivateExchange>('spot', 'private');
    await trading.start({ ...noListener, onFill: () => fills++ });
    await until('the private subscriptions answered', () => acknowledged(venues.proxy.spot, ['spot.orders', 'spot.usertrades', 'spot.balances']));
    const book = await market.getOrderBook(BTC, 5);
    await trading.placeOrder(order({ side: 'buy', price: book.asks[0]![0], timeInForce: 'ioc' }));
    await until('a fill pushed', () => fills > 0);

    const overWs = venues.connect<PrivateExchange>('spot', 'private', { order_transport: 'ws' });
    await overWs.start(noListener);
    await overWs.placeOrder(order({ side: 'buy', price: book.asks[0]![0], timeInForce: 'ioc', clientOrderId: 'ws-api-ioc' }));
    const resting = await overWs.placeOrder(order({ side: 'buy', price: book.bids[4]![0], clientOrderId: 'ws-api-rest' }));
    expect((await overWs.getOrder({ symbol: BTC, clientOrderId: 'ws-api-rest' })).orderId).toBe(resting.orderId);
    await overWs.cancelOrder({ symbol: BTC, orderId: resting.orderId });
    await expect(overWs.placeOrder(order({ side: 'buy', price: book.bids[4]![0], quantity: '0.0000001', clientOrderId: 'ws-api-tiny' }))).rejects.toMatchObject({ kind: 'invalid_argument' });
    await overWs.close();
    await sleep(300);

    const report = checkFrameTraffic(
      venues.proxy.spot.frames,
      contracts,
      readers(() => btc!),
      restModels,
    );
    expect(report.violations).toEqual([]);
    for (const channel of ['spot.login', 'spot.order_place', 'spot.order_cancel', 'spot.order_status']) expect(report.covered).toContain(channel);
    for (const channel of ['spot.obu', 'spot.order_book_update', 'spot.trades', 'spot.tickers', 'spot.orders', 'spot.usertrades', 'spot.balances']) {
      expect(report.covered).toContain(channel);
    }
  });

  it('futures: the same for USDT perpetuals (sizes as strings with X-Gate-Size-Decimal, JSON numbers in private pushes)', async () => {
    const market = venues.connect<FuturesPublicExchange>('futures', 'public');
    await market.start();
    btc = market.listContracts().find((c) => c.venueSymbol === 'BTC_USDT');
    let books = 0;
    let trades = 0;
    let tickers = 0;
    let liquidations = 0;
    market.watchOrderBook(BTC, () => books++);
    market.watchTrades(BTC, () => trades++);
    market.watchTicker(BTC, () => tickers++);
    market.watchLiquidations(BTC, () => liquidations++);
    await until('book, trade, ticker and liquidation pushes', () => books > 10 && trades > 0 && tickers > 0 && liquidations > 0);

    let fills = 0;
    let positions = 0;
    const trading = venues.connect<FuturesPrivateExchange>('futures', 'private');
    await trading.start({ ...noListener, onFill: () => fills++, onPosition: () => positions++ });
    await until('the private subscriptions answered', () => acknowledged(venues.proxy.futures, ['futures.orders', 'futures.usertrades', 'futures.positions', 'futures.balances']));
    await trading.placeOrder(order({ type: 'market', clientOrderId: 'ws-open' }));
    await until('a fill and a position pushed', () => fills > 0 && positions > 0);

    const overWs = venues.connect<FuturesPrivateExchange>('futures', 'private', { order_transport: 'ws' });
    await overWs.start(noListener);
    await overWs.placeOrder(order({ type: 'market', side: 'sell', reduceOnly: true, clientOrderId: 'ws-api-close' }));
    const bid = (await market.getOrderBook(BTC, 5)).bids[4]![0];
    const resting = await overWs.placeOrder(order({ price: bid, clientOrderId: 'ws-api-rest' }));
    expect((await overWs.getOrder({ symbol: BTC, clientOrderId: 'ws-api-rest' })).orderId).toBe(resting.orderId);
    await overWs.cancelOrder({ symbol: BTC, orderId: resting.orderId });
    await expect(overWs.placeOrder(order({ type: 'market', side: 'sell', reduceOnly: true, clientOrderId: 'ws-api-nothing' }))).rejects.toMatchObject({ venueCode: 'REDUCE_EXCEEDED' });
    await overWs.close();
    await sleep(300);

    const report = checkFrameTraffic(
      venues.proxy.futures.frames,
      contracts,
      readers(() => btc!),
      restModels,
    );
    expect(report.violations).toEqual([]);
    for (const channel of ['futures.login', 'futures.order_place', 'futures.order_cancel', 'futures.order_status']) expect(report.covered).toContain(channel);
    for (const channel of ['futures.obu', 'futures.trades', 'futures.tickers', 'futures.public_liquidates', 'futures.orders', 'futures.usertrades', 'futures.positions', 'futures.balances']) {
      expect(report.covered).toContain(channel);
    }
  });
});
