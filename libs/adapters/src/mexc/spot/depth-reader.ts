// A direct reader for the one MEXC push that arrives thousands of times a second: a
// PushDataV3ApiWrapper whose body is publicAggreDepths (field 313). It walks the protobuf wire
// format itself and returns only what the book needs, without building the generated message
// classes. Field numbers are those of protos/mexc (PushDataV3ApiWrapper, PublicAggreDepthsV3Api,
// PublicAggreDepthV3ApiItem); unknown fields are skipped as protobuf requires. Any other body, or
// anything malformed, returns undefined and the frame takes the generic decoder, so an unusual
// frame costs speed, never correctness. A test checks it against the generated decoder, and a
// property test (fuzz-mexc-depth.test.ts) that on corrupted frames it declines rather than differ:
// so it declines what the generated decoder reads differently from the wire format's letter (a
// known field with another wire type, a body twice, varints past 32 bits where it reads uint32,
// text that is not valid UTF-8). Every level it returns is checked as it is read (BookFeed's
// LevelsChecked): a level the book would refuse sends the frame to the generated decoder.
import { isUtf8 } from 'node:buffer';

/** [price, quantity] strings, absolute quantities ("0" removes the level). */
export type DepthLevel = [price: string, quantity: string];

export interface DepthPush {
  symbol: string;
  sendTime: number;
  fromVersion: number;
  toVersion: number;
  bids: DepthLevel[];
  asks: DepthLevel[];
}

const WRAPPER_SYMBOL = 3;
const WRAPPER_SEND_TIME = 6;
const WRAPPER_BODY_FIRST = 301;
const WRAPPER_BODY_LAST = 315;
const BODY_AGGRE_DEPTHS = 313;
const DEPTHS_ASKS = 1;
const DEPTHS_BIDS = 2;
const DEPTHS_FROM_VERSION = 4;
const DEPTHS_TO_VERSION = 5;
/** int64, since websocket-proto 7b8ac7a; not needed by the book, but known: its wire type is checked. */
const DEPTHS_LAST_ORDER_CREATE_TIME = 6;
const ITEM_PRICE = 1;
const ITEM_QUANTITY = 2;

const VARINT = 0;
const FIXED64 = 1;
const LENGTH_DELIMITED = 2;
const FIXED32 = 5;

/** Wire type of every field PushDataV3ApiWrapper declares (channel, symbol, symbolId, createTime, sendTime, the bodies). */
const WRAPPER_FIELD_TYPES: Record<number, number> = { 1: LENGTH_DELIMITED, 3: LENGTH_DELIMITED, 4: LENGTH_DELIMITED, 5: VARINT, 6: VARINT };
for (let field = WRAPPER_BODY_FIRST; field <= WRAPPER_BODY_LAST; field++) WRAPPER_FIELD_TYPES[field] = LENGTH_DELIMITED;

let at = 0;

/** A varint as a number; -1 when malformed or past 2^53 (where a double would round it). */
function readVarint(bytes: Uint8Array, end: number): number {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 8; i++) {
    if (at >= end) return -1;
    const byte = bytes[at++]!;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return value <= Number.MAX_SAFE_INTEGER ? value : -1;
    scale *= 128;
  }
  return -1;
}

/** A tag or a length: a uint32 varint of at most 5 bytes; -1 otherwise (the generated decoder truncates those). */
function readVarint32(bytes: Uint8Array, end: number): number {
  const start = at;
  const value = readVarint(bytes, end);
  return value < 0 || at - start > 5 || value > 0xffffffff ? -1 : value;
}

/** Node's native latin1 slice: for ASCII bytes it is the UTF-8 text, without the decoder's overhead. */
type FastSlices = Buffer & { latin1Slice(start: number, end: number): string };

/** The text, or undefined when it is not valid UTF-8 (decoders disagree on how to repair it). */
function readText(bytes: Buffer, start: number, end: number): string | undefined {
  for (let i = start; i < end; i++) {
    if (bytes[i]! > 0x7f) return isUtf8(bytes.subarray(start, end)) ? bytes.toString('utf8', start, end) : undefined;
  }
  return (bytes as FastSlices).latin1Slice(start, end);
}

/**
 * A level's price or quantity, checked in the same walk that reads it: a plain decimal (digits
 * and at most one point, at least one digit; a price with a non-zero digit), the rule BookFeed
 * applies to levels. Anything else returns undefined and the frame takes the generated decoder
 * and the feed's full check, which counts it.
 */
function readDecimal(bytes: Buffer, start: number, end: number, isPrice: boolean): string | undefined {
  let digits = 0;
  let nonZero = !isPrice;
  let point = false;
  for (let i = start; i < end; i++) {
    const c = bytes[i]!;
    if (c >= 48 && c <= 57) {
      digits++;
      if (c !== 48) nonZero = true;
    } else if (c !== 46 || point) return undefined;
    else point = true;
  }
  return digits > 0 && nonZero ? (bytes as FastSlices).latin1Slice(start, end) : undefined;
}

