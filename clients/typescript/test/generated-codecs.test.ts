import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { proto } from '@cexgw/client';

// The ts-proto code is generated from descriptors this package builds itself (no protoc), so its
// wire format is checked against protobufjs reading the same .proto files, both ways, on the
// messages whose shapes are least trivial: a map, a oneof, repeated messages, 64-bit integers.

const PROTOS = fileURLToPath(new URL('../../../protos/', import.meta.url));
const root = new protobuf.Root();
root.resolvePath = (_origin, target) => PROTOS + target;
root.loadSync(['cexgw/v1/market_data.proto', 'cexgw/v1/futures_trading.proto', 'cexgw/v1/diagnostics.proto'], { keepCase: true });
const reference = (name: string) => root.lookupType(`cexgw.v1.${name}`);
const plain = (type: protobuf.Type, bytes: Uint8Array) => type.toObject(type.decode(bytes), { longs: String, enums: String, defaults: false });

describe('generated codecs', () => {
  it('OrderBookUpdate: repeated levels and 64-bit integers as strings', () => {
    const message = proto.OrderBookUpdate.fromPartial({
      symbol: { base: 'BTC', quote: 'USDT' },
      kind: proto.OrderBookUpdateKind.ORDER_BOOK_UPDATE_KIND_DELTA,
      sequence: '9007199254740993', // beyond 2^53: exact only as a string
      lastUpdateId: '18446744073709551615',
      bids: [{ price: '65000.1', quantity: '0' }],
      asks: [{ price: '65000.2', quantity: '1.5' }],
      receivedTimestampUs: '1764900000000123',
    });
    const decoded = plain(reference('OrderBookUpdate'), proto.OrderBookUpdate.encode(message).finish());
    expect(decoded).toMatchObject({ kind: 'ORDER_BOOK_UPDATE_KIND_DELTA', sequence: '9007199254740993', last_update_id: '18446744073709551615', received_timestamp_us: '1764900000000123' });
    expect(decoded.asks).toEqual([{ price: '65000.2', quantity: '1.5' }]);
    const type = reference('OrderBookUpdate');
    const back = proto.OrderBookUpdate.decode(type.encode(type.fromObject(decoded)).finish());
    expect(back).toEqual(message);
  });

  it('PlaceFuturesOrderRequest: the size oneof, either member, never both', () => {
    const type = reference('PlaceFuturesOrderRequest');
    for (const size of [{ contracts: '12' }, { baseQuantity: '0.0012' }]) {
      const bytes = proto.PlaceFuturesOrderRequest.encode(proto.PlaceFuturesOrderRequest.fromPartial({ symbol: { base: 'BTC', quote: 'USDT' }, ...size, reduceOnly: true })).finish();
      const decoded = type.toObject(type.decode(bytes), { oneofs: true });
      expect(decoded.size).toBe('contracts' in size ? 'contracts' : 'base_quantity');
      expect(proto.PlaceFuturesOrderRequest.decode(bytes)).toMatchObject(size);
    }
  });

  it('Metrics: map fields', () => {
    const type = reference('Metrics');
    const bytes = type.encode(type.fromObject({ venue: 'mexc_spot', error_counts_by_type: { rate_limited: 3 }, trading: { calls: { 'PlaceOrder:ok': 7 }, last_fill_cursor: 12 } })).finish();
    const decoded = proto.Metrics.decode(bytes);
    expect(decoded.errorCountsByType).toEqual({ rate_limited: '3' });
    expect(decoded.trading?.calls).toEqual({ 'PlaceOrder:ok': '7' });
    expect(decoded.trading?.lastFillCursor).toBe('12');
    expect(plain(type, proto.Metrics.encode(decoded).finish())).toMatchObject({ error_counts_by_type: { rate_limited: '3' } });
  });
});
