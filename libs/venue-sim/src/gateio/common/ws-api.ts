import { randomBytes } from 'node:crypto';
import type { FaultState } from '../../common/faults.js';
import { hmacHex, sameSignature } from '../../common/signing.js';
import type { Account } from '../../engine/index.js';
import { WS_AUTH_MAX_GAP_SEC, type GateAuthContext } from './private-auth.js';
import { GateRestError, injectedErrorResponse } from './rest-errors.js';
import type { ClientRequest, GateMarket } from './ws-protocol.js';

/**
 * Gate's websocket API (Spot / Futures WebSocket v4, "Websocket API"): requests with event "api"
 * whose payload is {req_id, req_param, req_header?}; `<market>.login` first (payload api_key,
 * timestamp, signature = hex HMAC-SHA512(secret, "api\n<channel>\n\n<timestamp>")), then each
 * order channel runs the REST call it stands for ("function as api below") on the same engine,
 * so its answers, errors and labels are REST's. Answers: {request_id, ack?, header, data:
 * {result} | {errs: {label, message}}}, header.status REST's HTTP status ("200" on success).
 */

/** The REST call a websocket API channel stands for. */
export interface RestEquivalent {
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** Relative to /api/v4. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: string;
}

export interface WsApiConnection {
  readonly connId: string;
  sendJson(message: unknown): void;
  /** The account logged in on this connection. */
  apiAccount?: Account;
}

export interface WsApiVenue<Conn extends WsApiConnection> {
  readonly market: GateMarket;
  readonly ctx: GateAuthContext & { readonly faults: FaultState };
  /** The REST call of an order channel; undefined for a channel the venue does not offer. */
  restCall(channel: string, param: Record<string, unknown>): RestEquivalent | undefined;
  /** Runs it as REST would: its status and body; throws GateRestError to refuse. */
  serve(conn: Conn, account: Account, call: RestEquivalent): { status: number; body: unknown };
}

/**
 * The REST call of `<market>.order_place` (POST `ordersPath`, the order as its body),
 * `.order_cancel` and `.order_status` (DELETE / GET `ordersPath`/{order_id} with `byIdQuery`).
 */
export function orderChannelCall(market: GateMarket, ordersPath: string, channel: string, param: Record<string, unknown>, byIdQuery: URLSearchParams): RestEquivalent | undefined {
  const byId = (method: 'GET' | 'DELETE'): RestEquivalent => ({ method, path: `${ordersPath}/${encodeURIComponent(String(param.order_id ?? ''))}`, query: byIdQuery, body: '' });
  switch (channel) {
    case `${market}.order_place`:
      return { method: 'POST', path: ordersPath, query: new URLSearchParams(), body: JSON.stringify(param) };
    case `${market}.order_cancel`:
      return byId('DELETE');
    case `${market}.order_status`:
      return byId('GET');
  }
  return undefined;
}

/** The channels whose request is acknowledged (`ack: true`) before it is carried out. */
const ACKED = new Set(['spot.order_place', 'futures.order_place']);

interface ApiPayload {
  req_id?: unknown;
  req_param?: unknown;
  req_header?: unknown;
  api_key?: unknown;
  signature?: unknown;
  timestamp?: unknown;
}

