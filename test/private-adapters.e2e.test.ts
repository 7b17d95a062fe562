import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExchangeFactory, GatewayError, type Balance, type Fill, type OrderState, type PrivateExchange } from '@cexgw/adapters';
import { startSim, type SimHandle } from './support/processes.js';
import { until } from './support/wait.js';

// The private adapters on their own, against the simulators as real processes: signed REST,
// the private streams (MEXC's listenKey protobuf stream, Gate.io's authenticated channels) and
// REST history, compared with what the venue recorded.

const VENUES = [
  { venue: 'mexc_spot', symbols: 'BTCUSDT', venueSymbol: 'BTCUSDT', bookParam: 'symbol' },
  { venue: 'gateio_spot', symbols: 'BTC_USDT', venueSymbol: 'BTC_USDT', bookParam: 'currency_pair' },
] as const;
const BTC = { base: 'BTC', quote: 'USDT' };

describe.each(VENUES)('$venue private adapter', ({ venue, symbols, venueSymbol, bookParam }) => {
  let sim: SimHandle;
  let exchange: PrivateExchange;
  const fills: Fill[] = [];
  const orders: OrderState[] = [];
  const balances: Balance[] = [];
  const streamStates: boolean[] = [];

  beforeAll(async () => {
    sim = await startSim(venue, ['--seed', '41', '--symbols', symbols, '--flow-rate', '0']);
    exchange = createExchangeFactory().createPrivate(venue, {
      restBaseUrl: sim.restBaseUrl,
      wsUrl: sim.wsUrl,
      credentials: { apiKey: sim.apiKey, apiSecret: sim.apiSecret },
    });
    await exchange.start({
      onFill: (fill) => fills.push(fill),
      onOrder: (order) => orders.push(order),
      onBalances: (list) => balances.push(...list),
      onStreamState: (connected) => streamStates.push(connected),
    });
    await until('private stream up', () => streamStates.includes(true));
  });

  afterAll(async () => {
    await exchange?.close();
    await sim?.stop();
  });

  /** One tick above the best bid (below the best ask): our order is first in line for a sell. */
  async function frontOfBook(): Promise<string> {
    const book = await sim.control<{ bids: Array<[string, string]>; asks: Array<[string, string]> }>(`book?${bookParam}=${venueSymbol}&depth=1`);
    const bid = book.bids[0]![0];
    const places = (bid.split('.')[1] ?? '').length;
    const improved = (Number(bid) + 10 ** -places).toFixed(places);
    return Number(improved) < Number(book.asks[0]![0]) ? improved : bid;
  }

  it('places, is filled in part over the private stream, cancels, and finds the fill in REST history', async () => {
    const price = await frontOfBook();
    const placed = await exchange.placeOrder({ symbol: BTC, side: 'buy', type: 'limit', quantity: '0.01', price, quoteQuantity: '', timeInForce: 'gtc', postOnly: false, clientOrderId: 'adapter1' });
    expect(placed.orderId).not.toBe('');
    const byClientId = await exchange.getOrder({ symbol: BTC, clientOrderId: 'adapter1' });
    expect(byClientId.orderId).toBe(placed.orderId);

    const started = Date.now();
    await sim.control('cross', { symbol: venueSymbol, side: 'sell', quantity: '0.003' });
    await until('fill pushed', () => fills.some((f) => f.orderId === placed.orderId));
    const fill = fills.find((f) => f.orderId === placed.orderId)!;
    expect(fill).toMatchObject({ side: 'buy', quantity: '0.003', symbol: BTC });
    await until('order update pushed', () => orders.some((o) => o.orderId === placed.orderId && o.status === 'partially_filled'));
    await until('balance update pushed', () => balances.length > 0);

    const state = await exchange.getOrder({ symbol: BTC, orderId: placed.orderId });
    expect(state).toMatchObject({ status: 'partially_filled', filledQuantity: '0.003' });
    const cancelled = await exchange.cancelOrder({ symbol: BTC, orderId: placed.orderId });
    expect(cancelled.status).toBe('cancelled');

    const history = await exchange.fillsSince(started - 60_000, [BTC]);
    const { fills: venueFills } = await sim.control<{ fills: unknown[] }>(`fills?apiKey=${encodeURIComponent(sim.apiKey)}`);
    expect(history.map((f) => f.fillId)).toContain(fill.fillId);
    expect(history).toHaveLength(venueFills.length);
    const usdt = (await exchange.getBalances()).find((b) => b.asset === 'USDT')!;
    expect(usdt.locked).toBe('0');
  });

  it('reports refusals with the venue code', async () => {
    const broke = await exchange
      .placeOrder({ symbol: BTC, side: 'buy', type: 'limit', quantity: '10', price: '60000', quoteQuantity: '', timeInForce: 'gtc', postOnly: false, clientOrderId: 'adapter2' })
      .catch((e: unknown) => e);
    expect(broke).toBeInstanceOf(GatewayError);
    expect((broke as GatewayError).kind).toBe('insufficient_balance');
    const missing = await exchange.getOrder({ symbol: BTC, orderId: '123456789' }).catch((e: unknown) => e);
    expect((missing as GatewayError).kind).toBe('not_found');
    const health = await exchange.health();
    expect(health).toMatchObject({ authentication: true, websocketConnectivity: true });
  });

  it('recovers the private stream after the venue drops it', async () => {
    const before = streamStates.length;
    await sim.control('faults', { kind: 'drop_sockets' });
    await until('stream back', () => streamStates.slice(before).includes(false) && streamStates.at(-1) === true, 15_000);
    const placed = await exchange.placeOrder({
      symbol: BTC,
      side: 'buy',
      type: 'limit',
      quantity: '0.002',
      price: await frontOfBook(),
      quoteQuantity: '',
      timeInForce: 'gtc',
      postOnly: false,
      clientOrderId: 'adapter3',
    });
    await sim.control('cross', { symbol: venueSymbol, side: 'sell', quantity: '0.002' });
    await until('fill after reconnect', () => fills.some((f) => f.orderId === placed.orderId));
  });
});

