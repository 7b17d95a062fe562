/**
 * The MEXC spot websocket schema (protos/mexc, vendored from mexcdevelop/websocket-proto) as
 * static protobufjs classes, plus the two conversions every user needs: bytes <-> wrapper and
 * wrapper -> the JSON form clients such as ccxt work with (protobufjs toJSON: int64 as strings).
 * The classes come from src/generated/ (npm run generate); facts: docs/venues/mexc-spot-wire.md.
 */
import { PushDataV3ApiWrapper, type IPushDataV3ApiWrapper } from '../src/generated/mexc.js';

export * from '../src/generated/mexc.js';

/** Name of each body of the wrapper's `body` oneof, with its field number. */
export const PUSH_BODY_FIELDS = {
  publicDeals: 301,
  publicIncreaseDepths: 302,
  publicLimitDepths: 303,
  privateOrders: 304,
  publicBookTicker: 305,
  privateDeals: 306,
  privateAccount: 307,
  publicSpotKline: 308,
  publicMiniTicker: 309,
  publicMiniTickers: 310,
  publicBookTickerBatch: 311,
  publicIncreaseDepthsBatch: 312,
  publicAggreDepths: 313,
  publicAggreDeals: 314,
  publicAggreBookTicker: 315,
} as const;

export type PushBodyName = keyof typeof PUSH_BODY_FIELDS;

/** Serialises a push (plain object or message) into the bytes of one binary websocket frame. */
export function encodePush(push: IPushDataV3ApiWrapper): Uint8Array {
  return PushDataV3ApiWrapper.encode(push).finish();
}

/** Parses the bytes of one binary websocket frame. Throws on malformed input. */
export function decodePush(bytes: Uint8Array): PushDataV3ApiWrapper {
  return PushDataV3ApiWrapper.decode(bytes);
}

/**
 * JSON form of a decoded push, as protobufjs toJSON renders it (and as ccxt sees it): field
 * names as in the schema, int64 as decimal strings, absent optional fields and empty
 * repeated fields omitted, the oneof's active body only.
 */
export function pushToJson(push: PushDataV3ApiWrapper): Record<string, unknown> {
  return push.toJSON();
}

/** The name of the active body of a decoded push, if any. */
export function pushBodyName(push: PushDataV3ApiWrapper): PushBodyName | undefined {
  return push.body ?? undefined;
}
