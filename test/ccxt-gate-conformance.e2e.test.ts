import ccxt from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { norm } from './support/book-replica.js';
import { startGateioSpotSim, type SimHandle } from './support/processes.js';

// The simulator is only as good as its fidelity: ccxt's `gate` classes, written against the
// live venue by others, must read it correctly. Only the base URLs change.

const num = (value: string) => Number(value);

describe('ccxt gate against the Gate.io spot simulator', () => {
  let sim: SimHandle;
  let gate: InstanceType<typeof ccxt.gate>;

  beforeAll(async () => {
    sim = await startGateioSpotSim(['--seed', '3', '--symbols', 'BTC_USDT,ETH_USDT', '--flow-rate', '100']);
    gate = new ccxt.gate({
      enableRateLimit: false,
      urls: { api: { public: { spot: sim.restBaseUrl, margin: sim.restBaseUrl } } } as never,
      options: { fetchMarkets: { types: ['spot'] } },
    });
  });

  afterAll(async () => {
    await sim?.stop();
  });

  it('loads markets with the simulator precision and limits', async () => {
    const markets = await gate.loadMarkets();
    const pairs = (await (await fetch(`${sim.restBaseUrl}/spot/currency_pairs`)).json()) as any[];
    const btc = pairs.find((p: { id: string }) => p.id === 'BTC_USDT');
    const market = markets['BTC/USDT']!;
    expect(market.id).toBe('BTC_USDT');
    expect(market.active).toBe(btc.trade_status === 'tradable');
    expect(market.precision.price).toBe(10 ** -btc.precision);
    expect(market.precision.amount).toBe(10 ** -btc.amount_precision);
    expect(market.limits.amount?.min).toBe(num(btc.min_base_amount));
    expect(market.limits.cost?.min).toBe(num(btc.min_quote_amount));
  });

  it('fetches the order book the simulator holds', async () => {
    await sim.control('flow', { paused: true });
    await new Promise((r) => setTimeout(r, 100));
    const venue = await sim.control<{ u: number; bids: Array<[string, string]>; asks: Array<[string, string]> }>('book?currency_pair=BTC_USDT&depth=50');
    const book = await gate.fetchOrderBook('BTC/USDT', 50);
    expect(book.nonce).toBe(venue.u);
    expect(book.bids.map(([p, q]) => [p, q])).toEqual(venue.bids.map(([p, q]) => [num(p), num(q)]));
    expect(book.asks.map(([p, q]) => [p, q])).toEqual(venue.asks.map(([p, q]) => [num(p), num(q)]));
    await sim.control('flow', { paused: false });
  });

  it('fetches trades and the ticker as served', async () => {
    await new Promise((r) => setTimeout(r, 500)); // let some trades print
    await sim.control('flow', { paused: true });
    const wireTrades = (await (await fetch(`${sim.restBaseUrl}/spot/trades?currency_pair=BTC_USDT&limit=10`)).json()) as any[];
    const trades = await gate.fetchTrades('BTC/USDT', undefined, 10);
    expect(trades.length).toBe(wireTrades.length);
    expect(trades.length).toBeGreaterThan(0);
    const byId = new Map(trades.map((t) => [t.id, t]));
    for (const wire of wireTrades) {
      const trade = byId.get(wire.id)!;
      expect(trade.price).toBe(num(wire.price));
      expect(trade.amount).toBe(num(wire.amount));
      expect(trade.side).toBe(wire.side);
    }
    const [wireTicker] = (await (await fetch(`${sim.restBaseUrl}/spot/tickers?currency_pair=BTC_USDT`)).json()) as any[];
    const venueBook = await sim.control<{ bids: Array<[string, string]>; asks: Array<[string, string]> }>('book?currency_pair=BTC_USDT&depth=1');
    const ticker = await gate.fetchTicker('BTC/USDT');
    expect(ticker.last).toBe(num(wireTicker.last));
    expect(norm(String(ticker.bid))).toBe(norm(venueBook.bids[0]![0]));
    expect(norm(String(ticker.ask))).toBe(norm(venueBook.asks[0]![0]));
    expect(ticker.baseVolume).toBe(num(wireTicker.base_volume));
    await sim.control('flow', { paused: false });
  });

  it('ccxt pro watchOrderBook reads the simulator spot.obu stream', async () => {
    const pro = new ccxt.pro.gate({
      urls: { api: { spot: sim.wsUrl, public: { spot: sim.restBaseUrl, margin: sim.restBaseUrl } } } as never,
      options: { fetchMarkets: { types: ['spot'] } },
    });
    await pro.loadHttpProxyAgent(); // ccxt requires this before any plain ws:// URL
    try {
      let book = await pro.watchOrderBook('BTC/USDT', 50);
      for (let i = 0; i < 5; i++) book = await pro.watchOrderBook('BTC/USDT', 50);
      await sim.control('flow', { paused: true });
      await new Promise((r) => setTimeout(r, 300));
      const venue = await sim.control<{ u: number; bids: Array<[string, string]>; asks: Array<[string, string]> }>('book?currency_pair=BTC_USDT&depth=50');
      const settled = pro.orderbooks['BTC/USDT']!;
      expect(settled.nonce).toBe(venue.u);
      expect(settled.bids.slice(0, 50).map(([p, q]) => [p, q])).toEqual(venue.bids.map(([p, q]) => [num(p), num(q)]));
      expect(book).toBeDefined();
    } finally {
      await sim.control('flow', { paused: false });
      await pro.close();
    }
  });
});
