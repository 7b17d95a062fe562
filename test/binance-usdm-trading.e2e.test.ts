import { createHmac } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFuturesStack, type FuturesStack } from './support/futures-stack.js';
import { marketDataClient, startSim, startTrading, tradingClient, type SimHandle } from './support/processes.js';
import { sleep, until } from './support/wait.js';
import { call, follow, ok, refused } from './support/grpc-calls.js';

// Binance USDⓈ-M perpetuals, trading end to end as real processes: the simulated venue (signed
// /fapi, one-way mode, positions, margin, funding), the trading service with Trading +
// FuturesTrading, the market-data service, and gRPC clients. A binance_usdm contract is one
// LOT_SIZE step (0.001 BTC); every amount is checked against what the venue recorded.

const BTC = { base: 'BTC', quote: 'USDT' };
const ETH = { base: 'ETH', quote: 'USDT' };

describe('Binance USDⓈ-M futures trading end to end', () => {
  let sim: SimHandle;
  let client: ReturnType<typeof tradingClient>;
  let md: ReturnType<typeof marketDataClient>;
  let f: any;
  const meta = () => client.metadata();

  let stack: FuturesStack | undefined;

  beforeAll(async () => {
    stack = await startFuturesStack(
      'binance_usdm',
      ['--seed', '73', '--symbols', 'BTCUSDT,ETHUSDT', '--flow-rate', '0', '--funding-interval-ms', '2000', '--index-tick-ms', '200', '--liquidation-interval-ms', '0'],
      { CEXGW_BINANCE_USDM_POSITION_POLL_MS: '300' },
    );
    ({ sim, client, md } = stack);
    f = client.futures;
  });

  afterAll(() => stack?.stop());

  const venuePosition = async (symbol: string) => {
    const account = await sim.control<any>(`account?apiKey=${encodeURIComponent(sim.apiKey)}`);
    return (account.positions ?? []).find((p: any) => p.symbol === symbol)?.positionAmt ?? '0';
  };

  it('lists the contracts as LOT_SIZE steps, and sets leverage and margin type within the account brackets', async () => {
    const { contracts } = await ok(md.futures, 'ListContracts', {});
    expect(contracts.find((c: any) => c.venue_symbol === 'BTCUSDT')).toMatchObject({ contract_multiplier: '0.001', price_tick: '0.1', min_contracts: '1', funding_interval_s: '28800' });
    expect(await ok(f, 'SetLeverage', { symbol: BTC, leverage: 20, margin_mode: 'MARGIN_MODE_CROSS' }, meta())).toMatchObject({ leverage: 20, margin_mode: 'MARGIN_MODE_CROSS' });
    expect(await ok(f, 'SetLeverage', { symbol: BTC, leverage: 10, margin_mode: 'MARGIN_MODE_ISOLATED' }, meta())).toMatchObject({ leverage: 10, margin_mode: 'MARGIN_MODE_ISOLATED' });
    const tooHigh = await refused(f, 'SetLeverage', { symbol: BTC, leverage: 126 }, meta());
    expect(tooHigh.code).toBe('INVALID_ARGUMENT');
    expect(tooHigh.details).toMatch(/1 to 125/);
    expect((await refused(f, 'SetLeverage', { symbol: ETH, leverage: 101 }, meta())).details).toMatch(/1 to 100/);
  });

  it('opens a long, streams the position, reduces it and closes it, every fill once', async () => {
    const positions = follow(f, 'StreamPositions', { symbols: [BTC] }, meta());
    const fills = follow(client.trading, 'StreamFills', { after_cursor: '0' }, meta());
    await Promise.all([positions.subscribed, fills.subscribed]);
    const open = { symbol: BTC, side: 'SIDE_BUY', type: 'ORDER_TYPE_MARKET', contracts: '10', client_order_id: 'usdm-open-1' };
    const opened = await ok(f, 'PlaceFuturesOrder', open, meta());
    expect(opened).toMatchObject({ contracts: '10', base_quantity: '0.01', reduce_only: false });
    expect(opened.order).toMatchObject({ client_order_id: 'usdm-open-1', status: 'ORDER_STATUS_FILLED', quantity: '0.01', filled_quantity: '0.01' });
    expect((await ok(f, 'PlaceFuturesOrder', open, meta())).order.order_id).toBe(opened.order.order_id); // a retry is not a second order
    await until('the long on the position stream', () => positions.items.some((p) => p.side === 'POSITION_SIDE_LONG' && p.contracts === '10'));
    expect(positions.items.find((p) => p.contracts === '10')).toMatchObject({ base_quantity: '0.01', leverage: 10, margin_mode: 'MARGIN_MODE_ISOLATED' });
    expect(await venuePosition('BTCUSDT')).toBe('0.01');

    const reduced = await ok(
      f,
      'PlaceFuturesOrder',
      { symbol: BTC, side: 'SIDE_SELL', type: 'ORDER_TYPE_MARKET', base_quantity: '0.004', reduce_only: true, client_order_id: 'usdm-reduce-1' },
      meta(),
    );
    expect(reduced).toMatchObject({ contracts: '4', base_quantity: '0.004', reduce_only: true });
    await until('the reduced long', () => positions.last()?.contracts === '6');
    const closed = await ok(f, 'ClosePosition', { symbol: BTC, client_order_id: 'usdm-close-1' }, meta());
    expect(closed).toMatchObject({ contracts: '6', base_quantity: '0.006', reduce_only: true });
    await until('flat on the position stream', () => positions.last()?.side === 'POSITION_SIDE_FLAT');
    expect(await venuePosition('BTCUSDT')).toBe('0');

    const ours = new Set([opened.order.order_id, reduced.order.order_id, closed.order.order_id]);
    const { fills: venueFills } = await sim.control<{ fills: any[] }>(`fills?apiKey=${encodeURIComponent(sim.apiKey)}`);
    const expected = venueFills.filter((v: any) => ours.has(String(v.orderId)));
    await until('every fill on the stream', () => fills.items.filter((x) => ours.has(x.order_id)).length >= expected.length);
    await sleep(300);
    const streamed = fills.items.filter((x) => ours.has(x.order_id));
    expect(streamed).toHaveLength(expected.length);
    expect(new Set(streamed.map((x) => x.fill_id)).size).toBe(streamed.length);
    const sum = (side: string) => streamed.filter((x) => x.side === side).reduce((total, x) => total + Math.round(Number(x.quantity) * 1e3), 0);
    expect(sum('SIDE_BUY')).toBe(10);
    expect(sum('SIDE_SELL')).toBe(10);
    positions.stream.cancel();
    fills.stream.cancel();
  });

  it('refuses sizes between steps, a reduce-only order that would open, an order beyond the margin, and hedge mode', async () => {
    const between = await refused(f, 'PlaceFuturesOrder', { symbol: BTC, side: 'SIDE_BUY', type: 'ORDER_TYPE_MARKET', base_quantity: '0.0105', client_order_id: 'usdm-half' }, meta());
    expect(between.details).toMatch(/0.0105 is not a whole number of BTCUSDT contracts \(1 contract = 0.001\); use 0.01 \(10 contracts\) or 0.011/);
    const reduceOpen = await refused(f, 'PlaceFuturesOrder', { symbol: BTC, side: 'SIDE_SELL', type: 'ORDER_TYPE_MARKET', contracts: '1', reduce_only: true, client_order_id: 'usdm-ro-1' }, meta());
    expect(reduceOpen).toMatchObject({ code: 'FAILED_PRECONDITION', venueCode: '-2022' });
    await ok(f, 'SetLeverage', { symbol: BTC, leverage: 1, margin_mode: 'MARGIN_MODE_ISOLATED' }, meta());
    const book = await sim.control<{ bids: Array<[string, string]> }>('book?symbol=BTCUSDT&depth=1');
    const price = (Number(book.bids[0]![0]) - 100).toFixed(1);
    const tooBig = await refused(f, 'PlaceFuturesOrder', { symbol: BTC, side: 'SIDE_BUY', type: 'ORDER_TYPE_LIMIT', price, contracts: '900000', client_order_id: 'usdm-big-1' }, meta());
    expect(tooBig).toMatchObject({ code: 'FAILED_PRECONDITION', venueCode: '-2019' });
    const fits = await ok(f, 'PlaceFuturesOrder', { symbol: BTC, side: 'SIDE_BUY', type: 'ORDER_TYPE_LIMIT', price, contracts: '2', client_order_id: 'usdm-big-1' }, meta());
    expect(fits.order.status).toBe('ORDER_STATUS_OPEN');
    await ok(client.trading, 'CancelOrder', { symbol: BTC, client_order_id: 'usdm-big-1' }, meta());
    await ok(f, 'SetLeverage', { symbol: BTC, leverage: 10, margin_mode: 'MARGIN_MODE_ISOLATED' }, meta());
  });

  it('shows funding paid on an open position, the mark moving its PnL, and the futures balance', async () => {
    const positions = follow(f, 'StreamPositions', {}, meta());
    const before = await ok(f, 'GetFuturesBalance', {}, meta());
    await ok(f, 'PlaceFuturesOrder', { symbol: BTC, side: 'SIDE_BUY', type: 'ORDER_TYPE_MARKET', contracts: '5', client_order_id: 'usdm-fund-1' }, meta());
    await until('the long', () => positions.last()?.contracts === '5');
    const atOpen = await ok(f, 'GetFuturesBalance', {}, meta());
    // Funding every 2 s here: the wallet moves by it with no trade (Binance reports no realised PnL per position).
    await until('funding paid or received', async () => (await ok(f, 'GetFuturesBalance', {}, meta())).total !== atOpen.total, 15_000);
    expect(before.asset).toBe('USDT');
    const entry = Number(positions.last().entry_price);
    await sim.control('mark', { symbol: 'BTCUSDT', price: (entry * 1.02).toFixed(1) });
    await until('unrealised PnL from the new mark', () => Number(positions.last()?.unrealised_pnl) > 0);
    await ok(f, 'ClosePosition', { symbol: BTC }, meta());
    await until('flat', () => positions.last()?.side === 'POSITION_SIDE_FLAT');
    await sim.control('mark', { symbol: 'BTCUSDT', price: null });
    positions.stream.cancel();
  });

  it('streams funding rates, mark prices and public liquidations', async () => {
    const funding = follow(md.futures, 'StreamFundingRates', { symbols: [BTC] });
    const marks = follow(md.futures, 'StreamMarkPrices', { symbols: [BTC] });
    const liquidations = follow(md.futures, 'StreamLiquidations', { symbols: [BTC] });
    await until('several index prices', () => new Set(marks.items.map((m) => m.index_price)).size >= 2, 15_000);
    await until('the next funding time moving on', () => new Set(funding.items.map((x) => String(x.next_funding_time_ms))).size >= 2, 15_000);
    await sleep(300);
    await sim.control('liquidate', { symbol: 'BTCUSDT', side: 'sell', steps: 7, price: '60000.0' });
    await until('the liquidation on the public feed', () => liquidations.items.length > 0);
    expect(liquidations.items[0]).toMatchObject({ symbol: BTC, side: 'SIDE_SELL', price: '60000', contracts: '7', base_quantity: '0.007' });
    const rate = await ok(md.futures, 'GetFundingRate', { symbol: BTC });
    expect(Number(rate.next_funding_time_ms)).toBeGreaterThan(Date.now() - 5_000);
    for (const s of [funding, marks, liquidations]) s.stream.cancel();
  });

  it('refuses to trade an account in hedge mode, saying how to switch', async () => {
    const journalDir = mkdtempSync(join(tmpdir(), 'cexgw-usdm-hedge-'));
    const other = await startSim('binance_usdm', ['--seed', '74', '--symbols', 'BTCUSDT', '--flow-rate', '0']);
    try {
      // Switch the account to hedge mode the venue's way (signed with its key, as a client would).
      const query = `dualSidePosition=true&timestamp=${Date.now()}`;
      const signature = createHmac('sha256', other.apiSecret).update(query).digest('hex');
      const answer = await fetch(`${other.restBaseUrl}/fapi/v1/positionSide/dual?${query}&signature=${signature}`, { method: 'POST', headers: { 'X-MBX-APIKEY': other.apiKey } });
      expect(answer.status).toBe(200);
      const hedged = await startTrading('binance_usdm', other, journalDir, {}, undefined, false);
      const hedgedClient = tradingClient(hedged.address);
      try {
        let error: grpc.ServiceError | undefined;
        await until(
          'the refusal',
          () => {
            void call(hedgedClient.trading, 'GetBalances', {}, hedgedClient.metadata()).then((r) => (error = r.error));
            return error !== undefined && /hedge mode/.test(error.details);
          },
          15_000,
        );
      } finally {
        hedgedClient.trading.close();
        hedgedClient.futures.close();
        hedgedClient.diagnostics.close();
        await hedged.stop();
      }
    } finally {
      await other.stop();
    }
  });
});
