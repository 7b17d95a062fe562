import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFuturesStack, type FuturesStack } from './support/futures-stack.js';
import { marketDataClient, tradingClient, type ServiceHandle, type SimHandle } from './support/processes.js';
import { sleep, until } from './support/wait.js';
import { call, follow, ok, refused } from './support/grpc-calls.js';

// Gate.io USDT perpetuals, trading end to end as real processes: the simulated futures venue
// (signatures verified, positions, margin, funding, liquidations), the trading service with
// Trading + FuturesTrading, the market-data service, and gRPC clients. Every amount is checked
// against what the venue itself recorded.

type Client = ReturnType<typeof tradingClient>;
const BTC = { base: 'BTC', quote: 'USDT' };
const XRP = { base: 'XRP', quote: 'USDT' };

// Twice: orders over signed REST (the default) and over Gate's websocket API.
describe.each(['rest', 'ws'] as const)('Gate.io USDT futures trading end to end, orders over %s', (transport) => {
  let sim: SimHandle;
  let trading: ServiceHandle;
  let client: Client;
  let md: ReturnType<typeof marketDataClient>;
  let f: any;
  const meta = () => client.metadata();

  let stack: FuturesStack | undefined;

  beforeAll(async () => {
    stack = await startFuturesStack(
      'gateio_futures',
      [
        '--seed',
        '71',
        '--symbols',
        'BTC_USDT,XRP_USDT',
        '--flow-rate',
        '0',
        '--funding-interval-ms',
        '2000',
        '--index-tick-ms',
        '200',
        '--ticker-interval-ms',
        '200',
        '--liquidation-interval-ms',
        '0',
      ],
      { CEXGW_GATEIO_FUTURES_POSITION_POLL_MS: '300', CEXGW_GATEIO_FUTURES_ORDER_TRANSPORT: transport, CEXGW_ORDER_TIMEOUT_MS: '800' },
    );
    ({ sim, trading, client, md } = stack);
    f = client.futures;
  });

  afterAll(() => stack?.stop());

  const venuePosition = async (contract: string) => {
    const account = await sim.control<any>(`account?apiKey=${encodeURIComponent(sim.apiKey)}`);
    const position = (account.positions ?? []).find((p: any) => p.contract === contract);
    return position ? String(position.size) : '0';
  };

  it('requires the gateway token on FuturesTrading too', async () => {
    const anonymous = tradingClient(trading.address, null);
    expect((await refused(anonymous.futures, 'GetPositions', {}, new grpc.Metadata())).code).toBe('UNAUTHENTICATED');
    anonymous.trading.close();
    anonymous.futures.close();
    anonymous.diagnostics.close();
  });

  it('sets leverage within the contract limits and refuses it beyond them', async () => {
    expect(await ok(f, 'SetLeverage', { symbol: BTC, leverage: 20, margin_mode: 'MARGIN_MODE_CROSS' }, meta())).toMatchObject({ leverage: 20, margin_mode: 'MARGIN_MODE_CROSS' });
    expect(await ok(f, 'SetLeverage', { symbol: BTC, leverage: 10, margin_mode: 'MARGIN_MODE_ISOLATED' }, meta())).toMatchObject({ leverage: 10, margin_mode: 'MARGIN_MODE_ISOLATED' });
    const tooHigh = await refused(f, 'SetLeverage', { symbol: BTC, leverage: 101 }, meta());
    expect(tooHigh.code).toBe('INVALID_ARGUMENT');
    expect(tooHigh.details).toMatch(/leverage 101 is outside BTC\/USDT's range on gateio_futures: 1 to 100/);
    expect((await refused(f, 'SetLeverage', { symbol: XRP, leverage: 51 }, meta())).details).toMatch(/1 to 50/);
    expect((await refused(f, 'SetLeverage', { symbol: BTC }, meta())).code).toBe('INVALID_ARGUMENT');
  });

  it('opens a long, streams the position, reduces it and closes it, every fill once', async () => {
    const positions = follow(f, 'StreamPositions', { symbols: [BTC] }, meta());
    const fills = follow(client.trading, 'StreamFills', { after_cursor: '0' }, meta());
    await Promise.all([positions.subscribed, fills.subscribed]);

    const open = { symbol: BTC, side: 'SIDE_BUY', type: 'ORDER_TYPE_MARKET', contracts: '10', client_order_id: 'fut-open-1' };
    const opened = await ok(f, 'PlaceFuturesOrder', open, meta());
    expect(opened).toMatchObject({ contracts: '10', base_quantity: '0.001', reduce_only: false });
    expect(opened.order).toMatchObject({ client_order_id: 'fut-open-1', side: 'SIDE_BUY', type: 'ORDER_TYPE_MARKET', quantity: '0.001' });
    expect((await ok(f, 'PlaceFuturesOrder', open, meta())).order.order_id).toBe(opened.order.order_id); // a retry is not a second order

    await until('the long on the position stream', () => positions.items.some((p) => p.side === 'POSITION_SIDE_LONG' && p.contracts === '10'));
    const long = positions.items.find((p) => p.side === 'POSITION_SIDE_LONG' && p.contracts === '10');
    expect(long).toMatchObject({ symbol: BTC, base_quantity: '0.001', leverage: 10, margin_mode: 'MARGIN_MODE_ISOLATED' });
    expect(Number(long.entry_price)).toBeGreaterThan(0);
    expect(Number(long.margin)).toBeGreaterThan(0);
    expect(Number(long.liquidation_price)).toBeLessThan(Number(long.entry_price)); // a long is liquidated below its entry
    expect(await venuePosition('BTC_USDT')).toBe('10');
    const { positions: listed } = await ok(f, 'GetPositions', {}, meta());
    expect(listed.map((p: any) => [p.symbol.base, p.side, p.contracts])).toEqual([['BTC', 'POSITION_SIDE_LONG', '10']]);

    // Reduce by a base quantity: 0.0004 BTC = 4 contracts.
    const reduced = await ok(
      f,
      'PlaceFuturesOrder',
      { symbol: BTC, side: 'SIDE_SELL', type: 'ORDER_TYPE_MARKET', base_quantity: '0.0004', reduce_only: true, client_order_id: 'fut-reduce-1' },
      meta(),
    );
    expect(reduced).toMatchObject({ contracts: '4', base_quantity: '0.0004', reduce_only: true });
    await until('the reduced long', () => positions.last()?.contracts === '6');

    const closed = await ok(f, 'ClosePosition', { symbol: BTC, client_order_id: 'fut-close-1' }, meta());
    expect(closed).toMatchObject({ contracts: '6', base_quantity: '0.0006', reduce_only: true });
    expect(closed.order.side).toBe('SIDE_SELL');
    await until('flat on the position stream', () => positions.last()?.side === 'POSITION_SIDE_FLAT');
    expect(await venuePosition('BTC_USDT')).toBe('0');
    // A retried close answers with the same order, even though the position is flat now.
    expect((await ok(f, 'ClosePosition', { symbol: BTC, client_order_id: 'fut-close-1' }, meta())).order.order_id).toBe(closed.order.order_id);

    // Fills: what the venue recorded, once each, in base units.
    const ours = new Set([opened.order.order_id, reduced.order.order_id, closed.order.order_id]);
    const { fills: venueFills } = await sim.control<{ fills: any[] }>(`fills?apiKey=${encodeURIComponent(sim.apiKey)}`);
    const expected = venueFills.filter((v: any) => ours.has(String(v.orderId)));
    await until('every fill on the stream', () => fills.items.filter((x) => ours.has(x.order_id)).length >= expected.length);
    await sleep(300);
    const streamed = fills.items.filter((x) => ours.has(x.order_id));
    expect(streamed).toHaveLength(expected.length);
    expect(new Set(streamed.map((x) => x.fill_id)).size).toBe(streamed.length);
    const sum = (side: string) => streamed.filter((x) => x.side === side).reduce((total, x) => total + Math.round(Number(x.quantity) * 1e4), 0);
    expect(sum('SIDE_BUY')).toBe(10);
    expect(sum('SIDE_SELL')).toBe(10);
    positions.stream.cancel();
    fills.stream.cancel();
  });

  it('converts base quantities exactly for a multiplier above one, and refuses sizes between contracts', async () => {
    const order = await ok(f, 'PlaceFuturesOrder', { symbol: XRP, side: 'SIDE_BUY', type: 'ORDER_TYPE_MARKET', base_quantity: '20', client_order_id: 'fut-xrp-1' }, meta());
    expect(order).toMatchObject({ contracts: '2', base_quantity: '20' });
    const [position] = (await ok(f, 'GetPositions', { symbol: XRP }, meta())).positions;
    expect(position).toMatchObject({ side: 'POSITION_SIDE_LONG', contracts: '2', base_quantity: '20' });
    expect(await venuePosition('XRP_USDT')).toBe('2');

    const between = await refused(f, 'PlaceFuturesOrder', { symbol: XRP, side: 'SIDE_BUY', type: 'ORDER_TYPE_MARKET', base_quantity: '25', client_order_id: 'fut-xrp-2' }, meta());
    expect(between.code).toBe('INVALID_ARGUMENT');
    expect(between.details).toMatch(/25 is not a whole number of XRP_USDT contracts \(1 contract = 10\); use 20 \(2 contracts\) or 30/);
    const belowMin = await refused(f, 'PlaceFuturesOrder', { symbol: BTC, side: 'SIDE_BUY', type: 'ORDER_TYPE_MARKET', base_quantity: '0.00005', client_order_id: 'fut-btc-small' }, meta());
    expect(belowMin.details).toMatch(/use 0.0001, or give contracts/);
    const fraction = await refused(f, 'PlaceFuturesOrder', { symbol: BTC, side: 'SIDE_BUY', type: 'ORDER_TYPE_MARKET', contracts: '0.5', client_order_id: 'fut-btc-half' }, meta());
    expect(fraction.details).toMatch(/not a whole number/);
    await ok(f, 'ClosePosition', { symbol: XRP }, meta());
    expect(await venuePosition('XRP_USDT')).toBe('0');
  });

  it('refuses a reduce-only order that would open, an order beyond the margin, and closing nothing', async () => {
    const reduceOpen = await refused(f, 'PlaceFuturesOrder', { symbol: BTC, side: 'SIDE_SELL', type: 'ORDER_TYPE_MARKET', contracts: '1', reduce_only: true, client_order_id: 'fut-ro-1' }, meta());
    expect(reduceOpen.code).toBe('FAILED_PRECONDITION');
    expect(reduceOpen.venueCode).toBe('REDUCE_EXCEEDED');
    expect(await venuePosition('BTC_USDT')).toBe('0');

    await ok(f, 'SetLeverage', { symbol: BTC, leverage: 1, margin_mode: 'MARGIN_MODE_ISOLATED' }, meta());
    const book = await sim.control<{ bids: Array<[string, string]> }>('book?contract=BTC_USDT&depth=1');
    const price = (Number(book.bids[0]![0]) - 100).toFixed(1); // rests below the market: margin is the only obstacle
    const tooBig = await refused(f, 'PlaceFuturesOrder', { symbol: BTC, side: 'SIDE_BUY', type: 'ORDER_TYPE_LIMIT', price, contracts: '900000', client_order_id: 'fut-big-1' }, meta());
    expect(tooBig.code).toBe('FAILED_PRECONDITION');
    expect(tooBig.venueCode).toBe('INSUFFICIENT_AVAILABLE');
    // Refused for certain: the same id may be used again, for an order the account can afford.
    const fits = await ok(f, 'PlaceFuturesOrder', { symbol: BTC, side: 'SIDE_BUY', type: 'ORDER_TYPE_LIMIT', price, contracts: '1', client_order_id: 'fut-big-1' }, meta());
    expect(fits.order.status).toBe('ORDER_STATUS_OPEN');
    await ok(client.trading, 'CancelOrder', { symbol: BTC, client_order_id: 'fut-big-1' }, meta());
    await ok(f, 'SetLeverage', { symbol: BTC, leverage: 10, margin_mode: 'MARGIN_MODE_ISOLATED' }, meta());

    const nothing = await refused(f, 'ClosePosition', { symbol: BTC }, meta());
    expect(nothing.code).toBe('FAILED_PRECONDITION');
    expect(nothing.details).toMatch(/no open BTC\/USDT position/);
  });

  /** Orders the venue holds under a client order id, open or finished. */
  const ordersAtVenue = async (clientOrderId: string) => {
    const { orders } = await sim.control<{ orders: Array<{ clientOrderId: string | null }> }>(`orders?apiKey=${encodeURIComponent(sim.apiKey)}`);
    return orders.filter((o) => o.clientOrderId === `t-${clientOrderId}`).length;
  };

  /** A one-contract BTC buy resting below the market. */
  const restingBuy = async (clientOrderId: string) => {
    const book = await sim.control<{ bids: Array<[string, string]> }>('book?contract=BTC_USDT&depth=1');
    return { symbol: BTC, side: 'SIDE_BUY', type: 'ORDER_TYPE_LIMIT', price: (Number(book.bids[0]![0]) - 100).toFixed(1), contracts: '1', client_order_id: clientOrderId };
  };

  it('resolves a placement that timed out by asking the venue, never by sending it again', async () => {
    const request = await restingBuy(`fut-slow-${transport}`);
    await sim.control('faults', { kind: 'latency', ms: 1_500 }); // longer than the service's order timeout (800 ms)
    const slow = await call<any>(f, 'PlaceFuturesOrder', request, meta());
    await sim.control('faults', { kind: 'clear' });
    await sleep(1_800); // the slow request lands at the venue meanwhile
    const retried = await ok(f, 'PlaceFuturesOrder', request, meta());
    if (slow.value) expect(retried.order.order_id).toBe(slow.value.order.order_id);
    expect(await ordersAtVenue(request.client_order_id)).toBe(1);
    await ok(client.trading, 'CancelOrder', { symbol: BTC, client_order_id: request.client_order_id }, meta());
  });

  it.runIf(transport === 'ws')('resolves a placement whose websocket answer was lost at the venue, by client order id', async () => {
    const request = await restingBuy('fut-lost-answer');
    const before = await sim.control<{ counts: { answersDropped: number } }>('faults');
    await sim.control('faults', { kind: 'drop_answers', count: 1 }); // placed, its answer never sent
    const placed = await ok(f, 'PlaceFuturesOrder', request, meta());
    expect((await sim.control<{ counts: { answersDropped: number } }>('faults')).counts.answersDropped).toBe(before.counts.answersDropped + 1);
    expect(placed.order).toMatchObject({ client_order_id: request.client_order_id, status: 'ORDER_STATUS_OPEN' });
    expect((await ok(f, 'PlaceFuturesOrder', request, meta())).order.order_id).toBe(placed.order.order_id);
    expect(await ordersAtVenue(request.client_order_id)).toBe(1);
    await ok(client.trading, 'CancelOrder', { symbol: BTC, client_order_id: request.client_order_id }, meta());
  });

  it('shows funding paid on an open position, mark price moving its PnL, and the futures balance', async () => {
    const positions = follow(f, 'StreamPositions', {}, meta());
    await ok(f, 'PlaceFuturesOrder', { symbol: BTC, side: 'SIDE_BUY', type: 'ORDER_TYPE_MARKET', contracts: '5', client_order_id: 'fut-fund-1' }, meta());
    await until('the long', () => positions.last()?.contracts === '5');
    const atOpen = positions.last();
    // The venue applies funding every 2 s here: realised PnL moves by it (fees aside).
    await until('funding applied to the position', () => positions.items.some((p) => p.contracts === '5' && p.realised_pnl !== atOpen.realised_pnl), 15_000);
    // A mark-price move shows in unrealised PnL without any trade.
    const mark = Number(atOpen.entry_price) * 1.02;
    await sim.control('mark', { contract: 'BTC_USDT', price: mark.toFixed(1) });
    await until('unrealised PnL from the new mark', () => Number(positions.last()?.unrealised_pnl) > 0);
    const balance = await ok(f, 'GetFuturesBalance', {}, meta());
    expect(balance.asset).toBe('USDT');
    expect(Number(balance.position_margin)).toBeGreaterThan(0);
    expect(Number(balance.unrealised_pnl)).toBeGreaterThan(0);
    await ok(f, 'ClosePosition', { symbol: BTC }, meta());
    await until('flat', () => positions.last()?.side === 'POSITION_SIDE_FLAT');
    await sim.control('mark', { contract: 'BTC_USDT', price: null }); // the mark follows the index again
    positions.stream.cancel();
  });

  it("streams funding rates and mark prices that move, and a liquidation when the mark crosses a position's liquidation price", async () => {
    const funding = follow(md.futures, 'StreamFundingRates', { symbols: [BTC] });
    const marks = follow(md.futures, 'StreamMarkPrices', { symbols: [BTC] });
    const liquidations = follow(md.futures, 'StreamLiquidations', { symbols: [BTC] });
    // Without trades here the mark stays at the last price; the index walks, and both are streamed.
    await until('several index prices', () => new Set(marks.items.map((m) => m.index_price)).size >= 3);
    await until('the next funding time moving on', () => new Set(funding.items.map((x) => String(x.next_funding_time_ms))).size >= 2, 15_000);
    for (const rate of funding.items) expect(Number(rate.next_funding_time_ms)).toBeGreaterThan(0);

    const positions = follow(f, 'StreamPositions', { symbols: [BTC] }, meta());
    await ok(f, 'PlaceFuturesOrder', { symbol: BTC, side: 'SIDE_BUY', type: 'ORDER_TYPE_MARKET', contracts: '3', client_order_id: 'fut-liq-1' }, meta());
    await until('the long', () => positions.last()?.contracts === '3');
    const liq = Number(positions.last().liquidation_price);
    const crash = (liq * 0.98).toFixed(1);
    await sim.control('mark', { contract: 'BTC_USDT', price: crash });
    await until('the new mark on the mark-price stream', () => marks.items.some((m) => Number(m.mark_price) === Number(crash)));
    await until('the position liquidated (flat)', () => positions.last()?.side === 'POSITION_SIDE_FLAT');
    await until('the liquidation on the public feed', () => liquidations.items.length > 0);
    await sim.control('mark', { contract: 'BTC_USDT', price: null });
    expect(liquidations.items[0]).toMatchObject({ symbol: BTC, side: 'SIDE_SELL' });
    for (const s of [funding, marks, liquidations, positions]) s.stream.cancel();
  });
});
