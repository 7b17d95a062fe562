import { readFileSync } from 'node:fs';
import { PushDataV3ApiWrapper, type PrivateAccountV3Api, type PrivateDealsV3Api, type PrivateOrdersV3Api } from '@cexgw/mexc-proto';
import { describe, expect, it } from 'vitest';
import { gateioErrorClassifier } from '../src/gateio/common/errors.js';
import { balanceFromPush, clientOrderIdFromText, fillFromWire, orderBody, orderFromWire, textFromClientOrderId } from '../src/gateio/spot/private-parse.js';
import { mexcErrorClassifier } from '../src/mexc/spot/errors.js';
import * as mexc from '../src/mexc/spot/private-parse.js';
import { MexcSpotPrivate } from '../src/mexc/spot/private.js';
import { silentLogger } from '../src/core/logger.js';
import type { Fill, PrivateListener } from '../src/core/private-exchange.js';

// Private messages in the venues' documented / captured shapes (fixtures/*/private-*.json).
const read = (venue: string, name: string) => readFileSync(new URL(`./fixtures/${venue}/${name}`, import.meta.url), 'utf8');
const json = <T = any>(venue: string, name: string) => JSON.parse(read(venue, name)) as T;
const BTC = { base: 'BTC', quote: 'USDT' };

describe('MEXC private parsing', () => {
  it('maps a queried order and a trade from REST', () => {
    const order = mexc.orderFromWire(json('mexc', 'private-rest-query-order.json'), { base: 'ATLAS', quote: 'USDT' });
    expect(order).toMatchObject({
      orderId: 'C02__385413065019117569043',
      side: 'sell',
      type: 'market',
      status: 'filled',
      price: '',
      quantity: '1220',
      filledQuantity: '1220',
      filledQuoteQuantity: '5.54124',
      averageFillPrice: '0.004542',
    });
    const [trade] = json<any[]>('mexc', 'private-rest-my-trades.json');
    expect(mexc.fillFromMyTrade(trade, { base: 'ATLAS', quote: 'USDT' })).toMatchObject({
      fillId: 'dd44f79dda764c2e927a190ac5e7a1e5',
      side: 'sell',
      quantity: '1220',
      fee: '0',
      feeAsset: 'USDT',
      isMaker: false,
      clientOrderId: '',
    });
  });

  it('maps protobuf deal and order pushes built from the documented decoded form', () => {
    const decode = (name: string) => PushDataV3ApiWrapper.decode(PushDataV3ApiWrapper.encode(PushDataV3ApiWrapper.fromObject(json('mexc', name))).finish());
    const deal = decode('private-ws-deals.json');
    expect(mexc.fillFromDeal(deal.privateDeals as PrivateDealsV3Api, { base: 'MX', quote: 'USDT' })).toEqual({
      fillId: '505979017439002624X1',
      orderId: 'C02__505979017439002624115',
      clientOrderId: '',
      symbol: { base: 'MX', quote: 'USDT' },
      side: 'sell',
      price: '3.6962',
      quantity: '1',
      fee: '0.0003998377369698171',
      feeAsset: 'MX',
      isMaker: false,
      timestampMs: 1736417034280,
    });
    const order = mexc.orderFromPush(decode('private-ws-orders.json').privateOrders as PrivateOrdersV3Api, { base: 'MX', quote: 'USDT' }, 0);
    expect(order).toMatchObject({ type: 'market', status: 'filled', side: 'sell', filledQuantity: '1', averageFillPrice: '3.6962' });
  });

  it('folds time in force and post-only into the venue order type', () => {
    const base = { symbol: BTC, side: 'buy', quantity: '1', price: '1', quoteQuantity: '', clientOrderId: 'x' } as const;
    expect(mexc.venueOrderType({ ...base, type: 'limit', timeInForce: 'gtc', postOnly: true })).toBe('LIMIT_MAKER');
    expect(mexc.venueOrderType({ ...base, type: 'limit', timeInForce: 'ioc', postOnly: false })).toBe('IMMEDIATE_OR_CANCEL');
    expect(mexc.venueOrderType({ ...base, type: 'limit', timeInForce: 'fok', postOnly: false })).toBe('FILL_OR_KILL');
    expect(mexc.venueOrderType({ ...base, type: 'market', timeInForce: 'gtc', postOnly: false })).toBe('MARKET');
  });

  it('computes average prices exactly', () => {
    expect(mexc.averagePrice('0.3', '0.1')).toBe('3');
    expect(mexc.averagePrice('1', '3')).toBe('0.333333333333');
    expect(mexc.averagePrice('0', '0')).toBe('');
  });

  it("reads every documented and captured order shape, the cancel answer's own client id included", () => {
    const cancelled = mexc.orderFromCancel(json('mexc', 'private-rest-cancel-order.json'), { base: 'LTC', quote: 'BTC' }, 1700000000000);
    expect(cancelled).toMatchObject({
      orderId: '4',
      clientOrderId: 'myOrder1',
      side: 'buy',
      type: 'limit',
      status: 'cancelled',
      price: '2',
      quantity: '1',
      filledQuantity: '0',
      createdMs: 0,
      updatedMs: 1700000000000,
    });
    expect(() => mexc.orderFromWire(json('mexc', 'private-rest-cancel-order.json'), { base: 'LTC', quote: 'BTC' })).toThrow(/an order time/);
    const [open] = json<any[]>('mexc', 'private-rest-open-orders.json');
    expect(mexc.orderFromWire(open, { base: 'LTC', quote: 'BTC' })).toMatchObject({ orderId: '1', clientOrderId: 'myOrder1', status: 'open', price: '0.1', quantity: '1', createdMs: 1499827319559 });
    const placed = mexc.orderFromPlacement(json('mexc', 'private-rest-new-order.json'), {
      symbol: BTC,
      side: 'buy',
      type: 'limit',
      quantity: '50',
      price: '0.1',
      quoteQuantity: '',
      timeInForce: 'gtc',
      postOnly: false,
      clientOrderId: 'c',
    });
    expect(placed).toMatchObject({ orderId: '06a480e69e604477bfb48dddd5f0b750', status: 'open', createdMs: 1666676533741 });
    expect(mexc.balancesFromAccount(json('mexc', 'private-rest-account.json'))).toEqual([
      { asset: 'NBNTEST', free: '1111078', locked: '33' },
      { asset: 'MAIN', free: '1020000', locked: '0' },
    ]);
  });

  it('refuses a REST answer that does not read instead of guessing (malformed_response, naming the field)', () => {
    const order = json('mexc', 'private-rest-query-order.json');
    const limit = { ...order, type: 'LIMIT' };
    const refused = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        expect(error).toMatchObject({ kind: 'malformed_response', venue: 'mexc_spot' });
        return (error as Error).message;
      }
      throw new Error('expected a refusal');
    };
    const ATLAS = { base: 'ATLAS', quote: 'USDT' };
    expect(refused(() => mexc.orderFromWire({ ...order, orderId: undefined }, ATLAS))).toContain('an order id');
    expect(refused(() => mexc.orderFromWire({ ...limit, price: undefined }, ATLAS))).toContain('an order price');
    expect(refused(() => mexc.orderFromWire({ ...limit, price: '0' }, ATLAS))).toContain('a positive number');
    expect(refused(() => mexc.orderFromWire({ ...order, side: 'HOLD' }, ATLAS))).toContain('one of BUY, SELL');
    expect(refused(() => mexc.orderFromWire({ ...order, status: 'EXPIRED' }, ATLAS))).toContain('an order status');
    expect(refused(() => mexc.orderFromWire({ ...order, executedQty: 'NaN' }, ATLAS))).toContain('an executed quantity');
    expect(refused(() => mexc.orderFromWire(json('mexc', 'private-rest-query-order-documented.json'), ATLAS))).toContain('an order quantity'); // the docs' typo "Qty"
    expect(refused(() => mexc.orderFromPlacement({ symbol: 'MXUSDT' }, { symbol: BTC } as never))).toContain('a transaction time');
    const [trade] = json<any[]>('mexc', 'private-rest-my-trades.json');
    expect(refused(() => mexc.fillFromMyTrade({ ...trade, id: null }, ATLAS))).toContain('a trade id');
    expect(refused(() => mexc.fillFromMyTrade({ ...trade, price: undefined }, ATLAS))).toContain('a trade price');
    expect(refused(() => mexc.fillFromMyTrade({ ...trade, isBuyer: 'false' }, ATLAS))).toContain('isBuyer');
    expect(refused(() => mexc.fillFromMyTrade({ ...trade, commission: '0.1', commissionAsset: '' }, ATLAS))).toContain('a fee asset');
    expect(refused(() => mexc.balancesFromAccount({ balances: [{ asset: 'USDT', free: '-1', locked: '0' }] }))).toContain('a free balance');
    expect(refused(() => mexc.listOf({ code: 0 }, 'open orders'))).toContain('a list');
  });

  it('refuses protobuf pushes with absent values: an empty id, tradeType 0, a missing price or symbol', () => {
    const decode = (name: string, change: (body: any) => void = () => {}) => {
      const object = json('mexc', name);
      change(object);
      return PushDataV3ApiWrapper.decode(PushDataV3ApiWrapper.encode(PushDataV3ApiWrapper.fromObject(object)).finish());
    };
    const MX = { base: 'MX', quote: 'USDT' };
    const dealWith = (change: (o: any) => void) => () => mexc.fillFromDeal(decode('private-ws-deals.json', change).privateDeals as PrivateDealsV3Api, MX);
    expect(dealWith((o) => delete o.privateDeals.tradeId)).toThrow(/a trade id/);
    expect(dealWith((o) => (o.privateDeals.tradeType = 0))).toThrow(/a trade type/);
    expect(dealWith((o) => delete o.privateDeals.price)).toThrow(/a trade price/);
    expect(dealWith((o) => delete o.privateDeals.time)).toThrow(/a trade time/);
    const orderWith = (change: (o: any) => void) => () => mexc.orderFromPush(decode('private-ws-orders.json', change).privateOrders as PrivateOrdersV3Api, MX, 0);
    expect(orderWith((o) => delete o.privateOrders.id)).toThrow(/an order id/);
    expect(orderWith((o) => (o.privateOrders.tradeType = 0))).toThrow(/a trade type/);
    expect(orderWith((o) => (o.privateOrders.orderType = 100))).toThrow(/an order type/);
    expect(orderWith((o) => ((o.privateOrders.orderType = 1), delete o.privateOrders.price))).toThrow(/an order price/);
    expect(orderWith((o) => (o.privateOrders.status = 0))).toThrow(/an order status/);
    expect(() => mexc.symbolOfPush('', () => MX)).toThrow(/a push symbol/);
    expect(() => mexc.symbolOfPush('NOPE', () => undefined)).toThrow(/a symbol the venue lists/);
    const account = decode('private-ws-account.json').privateAccount as PrivateAccountV3Api;
    expect(mexc.balanceFromPush(account)).toEqual({ asset: 'USDT', free: '0.006016465074677006', locked: '4.4022' });
    expect(() => mexc.balanceFromPush({ ...account, vcoinName: '' } as PrivateAccountV3Api)).toThrow(/an asset/);
  });

  it("takes an order push's update time from the venue (wrapper sendTime), not the local clock", () => {
    const wrapper = PushDataV3ApiWrapper.decode(PushDataV3ApiWrapper.encode(PushDataV3ApiWrapper.fromObject(json('mexc', 'private-ws-orders.json'))).finish());
    const order = mexc.orderFromPush(wrapper.privateOrders as PrivateOrdersV3Api, { base: 'MX', quote: 'USDT' }, 1736417034281);
    expect(order).toMatchObject({ createdMs: 1736417034259, updatedMs: 1736417034281, price: '', quantity: '1' });
  });

  it('classifies private errors with the venue code', () => {
    const classify = (name: string) => mexcErrorClassifier('mexc_spot').classifyHttp(400, read('mexc', name), {});
    expect(classify('private-rest-error-insufficient.json')).toMatchObject({ kind: 'insufficient_balance', venueCode: '30004' });
    expect(classify('private-rest-error-signature.json').kind).toBe('unauthenticated');
    expect(classify('private-rest-error-timestamp.json').kind).toBe('unauthenticated');
    expect(classify('private-rest-error-unknown-order.json').kind).toBe('not_found');
    expect(classify('private-rest-error-api-key-required.json').kind).toBe('unauthenticated');
  });

  it("classifies the codes of MEXC's error table a trading gateway meets, so a refused order is known not placed", () => {
    const kind = (code: number, msg: string, status = 400) => mexcErrorClassifier('mexc_spot').classifyHttp(status, JSON.stringify({ code, msg }), {}).kind;
    // (code, DOC text) -> kind
    expect(kind(30005, 'Oversold')).toBe('insufficient_balance');
    expect(kind(30014, 'invalid symbol')).toBe('not_found');
    expect(kind(30021, 'invalid symbol')).toBe('not_found');
    expect(kind(10073, 'invalid Request-Time')).toBe('unauthenticated');
    expect(kind(30000, 'suspended transaction for the symbol')).toBe('venue_rejected');
    expect(kind(30016, 'trading disabled')).toBe('venue_rejected');
    expect(kind(30018, 'market order is disabled')).toBe('venue_rejected');
    expect(kind(30029, 'Cannot exceed the maximum order limit')).toBe('venue_rejected');
    expect(kind(30020, 'no permission for the symbol')).toBe('permission_denied');
    expect(kind(70011, 'Pair user ban trade apikey.')).toBe('permission_denied');
    expect(kind(30003, 'The maximum transaction volume cannot be greater than :')).toBe('invalid_argument');
    expect(kind(30026, 'invalid order ids')).toBe('not_found');
    expect(kind(10101, 'Insufficient balance')).toBe('insufficient_balance');
    expect(kind(504, 'Gateway Time-out', 504)).toBe('timeout');
    expect(kind(503, 'service not available, please try again', 503)).toBe('venue_unavailable');
    // 400 is "api key required" in the table, but live answers use it for bad parameters too
    expect(kind(400, 'api key required')).toBe('unauthenticated');
    expect(kind(400, 'The start time cannot be earlier than 90 days')).toBe('invalid_argument');
  });
});

