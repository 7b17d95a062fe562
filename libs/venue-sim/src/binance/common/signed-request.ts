import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Account, Accounts } from '../../engine/index.js';
import { hmacHex, sameSignature } from '../../common/signing.js';
import { apiKeyFormat, apiKeyRejected, invalidSignature, mandatoryParam, recvWindowTooLarge, timestampAhead, timestampOutside } from './rest-errors.js';

/**
 * Binance SIGNED endpoints (spot and USDⓈ-M alike): the key in X-MBX-APIKEY; `timestamp` (ms)
 * and optional `recvWindow` (default 5000, at most 60000) among the parameters; `signature` over
 * totalParams = the query string followed by the request body, both exactly as sent without the
 * signature itself: lower-case hex HMAC-SHA256 with an HMAC key, base64 Ed25519 with an Ed25519
 * key (the account's "secret" is then the key's public half, PEM). Parameters may come in the
 * query string or a form body; the processing rule is the documented
 * `timestamp < serverTime + 1000 && serverTime - timestamp <= recvWindow`.
 */
export interface SignedRequest {
  account: Account;
  params: Map<string, string>;
}

export const DEFAULT_RECV_WINDOW = 5000;
export const MAX_RECV_WINDOW = 60_000;

const publicKeys = new WeakMap<Account, KeyObject | null>();

/** The account's Ed25519 public key, when its registered secret is one. */
function ed25519KeyOf(account: Account): KeyObject | null {
  let key = publicKeys.get(account);
  if (key === undefined) {
    key = account.apiSecret.startsWith('-----BEGIN PUBLIC KEY-----') ? createPublicKey(account.apiSecret) : null;
    publicKeys.set(account, key);
  }
  return key;
}

/** Whether `signature` signs `payload` for the account, by its key's kind. */
export function signatureValid(account: Account, payload: string, signature: string): boolean {
  const key = ed25519KeyOf(account);
  if (key) return verify(null, Buffer.from(payload), key, Buffer.from(signature, 'base64'));
  return sameSignature(hmacHex('sha256', account.apiSecret, payload), signature);
}

/** The documented timing rule; throws -1021 (or -1131 for a recvWindow over 60000). */
export function checkTimestamp(params: Map<string, string>, serverTime: number): void {
  const recvText = params.get('recvWindow');
  let recvWindow = DEFAULT_RECV_WINDOW;
  if (recvText !== undefined && recvText !== '') {
    recvWindow = Number(recvText);
    if (!Number.isFinite(recvWindow) || recvWindow > MAX_RECV_WINDOW) throw recvWindowTooLarge();
  }
  const text = params.get('timestamp');
  if (text === undefined || text === '') throw mandatoryParam('timestamp');
  const timestamp = Number(text);
  if (timestamp >= serverTime + 1000) throw timestampAhead();
  if (serverTime - timestamp > recvWindow) throw timestampOutside();
}

/** Splits `signature=...` off a form-encoded string, keeping the rest byte for byte. */
function withoutSignature(encoded: string): { rest: string; signature?: string } {
  if (encoded === '') return { rest: '' };
  let signature: string | undefined;
  const kept: string[] = [];
  for (const item of encoded.split('&')) {
    if (item.startsWith('signature=')) signature = decodeURIComponent(item.slice('signature='.length));
    else kept.push(item);
  }
  return { rest: kept.join('&'), signature };
}

/** Verifies a signed REST request; throws the venue's BinanceRestError when it must be refused. */
export function verifySignedRequest(accounts: Accounts, now: number, headers: IncomingHttpHeaders, rawQuery: string, rawBody: string): SignedRequest {
  const header = headers['x-mbx-apikey'];
  const apiKey = Array.isArray(header) ? header[0] : header;
  if (apiKey === undefined || apiKey === '') throw apiKeyFormat();
  const account = accounts.byApiKey(apiKey);
  if (!account) throw apiKeyRejected();
  const params = new Map<string, string>();
  for (const [k, v] of new URLSearchParams(rawBody)) params.set(k, v);
  for (const [k, v] of new URLSearchParams(rawQuery)) params.set(k, v);
  const query = withoutSignature(rawQuery);
  const body = withoutSignature(rawBody);
  const signature = query.signature ?? body.signature;
  if (signature === undefined) throw mandatoryParam('signature');
  if (!signatureValid(account, query.rest + body.rest, signature)) throw invalidSignature();
  checkTimestamp(params, now);
  return { account, params };
}

/** A user-data key's account: one the venue knows, else -2015 (the keyed, not signed, endpoints: listenKey). */
export function keyedAccount(accounts: Accounts, headers: IncomingHttpHeaders): Account {
  const header = headers['x-mbx-apikey'];
  const apiKey = Array.isArray(header) ? header[0] : header;
  if (apiKey === undefined || apiKey === '') throw apiKeyFormat();
  const account = accounts.byApiKey(apiKey);
  if (!account) throw apiKeyRejected();
  return account;
}
