import { describe, expect, it } from 'vitest';
import { GatewayError, type OrderRequest } from '@cexgw/adapters';
import type { PlaceOrderRequestMessage } from '@cexgw/grpc';
import { checkSymbolRules, parseDecimalField, parsePlaceOrder } from '../services/trading/src/order-checks.js';
import { BTC, ETH, symbolInfo } from './support/scripted-private-exchange.js';

// Checks before anything leaves: malformed requests and the venue's symbol rules, exactly on
// decimal strings (including values floating point gets wrong).

const limitBuy = (overrides: Partial<PlaceOrderRequestMessage> = {}): PlaceOrderRequestMessage => ({
  symbol: { base: 'BTC', quote: 'USDT' },
  side: 'SIDE_BUY',
  type: 'ORDER_TYPE_LIMIT',
  quantity: '0.01',
  price: '65000.5',
  time_in_force: 'TIME_IN_FORCE_UNSPECIFIED',
  post_only: false,
  client_order_id: 'abc-1',
  quote_quantity: '',
  ...overrides,
});

function refusal(work: () => unknown): GatewayError {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayError);
    return error as GatewayError;
  }
  throw new Error('expected a refusal');
}

const parse = (overrides: Partial<PlaceOrderRequestMessage> = {}) => parsePlaceOrder(limitBuy(overrides), () => 'generated-1');

describe('parsePlaceOrder', () => {
  it('turns a well-formed request into an OrderRequest with canonical decimals and defaults', () => {
    const { order, clientGivenId } = parse({ quantity: '0.0100', price: '065000.50', symbol: { base: 'btc', quote: 'usdt' } });
    expect(order).toEqual({
      symbol: BTC,
      side: 'buy',
      type: 'limit',
      quantity: '0.01',
      price: '65000.5',
      quoteQuantity: '',
      timeInForce: 'gtc',
      postOnly: false,
      clientOrderId: 'abc-1',
    });
    expect(clientGivenId).toBe(true);
  });

  it('generates a client order id when the client gave none (and says so)', () => {
    const { order, clientGivenId } = parse({ client_order_id: '' });
    expect(order.clientOrderId).toBe('generated-1');
    expect(clientGivenId).toBe(false);
  });

  it.each([
    [{ client_order_id: 'has space' }, 'client_order_id "has space" must be 1-32 characters of A-Z, a-z, 0-9, "_" and "-"'],
    [{ client_order_id: 'x'.repeat(33) }, 'must be 1-32 characters'],
    [{ client_order_id: 'ünïcode' }, 'must be 1-32 characters'],
    [{ symbol: null }, 'symbol is required'],
    [{ symbol: { base: 'BTC', quote: '' } }, 'symbol needs both base and quote'],
    [{ side: 'SIDE_UNSPECIFIED' }, 'side is required: SIDE_BUY or SIDE_SELL'],
    [{ side: 7 as never }, 'side 7 is not a known value; use SIDE_BUY or SIDE_SELL'],
    [{ type: 'ORDER_TYPE_UNSPECIFIED' }, 'type is required: ORDER_TYPE_LIMIT or ORDER_TYPE_MARKET'],
    [{ type: 'ORDER_TYPE_STOP' as never }, 'type "ORDER_TYPE_STOP" is not a known value'],
    [{ time_in_force: 9 as never }, 'time_in_force 9 is not a known value'],
    [{ price: '' }, 'price is required (a decimal string such as "0.001")'],
    [{ quantity: '' }, 'quantity is required'],
    [{ quantity: '-1' }, 'quantity "-1" is not a decimal number: it must not be negative'],
    [{ quantity: '1e-3' }, 'exponent notation is not accepted'],
    [{ quantity: ' 0.1' }, 'remove the spaces around it'],
    [{ price: '65,000' }, 'use "." as the decimal point and no thousands separators'],
    [{ price: 'abc' }, 'price "abc" is not a decimal number'],
    [{ price: '0x10' }, 'price "0x10" is not a decimal number'],
    [{ price: 'NaN' }, 'price "NaN" is not a decimal number'],
    [{ price: '0.000' }, 'price must be greater than zero'],
    [{ price: '1'.repeat(41) }, 'at most 40'],
    [{ quote_quantity: '10' }, 'quote_quantity applies to MARKET BUY orders only'],
    [{ post_only: true, time_in_force: 'TIME_IN_FORCE_IOC' }, 'time_in_force IOC cannot be post-only'],
    [{ type: 'ORDER_TYPE_MARKET' }, 'price must be empty for a MARKET order'],
    [{ type: 'ORDER_TYPE_MARKET', price: '', post_only: true }, 'post_only applies to LIMIT orders'],
    [{ type: 'ORDER_TYPE_MARKET', price: '', time_in_force: 'TIME_IN_FORCE_GTC' }, 'time_in_force GTC does not apply'],
    [{ type: 'ORDER_TYPE_MARKET', price: '', quantity: '', quote_quantity: '' }, 'a MARKET BUY needs quantity (base amount) or quote_quantity'],
    [{ type: 'ORDER_TYPE_MARKET', price: '', quantity: '1', quote_quantity: '10' }, 'not both'],
    [{ type: 'ORDER_TYPE_MARKET', side: 'SIDE_SELL', price: '', quote_quantity: '10' }, 'a MARKET SELL is sized by quantity'],
  ] as Array<[Partial<PlaceOrderRequestMessage>, string]>)('refuses %j with INVALID_ARGUMENT', (overrides, message) => {
    const error = refusal(() => parse(overrides));
    expect(error.kind).toBe('invalid_argument');
    expect(error.message).toContain(message);
  });

  it('accepts market orders: buy by quote amount (IOC by default), sell by base', () => {
    expect(parse({ type: 'ORDER_TYPE_MARKET', price: '', quantity: '', quote_quantity: '100' }).order).toMatchObject({
      type: 'market',
      quantity: '',
      quoteQuantity: '100',
      price: '',
      timeInForce: 'ioc',
    });
    expect(parse({ type: 'ORDER_TYPE_MARKET', side: 'SIDE_SELL', price: '', time_in_force: 'TIME_IN_FORCE_FOK' }).order).toMatchObject({ side: 'sell', quantity: '0.01', timeInForce: 'fok' });
  });

  it('accepts post-only GTC limit orders', () => {
    expect(parse({ post_only: true, time_in_force: 'TIME_IN_FORCE_GTC' }).order).toMatchObject({ postOnly: true, timeInForce: 'gtc' });
  });
});

