import { describe, expect, it } from 'vitest';
import { GatewayError, type ContractInfo, type Pair } from '@cexgw/adapters';
import type { PlaceFuturesOrderRequestMessage } from '@cexgw/grpc';
import { parsePlaceFuturesOrder } from '../services/trading/src/futures-order-checks.js';

// A futures order names its size explicitly: whole contracts, or a base quantity that is an
// exact number of contracts. Both must become the same base-unit order; nothing is rounded.

const contracts: Record<string, ContractInfo> = {
  BTC: {
    symbol: { base: 'BTC', quote: 'USDT' },
    venueSymbol: 'BTC_USDT',
    contractMultiplier: '0.0001',
    priceTick: '0.1',
    minContracts: '1',
    maxContracts: '1000000',
    minLeverage: 1,
    maxLeverage: 100,
    fundingIntervalS: 28800,
    nextFundingTimeMs: 0,
    inDelisting: false,
  },
  XRP: {
    symbol: { base: 'XRP', quote: 'USDT' },
    venueSymbol: 'XRP_USDT',
    contractMultiplier: '10',
    priceTick: '0.0001',
    minContracts: '1',
    maxContracts: '500000',
    minLeverage: 1,
    maxLeverage: 50,
    fundingIntervalS: 28800,
    nextFundingTimeMs: 0,
    inDelisting: false,
  },
};
const contractOf = (symbol: Pair): ContractInfo => {
  const found = contracts[symbol.base];
  if (!found) throw new GatewayError('not_found', `no contract ${symbol.base}/${symbol.quote}`);
  return found;
};

const order = (overrides: Partial<PlaceFuturesOrderRequestMessage>): PlaceFuturesOrderRequestMessage => ({
  symbol: { base: 'BTC', quote: 'USDT' },
  side: 'SIDE_BUY',
  type: 'ORDER_TYPE_LIMIT',
  price: '65000.1',
  time_in_force: 'TIME_IN_FORCE_UNSPECIFIED',
  post_only: false,
  reduce_only: false,
  client_order_id: 'f-1',
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

const parse = (message: PlaceFuturesOrderRequestMessage) => parsePlaceFuturesOrder(message, contractOf, () => 'generated');

describe('PlaceFuturesOrder sizes', () => {
  it('contracts and the equivalent base quantity give the same order', () => {
    const byContracts = parse(order({ size: 'contracts', contracts: '12' }));
    const byBase = parse(order({ size: 'base_quantity', base_quantity: '0.0012' }));
    expect(byContracts.order).toEqual(byBase.order);
    expect(byContracts.order.quantity).toBe('0.0012');
    expect(byContracts.contracts).toBe('12');
    expect(byBase.contracts).toBe('12');
  });

  it('handles multipliers above one', () => {
    const parsed = parse(order({ symbol: { base: 'XRP', quote: 'USDT' }, price: '0.5234', size: 'base_quantity', base_quantity: '150' }));
    expect(parsed.contracts).toBe('15');
    expect(parsed.order.quantity).toBe('150');
    expect(refusal(() => parse(order({ symbol: { base: 'XRP', quote: 'USDT' }, price: '0.5234', size: 'base_quantity', base_quantity: '155' }))).message).toMatch(
      /155 is not a whole number of XRP_USDT contracts \(1 contract = 10\); use 150 \(15 contracts\) or 160/,
    );
  });

  it('refuses a base quantity below one contract, naming the smallest size', () => {
    const error = refusal(() => parse(order({ size: 'base_quantity', base_quantity: '0.00005' })));
    expect(error.kind).toBe('invalid_argument');
    expect(error.message).toMatch(/use 0.0001, or give contracts/);
  });

  it('refuses fractional contracts, missing sizes and zero', () => {
    expect(refusal(() => parse(order({ size: 'contracts', contracts: '1.5' }))).message).toMatch(/contracts 1.5 is not a whole number; BTC_USDT trades whole contracts \(1 contract = 0.0001 BTC\)/);
    expect(refusal(() => parse(order({}))).message).toMatch(/give the size as contracts .* or as base_quantity/);
    expect(refusal(() => parse(order({ size: 'contracts', contracts: '0' }))).message).toMatch(/contracts must be greater than zero/);
    expect(refusal(() => parse(order({ size: 'contracts', contracts: '-3' }))).message).toMatch(/must not be negative/);
  });

  it('carries reduce-only and the spot rules (market orders take no price)', () => {
    const parsed = parse(order({ type: 'ORDER_TYPE_MARKET', price: '', side: 'SIDE_SELL', size: 'contracts', contracts: '3', reduce_only: true }));
    expect(parsed.order).toMatchObject({ side: 'sell', type: 'market', quantity: '0.0003', price: '', timeInForce: 'ioc', reduceOnly: true, clientOrderId: 'f-1' });
    expect(refusal(() => parse(order({ type: 'ORDER_TYPE_MARKET', size: 'contracts', contracts: '3' }))).message).toMatch(/price must be empty for a MARKET order/);
  });

  it('an unknown contract is NOT_FOUND before anything else', () => {
    expect(refusal(() => parse(order({ symbol: { base: 'DOGE', quote: 'USDT' }, size: 'contracts', contracts: '1' }))).kind).toBe('not_found');
  });
});
