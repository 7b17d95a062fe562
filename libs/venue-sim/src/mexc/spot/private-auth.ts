import type { IncomingHttpHeaders } from 'node:http';
import type { Account } from '../../engine/index.js';
import { hmacHex, sameSignature } from '../../common/signing.js';
import type { MexcSpotContext } from './context.js';
import { apiKeyInvalid, apiKeyRequired, recvWindowTooLarge, signatureInvalid, timestampOutsideRecvWindow } from './rest-errors.js';

/**
 * MEXC spot v3 SIGNED endpoints: `X-MEXC-APIKEY` header; `timestamp` (ms) and optional
 * `recvWindow` (default 5000, at most 60000) among the parameters; `signature` = lower-case hex
 * HMAC-SHA256, keyed by the secret, of totalParams = the query string followed directly by the
 * request body (both exactly as sent, without the signature parameter itself). Parameters may
 * come in the query string, a form body or a JSON body; the query string wins.
 */

export const DEFAULT_RECV_WINDOW = 5000;
export const MAX_RECV_WINDOW = 60_000;

export interface SignedRequest {
  account: Account;
  /** Every parameter (query over body), signature, timestamp and recvWindow included. */
  params: Map<string, string>;
}

/** Removes `signature=...` items from a form-encoded string, keeping everything else byte for byte. */
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

function bodyParams(rawBody: string, contentType: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  const text = rawBody.trim();
  if (text === '') return out;
  if (text.startsWith('{') || (contentType ?? '').includes('json')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
        for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) {
          if (v !== null && v !== undefined) out.set(k, typeof v === 'string' ? v : JSON.stringify(v));
        }
      }
    } catch {
      // not JSON: read as a form body below
    }
    if (out.size > 0) return out;
  }
  for (const [k, v] of new URLSearchParams(text)) out.set(k, v);
  return out;
}

/** Verifies a signed request; throws the venue's MexcRestError when it must be refused. */
export function verifySignedRequest(ctx: MexcSpotContext, headers: IncomingHttpHeaders, rawQuery: string, rawBody: string): SignedRequest {
  const keyHeader = headers['x-mexc-apikey'];
  const apiKey = Array.isArray(keyHeader) ? keyHeader[0] : keyHeader;
  if (apiKey === undefined || apiKey === '') throw apiKeyRequired();
  const account = ctx.accounts.byApiKey(apiKey);
  if (!account) throw apiKeyInvalid();

  const params = bodyParams(rawBody, headers['content-type']);
  for (const [k, v] of new URLSearchParams(rawQuery)) params.set(k, v);

  const recvText = params.get('recvWindow');
  let recvWindow = DEFAULT_RECV_WINDOW;
  if (recvText !== undefined && recvText !== '') {
    if (!/^\d+$/.test(recvText)) throw recvWindowTooLarge();
    recvWindow = Number(recvText);
    if (recvWindow > MAX_RECV_WINDOW) throw recvWindowTooLarge();
  }
  const tsText = params.get('timestamp') ?? '';
  if (!/^\d{1,16}$/.test(tsText)) throw timestampOutsideRecvWindow();
  const timestamp = Number(tsText);
  const serverTime = ctx.now();
  // the documented rule: timestamp < serverTime + 1000 && serverTime - timestamp <= recvWindow
  if (!(timestamp < serverTime + 1000 && serverTime - timestamp <= recvWindow)) throw timestampOutsideRecvWindow();

  const q = withoutSignature(rawQuery);
  const b = withoutSignature(rawBody.startsWith('{') ? '' : rawBody);
  const signature = q.signature ?? b.signature;
  const totalParams = q.rest + (rawBody.startsWith('{') ? rawBody : b.rest);
  if (signature === undefined || !sameSignature(hmacHex('sha256', account.apiSecret, totalParams), signature)) throw signatureInvalid();
  return { account, params };
}
