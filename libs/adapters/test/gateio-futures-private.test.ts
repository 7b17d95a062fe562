import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseJsonExact } from '../src/core/exact-json.js';
import type { ContractInfo } from '../src/core/futures-exchange.js';
import type { OrderRequest } from '../src/core/private-exchange.js';
import {
  balanceFromAccount,
  fillFromPush,
  fillFromTradeHistory,
  futuresBalanceFromAccount,
  millisOf,
  orderBody,
  orderFromPush,
  orderFromWire,
  positionFromWire,
  requireLeverageInRange,
} from '../src/gateio/futures/private-parse.js';

// Gate.io USDT futures private messages in the documented / captured shapes
// (fixtures/gateio-futures/private-*, sources in docs/venues/gateio-futures-wire.md), read the
// way the adapter reads them: numeric members as exact strings.
const exact = <T = any>(name: string) => parseJsonExact<T>(readFileSync(new URL(`./fixtures/gateio-futures/${name}`, import.meta.url), 'utf8'));

const contract = (venueSymbol: string, multiplier: string, base: string): ContractInfo => ({
  symbol: { base, quote: 'USDT' },
  venueSymbol,
  contractMultiplier: multiplier,
  priceTick: '0.1',
  minContracts: '1',
  maxContracts: '1000000',
  minLeverage: 1,
  maxLeverage: 100,
  fundingIntervalS: 28800,
  nextFundingTimeMs: 0,
  inDelisting: false,
});
const BTC = contract('BTC_USDT', '0.0001', 'BTC');
const XRP = contract('XRP_USDT', '10', 'XRP');

const request = (overrides: Partial<OrderRequest>): OrderRequest => ({
  symbol: BTC.symbol,
  side: 'buy',
  type: 'limit',
  quantity: '0.0012',
  price: '65000.1',
  quoteQuantity: '',
  timeInForce: 'gtc',
  postOnly: false,
  clientOrderId: 'abc-1',
  ...overrides,
});

describe('Gate.io futures orders', () => {
  it('reads a REST order: contracts to base units, client id from text, cancelled with no fill', () => {
    const order = orderFromWire(exact('private-rest-order.json'), BTC);
    expect(order).toMatchObject({
      orderId: '15675394',
      clientOrderId: 'my-custom-id',
      side: 'buy',
      type: 'limit',
      status: 'cancelled',
      price: '3765',
      quantity: '0.6024',
      filledQuantity: '0',
      averageFillPrice: '',
      reduceOnly: false,
      reason: 'cancelled',
      createdMs: 1546569968000,
    });
  });

  it('reads a websocket order push (JSON numbers) exactly', () => {
    const [wire] = exact('private-ws-orders.json').result;
    const order = orderFromPush(wire, BTC);
    expect(order).toMatchObject({
      orderId: '4872460',
      status: 'filled',
      price: '40000.4',
      quantity: '0.0001',
      filledQuantity: '0.0001',
      averageFillPrice: '40000.4',
      filledQuoteQuantity: '4.00004',
      createdMs: 1628736847325,
      updatedMs: 1541505434123,
    });
  });

  it("reads ccxt's capture of a reduce-only market sell (every number a string)", () => {
    const order = orderFromWire(exact('private-rest-order-ccxt-reduce-only.json'), XRP);
    expect(order.side).toBe('sell');
    expect(order.type).toBe('market');
    expect(order.reduceOnly).toBe(true);
    expect(order.status).toBe('filled');
  });

  it('an IOC that found nothing is expired; a partial IOC is cancelled', () => {
    const base = { id: '1', contract: 'BTC_USDT', size: '-5', price: '0', tif: 'ioc', status: 'finished' as const, finish_as: 'ioc' };
    expect(orderFromWire({ ...base, left: '-5' }, BTC).status).toBe('expired');
    expect(orderFromWire({ ...base, left: '-2' }, BTC)).toMatchObject({ status: 'cancelled', filledQuantity: '0.0003', side: 'sell' });
  });

  it('writes the order body with signed contracts as a string (gate-api FuturesOrder.size), market = price 0 IOC, post-only = poc', () => {
    expect(JSON.parse(orderBody(request({}), BTC, '12'))).toEqual({ contract: 'BTC_USDT', size: '12', price: '65000.1', tif: 'gtc', text: 't-abc-1' });
    const sell = orderBody(request({ side: 'sell', type: 'market', price: '', timeInForce: 'ioc', reduceOnly: true }), BTC, '3');
    expect(sell).toBe('{"contract":"BTC_USDT","size":"-3","price":"0","tif":"ioc","text":"t-abc-1","reduce_only":true}');
    expect(JSON.parse(orderBody(request({ postOnly: true }), BTC, '1')).tif).toBe('poc');
    expect(JSON.parse(orderBody(request({}), BTC, '1.5')).size).toBe('1.5'); // decimal-size contracts travel as strings
  });

  it('refuses client order ids the venue would truncate', () => {
    expect(() => orderBody(request({ clientOrderId: 'x'.repeat(29) }), BTC, '1')).toThrow(/at most 28/);
  });
});

