import type { IncomingHttpHeaders } from "node:http";
import type { Account } from "../../engine/index.js";
import { hmacHex, sameSignature, sha512Hex } from "../../common/signing.js";
import type { GateSpotContext } from "./context.js";
import { invalidKey, invalidSignature, missingHeader, requestExpired } from "./restErrors.js";

/**
 * Gate APIv4 signed requests: headers KEY, Timestamp (unix seconds; the official SDK sends a
 * fraction) and SIGN = hex HMAC-SHA512(secret, METHOD + "\n" + path + "\n" + query + "\n" +
 * hex(SHA512(body)) + "\n" + Timestamp). The path includes /api/v4; the query string is the one
 * in the URL without URL encoding (the sim also accepts it as sent). The Timestamp may be at most
 * 60 seconds away from the server clock, which is checked before the key.
 */

export const MAX_TIMESTAMP_GAP_SEC = 60;

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s === "" ? undefined : s;
}

function decodeQuery(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** Verifies a signed request; throws the venue's GateRestError when it must be refused. */
export function verifySignedRequest(ctx: GateSpotContext, method: string, rawPath: string, rawQuery: string, rawBody: string, headers: IncomingHttpHeaders): Account {
  const key = header(headers, "KEY");
  const sign = header(headers, "SIGN");
  const timestamp = header(headers, "Timestamp");
  if (key === undefined) throw missingHeader("KEY");
  if (timestamp === undefined) throw missingHeader("Timestamp");
  if (sign === undefined) throw missingHeader("SIGN");
  const serverSec = ctx.now() / 1000;
  const ts = Number(timestamp);
  if (!Number.isFinite(ts) || Math.abs(serverSec - ts) > MAX_TIMESTAMP_GAP_SEC) throw requestExpired(Math.floor(serverSec), timestamp);
  const account = ctx.accounts.byApiKey(key);
  if (!account) throw invalidKey();
  const bodyHash = sha512Hex(rawBody);
  const expected = (query: string) => hmacHex("sha512", account.apiSecret, [method.toUpperCase(), rawPath, query, bodyHash, timestamp].join("\n"));
  const decoded = decodeQuery(rawQuery);
  if (!sameSignature(expected(decoded), sign) && (decoded === rawQuery || !sameSignature(expected(rawQuery), sign))) throw invalidSignature();
  return account;
}
