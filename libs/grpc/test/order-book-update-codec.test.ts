import { describe, expect, it } from 'vitest';
import type { BookEvent } from '@cexgw/adapters';
import { encodeOrderBookUpdate, loadCexgw } from '../src/index.js';

// The hand-written encoder must produce exactly what the generic protobuf loader reads as a
// cexgw.v1.OrderBookUpdate.
const decode = loadCexgw().MarketData.service.StreamOrderBook.responseDeserialize as (bytes: Buffer) => any;
const symbol = { base: 'BTC', quote: 'USDT' };

describe('encodeOrderBookUpdate', () => {
  it('encodes a snapshot', () => {
    const event: BookEvent = {
      type: 'snapshot',
      symbol,
      bids: [
        ['65000.1', '0.5'],
        ['65000', '1'],
      ],
      asks: [['65000.2', '2']],
      updateId: 73777715168,
      timestampMs: 1747054612673,
      receivedUs: 1747054612673123,
    };
    expect(decode(encodeOrderBookUpdate(event, 1))).toEqual({
      symbol,
      kind: 'ORDER_BOOK_UPDATE_KIND_SNAPSHOT',
      reset: true,
      sequence: '1',
      first_update_id: '73777715168',
      last_update_id: '73777715168',
      bids: [
        { price: '65000.1', quantity: '0.5' },
        { price: '65000', quantity: '1' },
      ],
      asks: [{ price: '65000.2', quantity: '2' }],
      venue_timestamp_ms: '1747054612673',
      received_timestamp_us: '1747054612673123',
    });
  });

  it('encodes a delta with removals and large ids', () => {
    const event: BookEvent = { type: 'delta', symbol, bids: [['1', '0']], asks: [], firstUpdateId: 2 ** 52 + 1, lastUpdateId: 2 ** 53 - 1, timestampMs: 5, receivedUs: 0 };
    expect(decode(encodeOrderBookUpdate(event, 123456789))).toEqual({
      symbol,
      kind: 'ORDER_BOOK_UPDATE_KIND_DELTA',
      reset: false,
      sequence: '123456789',
      first_update_id: String(2 ** 52 + 1),
      last_update_id: String(2 ** 53 - 1),
      bids: [{ price: '1', quantity: '0' }],
      asks: [],
      venue_timestamp_ms: '5',
      received_timestamp_us: '0',
    });
  });
});

describe('encodeOrderBookUpdate fallbacks and sizes', () => {
  it('agrees with the generic writer for non-ASCII symbols and long strings', () => {
    const long = `1.${'1'.repeat(300)}`; // a length varint of two bytes
    const event: BookEvent = {
      type: 'delta',
      symbol: { base: 'ÄBC', quote: 'USDT' },
      bids: [[long, '3']],
      asks: [['2', long]],
      firstUpdateId: 300,
      lastUpdateId: 16384,
      timestampMs: 127,
      receivedUs: 128,
    };
    const decoded = decode(encodeOrderBookUpdate(event, 1));
    expect(decoded.symbol).toEqual({ base: 'ÄBC', quote: 'USDT' });
    expect(decoded.bids).toEqual([{ price: long, quantity: '3' }]);
    const ascii = decode(encodeOrderBookUpdate({ ...event, symbol }, 2));
    expect(ascii).toMatchObject({ sequence: '2', first_update_id: '300', last_update_id: '16384', venue_timestamp_ms: '127', received_timestamp_us: '128', asks: [{ price: '2', quantity: long }] });
  });
});

describe('encodeOrderBookUpdate fan-out', () => {
  it('encodes an event once: every subscriber gets its own sequence in front of the same bytes', () => {
    const event: BookEvent = { type: 'delta', symbol, bids: [['65000.1', '0.5']], asks: [['65000.2', '0']], firstUpdateId: 7, lastUpdateId: 9, timestampMs: 5, receivedUs: 6 };
    const first = encodeOrderBookUpdate(event, 1);
    const later = encodeOrderBookUpdate(event, 300); // a two-byte varint
    expect(first.subarray(2)).toEqual(later.subarray(3));
    expect(decode(first)).toMatchObject({ sequence: '1', first_update_id: '7', last_update_id: '9' });
    expect(decode(later)).toMatchObject({ sequence: '300', bids: [{ price: '65000.1', quantity: '0.5' }], asks: [{ price: '65000.2', quantity: '0' }] });
    const next: BookEvent = { ...event, bids: [['1', '2']] }; // a new event is encoded anew
    expect(decode(encodeOrderBookUpdate(next, 2))).toMatchObject({ sequence: '2', bids: [{ price: '1', quantity: '2' }] });
  });
});

describe('encodeOrderBookUpdate varints', () => {
  it('writes every size of varint up to 2^53 - 1 as the generic decoder reads it', () => {
    const edges = [0, 1, 127, 128, 16383, 16384, 2 ** 21 - 1, 2 ** 21, 2 ** 28 - 1, 2 ** 28, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 35, 2 ** 42, 2 ** 49, 2 ** 52 + 3, 2 ** 53 - 1];
    for (const value of edges) {
      const event: BookEvent = { type: 'delta', symbol, bids: [], asks: [], firstUpdateId: value, lastUpdateId: value, timestampMs: value, receivedUs: value };
      const decoded = decode(encodeOrderBookUpdate(event, Math.max(1, value)));
      const text = String(value);
      expect(decoded, text).toMatchObject({ sequence: String(Math.max(1, value)), first_update_id: text, last_update_id: text, venue_timestamp_ms: text, received_timestamp_us: text });
    }
  });
});
