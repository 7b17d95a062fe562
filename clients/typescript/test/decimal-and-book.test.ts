import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareUnsigned, Decimal, isZero, OrderBook, OrderBookUpdateKind, type OrderBookUpdate } from '@cexgw/client';

// Exact decimals and the order book against plain references: BigInt arithmetic, and a Map of
// levels sorted after the fact.

const decimalText = fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.nat({ max: 10 }), fc.nat({ max: 3 }), fc.nat({ max: 2 })).map(([units, scale, trailingZeros, leadingZeros]) => {
  const digits = units.toString().padStart(scale + 1, '0');
  const text = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}${'0'.repeat(trailingZeros)}` : digits;
  return '0'.repeat(leadingZeros) + text;
});

function reference(value: string): { units: bigint; scale: number } {
  const [int, frac = ''] = value.split('.');
  return { units: BigInt(int! + frac), scale: frac.length };
}

function referenceCompare(a: string, b: string): number {
  const x = reference(a);
  const y = reference(b);
  const scale = Math.max(x.scale, y.scale);
  const p = x.units * 10n ** BigInt(scale - x.scale);
  const q = y.units * 10n ** BigInt(scale - y.scale);
  return p === q ? 0 : p < q ? -1 : 1;
}

describe('decimals', () => {
  it('compares unsigned decimal strings exactly, whatever their leading and trailing zeros', () => {
    fc.assert(fc.property(decimalText, decimalText, (a, b) => compareUnsigned(a, b) === referenceCompare(a, b)));
    expect(compareUnsigned('65000.10', '65000.1')).toBe(0);
    expect(compareUnsigned('9.99', '10')).toBe(-1);
  });

  it('adds, subtracts, multiplies and truncates exactly', () => {
    fc.assert(
      fc.property(decimalText, decimalText, (a, b) => {
        const sum = Decimal.parse(a).plus(Decimal.parse(b));
        const difference = Decimal.parse(a).minus(Decimal.parse(b));
        expect(referenceCompare(sum.minus(Decimal.parse(b)).toString(), a)).toBe(0);
        expect(difference.isNegative).toBe(referenceCompare(a, b) < 0);
        const product = Decimal.parse(a).times(Decimal.parse(b));
        const x = reference(a);
        const y = reference(b);
        expect(referenceCompare(product.toString(), '0') === 0).toBe(x.units === 0n || y.units === 0n);
      }),
    );
    expect(Decimal.parse('65000.1').times(Decimal.parse('1.002')).toString()).toBe('65130.1002');
    expect(Decimal.parse('0.1').plus(Decimal.parse('0.2')).toString()).toBe('0.3');
    expect(Decimal.parse('1').minus(Decimal.parse('1.5')).toString()).toBe('-0.5');
    expect(Decimal.parse('58498.29').truncate(1).toString()).toBe('58498.2');
    expect(Decimal.parse('-1').dividedBy(Decimal.parse('3'), 4).toString()).toBe('-0.3333');
    expect(() => Decimal.parse('1e5')).toThrow(/not a decimal/);
  });

  it('knows a removal quantity', () => {
    expect(['0', '0.000', '00'].map(isZero)).toEqual([true, true, true]);
    expect(['0.001', '10', ''].map(isZero)).toEqual([false, false, false]);
  });
});

function update(kind: 'snapshot' | 'delta', sequence: number, bids: Array<[string, string]>, asks: Array<[string, string]>): OrderBookUpdate {
  const level = ([price, quantity]: [string, string]) => ({ price, quantity });
  return {
    symbol: { base: 'BTC', quote: 'USDT' },
    kind: kind === 'snapshot' ? OrderBookUpdateKind.ORDER_BOOK_UPDATE_KIND_SNAPSHOT : OrderBookUpdateKind.ORDER_BOOK_UPDATE_KIND_DELTA,
    reset: kind === 'snapshot',
    sequence: String(sequence),
    firstUpdateId: String(sequence),
    lastUpdateId: String(sequence),
    bids: bids.map(level),
    asks: asks.map(level),
    venueTimestampMs: '1700000000000',
    receivedTimestampUs: '1700000000000123',
  };
}

describe('OrderBook', () => {
  it('applies random deltas exactly as a map of levels would', () => {
    const price = fc.integer({ min: 1, max: 60 }).map((n) => (n % 3 === 0 ? `${100 + n}.50` : `${100 + n}.5`));
    const quantity = fc.oneof(
      fc.constant('0'),
      fc.constant('0.000'),
      fc.integer({ min: 1, max: 999 }).map((n) => `0.${String(n).padStart(3, '0')}`),
    );
    const change = fc.tuple(fc.boolean(), price, quantity);
    fc.assert(
      fc.property(fc.array(fc.array(change, { maxLength: 8 }), { maxLength: 40 }), (deltas) => {
        const book = new OrderBook();
        const model = { bids: new Map<string, string>(), asks: new Map<string, string>() };
        book.apply(update('snapshot', 1, [], []));
        deltas.forEach((changes, i) => {
          const bids = changes.filter(([bid]) => bid).map(([, p, q]) => [p, q] as [string, string]);
          const asks = changes.filter(([bid]) => !bid).map(([, p, q]) => [p, q] as [string, string]);
          book.apply(update('delta', i + 2, bids, asks));
          for (const [side, levels] of [
            ['bids', bids],
            ['asks', asks],
          ] as const)
            for (const [p, q] of levels) {
              const key = Decimal.parse(p).toString();
              if (isZero(q)) model[side].delete(key);
              else model[side].set(key, q);
            }
        });
        const sorted = (side: Map<string, string>, descending: boolean) => [...side.entries()].sort(([a], [b]) => (descending ? -1 : 1) * referenceCompare(a, b)).map(([p, q]) => [p, q]);
        const asPairs = (levels: readonly { price: string; quantity: string }[]) => levels.map((l) => [Decimal.parse(l.price).toString(), l.quantity]);
        expect(asPairs(book.bids)).toEqual(sorted(model.bids, true));
        expect(asPairs(book.asks)).toEqual(sorted(model.asks, false));
      }),
    );
  });

  it('takes a snapshot best first even when sent out of order, without zero levels, and keeps the message intact', () => {
    const book = new OrderBook();
    const snapshot = update(
      'snapshot',
      1,
      [
        ['99', '1'],
        ['101', '2'],
        ['100', '0'],
      ],
      [
        ['103', '1'],
        ['102', '0.5'],
      ],
    );
    book.apply(snapshot);
    expect(book.bids.map((l) => l.price)).toEqual(['101', '99']);
    expect(book.asks.map((l) => l.price)).toEqual(['102', '103']);
    book.apply(update('delta', 2, [['101', '0']], []));
    expect(book.bestBid).toEqual({ price: '99', quantity: '1' });
    expect(snapshot.bids).toHaveLength(3);
    expect(book.top(1)).toEqual({ bids: [{ price: '99', quantity: '1' }], asks: [{ price: '102', quantity: '0.5' }] });
    expect([book.sequence, book.lastUpdateId, book.venueTimestampMs, book.gatewayReceivedUs]).toEqual([2, '2', '1700000000000', '1700000000000123']);
  });
});
