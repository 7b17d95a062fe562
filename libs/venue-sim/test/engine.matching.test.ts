import { describe, expect, it } from 'vitest';
import { MatchingEngine, formatScaled, parseScaled, type BookEvent } from '../src/engine/index.js';

function engine() {
  let now = 1_700_000_000_000;
  const e = new MatchingEngine({ clock: () => now++, initialUpdateId: 100 });
  e.addInstrument({ symbol: 'X', priceScale: 2, qtyScale: 3, tickSize: 1n, lotSize: 1n });
  const events: BookEvent[] = [];
  e.onBookEvent((ev) => events.push(ev));
  return { e, events };
}
const p = (s: string) => parseScaled(s, 2);
const q = (s: string) => parseScaled(s, 3);

describe('decimal', () => {
  it('parses and renders exactly', () => {
    expect(parseScaled('65000.1', 1)).toBe(650001n);
    expect(parseScaled('0.00020', 6)).toBe(200n);
    expect(formatScaled(200n, 6)).toBe('0.0002');
    expect(formatScaled(200n, 6, true)).toBe('0.000200');
    expect(formatScaled(650000n, 1)).toBe('65000');
    expect(formatScaled(-5n, 2)).toBe('-0.05');
    expect(() => parseScaled('1.234', 2)).toThrow();
    expect(() => parseScaled('1e5', 2)).toThrow();
  });
});

describe('matching engine', () => {
  it('rests limit orders and bumps the update id once per operation', () => {
    const { e, events } = engine();
    e.submit('X', { side: 'buy', type: 'limit', price: p('10.00'), quantity: q('1') });
    e.submit('X', { side: 'buy', type: 'limit', price: p('10.00'), quantity: q('2') });
    e.submit('X', { side: 'sell', type: 'limit', price: p('10.05'), quantity: q('1.5') });
    expect(e.updateId('X')).toBe(103);
    expect(events.map((ev) => ev.updateId)).toEqual([101, 102, 103]);
    expect(events[1]?.changes).toEqual([{ side: 'bid', price: p('10.00'), quantity: q('3') }]);
    const view = e.view('X');
    expect(view.bids).toEqual([[p('10.00'), q('3')]]);
    expect(view.asks).toEqual([[p('10.05'), q('1.5')]]);
  });

  it('fills in price-time priority with partial fills', () => {
    const { e, events } = engine();
    const a = e.submit('X', { side: 'sell', type: 'limit', price: p('10.01'), quantity: q('1') });
    const b = e.submit('X', { side: 'sell', type: 'limit', price: p('10.00'), quantity: q('1') });
    const c = e.submit('X', { side: 'sell', type: 'limit', price: p('10.00'), quantity: q('2') });
    const taker = e.submit('X', { side: 'buy', type: 'limit', price: p('10.01'), quantity: q('3.5') });
    expect(taker.status).toBe('filled');
    expect(taker.trades.map((t) => [t.makerOrderId, t.price, t.quantity])).toEqual([
      [b.orderId, p('10.00'), q('1')],
      [c.orderId, p('10.00'), q('2')],
      [a.orderId, p('10.01'), q('0.5')],
    ]);
    expect(taker.trades.map((t) => t.seq)).toEqual([1, 2, 3]);
    expect(taker.trades.every((t) => t.takerSide === 'buy')).toBe(true);
    // one operation, one update id, absolute level quantities
    const last = events[events.length - 1] as BookEvent;
    expect(last.updateId).toBe(104);
    expect(last.changes).toEqual([
      { side: 'ask', price: p('10.00'), quantity: 0n },
      { side: 'ask', price: p('10.01'), quantity: q('0.5') },
    ]);
    expect(e.view('X').asks).toEqual([[p('10.01'), q('0.5')]]);
  });

  it('rests the unfilled remainder of a crossing limit order', () => {
    const { e } = engine();
    e.submit('X', { side: 'sell', type: 'limit', price: p('10.00'), quantity: q('1') });
    const r = e.submit('X', { side: 'buy', type: 'limit', price: p('10.02'), quantity: q('3') });
    expect(r.status).toBe('partially_filled_resting');
    expect(r.filled).toBe(q('1'));
    expect(e.view('X').bids).toEqual([[p('10.02'), q('2')]]);
    expect(e.view('X').asks).toEqual([]);
  });

  it('market and IOC orders never rest; FOK is all or nothing', () => {
    const { e } = engine();
    e.submit('X', { side: 'buy', type: 'limit', price: p('9.99'), quantity: q('1') });
    const m = e.submit('X', { side: 'sell', type: 'market', quantity: q('1.5') });
    expect(m.status).toBe('partially_filled_cancelled');
    expect(m.filled).toBe(q('1'));
    expect(e.view('X').bids).toEqual([]);
    e.submit('X', { side: 'buy', type: 'limit', price: p('9.98'), quantity: q('1') });
    const fok = e.submit('X', { side: 'sell', type: 'limit', price: p('9.98'), quantity: q('2'), timeInForce: 'fok' });
    expect(fok.status).toBe('cancelled_unfilled');
    expect(e.view('X').bids).toEqual([[p('9.98'), q('1')]]);
    const ioc = e.submit('X', { side: 'sell', type: 'limit', price: p('9.99'), quantity: q('1'), timeInForce: 'ioc' });
    expect(ioc.status).toBe('cancelled_unfilled');
    expect(ioc.updateId).toBeUndefined();
  });

  it('cancels resting orders and rejects bad input', () => {
    const { e } = engine();
    const r = e.submit('X', { side: 'buy', type: 'limit', price: p('10.00'), quantity: q('1') });
    expect(e.cancel('X', r.orderId)).toBe(true);
    expect(e.cancel('X', r.orderId)).toBe(false);
    expect(e.view('X').bids).toEqual([]);
    expect(e.submit('X', { side: 'buy', type: 'limit', price: 0n, quantity: q('1') }).status).toBe('rejected');
    expect(e.submit('X', { side: 'buy', type: 'limit', price: p('1'), quantity: 0n }).status).toBe('rejected');
  });
});