describe('Gate.io private parsing', () => {
  it('maps an order, a REST trade and websocket pushes', () => {
    expect(orderFromWire(json('gateio', 'private-rest-order.json'), BTC)).toMatchObject({
      orderId: '1852454420',
      clientOrderId: 'abc123',
      status: 'filled',
      quantity: '0.001',
      filledQuantity: '0.001',
      filledQuoteQuantity: '63.4693',
      averageFillPrice: '63469.3',
      createdMs: 1710488334073,
    });
    const [trade] = json<any[]>('gateio', 'private-rest-my-trades.json');
    expect(fillFromWire(trade, { base: 'ETH', quote: 'BTC' })).toMatchObject({
      fillId: '1232893232',
      clientOrderId: 'test',
      isMaker: true,
      fee: '0.0005',
      feeAsset: 'ETH',
      timestampMs: 1548000000123,
    });
    const [pushed] = json('gateio', 'private-ws-usertrades.json').result;
    expect(fillFromWire(pushed, BTC)).toMatchObject({ fillId: '5736713', side: 'sell', quantity: '1', price: '10000', fee: '0.002', feeAsset: '', clientOrderId: '' });
    const [balance] = json('gateio', 'private-ws-balances.json').result;
    expect(balanceFromPush(balance)).toEqual({ asset: 'USDT', free: '222244.3827', locked: '5' });
  });

  it('derives status from status, left and finish_as', () => {
    const order = json('gateio', 'private-rest-order.json');
    expect(orderFromWire({ ...order, status: 'open', left: '0.0004', filled_amount: '0.0006' }, BTC).status).toBe('partially_filled');
    expect(orderFromWire({ ...order, status: 'open', left: '0.001', filled_amount: '0' }, BTC).status).toBe('open');
    expect(orderFromWire({ ...order, status: 'cancelled', left: '0.001', filled_amount: '0', finish_as: 'cancelled' }, BTC).status).toBe('cancelled');
    expect(orderFromWire({ ...order, status: 'closed', left: '0.001', filled_amount: '0', finish_as: 'ioc' }, BTC).status).toBe('expired');
  });

  it('carries client order ids in text with the venue prefix and limit', () => {
    expect(textFromClientOrderId('abc_1-2')).toBe('t-abc_1-2');
    expect(clientOrderIdFromText('t-abc')).toBe('abc');
    expect(clientOrderIdFromText('apiv4')).toBe('');
    expect(() => textFromClientOrderId('x'.repeat(29))).toThrow(/at most 28/);
    const base = { symbol: BTC, quantity: '0.001', quoteQuantity: '', clientOrderId: 'c1', postOnly: false } as const;
    expect(orderBody({ ...base, side: 'buy', type: 'limit', price: '65000', timeInForce: 'gtc' }, 'BTC_USDT')).toEqual({
      text: 't-c1',
      currency_pair: 'BTC_USDT',
      type: 'limit',
      account: 'spot',
      side: 'buy',
      amount: '0.001',
      price: '65000',
      time_in_force: 'gtc',
    });
    expect(orderBody({ ...base, side: 'buy', type: 'limit', price: '65000', timeInForce: 'gtc', postOnly: true }, 'BTC_USDT').time_in_force).toBe('poc');
    expect(() => orderBody({ ...base, side: 'buy', type: 'market', price: '', timeInForce: 'ioc' }, 'BTC_USDT')).toThrow(/quote_quantity/);
  });

  it('classifies private errors with the venue label', () => {
    const error = gateioErrorClassifier('gateio_spot').classifyHttp(400, read('gateio', 'private-rest-error-balance.json'), {});
    expect(error).toMatchObject({ kind: 'insufficient_balance', venueCode: 'BALANCE_NOT_ENOUGH' });
    expect(gateioErrorClassifier('gateio_spot').classifyHttp(403, read('gateio', 'private-rest-error-expired.json'), {}).kind).toBe('unauthenticated');
    expect(gateioErrorClassifier('gateio_spot').classifyHttp(404, read('gateio', 'private-rest-error-client-id-not-found.json'), {}).kind).toBe('not_found');
  });
});

