import { createHash, createHmac } from 'node:crypto';

/** Hand-rolled signed requests for the simulators' private REST (the recipes of the wire docs). */

export interface SignedAnswer {
  status: number;
  body: any;
}

/** MEXC: HMAC-SHA256 hex over query string + body, `signature` appended, X-MEXC-APIKEY header. */
export async function mexcSigned(
  base: string,
  method: string,
  path: string,
  params: Record<string, string | number>,
  key: { apiKey: string; apiSecret: string },
  opts: { timestamp?: number; recvWindow?: number; tamper?: boolean; noKey?: boolean } = {},
): Promise<SignedAnswer> {
  const all: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) all[k] = String(v);
  all.timestamp = String(opts.timestamp ?? Date.now());
  if (opts.recvWindow !== undefined) all.recvWindow = String(opts.recvWindow);
  const query = new URLSearchParams(all).toString();
  let signature = createHmac('sha256', key.apiSecret).update(query).digest('hex');
  if (opts.tamper) signature = signature.replace(/^./, (c) => (c === '0' ? '1' : '0'));
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (!opts.noKey) headers['X-MEXC-APIKEY'] = key.apiKey;
  const res = await fetch(`${base}${path}?${query}&signature=${signature}`, { method, headers });
  return { status: res.status, body: await res.json() };
}

/** Gate: KEY / Timestamp / SIGN = HMAC-SHA512 hex of METHOD\npath\nquery\nsha512(body)\ntimestamp. */
export async function gateSigned(
  restBaseUrl: string,
  method: string,
  path: string,
  query: Record<string, string> | undefined,
  body: unknown,
  key: { apiKey: string; apiSecret: string },
  opts: { timestamp?: number; tamper?: boolean; headers?: Record<string, string> } = {},
): Promise<SignedAnswer> {
  const url = new URL(`${restBaseUrl}${path}`);
  const q = query ? new URLSearchParams(query).toString() : '';
  const payload = body === undefined ? '' : JSON.stringify(body);
  const ts = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const bodyHash = createHash('sha512').update(payload).digest('hex');
  let sign = createHmac('sha512', key.apiSecret).update([method, url.pathname, q, bodyHash, ts].join('\n')).digest('hex');
  if (opts.tamper) sign = sign.replace(/^./, (c) => (c === '0' ? '1' : '0'));
  const res = await fetch(`${url.toString()}${q ? `?${q}` : ''}`, {
    method,
    headers: { KEY: key.apiKey, Timestamp: ts, SIGN: sign, 'Content-Type': 'application/json', Accept: 'application/json', ...opts.headers },
    body: body === undefined ? undefined : payload,
  });
  return { status: res.status, body: await res.json() };
}

/** Gate websocket auth object of a private channel request. */
export function gateWsAuth(channel: string, event: string, time: number, key: { apiKey: string; apiSecret: string }) {
  const sign = createHmac('sha512', key.apiSecret).update(`channel=${channel}&event=${event}&time=${time}`).digest('hex');
  return { method: 'api_key', KEY: key.apiKey, SIGN: sign };
}
