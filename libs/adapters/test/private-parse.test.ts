import { readFileSync } from 'node:fs';
import { PushDataV3ApiWrapper, type PrivateDealsV3Api, type PrivateOrdersV3Api } from '@cexgw/mexc-proto';
import { describe, expect, it } from 'vitest';
import { gateioErrorClassifier } from '../src/gateio/common/errors.js';
import { balanceFromPush, clientOrderIdFromText, fillFromWire, orderBody, orderFromWire, textFromClientOrderId } from '../src/gateio/spot/private-parse.js';
import { mexcErrorClassifier } from '../src/mexc/spot/errors.js';
import * as mexc from '../src/mexc/spot/private-parse.js';

// Private messages in the venues' documented / captured shapes (fixtures/*/private-*.json).
const read = (venue: string, name: string) => readFileSync(new URL(`./fixtures/${venue}/${name}`, import.meta.url), 'utf8');
const json = <T = any>(venue: string, name: string) => JSON.parse(read(venue, name)) as T;
const BTC = { base: 'BTC', quote: 'USDT' };

describe('MEXC private parsing', () => {
  it('maps a queried order and a trade from REST', () => {
    const order = mexc.orderFromWire(json('mexc', 'private-rest-query-order.json'), { base: 'ATLAS', quote: 'USDT' });
    expect(order).toMatchObject({ orderId: 'C02__385413065019117569043', side: 'sell', type: 'market', status: 'filled', price: '', quantity: '1220', filledQuantity: '1220', filledQuoteQuantity: '5.54124', averageFillPrice: '0.004542' });
    const [trade] = json<any[]>('mexc', 'private-rest-my-trades.json');
    expect(mexc.fillFromMyTrade(trade, { base: 'ATLAS', quote: 'USDT' })).toMatchObject({ fillId: 'dd44f79dda764c2e927a190ac5e7a1e5', side: 'sell', quantity: '1220', fee: '0', feeAsset: 'USDT', isMaker: false, clientOrderId: '' });
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
    const order = mexc.orderFromPush(decode('private-ws-orders.json').privateOrders as PrivateOrdersV3Api, { base: 'MX', quote: 'USDT' });
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

  it('classifies private errors with the venue code', () => {
    const classify = (name: string) => mexcErrorClassifier('mexc_spot').classifyHttp(400, read('mexc', name), {});
    expect(classify('private-rest-error-insufficient.json')).toMatchObject({ kind: 'insufficient_balance', venueCode: '30004' });
    expect(classify('private-rest-error-signature.json').kind).toBe('unauthenticated');
    expect(classify('private-rest-error-timestamp.json').kind).toBe('unauthenticated');
    expect(classify('private-rest-error-unknown-order.json').kind).toBe('not_found');
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
    expect(fillFromWire(trade, { base: 'ETH', quote: 'BTC' })).toMatchObject({ fillId: '1232893232', clientOrderId: 'test', isMaker: true, fee: '0.0005', feeAsset: 'ETH', timestampMs: 1548000000123 });
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
    expect(orderBody({ ...base, side: 'buy', type: 'limit', price: '65000', timeInForce: 'gtc' }, 'BTC_USDT')).toEqual({ text: 't-c1', currency_pair: 'BTC_USDT', type: 'limit', account: 'spot', side: 'buy', amount: '0.001', price: '65000', time_in_force: 'gtc' });
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