describe('parseDecimalField', () => {
  it('canonicalises without ever going through a float', () => {
    expect(parseDecimalField('0.1000', 'x', true)).toBe('0.1');
    expect(parseDecimalField('.5', 'x', true)).toBe('0.5');
    expect(parseDecimalField('12.', 'x', true)).toBe('12');
    expect(parseDecimalField('123456789012345678901234567890.123456789', 'x', true)).toBe('123456789012345678901234567890.123456789');
    expect(parseDecimalField('', 'x', false)).toBe('');
  });
});

const order = (fields: Partial<OrderRequest>): OrderRequest => ({
  symbol: BTC,
  side: 'buy',
  type: 'limit',
  quantity: '0.01',
  price: '65000',
  quoteQuantity: '',
  timeInForce: 'gtc',
  postOnly: false,
  clientOrderId: 'c',
  ...fields,
});

describe('checkSymbolRules (BTC/USDT: tick 0.01, step 0.0001, quantity 0.0001..1000, notional 5..1000000)', () => {
  const info = symbolInfo(BTC);
  const check = (fields: Partial<OrderRequest>, rules = info) => checkSymbolRules(order(fields), rules, 'test_venue');

  it('passes an order that meets every rule', () => {
    expect(() => check({ price: '65000.01', quantity: '0.0123' })).not.toThrow();
    expect(() => check({ price: '5', quantity: '1' })).not.toThrow(); // notional exactly the minimum
    expect(() => check({ price: '1000', quantity: '1000' })).not.toThrow(); // exactly the maximum
  });

  it.each([
    [{ price: '65000.001' }, "price_tick: price 65000.001 is not a multiple of BTC/USDT's price tick 0.01"],
    [{ quantity: '0.00015' }, "quantity_step: quantity 0.00015 is not a multiple of BTC/USDT's quantity step 0.0001"],
    [{ quantity: '1000.0001' }, "max_quantity: quantity 1000.0001 is above BTC/USDT's maximum 1000"],
    [{ price: '1', quantity: '4.9999' }, "min_notional: notional 4.9999 (price 1 x quantity 4.9999) is below BTC/USDT's minimum 5 USDT"],
    [{ price: '1000.01', quantity: '1000' }, "max_notional: notional 1000010 (price 1000.01 x quantity 1000) is above BTC/USDT's maximum 1000000 USDT"],
    [{ type: 'market', price: '', quantity: '', quoteQuantity: '4.99' }, "min_notional: quote_quantity 4.99 is below BTC/USDT's minimum 5 USDT"],
  ] as Array<[Partial<OrderRequest>, string]>)('refuses %j naming the rule and the values', (fields, message) => {
    const error = refusal(() => check(fields));
    expect(error.kind).toBe('invalid_argument');
    expect(error.message).toBe(message);
  });

  it('refuses a quantity below the minimum', () => {
    const rules = symbolInfo(BTC, { minQuantity: '0.001', quantityStep: '0.0001' });
    expect(refusal(() => check({ quantity: '0.0009', price: '65000' }, rules)).message).toBe("min_quantity: quantity 0.0009 is below BTC/USDT's minimum 0.001");
  });

  it('is exact where floating point is not', () => {
    const eth = symbolInfo(ETH, { priceTick: '0.1', quantityStep: '0.001', minNotional: '0.3', maxNotional: '0' });
    // 0.3 % 0.1 === 0.09999999999999998 and 0.7 / 0.1 === 6.999999999999999 in floating point.
    expect(0.3 % 0.1).not.toBe(0);
    expect(() => checkSymbolRules(order({ symbol: ETH, price: '0.3', quantity: '1' }), eth, 'v')).not.toThrow();
    expect(() => checkSymbolRules(order({ symbol: ETH, price: '0.7', quantity: '1' }), eth, 'v')).not.toThrow();
    // 0.1 x 3 === 0.30000000000000004 in floating point, above a 0.3 maximum; exactly 0.3 here.
    expect(0.1 * 3).toBeGreaterThan(0.3);
    const capped = symbolInfo(ETH, { priceTick: '0.1', quantityStep: '1', minNotional: '0', maxNotional: '0.3', minQuantity: '0', maxQuantity: '0' });
    expect(() => checkSymbolRules(order({ symbol: ETH, price: '0.1', quantity: '3' }), capped, 'v')).not.toThrow();
    // 1.1 x 1.1 === 1.2100000000000002; min notional 1.21 is met exactly.
    const min = symbolInfo(ETH, { priceTick: '0.1', quantityStep: '0.1', minNotional: '1.21', maxNotional: '0', minQuantity: '0' });
    expect(() => checkSymbolRules(order({ symbol: ETH, price: '1.1', quantity: '1.1' }), min, 'v')).not.toThrow();
    expect(refusal(() => checkSymbolRules(order({ symbol: ETH, price: '1.1', quantity: '1' }), min, 'v')).message).toContain('min_notional: notional 1.1');
    // A tick far below float precision at a large price.
    const fine = symbolInfo(BTC, { priceTick: '0.00000001', maxNotional: '0' });
    expect(() => checkSymbolRules(order({ price: '123456789.12345678', quantity: '1' }), fine, 'v')).not.toThrow();
    expect(refusal(() => checkSymbolRules(order({ price: '123456789.123456789', quantity: '1' }), fine, 'v')).message).toContain('price_tick');
  });

  it('treats "" and "0" venue limits as no limit', () => {
    const open = symbolInfo(BTC, { priceTick: '', quantityStep: '0', minQuantity: '', maxQuantity: '0', minNotional: '', maxNotional: '0' });
    expect(() => check({ price: '0.123456789', quantity: '0.000000001' }, open)).not.toThrow();
  });

  it('refuses orders on a halted symbol (FAILED_PRECONDITION)', () => {
    const error = refusal(() => check({}, symbolInfo(BTC, { status: 'halted' })));
    expect(error.kind).toBe('venue_rejected');
    expect(error.message).toBe('BTC/USDT is halted on test_venue: it accepts no orders now');
  });
});