export function handleApiRequest<Conn extends WsApiConnection>(conn: Conn, request: ClientRequest, venue: WsApiVenue<Conn>): void {
  const inUs = Math.round((performance.timeOrigin + performance.now()) * 1000);
  const channel = String(request.channel);
  const payload = (typeof request.payload === 'object' && request.payload !== null ? request.payload : {}) as ApiPayload;
  const reqId = typeof payload.req_id === 'string' ? payload.req_id : '';
  const answer = (status: number, data: Record<string, unknown>, ack?: boolean) => conn.sendJson(envelope(venue.ctx.now(), conn, channel, reqId, status, data, inUs, ack));
  const refuse = (e: GateRestError) => answer(e.status, { errs: e.body() });
  try {
    if (reqId === '') throw new GateRestError(400, 'INVALID_REQUEST_BODY', 'payload.req_id is required');
    if (channel === `${venue.market}.login`) {
      const account = login(venue.ctx, channel, payload);
      conn.apiAccount = account;
      answer(200, { result: { api_key: payload.api_key, uid: String(account.uid) } });
      return;
    }
    const param = payload.req_param;
    if (typeof param !== 'object' || param === null || Array.isArray(param)) throw new GateRestError(400, 'INVALID_REQUEST_BODY', 'payload.req_param must be an object');
    const call = venue.restCall(channel, param as Record<string, unknown>);
    if (!call) throw new GateRestError(400, 'INVALID_PARAM_VALUE', `channel ${channel} is not offered`);
    const account = conn.apiAccount;
    // As the live venue answers it (a frame ccxt quotes, js/src/pro/gate.js handleErrorMessage).
    if (!account) throw new GateRestError(400, 'AUTHENTICATION_FAILED', 'Not login');
    if (ACKED.has(channel)) answer(200, { result: { req_id: reqId, req_header: payload.req_header ?? null, req_param: param, api_key: '', timestamp: '', signature: '' } }, true);
    const injected = venue.ctx.faults.takeHttpError();
    if (injected !== undefined) throw injectedRefusal(injected);
    const out = venue.serve(conn, account, call);
    if (venue.ctx.faults.takeDroppedAnswer()) return; // carried out, its answer lost
    answer(out.status === 201 ? 200 : out.status, { result: out.body });
  } catch (e) {
    if (e instanceof GateRestError) refuse(e);
    else refuse(new GateRestError(500, 'SERVER_ERROR', 'Internal server error'));
  }
}

/** The login's account; REST's refusals (INVALID_KEY, INVALID_SIGNATURE, REQUEST_EXPIRED) otherwise. */
function login(ctx: GateAuthContext, channel: string, payload: ApiPayload): Account {
  const key = typeof payload.api_key === 'string' ? payload.api_key : '';
  const signature = typeof payload.signature === 'string' ? payload.signature : '';
  const timestamp = typeof payload.timestamp === 'string' ? payload.timestamp : '';
  if (key === '' || signature === '' || timestamp === '') throw new GateRestError(400, 'MISSING_REQUIRED_PARAM', 'api_key, signature and timestamp are required');
  const serverSec = Math.floor(ctx.now() / 1000);
  if (!/^\d+$/.test(timestamp) || Math.abs(serverSec - Number(timestamp)) > WS_AUTH_MAX_GAP_SEC) {
    throw new GateRestError(403, 'REQUEST_EXPIRED', `gap between request timestamp and server time exceeds 60 current_time:${serverSec} timestamp:${timestamp}`);
  }
  const account = ctx.accounts.byApiKey(key);
  if (!account) throw new GateRestError(401, 'INVALID_KEY', 'Invalid key provided');
  // The docs sign an empty req_param; Gate's own SDK (gatews ApiRequest) signs "{}": both verify.
  const signs = (param: string) => sameSignature(hmacHex('sha512', account.apiSecret, `api\n${channel}\n${param}\n${timestamp}`), signature);
  if (!signs('') && !signs('{}')) throw new GateRestError(401, 'INVALID_SIGNATURE', 'Signature mismatch');
  return account;
}

/** An armed http_error fault, as the websocket API answers it: the same status and label. */
function injectedRefusal(status: number): GateRestError {
  const { body } = injectedErrorResponse(status);
  try {
    const parsed = JSON.parse(body) as { label: string; message: string };
    return new GateRestError(status, parsed.label, parsed.message);
  } catch {
    return new GateRestError(status, 'SERVER_ERROR', 'Bad gateway');
  }
}

function envelope(now: number, conn: WsApiConnection, channel: string, reqId: string, status: number, data: Record<string, unknown>, inUs: number, ack?: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { request_id: reqId };
  if (ack !== undefined) out.ack = ack;
  out.header = {
    response_time: String(now),
    status: String(status),
    channel,
    event: 'api',
    client_id: `127.0.0.1-${conn.connId}`,
    x_in_time: inUs,
    x_out_time: Math.round((performance.timeOrigin + performance.now()) * 1000),
    conn_id: conn.connId,
    conn_trace_id: conn.connId.padEnd(32, '0'),
    trace_id: randomBytes(16).toString('hex'),
  };
  out.data = data;
  return out;
}
