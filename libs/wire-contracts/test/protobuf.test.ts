import { describe, expect, it } from 'vitest';
import { checkProtobuf, type ProtoField, type ProtoSchema } from '../src/index.js';

// The protobuf wire check on a small schema: field numbers and wire types, nested and repeated.

const field = (number: number, name: string, type: string, repeated = false): [number, ProtoField] => [number, { number, name, type, repeated }];
const schema: ProtoSchema = {
  source: { origin: 'test schema', version: 'v1' },
  messages: new Map([
    ['Push', { name: 'Push', fields: new Map([field(1, 'channel', 'string'), field(5, 'sendTime', 'int64'), field(314, 'deals', 'Deals')]) }],
    ['Deals', { name: 'Deals', fields: new Map([field(1, 'items', 'Deal', true), field(3, 'ids', 'int64', true)]) }],
    ['Deal', { name: 'Deal', fields: new Map([field(1, 'price', 'string'), field(3, 'tradeType', 'int32')]) }],
  ]),
};

/** Hand-encodes a message from [field number, wire type, payload] triples. */
function encode(fields: Array<[number, number, number | Uint8Array]>): Uint8Array {
  const out: number[] = [];
  const varint = (v: number) => {
    while (v >= 0x80) {
      out.push((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    out.push(v);
  };
  for (const [number, wireType, payload] of fields) {
    varint(number * 8 + wireType);
    if (wireType === 0) varint(payload as number);
    else {
      const bytes = payload as Uint8Array;
      varint(bytes.length);
      out.push(...bytes);
    }
  }
  return Uint8Array.from(out);
}
const text = (s: string) => new TextEncoder().encode(s);

describe('checkProtobuf', () => {
  it('passes a push whose fields the schema declares, nested and packed, and says which fields it saw', () => {
    const deal = encode([
      [1, 2, text('1.5')],
      [3, 0, 2],
    ]);
    const deals = encode([
      [1, 2, deal],
      [1, 2, deal],
      [3, 2, Uint8Array.from([1, 2, 3])],
    ]);
    const report = checkProtobuf(
      encode([
        [1, 2, text('spot@x')],
        [5, 0, 1736409765052],
        [314, 2, deals],
      ]),
      'Push',
      schema,
    );
    expect(report.violations).toEqual([]);
    expect([...report.seen].sort()).toEqual(['Deal.price', 'Deal.tradeType', 'Deals.ids', 'Deals.items', 'Push.channel', 'Push.deals', 'Push.sendTime']);
  });

  it('names a field number the schema lacks and a wire type its type is not encoded with', () => {
    const deal = encode([
      [1, 0, 7],
      [5, 2, text('580436710531641344')],
    ]);
    const report = checkProtobuf(
      encode([
        [314, 2, encode([[1, 2, deal]])],
        [9, 0, 1],
      ]),
      'Push',
      schema,
    );
    expect(report.violations).toEqual([
      { path: '$.deals.items.price', message: 'has wire type 0, but Deal.price is string (wire type 2)' },
      { path: '$.deals.items.#5', message: 'field number 5 (wire type 2) is not a field of Deal (test schema @ v1)' },
      { path: '$.#9', message: 'field number 9 (wire type 0) is not a field of Push (test schema @ v1)' },
    ]);
  });

  it('refuses a truncated message', () => {
    const whole = encode([[1, 2, text('spot@x')]]);
    expect(checkProtobuf(whole.subarray(0, whole.length - 2), 'Push', schema).violations).toEqual([{ path: '$.channel', message: 'runs past the end of its message' }]);
  });
});
