import ccxt from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { norm } from './support/book-replica.js';
import { startSim, type SimHandle } from './support/processes.js';

// ccxt's `mexc` classes, written against the live venue by others, must read the MEXC simulator
// correctly (REST, and the protobuf websocket, which ccxt decodes with its own compiled schema).

const num = (value: string) => Number(value);
type SimBook = { u: number; bids: Array<[string, string]>; asks: Array<[string, string]> };

describe('ccxt mexc against the MEXC spot simulator', () => {
  let sim: SimHandle;
  let mexc: InstanceType<typeof ccxt.mexc>;
  const urls = () => ({ api: { spot: { public: sim.restBaseUrl, private: sim.restBaseUrl }, contract: { public: `${sim.restBaseUrl}/api/v1/contract` } } });

  beforeAll(async () => {
    // One version per push: ccxt drops a push whose version range spans its REST snapshot's
    // lastUpdateId (its own sync rule, not the venue's), which at 100 ms windows can leave it a
    // stale level; pushing every change keeps this a test of the simulator's wire format.
    sim = await startSim('mexc_spot', ['--seed', '5', '--symbols', 'BTCUSDT,ETHUSDT', '--flow-rate', '100', '--push-interval-ms', '0']);
    mexc = new ccxt.mexc({ enableRateLimit: false, urls: urls() as never });
  });

  afterAll(async () => {
    await sim?.stop();
  });

  it('loads markets with the simulator precision and limits', async () => {
    const markets = await mexc.loadMarkets();
    const info = (await (await fetch(`${sim.restBaseUrl}/api/v3/exchangeInfo`)).json()) as { symbols: any[] };
    const wire = info.symbols.find((s: { symbol: string }) => s.symbol === 'BTCUSDT');
    const market = markets['BTC/USDT']!;
    expect(market.id).toBe('BTCUSDT');
    expect(market.active).toBe(true);
    expect(market.precision.price).toBe(10 ** -wire.quoteAssetPrecision);
    expect(market.precision.amount).toBe(10 ** -wire.baseAssetPrecision);
    expect(market.limits.cost?.min).toBe(num(wire.quoteAmountPrecision));
  });

  it('fetches the order book, trades and ticker the simulator holds', async () => {
    await sim.control('flow', { paused: true });
    await new Promise((r) => setTimeout(r, 150));
    const venue = await sim.control<SimBook>('book?symbol=BTCUSDT&depth=50');
    const book = await mexc.fetchOrderBook('BTC/USDT', 50);
    expect(book.nonce).toBe(venue.u);
    expect(book.bids.map(([p, q]) => [p, q])).toEqual(venue.bids.map(([p, q]) => [num(p), num(q)]));
    expect(book.asks.map(([p, q]) => [p, q])).toEqual(venue.asks.map(([p, q]) => [num(p), num(q)]));

    const trades = await mexc.fetchTrades('BTC/USDT', undefined, 10);
    const wireTrades = (await (await fetch(`${sim.restBaseUrl}/api/v3/aggTrades?symbol=BTCUSDT&limit=10`)).json()) as any[];
    expect(trades.length).toBe(wireTrades.length);
    expect(trades.map((t) => t.price).sort()).toEqual(wireTrades.map((t: { p: string }) => num(t.p)).sort());

    const ticker = await mexc.fetchTicker('BTC/USDT');
    expect(norm(String(ticker.bid))).toBe(norm(venue.bids[0]![0]));
    expect(norm(String(ticker.ask))).toBe(norm(venue.asks[0]![0]));
    await sim.control('flow', { paused: false });
  });

  it('ccxt pro watchOrderBook decodes the simulator protobuf stream', async () => {
    const pro = new ccxt.pro.mexc({ urls: { ...urls(), api: { ...urls().api, ws: { spot: sim.wsUrl } } } as never });
    await pro.loadHttpProxyAgent(); // ccxt requires this before any plain ws:// URL
    try {
      await pro.watchOrderBook('BTC/USDT');
      for (let i = 0; i < 5; i++) await pro.watchOrderBook('BTC/USDT');
      await sim.control('flow', { paused: true });
      await new Promise((r) => setTimeout(r, 500));
      const venue = await sim.control<SimBook>('book?symbol=BTCUSDT&depth=20');
      const book = pro.orderbooks['BTC/USDT']!;
      expect(book.bids.slice(0, 20).map(([p, q]) => [p, q])).toEqual(venue.bids.map(([p, q]) => [num(p), num(q)]));
      expect(book.asks.slice(0, 20).map(([p, q]) => [p, q])).toEqual(venue.asks.map(([p, q]) => [num(p), num(q)]));
    } finally {
      await sim.control('flow', { paused: false });
      await pro.close();
    }
  });
});