describe('Gate.io futures fills, positions, account', () => {
  it('reads a trade-history fill (my_trades_timerange: trade_id) and a websocket fill (id; fee as a JSON number) exactly', () => {
    const [rest] = exact('private-rest-my-trades-timerange.json');
    expect(fillFromTradeHistory(rest, BTC)).toEqual({
      fillId: '121234231',
      orderId: '21893289839',
      clientOrderId: '123456',
      symbol: BTC.symbol,
      side: 'buy',
      price: '100.123',
      quantity: '0.01',
      fee: '0.01',
      feeAsset: 'USDT',
      isMaker: false,
      timestampMs: 1514764800123,
    });
    const [push] = exact('private-ws-usertrades.json').result;
    expect(fillFromPush(push, BTC)).toMatchObject({ fillId: '3335259', fee: '0.0009290592', isMaker: true, quantity: '0.0001', timestampMs: 1628736848321 });
  });

  it('refuses a trade-history row without trade_id (the /my_trades shape), never inventing a fill id', () => {
    const [myTrades] = exact('private-rest-my-trades.json'); // GET /my_trades names it `id`
    expect(() => fillFromTradeHistory(myTrades, BTC)).toThrow(/gateio_futures sent a trade id undefined, which is not an id/);
  });

  it('reads a short cross position with a negative unrealised PnL', () => {
    const position = positionFromWire(exact('private-rest-position.json'), BTC);
    expect(position).toEqual({
      symbol: BTC.symbol,
      side: 'short',
      contracts: '9440',
      baseQuantity: '0.944',
      entryPrice: '3779.55',
      markPrice: '3780.32',
      leverage: 0,
      marginMode: 'cross',
      margin: '4.431548146258',
      unrealisedPnl: '-0.000507486844',
      realisedPnl: '0.045543982432',
      liquidationPrice: '99999999',
      updatedMs: 1684994406000,
    });
  });

  it('a flat position has no entry or liquidation price', () => {
    const flat = positionFromWire({ contract: 'BTC_USDT', size: '0', leverage: '10', entry_price: '0', liq_price: '0' }, BTC);
    expect(flat).toMatchObject({ side: 'flat', contracts: '0', baseQuantity: '0', entryPrice: '', liquidationPrice: '', leverage: 10, marginMode: 'isolated' });
  });

  it('reads the futures account', () => {
    const account = exact('private-rest-account.json');
    expect(futuresBalanceFromAccount(account)).toEqual({
      asset: 'USDT',
      total: '9707.803567115145',
      available: '9669.091377934145',
      positionMargin: '38.712189181',
      orderMargin: '0',
      unrealisedPnl: '3371.248828',
    });
    expect(balanceFromAccount(account)).toEqual({ asset: 'USDT', free: '9669.091377934145', locked: '38.712189181' });
    expect(account.user).toBe('1666');
  });

  it('checks leverage against the contract before asking the venue', () => {
    expect(() => requireLeverageInRange(101, BTC, 'gateio_futures')).toThrow(/outside BTC\/USDT's range on gateio_futures: 1 to 100/);
    expect(() => requireLeverageInRange(0, BTC, 'gateio_futures')).toThrow(/outside/);
    expect(() => requireLeverageInRange(100, BTC, 'gateio_futures')).not.toThrow();
  });

  it('tells seconds from milliseconds', () => {
    expect(millisOf('1514764800.123')).toBe(1514764800123);
    expect(millisOf('1541505434123')).toBe(1541505434123);
    expect(millisOf(undefined)).toBe(0);
  });
});
