import { Spot } from '@binance/spot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBinanceSpotSim, type BinanceSpotSim } from '../src/index.js';
import { getJson, postJson } from './helpers/ws-client.js';

// Binance's official spot connector (@binance/spot, generated from Binance's OpenAPI
// specification), unchanged, pointed at the simulator: REST market data and trading signed with
// its own code, market streams, and the WebSocket API's user data stream.

const num = (levels: Array<Array<string>>) => levels.map(([p, q]) => [Number(p), Number(q)]);
const waitFor = async (what: string, check: () => boolean, ms = 5_000): Promise<void> => {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('@binance/spot against the simulator', () => {
  let sim: BinanceSpotSim;
  let client: Spot;

  beforeAll(async () => {
    sim = await startBinanceSpotSim({ seed: 41, symbols: ['BTCUSDT', 'ETHUSDT'], flowRatePerSec: 100 });
    client = new Spot({
      configurationRestAPI: { apiKey: sim.apiKey, apiSecret: sim.apiSecret, basePath: sim.restBaseUrl },
      configurationWebsocketStreams: { wsURL: sim.wsUrl, compression: false },
      configurationWebsocketAPI: { apiKey: sim.apiKey, apiSecret: sim.apiSecret, wsURL: sim.wsApiUrl },
    });
  });

  afterAll(async () => sim.close());

  it('reads exchange info, the book and the ticker', async () => {
    const info = await (await client.restAPI.exchangeInfo({ symbol: 'BTCUSDT' })).data();
    expect(info.symbols?.[0]?.symbol).toBe('BTCUSDT');
    await postJson(`${sim.controlUrl}/flow`, { paused: true });
    const depth = await (await client.restAPI.depth({ symbol: 'BTCUSDT', limit: 10 })).data();
    const truth = await getJson(`${sim.controlUrl}/book?symbol=BTCUSDT&depth=10`);
    await postJson(`${sim.controlUrl}/flow`, { paused: false });
    expect(Number(depth.lastUpdateId)).toBe(truth.u);
    expect(num(depth.bids!)).toEqual(num(truth.bids));
    const ticker = (await (await client.restAPI.ticker24hr({ symbol: 'ETHUSDT' })).data()) as { symbol?: string; lastPrice?: string };
    expect(ticker.symbol).toBe('ETHUSDT');
  });

  it('signs orders the simulator verifies, and reads them back, cancels them, lists fills and balances', async () => {
    const book = await getJson(`${sim.controlUrl}/book?symbol=BTCUSDT&depth=1`);
    const resting = await (
      await client.restAPI.newOrder({ symbol: 'BTCUSDT', side: 'BUY' as never, type: 'LIMIT' as never, timeInForce: 'GTC' as never, quantity: 0.001, price: 60000, newClientOrderId: 'conn-1' })
    ).data();
    expect(resting.status).toBe('NEW');
    const read = await (await client.restAPI.getOrder({ symbol: 'BTCUSDT', origClientOrderId: 'conn-1' })).data();
    expect(read.orderId).toBe(resting.orderId);
    const cancelled = await (await client.restAPI.deleteOrder({ symbol: 'BTCUSDT', orderId: resting.orderId })).data();
    expect(cancelled.status).toBe('CANCELED');
    const taken = await (
      await client.restAPI.newOrder({
        symbol: 'BTCUSDT',
        side: 'BUY' as never,
        type: 'LIMIT' as never,
        timeInForce: 'IOC' as never,
        quantity: 0.0005,
        price: Number(book.asks[0][0]) + 50,
        newClientOrderId: 'conn-2',
      })
    ).data();
    expect(Number(taken.executedQty)).toBeGreaterThan(0);
    const trades = await (await client.restAPI.myTrades({ symbol: 'BTCUSDT', orderId: taken.orderId })).data();
    expect(trades.length).toBeGreaterThan(0);
    const account = await (await client.restAPI.getAccount({ omitZeroBalances: true })).data();
    expect(account.balances?.some((b) => b.asset === 'BTC')).toBe(true);
    await expect(client.restAPI.getOrder({ symbol: 'BTCUSDT', origClientOrderId: 'never-placed' })).rejects.toThrow();
  });

  it('follows the diff-depth and trade streams', async () => {
    const connection = await client.websocketStreams.connect({ stream: ['btcusdt@depth@100ms'] });
    const depth: any[] = [];
    const trades: any[] = [];
    connection.diffBookDepth({ symbol: 'btcusdt', updateSpeed: '100ms' as never }).on('message', (data) => void depth.push(data));
    connection.trade({ symbol: 'ethusdt' }).on('message', (data) => void trades.push(data));
    await waitFor('depth and trade events', () => depth.length > 3 && trades.length > 0);
    await connection.disconnect();
    expect(depth[0].e).toBe('depthUpdate');
    expect(depth[1].U).toBe(depth[0].u + 1);
    expect(trades[0].e).toBe('trade');
  });

  it('subscribes the user data stream with a signature and receives execution reports', async () => {
    const connection = await client.websocketAPI.connect();
    const reports: any[] = [];
    const { stream } = await connection.userDataStreamSubscribeSignature();
    stream.on('message', (event: any) => void reports.push(event));
    await client.restAPI.newOrder({ symbol: 'ETHUSDT', side: 'SELL' as never, type: 'LIMIT' as never, timeInForce: 'GTC' as never, quantity: 0.01, price: 9000, newClientOrderId: 'conn-3' });
    await waitFor('the execution report', () => reports.some((e) => e.e === 'executionReport' && e.c === 'conn-3'));
    await waitFor('the balance change', () => reports.some((e) => e.e === 'outboundAccountPosition'));
    await connection.disconnect();
  });
});
