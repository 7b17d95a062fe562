import { describe, expect, it } from 'vitest';
import { TopNDiffer } from '../src/common/top-n-differ.js';
import { MatchingEngine, parseScaled } from '../src/engine/index.js';

// A depth push over a REST snapshot taken in the middle of its U..u range (Gate's documented
// order_book_update procedure) must leave the client with the venue's book, so a level that
// came and went during U..u has to be in the push.

const p = (s: string) => parseScaled(s, 2);
const q = (s: string) => parseScaled(s, 3);

describe('TopNDiffer', () => {
  it('reports a level added and removed again within one push as deleted', () => {
    let now = 1_700_000_000_000;
    const engine = new MatchingEngine({ clock: () => now++, initialUpdateId: 100 });
    engine.addInstrument({ symbol: 'X', priceScale: 2, qtyScale: 3, tickSize: 1n, lotSize: 1n });
    engine.submit('X', { side: 'buy', type: 'limit', price: p('10.00'), quantity: q('1') });
    const differ = new TopNDiffer(engine, 'X', 20);
    engine.onBookEvent((event) => differ.note(event.changes));

    const added = engine.submit('X', { side: 'buy', type: 'limit', price: p('10.01'), quantity: q('2') });
    const snapshot = engine.view('X', 20); // a REST snapshot between the two changes
    engine.cancel('X', added.orderId);
    const push = differ.next()!;

    expect(snapshot.bids).toEqual([
      [p('10.01'), q('2')],
      [p('10.00'), q('1')],
    ]);
    expect(push.firstU).toBeLessThanOrEqual(snapshot.updateId + 1);
    expect(push.u).toBeGreaterThanOrEqual(snapshot.updateId + 1);
    expect(push.bids).toEqual([[p('10.01'), 0n]]);
    expect(differ.next()).toBeUndefined();
  });

  it('leaves out touched levels beyond a full view', () => {
    let now = 1_700_000_000_000;
    const engine = new MatchingEngine({ clock: () => now++, initialUpdateId: 100 });
    engine.addInstrument({ symbol: 'X', priceScale: 2, qtyScale: 3, tickSize: 1n, lotSize: 1n });
    engine.submit('X', { side: 'buy', type: 'limit', price: p('10.00'), quantity: q('1') });
    const differ = new TopNDiffer(engine, 'X', 1);
    engine.onBookEvent((event) => differ.note(event.changes));
    engine.submit('X', { side: 'buy', type: 'limit', price: p('9.00'), quantity: q('1') });
    engine.submit('X', { side: 'buy', type: 'limit', price: p('10.00'), quantity: q('1') });
    expect(differ.next()!.bids).toEqual([[p('10.00'), q('2')]]);
  });
});