/** A decimal integer carried as a string field (fromVersion/toVersion); -1 when not one. */
function readDigits(bytes: Uint8Array, start: number, end: number): number {
  if (start === end || end - start > 15) return -1;
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = bytes[i]! - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** Skips a field of the given wire type; false when malformed. */
function skip(bytes: Uint8Array, wireType: number, end: number): boolean {
  if (wireType === VARINT) return readVarint(bytes, end) >= 0;
  if (wireType === FIXED64) at += 8;
  else if (wireType === FIXED32) at += 4;
  else if (wireType === LENGTH_DELIMITED) {
    const length = readVarint32(bytes, end);
    if (length < 0) return false;
    at += length;
  } else return false;
  return at <= end;
}

function readItem(bytes: Buffer, end: number): DepthLevel | undefined {
  let price: string | undefined;
  let quantity: string | undefined;
  while (at < end) {
    const tag = readVarint32(bytes, end);
    if (tag < 0) return undefined;
    const field = tag >>> 3;
    if (field === ITEM_PRICE || field === ITEM_QUANTITY) {
      if ((tag & 7) !== LENGTH_DELIMITED) return undefined;
      const length = readVarint32(bytes, end);
      if (length < 0 || at + length > end) return undefined;
      const text = readDecimal(bytes, at, at + length, field === ITEM_PRICE);
      if (text === undefined) return undefined;
      at += length;
      if (field === ITEM_PRICE) price = text;
      else quantity = text;
    } else if (!skip(bytes, tag & 7, end)) return undefined;
  }
  // proto3 omits empty strings; a level without both is not a level.
  return price && quantity ? [price, quantity] : undefined;
}

function readBody(bytes: Buffer, end: number, push: DepthPush): boolean {
  while (at < end) {
    const tag = readVarint32(bytes, end);
    if (tag < 0) return false;
    const field = tag >>> 3;
    const wireType = tag & 7;
    if (field === DEPTHS_LAST_ORDER_CREATE_TIME) {
      if (wireType !== VARINT || readVarint(bytes, end) < 0) return false;
      continue;
    }
    if (field < 1 || field > DEPTHS_TO_VERSION) {
      if (!skip(bytes, wireType, end)) return false;
      continue;
    }
    if (wireType !== LENGTH_DELIMITED) return false; // every known field of the body is length-delimited
    const length = readVarint32(bytes, end);
    if (length < 0 || at + length > end) return false;
    const fieldEnd = at + length;
    if (field === DEPTHS_ASKS || field === DEPTHS_BIDS) {
      const level = readItem(bytes, fieldEnd);
      if (!level) return false;
      (field === DEPTHS_ASKS ? push.asks : push.bids).push(level);
    } else if (field === DEPTHS_FROM_VERSION) {
      push.fromVersion = readDigits(bytes, at, fieldEnd);
    } else if (field === DEPTHS_TO_VERSION) {
      push.toVersion = readDigits(bytes, at, fieldEnd);
    }
    at = fieldEnd;
  }
  return push.fromVersion >= 0 && push.toVersion >= push.fromVersion;
}

/** The depth push in `frame`, or undefined when it is another push or not plainly readable. */
export function readDepthPush(frame: Buffer): DepthPush | undefined {
  const end = frame.length;
  at = 0;
  const push: DepthPush = { symbol: '', sendTime: 0, fromVersion: -1, toVersion: -1, bids: [], asks: [] };
  let sawBody = false;
  while (at < end) {
    const tag = readVarint32(frame, end);
    if (tag < 0) return undefined;
    const field = tag >>> 3;
    const wireType = tag & 7;
    if (wireType !== (WRAPPER_FIELD_TYPES[field] ?? wireType)) return undefined; // a known field with another wire type
    if (field === WRAPPER_SYMBOL) {
      const length = readVarint32(frame, end);
      if (length < 0 || at + length > end) return undefined;
      const symbol = readText(frame, at, at + length);
      if (symbol === undefined) return undefined;
      push.symbol = symbol;
      at += length;
    } else if (field === WRAPPER_SEND_TIME) {
      push.sendTime = readVarint(frame, end);
      if (push.sendTime < 0) return undefined;
    } else if (field === BODY_AGGRE_DEPTHS) {
      if (sawBody) return undefined; // a second body replaces the first in the generated decoder
      const length = readVarint32(frame, end);
      if (length < 0 || at + length > end) return undefined;
      const bodyEnd = at + length;
      if (!readBody(frame, bodyEnd, push)) return undefined;
      at = bodyEnd;
      sawBody = true;
    } else if (field >= WRAPPER_BODY_FIRST && field <= WRAPPER_BODY_LAST) {
      return undefined; // another body: the generic decoder's job
    } else if (!skip(frame, wireType, end)) {
      return undefined;
    }
  }
  return sawBody && push.symbol ? push : undefined;
}
