import { randomBytes } from 'node:crypto';

/** Gate websocket v4 envelopes, spot and futures alike. Field order follows live captures. */

export interface ClientRequest {
  time?: unknown;
  id?: unknown;
  channel?: unknown;
  event?: unknown;
  payload?: unknown;
  /** Private channels: {method: "api_key", KEY, SIGN}. */
  auth?: unknown;
}

export const WS_ERROR = {
  INVALID_BODY: 1,
  INVALID_ARGUMENT: 2,
  SERVER_ERROR: 3,
  AUTH_FAILED: 4,
} as const;

function head(now: number, request: ClientRequest, connId: string) {
  const traceId = randomBytes(16).toString('hex');
  const out: Record<string, unknown> = { time: Math.floor(now / 1000), time_ms: now };
  if (request.id !== undefined && request.id !== null) out.id = request.id;
  out.conn_id = connId;
  out.trace_id = traceId;
  return { out, traceId };
}

/** Subscribe/unsubscribe success: result {"status":"success"}. */
export function ack(now: number, request: ClientRequest, connId: string): Record<string, unknown> {
  const { out, traceId } = head(now, request, connId);
  out.channel = request.channel;
  out.event = request.event;
  if (request.payload !== undefined) out.payload = request.payload;
  out.result = { status: 'success' };
  out.requestId = traceId;
  return out;
}

/** Request refused: error {code, message} and result {"status":"fail"}. */
export function error(now: number, request: ClientRequest, connId: string, code: number, message: string): Record<string, unknown> {
  const { out, traceId } = head(now, request, connId);
  out.channel = typeof request.channel === 'string' ? request.channel : '';
  out.event = typeof request.event === 'string' ? request.event : '';
  if (request.payload !== undefined) out.payload = request.payload;
  out.error = { code, message };
  out.result = { status: 'fail' };
  out.requestId = traceId;
  return out;
}

export type GateMarket = 'spot' | 'futures';

/** Answer to {"channel":"<market>.ping"}. */
export function pong(now: number, request: ClientRequest, market: GateMarket): Record<string, unknown> {
  const out: Record<string, unknown> = { time: Math.floor(now / 1000), time_ms: now };
  if (request.id !== undefined && request.id !== null) out.id = request.id;
  out.channel = `${market}.pong`;
  out.event = '';
  out.result = null;
  return out;
}

/**
 * The notice that the venue is about to move a connection: event "upgrade" (Gate's own SDK,
 * gateio/gatews python/gate_ws/client.py, reconnects on it). Its channel is not documented;
 * the simulator names the market's ping channel.
 */
export function upgradeNotice(now: number, market: GateMarket): string {
  return JSON.stringify({ time: Math.floor(now / 1000), time_ms: now, channel: `${market}.ping`, event: 'upgrade' });
}

/** Server push for the classic channels. */
export function update(now: number, channel: string, result: unknown): string {
  return JSON.stringify({ time: Math.floor(now / 1000), time_ms: now, channel, event: 'update', result });
}

/** spot.obu / futures.obu push: no `time`, as the venue sends it. */
export function obuUpdate(now: number, market: GateMarket, result: unknown): string {
  return JSON.stringify({ channel: `${market}.obu`, result, time_ms: now, event: 'update' });
}
