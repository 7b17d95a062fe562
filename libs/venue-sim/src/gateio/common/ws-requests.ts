import { parseJsonObject } from '../../common/sim-ws-server.js';
import { ack, error, pong, WS_ERROR, type ClientRequest, type GateMarket } from './ws-protocol.js';

/**
 * Gate's websocket v4 request handling, the same on spot and futures: parse the request, answer
 * `<market>.ping`, hand websocket API requests (event "api") to `api`, check channel and event,
 * let the venue route the channel, then ack, or answer the error with its code. A channel that
 * acks itself (obu acks before its snapshots) says so.
 */

export class RequestError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export interface RequestConnection {
  readonly connId: string;
  sendJson(message: unknown): void;
}

/** "ack": send the standard ack; "acked": the channel answered itself. */
export type RouteResult = 'ack' | 'acked';

export function handleGateRequest<C extends RequestConnection>(
  conn: C,
  text: string,
  now: () => number,
  market: GateMarket,
  route: (channel: string, request: ClientRequest, subscribe: boolean) => RouteResult,
  api: (request: ClientRequest) => void,
): void {
  const request = parseJsonObject(text) as ClientRequest | undefined;
  if (!request) {
    conn.sendJson(error(now(), {}, conn.connId, WS_ERROR.INVALID_BODY, 'Invalid request body format'));
    return;
  }
  if (request.channel === `${market}.ping`) {
    conn.sendJson(pong(now(), request, market));
    return;
  }
  if (request.event === 'api' && typeof request.channel === 'string') {
    api(request);
    return;
  }
  try {
    if (typeof request.channel !== 'string' || request.channel === '') throw new RequestError(WS_ERROR.INVALID_BODY, 'Invalid request body format');
    if (request.event !== 'subscribe' && request.event !== 'unsubscribe') throw new RequestError(WS_ERROR.INVALID_ARGUMENT, `unknown event ${String(request.event)}`);
    if (route(request.channel, request, request.event === 'subscribe') === 'ack') conn.sendJson(ack(now(), request, conn.connId));
  } catch (e) {
    answerFailure(conn, request, e, now());
  }
}

/** The error answer for a request that failed: its RequestError code, or a server error. */
export function answerFailure(conn: RequestConnection, request: ClientRequest, e: unknown, now: number): void {
  const code = e instanceof RequestError ? e.code : WS_ERROR.SERVER_ERROR;
  const message = e instanceof Error ? e.message : 'Server side error happened';
  conn.sendJson(error(now, request, conn.connId, code, message));
}

/** A payload that must be a non-empty list of strings. */
export function payloadStrings(payload: unknown): string[] {
  if (!Array.isArray(payload) || payload.length === 0 || !payload.every((p) => typeof p === 'string')) {
    throw new RequestError(WS_ERROR.INVALID_ARGUMENT, 'invalid argument: payload');
  }
  return payload;
}
