import { afterEach, describe, expect, it } from 'vitest';
import { startGateioFuturesSim, startGateioSpotSim, type GateioFuturesSim, type GateioSpotSim } from '@cexgw/venue-sim';
import type { Fill, OrderRequest, OrderState, PrivateExchange } from '../src/core/private-exchange.js';
import { createExchangeFactory } from '../src/venues.js';

// The Gate.io websocket session as the venue runs it: signed requests carry a `time` the venue
// checks against its own clock (60 s), and the venue may ask a client to reconnect (event
// "upgrade"). Both on the private streams, where a missed push is a missed fill until recovery.

const BTC = { base: 'BTC', quote: 'USDT' };
const order = (overrides: Partial<OrderRequest>): OrderRequest => ({
  symbol: BTC,
  side: 'buy',
  type: 'limit',
  quantity: '0.001',
  price: '50000',
  quoteQuantity: '',
  timeInForce: 'gtc',
  postOnly: false,
  clientOrderId: 'ws-1',
  ...overrides,
});

async function control(sim: GateioSpotSim | GateioFuturesSim, path: string, body: unknown): Promise<unknown> {
  const response = await fetch(`${sim.controlUrl}/${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  if (!response.ok) throw new Error(await response.text());
  return response.json();
}

async function until(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

type Venue = 'gateio_spot' | 'gateio_futures';
const startSim = (venue: Venue) =>
  venue === 'gateio_spot'
    ? startGateioSpotSim({ seed: 5, symbols: ['BTC_USDT'], flowRatePerSec: 0 })
    : startGateioFuturesSim({ seed: 5, symbols: ['BTC_USDT'], flowRatePerSec: 0, liquidationIntervalMs: 0, indexTickMs: 0 });

describe.each(['gateio_spot', 'gateio_futures'] as const)('%s private websocket session', (venue) => {
  let sim: GateioSpotSim | GateioFuturesSim | undefined;
  let exchange: PrivateExchange | undefined;
  const orders: OrderState[] = [];
  const fills: Fill[] = [];
  const states: boolean[] = [];

  async function start(): Promise<PrivateExchange> {
    orders.length = 0;
    fills.length = 0;
    states.length = 0;
    exchange = createExchangeFactory().createPrivate(venue, { restBaseUrl: sim!.restBaseUrl, wsUrl: sim!.wsUrl, credentials: { apiKey: sim!.apiKey, apiSecret: sim!.apiSecret } });
    await exchange.start({
      onOrder: (o: OrderState) => orders.push(o),
      onFill: (f: Fill) => fills.push(f),
      onBalances: () => {},
      onStreamState: (up: boolean) => states.push(up),
      onPosition: () => {},
    } as never);
    await until('private stream up', () => states.includes(true));
    return exchange;
  }

  afterEach(async () => {
    await exchange?.close();
    await sim?.close();
  });

  it('signs its subscriptions with the venue clock: a local clock 2 minutes off still gets every push', async () => {
    sim = await startSim(venue);
    await control(sim, 'faults', { kind: 'clock_skew', ms: 120_000 });
    const trading = await start();
    const placed = await trading.placeOrder(order({ clientOrderId: 'skewed-1' }));
    await until('the order pushed on the private stream', () => orders.some((o) => o.orderId === placed.orderId));
  });

  it('reconnects when the venue asks (event "upgrade") and keeps delivering fills', async () => {
    sim = await startSim(venue);
    const trading = await start();
    const answer = (await control(sim, 'faults', { kind: 'reconnect_request' })) as { connections: number };
    expect(answer.connections).toBeGreaterThan(0);
    await until('the stream went down and came back', () => states.lastIndexOf(false) > 0 && states.lastIndexOf(true) > states.lastIndexOf(false));
    // A sell below the bids: it fills at once.
    const placed = await trading.placeOrder(order({ side: 'sell', price: '60000', clientOrderId: 'after-upgrade' }));
    await until('the fill pushed after the reconnect', () => fills.some((f) => f.orderId === placed.orderId));
  });
});
