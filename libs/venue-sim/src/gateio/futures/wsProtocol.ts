/** Gate futures websocket v4 envelopes: the spot ones with futures channel names. */
export { ack, error, update, WS_ERROR, type ClientRequest } from '../spot/wsProtocol.js';
import type { ClientRequest } from '../spot/wsProtocol.js';

/** Answer to {"channel":"futures.ping"}. */
export function pong(now: number, request: ClientRequest): Record<string, unknown> {
  const out: Record<string, unknown> = { time: Math.floor(now / 1000), time_ms: now };
  if (request.id !== undefined && request.id !== null) out.id = request.id;
  out.channel = 'futures.pong';
  out.event = '';
  out.result = null;
  return out;
}

/** futures.obu push: no `time`, as the venue sends it. */
export function obuUpdate(now: number, result: unknown): string {
  return JSON.stringify({ channel: 'futures.obu', result, time_ms: now, event: 'update' });
}
