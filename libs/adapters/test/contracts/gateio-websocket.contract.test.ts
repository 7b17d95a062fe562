import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateioFuturesSim, startGateioSpotSim, type GateioFuturesSim, type GateioSpotSim } from '@cexgw/venue-sim';
import { ChannelContracts, checkFrameTraffic, RecordingProxy } from '@cexgw/wire-contracts';
import type { ContractInfo, FuturesPublicExchange } from '../../src/core/futures-exchange.js';
import type { FuturesPrivateExchange } from '../../src/core/futures-private.js';
import type { PublicExchange } from '../../src/core/exchange.js';
import type { OrderRequest, PrivateExchange } from '../../src/core/private-exchange.js';
import { gateioPushReaders } from '../../src/gateio/push-readers.js';
import { createExchangeFactory } from '../../src/venues.js';
import { contractOrder } from './contract-orders.js';

// Gate.io's websocket contract is its documentation: the envelope, the request format and a
// documented example of every channel the adapters use, kept as data with their provenance in
// libs/wire-contracts/sources/gateio-websocket.json. The real adapters talk to the simulators
// through a recording proxy; every frame is then held against those examples, and what the
// adapters read from each push (their own readers, handed a recording proxy) must be named there.

const BTC = { base: 'BTC', quote: 'USDT' };
const contracts = ChannelContracts.load('gateio-websocket.json');
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
  let spotSim: GateioSpotSim;
  let futuresSim: GateioFuturesSim;
  let spotProxy: RecordingProxy;
  let futuresProxy: RecordingProxy;
  const adapters: Array<{ close(): Promise<void> }> = [];
  let btc: ContractInfo | undefined;

  beforeAll(async () => {
    spotSim = await startGateioSpotSim({ seed: 17, symbols: ['BTC_USDT'], flowRatePerSec: 50 });
    futuresSim = await startGateioFuturesSim({ seed: 17, symbols: ['BTC_USDT'], flowRatePerSec: 50, liquidationIntervalMs: 200, tickerIntervalMs: 200 });
    spotProxy = await new RecordingProxy(new URL(spotSim.restBaseUrl).origin).start();
    futuresProxy = await new RecordingProxy(new URL(futuresSim.restBaseUrl).origin).start();
  });

  afterAll(async () => {
    for (const adapter of adapters) await adapter.close().catch(() => undefined);
    await spotProxy?.close();
    await futuresProxy?.close();
    await spotSim?.close();
    await futuresSim?.close();
  });

  function connect<T>(venue: string, sim: GateioSpotSim | GateioFuturesSim, proxy: RecordingProxy, kind: 'public' | 'private', options?: Record<string, string>): T {
    const factory = createExchangeFactory();
    const urls = { restBaseUrl: sim.restBaseUrl, wsUrl: proxy.urlFor(sim.wsUrl), options };
    const adapter = kind === 'public' ? factory.createPublic(venue, urls) : factory.createPrivate(venue, { ...urls, credentials: { apiKey: sim.apiKey, apiSecret: sim.apiSecret } });
    adapters.push(adapter);
    return adapter as T;
  }

  it('spot: subscriptions, pushes of every channel the adapters use, and what they read', async () => {
    const market = connect<PublicExchange>('gateio_spot', spotSim, spotProxy, 'public');
    const legacy = connect<PublicExchange>('gateio_spot', spotSim, spotProxy, 'public', { book_channel: 'order_book_update' });
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
    const trading = connect<PrivateExchange>('gateio_spot', spotSim, spotProxy, 'private');
    await trading.start({ ...noListener, onFill: () => fills++ });
    await until('the private subscriptions answered', () => acknowledged(spotProxy, ['spot.orders', 'spot.usertrades', 'spot.balances']));
    const book = await market.getOrderBook(BTC, 5);
    await trading.placeOrder(order({ side: 'buy', price: book.asks[0]![0], timeInForce: 'ioc' }));
    await until('a fill pushed', () => fills > 0);
    await sleep(300);

    const report = checkFrameTraffic(
      spotProxy.frames,
      contracts,
      readers(() => btc!),
    );
    expect(report.violations).toEqual([]);
    for (const channel of ['spot.obu', 'spot.order_book_update', 'spot.trades', 'spot.tickers', 'spot.orders', 'spot.usertrades', 'spot.balances']) {
      expect(report.covered).toContain(channel);
    }
  });

  it('futures: the same for USDT perpetuals (sizes as strings with X-Gate-Size-Decimal, JSON numbers in private pushes)', async () => {
    const market = connect<FuturesPublicExchange>('gateio_futures', futuresSim, futuresProxy, 'public');
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
    const trading = connect<FuturesPrivateExchange>('gateio_futures', futuresSim, futuresProxy, 'private');
    await trading.start({ ...noListener, onFill: () => fills++, onPosition: () => positions++ });
    await until('the private subscriptions answered', () => acknowledged(futuresProxy, ['futures.orders', 'futures.usertrades', 'futures.positions', 'futures.balances']));
    await trading.placeOrder(order({ type: 'market', clientOrderId: 'ws-open' }));
    await until('a fill and a position pushed', () => fills > 0 && positions > 0);
    await sleep(300);

    const report = checkFrameTraffic(
      futuresProxy.frames,
      contracts,
      readers(() => btc!),
    );
    expect(report.violations).toEqual([]);
    for (const channel of ['futures.obu', 'futures.trades', 'futures.tickers', 'futures.public_liquidates', 'futures.orders', 'futures.usertrades', 'futures.positions', 'futures.balances']) {
      expect(report.covered).toContain(channel);
    }
  });
});
