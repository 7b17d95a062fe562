import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateioFuturesSim, startGateioSpotSim, type GateioFuturesSim, type GateioSpotSim } from '@cexgw/venue-sim';
import type { FuturesPrivateExchange } from '../src/core/futures-private.js';
import type { OrderRequest, PrivateExchange } from '../src/core/private-exchange.js';
import { createExchangeFactory } from '../src/venues.js';

// Gate.io pages every list the kill switch and fill recovery read (open orders 100 a page, fills
// 1000 a page and at most two pages deep on spot, `from` alone meaning only 7 days), so an
// adapter that reads one page, or one week, misses orders to cancel and fills to journal.

const BTC = { base: 'BTC', quote: 'USDT' };
const ETH = { base: 'ETH', quote: 'USDT' };
const noListener = { onOrder: () => {}, onFill: () => {}, onBalances: () => {}, onStreamState: () => {}, onPosition: () => {} };
const order = (overrides: Partial<OrderRequest>): OrderRequest => ({
  symbol: BTC,
  side: 'buy',
  type: 'limit',
  quantity: '0.0001',
  price: '',
  quoteQuantity: '',
  timeInForce: 'gtc',
  postOnly: false,
  clientOrderId: 'x',
  ...overrides,
});

/** `times` market orders of `quantity` against the book, one after the other. */
async function cross(controlUrl: string, symbol: string, side: 'buy' | 'sell', quantity: string, times: number): Promise<void> {
  const response = await fetch(`${controlUrl}/cross`, { method: 'POST', body: JSON.stringify({ symbol, side, quantity, times }), headers: { 'content-type': 'application/json' } });
  if (!response.ok) throw new Error(await response.text());
}

async function venueFills(controlUrl: string, apiKey: string): Promise<number> {
  const response = await fetch(`${controlUrl}/fills?apiKey=${encodeURIComponent(apiKey)}`);
  return ((await response.json()) as { fills: unknown[] }).fills.length;
}

describe('Gate.io spot: every page of open orders and fills', () => {
  let sim: GateioSpotSim;
  let exchange: PrivateExchange;

  beforeAll(async () => {
    sim = await startGateioSpotSim({ seed: 3, symbols: ['BTC_USDT'], flowRatePerSec: 0 });
    exchange = createExchangeFactory().createPrivate('gateio_spot', { restBaseUrl: sim.restBaseUrl, wsUrl: sim.wsUrl, credentials: { apiKey: sim.apiKey, apiSecret: sim.apiSecret } });
    await exchange.start(noListener);
  });

  afterAll(async () => {
    await exchange?.close();
    await sim?.close();
  });

  it('lists 150 open orders of a pair, and of all pairs, not the first 100', async () => {
    for (let i = 0; i < 150; i++) await exchange.placeOrder(order({ price: (50_000 - i * 0.1).toFixed(1), clientOrderId: `rest-${i}` }));
    expect(await exchange.listOpenOrders(BTC)).toHaveLength(150);
    const all = await exchange.listOpenOrders();
    expect(all).toHaveLength(150);
    expect(new Set(all.map((o) => o.orderId)).size).toBe(150);
    for (const o of all) await exchange.cancelOrder({ symbol: BTC, orderId: o.orderId });
  }, 90_000); // the venue allows 10 placements a second per pair: 15 s of orders at least

  it('recovers 2100 fills of one window (past the two-page limit) and fills older than a week before them', async () => {
    await exchange.placeOrder(order({ side: 'sell', price: '65000', quantity: '0.3', clientOrderId: 'maker-1' }));
    // 700 fills in each of three seconds: more than two pages of one window, each second within them.
    for (let second = 0; second < 3; second++) {
      await cross(sim.controlUrl, 'BTC_USDT', 'buy', '0.0001', 700);
      await new Promise((resolve) => setTimeout(resolve, 1_100));
    }
    const tenDaysAgo = Date.now() - 10 * 24 * 3600 * 1000;
    const fills = await exchange.fillsSince(tenDaysAgo, [BTC]);
    expect(fills).toHaveLength(await venueFills(sim.controlUrl, sim.apiKey));
    expect(fills).toHaveLength(2100);
    expect(new Set(fills.map((f) => f.fillId)).size).toBe(2100);
  }, 90_000); // thousands of fills made and read back: seconds at CI speed, more on a loaded machine
});

describe('Gate.io futures: every page of open orders and fills', () => {
  let sim: GateioFuturesSim;
  let exchange: FuturesPrivateExchange;

  beforeAll(async () => {
    sim = await startGateioFuturesSim({ seed: 3, symbols: ['BTC_USDT', 'ETH_USDT'], flowRatePerSec: 0, liquidationIntervalMs: 0, indexTickMs: 0 });
    exchange = createExchangeFactory().createPrivate('gateio_futures', {
      restBaseUrl: sim.restBaseUrl,
      wsUrl: sim.wsUrl,
      credentials: { apiKey: sim.apiKey, apiSecret: sim.apiSecret },
    }) as FuturesPrivateExchange;
    await exchange.start(noListener);
  });

  afterAll(async () => {
    await exchange?.close();
    await sim?.close();
  });

  it('lists 150 open orders over two contracts, not the first 100', async () => {
    // A contract holds at most `orders_limit` open orders (100 here): the 150 span two contracts.
    for (let i = 0; i < 75; i++) {
      await exchange.placeOrder(order({ price: (50_000 - i * 0.1).toFixed(1), clientOrderId: `btc-${i}` }));
      await exchange.placeOrder(order({ symbol: ETH, price: (2_000 - i * 0.01).toFixed(2), quantity: '0.01', clientOrderId: `eth-${i}` }));
    }
    const all = await exchange.listOpenOrders();
    expect(all).toHaveLength(150);
    expect(await exchange.listOpenOrders(BTC)).toHaveLength(75);
    for (const o of all) await exchange.cancelOrder({ symbol: o.symbol, orderId: o.orderId });
  });

  it('recovers 1100 fills across the 1000-row pages', async () => {
    await exchange.placeOrder(order({ side: 'sell', price: '65000', quantity: '0.11', clientOrderId: 'maker-1' }));
    await cross(sim.controlUrl, 'BTC_USDT', 'buy', '1', 1100);
    const fills = await exchange.fillsSince(Date.now() - 3600_000, [BTC]);
    expect(fills).toHaveLength(await venueFills(sim.controlUrl, sim.apiKey));
    expect(fills).toHaveLength(1100);
  });
});