describe('MEXC listenKey lifecycle', () => {
  let sim: SimHandle;
  let exchange: PrivateExchange;
  const fills: Fill[] = [];
  const states: boolean[] = [];

  beforeAll(async () => {
    // Keys live 1.5 s here (60 min at the venue, kept alive every 30): they expire under the stream.
    sim = await startSim('mexc_spot', ['--seed', '43', '--symbols', 'BTCUSDT', '--flow-rate', '0', '--listen-key-ttl-ms', '1500']);
    exchange = createExchangeFactory().createPrivate('mexc_spot', { restBaseUrl: sim.restBaseUrl, wsUrl: sim.wsUrl, credentials: { apiKey: sim.apiKey, apiSecret: sim.apiSecret } });
    await exchange.start({ onFill: (f) => fills.push(f), onOrder: () => {}, onBalances: () => {}, onStreamState: (c) => states.push(c) });
  });

  afterAll(async () => {
    await exchange?.close();
    await sim?.stop();
  });

  it('replaces an expired key and keeps delivering private events', async () => {
    await until('the key expired and the stream came back on a new one', () => states.filter((c) => !c).length >= 2 && states.at(-1) === true, 15_000);
    const book = await sim.control<{ bids: Array<[string, string]> }>('book?symbol=BTCUSDT&depth=1');
    const placed = await exchange.placeOrder({
      symbol: BTC,
      side: 'buy',
      type: 'limit',
      quantity: '0.002',
      price: book.bids[0]![0],
      quoteQuantity: '',
      timeInForce: 'gtc',
      postOnly: false,
      clientOrderId: 'listenkey1',
    });
    // Deliver while a key is certainly valid: right after a reconnect.
    const reconnects = states.length;
    await until('a fresh connection', () => states.length > reconnects && states.at(-1) === true, 10_000);
    await sim.control('cross', { symbol: 'BTCUSDT', side: 'sell', quantity: '5' });
    await until('fill on the renewed stream', () => fills.some((f) => f.orderId === placed.orderId), 10_000);
  });
});

describe('MEXC clock', () => {
  let sim: SimHandle;
  let exchange: PrivateExchange;

  beforeAll(async () => {
    sim = await startSim('mexc_spot', ['--seed', '44', '--symbols', 'BTCUSDT', '--flow-rate', '0']);
  });

  afterAll(async () => {
    await exchange?.close();
    await sim?.stop();
  });

  it('measures the venue clock again after 700003 and sends the refused request once more (found by the failover soak)', async () => {
    // The adapter starts while the venue's clock is 3 s ahead, so it signs 3 s ahead; then the
    // venue's clock comes back: every timestamp is now more than the 1 s MEXC allows in the future.
    await sim.control('faults', { kind: 'clock_skew', ms: 3_000 });
    exchange = createExchangeFactory().createPrivate('mexc_spot', { restBaseUrl: sim.restBaseUrl, wsUrl: sim.wsUrl, credentials: { apiKey: sim.apiKey, apiSecret: sim.apiSecret } });
    await exchange.start({ onFill: () => {}, onOrder: () => {}, onBalances: () => {}, onStreamState: () => {} });
    await sim.control('faults', { kind: 'clock_skew', ms: 0 });
    const book = await sim.control<{ bids: Array<[string, string]> }>('book?symbol=BTCUSDT&depth=1');
    const placed = await exchange.placeOrder({
      symbol: BTC,
      side: 'buy',
      type: 'limit',
      quantity: '0.002',
      price: book.bids[0]![0],
      quoteQuantity: '',
      timeInForce: 'gtc',
      postOnly: false,
      clientOrderId: 'clock1',
    });
    expect(placed.clientOrderId).toBe('clock1');
    const account = await sim.control<{ orders: number }>(`account?apiKey=${encodeURIComponent(sim.apiKey)}`);
    expect(account.orders).toBe(1);
  });
});
