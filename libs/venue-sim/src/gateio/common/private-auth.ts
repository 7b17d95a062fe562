import type { IncomingHttpHeaders } from 'node:http';
import type { Account, Accounts } from '../../engine/index.js';
import { hmacHex, sameSignature, sha512Hex } from '../../common/signing.js';
import { invalidKey, invalidSignature, missingHeader, requestExpired } from './rest-errors.js';
import type { ClientRequest } from './ws-protocol.js';

/**
 * Gate APIv4 signed requests: headers KEY, Timestamp (unix seconds; the official SDK sends a
 * fraction) and SIGN = hex HMAC-SHA512(secret, METHOD + "\n" + path + "\n" + query + "\n" +
 * hex(SHA512(body)) + "\n" + Timestamp). The path includes /api/v4; the query string is the one
 * in the URL without URL encoding (the sim also accepts it as sent). The Timestamp may be at most
 * 60 seconds away from the server clock, which is checked before the key. Spot and futures
 * sign alike (REST and websocket), so both simulators use these checks.
 */

/** What the checks need of a simulated Gate venue. */
export interface GateAuthContext {
  now(): number;
  accounts: Pick<Accounts, 'byApiKey'>;
}

export const MAX_TIMESTAMP_GAP_SEC = 60;

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s === '' ? undefined : s;
}

function decodeQuery(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** Verifies a signed request; throws the venue's GateRestError when it must be refused. */
export function verifySignedRequest(ctx: GateAuthContext, method: string, rawPath: string, rawQuery: string, rawBody: string, headers: IncomingHttpHeaders): Account {
  const key = header(headers, 'KEY');
  const sign = header(headers, 'SIGN');
  const timestamp = header(headers, 'Timestamp');
  if (key === undefined) throw missingHeader('KEY');
  if (timestamp === undefined) throw missingHeader('Timestamp');
  if (sign === undefined) throw missingHeader('SIGN');
  const serverSec = ctx.now() / 1000;
  const ts = Number(timestamp);
  if (!Number.isFinite(ts) || Math.abs(serverSec - ts) > MAX_TIMESTAMP_GAP_SEC) throw requestExpired(Math.floor(serverSec), timestamp);
  const account = ctx.accounts.byApiKey(key);
  if (!account) throw invalidKey();
  const bodyHash = sha512Hex(rawBody);
  const expected = (query: string) => hmacHex('sha512', account.apiSecret, [method.toUpperCase(), rawPath, query, bodyHash, timestamp].join('\n'));
  const decoded = decodeQuery(rawQuery);
  if (!sameSignature(expected(decoded), sign) && (decoded === rawQuery || !sameSignature(expected(rawQuery), sign))) throw invalidSignature();
  return account;
}

export const WS_AUTH_MAX_GAP_SEC = 60;

/**
 * Websocket auth of a private channel request: auth = {method: "api_key", KEY, SIGN = hex
 * HMAC-SHA512(secret, "channel=<c>&event=<e>&time=<t>")}, t the request's time (seconds). Returns
 * the account, or why the auth is refused.
 */
export function checkAuth(ctx: GateAuthContext, request: ClientRequest & { auth?: unknown }, channel: string, event: string): { account: Account } | string {
  const auth = request.auth;
  if (typeof auth !== 'object' || auth === null) return 'missing auth';
  const a = auth as Record<string, unknown>;
  if (a.method !== 'api_key') return 'invalid auth method';
  const key = typeof a.KEY === 'string' ? a.KEY : '';
  const sign = typeof a.SIGN === 'string' ? a.SIGN : '';
  const time = typeof request.time === 'number' || typeof request.time === 'string' ? String(request.time) : '';
  if (!/^\d+$/.test(time) || Math.abs(ctx.now() / 1000 - Number(time)) > WS_AUTH_MAX_GAP_SEC) return 'request time too far from server time';
  const account = ctx.accounts.byApiKey(key);
  if (!account) return 'invalid key';
  const expected = hmacHex('sha512', account.apiSecret, `channel=${channel}&event=${event}&time=${time}`);
  if (!sameSignature(expected, sign)) return 'invalid signature';
  return { account };
}
