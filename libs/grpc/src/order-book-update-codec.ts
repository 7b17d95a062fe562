import protobuf from 'protobufjs/minimal.js';
import type * as grpc from '@grpc/grpc-js';
import type { BookEvent, Level } from '@cexgw/adapters';

// StreamOrderBook is the busiest stream, so its messages are written straight from the
// adapter's BookEvent into protobuf bytes: no intermediate message objects, no
// fromObject pass. Field numbers are those of cexgw.v1.OrderBookUpdate (market_data.proto);
// the round-trip test decodes these bytes with the generic loader to prove they agree.

const { Writer } = protobuf;

const KIND_SNAPSHOT = 1; // ORDER_BOOK_UPDATE_KIND_SNAPSHOT
const KIND_DELTA = 2; // ORDER_BOOK_UPDATE_KIND_DELTA

// Tags: (field number << 3) | wire type (0 varint, 2 length-delimited).
const TAG_SYMBOL = 10;
const TAG_KIND = 16;
const TAG_RESET = 24;
const TAG_SEQUENCE = 32;
const TAG_FIRST_UPDATE_ID = 40;
const TAG_LAST_UPDATE_ID = 48;
const TAG_BIDS = 58;
const TAG_ASKS = 66;
const TAG_VENUE_TIMESTAMP_MS = 72;
const TAG_RECEIVED_TIMESTAMP_US = 80;
const TAG_FIRST_STRING = 10; // Symbol.base, PriceLevel.price
const TAG_SECOND_STRING = 18; // Symbol.quote, PriceLevel.quantity

/** Bytes of a varint (values here are non-negative safe integers: at most 8 bytes). */
function varintSize(value: number): number {
  if (value < 0x80) return 1;
  if (value < 0x4000) return 2;
  if (value < 0x200000) return 3;
  if (value < 0x10000000) return 4;
  if (value < 0x800000000) return 5;
  if (value < 0x40000000000) return 6;
  if (value < 0x2000000000000) return 7;
  return 8;
}

// Update ids and timestamps exceed 32 bits: the value is split into two 32-bit words once, and
// the bytes are peeled off with integer operations (a double's `%` is a slow library call).
function writeVarint(buffer: Buffer, at: number, value: number): number {
  let low = value >>> 0;
  let high = (value - low) / 0x100000000;
  while (high > 0) {
    buffer[at++] = (low & 127) | 128;
    low = ((low >>> 7) | (high << 25)) >>> 0;
    high >>>= 7;
  }
  while (low > 127) {
    buffer[at++] = (low & 127) | 128;
    low >>>= 7;
  }
  buffer[at++] = low;
  return at;
}

/** Bytes of a length-delimited string field holding ASCII text. */
function stringFieldSize(text: string): number {
  return 1 + varintSize(text.length) + text.length;
}

function writeStringField(buffer: Buffer, at: number, tag: number, text: string): number {
  buffer[at++] = tag;
  at = writeVarint(buffer, at, text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 127) throw NON_ASCII;
    buffer[at++] = code;
  }
  return at;
}

const NON_ASCII = new Error('non-ASCII text: use the generic writer');

function pairSize(first: string, second: string): number {
  return stringFieldSize(first) + stringFieldSize(second);
}

function writePairMessage(buffer: Buffer, at: number, tag: number, first: string, second: string, size: number): number {
  buffer[at++] = tag;
  at = writeVarint(buffer, at, size);
  at = writeStringField(buffer, at, TAG_FIRST_STRING, first);
  return writeStringField(buffer, at, TAG_SECOND_STRING, second);
}

function levelsSize(levels: readonly Level[]): number {
  let size = 0;
  for (let i = 0; i < levels.length; i++) {
    const inner = pairSize(levels[i]![0], levels[i]![1]);
    size += 1 + varintSize(inner) + inner;
  }
  return size;
}

function writeLevels(buffer: Buffer, at: number, tag: number, levels: readonly Level[]): number {
  for (let i = 0; i < levels.length; i++) {
    const [price, quantity] = levels[i]!;
    at = writePairMessage(buffer, at, tag, price, quantity, pairSize(price, quantity));
  }
  return at;
}

/**
 * cexgw.v1.OrderBookUpdate bytes for one book event and this stream's sequence number. Every
 * subscriber of a book receives the same event with its own sequence, so the event is encoded
 * once, for the first stream; each further stream's message is its own sequence field followed
 * by the same bytes, copied. Prices, quantities and asset codes are ASCII; anything else takes
 * the generic protobufjs writer.
 */
export function encodeOrderBookUpdate(event: BookEvent, sequence: number): Buffer {
  if (event !== lastEvent) {
    lastMessage = encodeMessage(event, sequence);
    lastEvent = event;
    return lastMessage;
  }
  // The sequence field comes first: the rest of the first stream's message is the event's.
  const bodyStart = 1 + varintSize(lastSequence(lastMessage));
  const message = Buffer.allocUnsafe(1 + varintSize(sequence) + lastMessage.length - bodyStart);
  message[0] = TAG_SEQUENCE;
  lastMessage.copy(message, writeVarint(message, 1, sequence), bodyStart);
  return message;
}

// The fan-out hands one event to all its subscribers in a row, so the last event's message is
// kept (events are never changed once emitted, and a message is never changed once written). A
// subscriber whose stream was blocked encodes later, after other events: it misses this
// one-entry cache and encodes again.
let lastEvent: BookEvent | undefined;
let lastMessage: Buffer = Buffer.alloc(0);

