import type { OrderRequest, PrivateListener } from '../../src/core/private-exchange.js';

// What the contract tests share to drive the adapters: the traffic is under test, not the orders.

/** A BTC/USDT limit buy of 0.001 (GTC, no price); each test sets what it exercises. */
export function contractOrder(overrides: Partial<OrderRequest>): OrderRequest {
  return {
    symbol: { base: 'BTC', quote: 'USDT' },
    side: 'buy',
    type: 'limit',
    quantity: '0.001',
    price: '',
    quoteQuantity: '',
    timeInForce: 'gtc',
    postOnly: false,
    clientOrderId: 'contract-1',
    ...overrides,
  };
}

/** A private (and futures) listener that ignores every event. */
export const ignoreEvents: PrivateListener & { onPosition(): void } = { onOrder: () => {}, onFill: () => {}, onBalances: () => {}, onStreamState: () => {}, onPosition: () => {} };