describe('MEXC private pushes in the adapter', () => {
  it('counts and logs a push that does not read, delivers nothing for it, and goes on with the next', async () => {
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (_o: object, msg?: string) => void warnings.push(msg ?? ''), child: () => logger };
    const exchange = new MexcSpotPrivate({ restBaseUrl: 'http://127.0.0.1:9', credentials: { apiKey: 'k', apiSecret: 's' }, logger });
    const fills: Fill[] = [];
    // The stream is not started here (no venue): the handlers are driven directly with decoded pushes.
    const driven = exchange as unknown as { listener: Partial<PrivateListener>; onDealPush(push: PushDataV3ApiWrapper): void };
    driven.listener = { onFill: (fill) => fills.push(fill) };
    const push = (change: (o: any) => void) => {
      const object = json('mexc', 'private-ws-deals.json');
      change(object);
      return PushDataV3ApiWrapper.decode(PushDataV3ApiWrapper.encode(PushDataV3ApiWrapper.fromObject(object)).finish());
    };
    driven.onDealPush(push((o) => (o.privateDeals.tradeType = 0)));
    driven.onDealPush(push((o) => delete o.symbol));
    driven.onDealPush(push(() => {}));
    expect(exchange.metrics.wsMessagesMalformed).toBe(2);
    expect(warnings).toEqual(['malformed push item dropped', 'malformed push item dropped']);
    expect(fills.map((f) => f.fillId)).toEqual(['505979017439002624X1']);
    await exchange.close();
  });
});