/** The sequence a message encoded here starts with. */
function lastSequence(message: Buffer): number {
  let value = 0;
  let scale = 1;
  for (let at = 1; ; at++) {
    const byte = message[at]!;
    value += (byte & 127) * scale;
    if (byte < 128) return value;
    scale *= 128;
  }
}

function encodeMessage(event: BookEvent, sequence: number): Buffer {
  try {
    return encodeAscii(event, sequence);
  } catch (error) {
    if (error !== NON_ASCII) throw error;
    return encodeGeneric(event, sequence);
  }
}

/** The encoded symbol field of each symbol object (catalog symbols are shared, frozen objects). */
const symbolFields = new WeakMap<object, Buffer>();

function symbolField(symbol: { base: string; quote: string }): Buffer {
  let field = symbolFields.get(symbol);
  if (!field) {
    const size = pairSize(symbol.base, symbol.quote);
    field = Buffer.alloc(1 + varintSize(size) + size);
    writePairMessage(field, 0, TAG_SYMBOL, symbol.base, symbol.quote, size);
    symbolFields.set(symbol, field);
  }
  return field;
}

function encodeAscii(event: BookEvent, sequence: number): Buffer {
  const snapshot = event.type === 'snapshot';
  const first = snapshot ? event.updateId : event.firstUpdateId;
  const last = snapshot ? event.updateId : event.lastUpdateId;
  const symbol = symbolField(event.symbol);
  let size = 1 + varintSize(sequence) + symbol.length + 2 + (snapshot ? 2 : 0);
  if (first !== 0) size += 1 + varintSize(first);
  if (last !== 0) size += 1 + varintSize(last);
  size += levelsSize(event.bids) + levelsSize(event.asks);
  if (event.timestampMs !== 0) size += 1 + varintSize(event.timestampMs);
  if (event.receivedUs !== 0) size += 1 + varintSize(event.receivedUs);

  const buffer = Buffer.allocUnsafe(size);
  buffer[0] = TAG_SEQUENCE;
  let at = writeVarint(buffer, 1, sequence);
  for (let i = 0; i < symbol.length; i++) buffer[at++] = symbol[i]!; // a dozen bytes: cheaper than Buffer#copy
  buffer[at++] = TAG_KIND;
  buffer[at++] = snapshot ? KIND_SNAPSHOT : KIND_DELTA;
  if (snapshot) {
    buffer[at++] = TAG_RESET;
    buffer[at++] = 1;
  }
  if (first !== 0) {
    buffer[at++] = TAG_FIRST_UPDATE_ID;
    at = writeVarint(buffer, at, first);
  }
  if (last !== 0) {
    buffer[at++] = TAG_LAST_UPDATE_ID;
    at = writeVarint(buffer, at, last);
  }
  at = writeLevels(buffer, at, TAG_BIDS, event.bids);
  at = writeLevels(buffer, at, TAG_ASKS, event.asks);
  if (event.timestampMs !== 0) {
    buffer[at++] = TAG_VENUE_TIMESTAMP_MS;
    at = writeVarint(buffer, at, event.timestampMs);
  }
  if (event.receivedUs !== 0) {
    buffer[at++] = TAG_RECEIVED_TIMESTAMP_US;
    writeVarint(buffer, at, event.receivedUs);
  }
  return buffer;
}

function writeGenericLevels(writer: protobuf.Writer, tag: number, levels: readonly Level[]): void {
  for (const [price, quantity] of levels) {
    writer.uint32(tag).fork().uint32(TAG_FIRST_STRING).string(price).uint32(TAG_SECOND_STRING).string(quantity).ldelim();
  }
}

function encodeGeneric(event: BookEvent, sequence: number): Buffer {
  const snapshot = event.type === 'snapshot';
  const first = snapshot ? event.updateId : event.firstUpdateId;
  const last = snapshot ? event.updateId : event.lastUpdateId;
  const writer = Writer.create();
  writer.uint32(TAG_SEQUENCE).uint64(sequence);
  writer.uint32(TAG_SYMBOL).fork().uint32(TAG_FIRST_STRING).string(event.symbol.base).uint32(TAG_SECOND_STRING).string(event.symbol.quote).ldelim();
  writer.uint32(TAG_KIND).int32(snapshot ? KIND_SNAPSHOT : KIND_DELTA);
  if (snapshot) writer.uint32(TAG_RESET).bool(true);
  if (first !== 0) writer.uint32(TAG_FIRST_UPDATE_ID).uint64(first);
  if (last !== 0) writer.uint32(TAG_LAST_UPDATE_ID).uint64(last);
  writeGenericLevels(writer, TAG_BIDS, event.bids);
  writeGenericLevels(writer, TAG_ASKS, event.asks);
  if (event.timestampMs !== 0) writer.uint32(TAG_VENUE_TIMESTAMP_MS).int64(event.timestampMs);
  if (event.receivedUs !== 0) writer.uint32(TAG_RECEIVED_TIMESTAMP_US).int64(event.receivedUs);
  const bytes = writer.finish();
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * The service definition with StreamOrderBook accepting pre-encoded bytes (anything else still
 * goes through the generic serializer).
 */
export function withPreEncodedBookUpdates<T extends grpc.ServiceDefinition>(service: T): T {
  const method = service.StreamOrderBook as grpc.MethodDefinition<unknown, unknown> | undefined;
  if (!method) return service;
  const generic = method.responseSerialize;
  return {
    ...service,
    StreamOrderBook: { ...method, responseSerialize: (value: unknown) => (Buffer.isBuffer(value) ? value : generic(value)) },
  };
}
