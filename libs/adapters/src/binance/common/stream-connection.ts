import type { ConnectionStrategy } from '../../core/ws-client.js';

/** A connection is valid for 24 hours on both markets; renew a little before. */
export const MAX_CONNECTION_AGE_MS = 23.5 * 60 * 60 * 1000;
/** Streams per SUBSCRIBE request: several per frame keep within the frame rate. */
const STREAMS_PER_REQUEST = 100;

/** A market's stream rules (spot: web-socket-streams.md "WebSocket Limits"; USDⓈ-M: its market streams page). */
export interface StreamRules {
  /** Streams one connection may carry (spot 1024, USDⓈ-M 200); further streams open another connection. */
  readonly maxStreams: number;
  /** Frames a client may send per second (spot 5, USDⓈ-M 10: pings, pongs, requests); beyond it the venue disconnects. */
  readonly maxFramesPerSecond: number;
  /** How often the server pings (spot 20 s, USDⓈ-M 3 min): three missed pings mean a dead link. */
  readonly serverPingMs: number;
}

export const SPOT_STREAM_RULES: StreamRules = { maxStreams: 1024, maxFramesPerSecond: 5, serverPingMs: 20_000 };
export const USDM_STREAM_RULES: StreamRules = { maxStreams: 200, maxFramesPerSecond: 10, serverPingMs: 180_000 };

let nextRequestId = 1;

/**
 * Binance's market streams: a combined-stream connection at `<endpoint>/stream`, streams added and
 * removed live with {"method":"SUBSCRIBE","params":[...],"id":N}, events wrapped as
 * {"stream","data"}. The server's ping frames keep it alive (no application ping); the client's
 * frame rate and the streams per connection are the market's, and the connection is renewed
 * before the 24 h limit.
 */
export function binanceStreamStrategy(endpoint: string, rules: StreamRules): ConnectionStrategy {
  const request = (method: string, streams: readonly string[]) => {
    const frames: string[] = [];
    for (let i = 0; i < streams.length; i += STREAMS_PER_REQUEST) {
      frames.push(JSON.stringify({ method, params: streams.slice(i, i + STREAMS_PER_REQUEST), id: nextRequestId++ }));
    }
    return frames;
  };
  return {
    url: `${endpoint.replace(/\/+$/, '')}/stream`,
    maxTopicsPerConnection: rules.maxStreams,
    pingIntervalMs: 0,
    idleTimeoutMs: rules.serverPingMs * 3 + 5_000,
    maxConnectionAgeMs: MAX_CONNECTION_AGE_MS,
    topicsPerSubscribeFrame: STREAMS_PER_REQUEST,
    maxFramesPerSecond: rules.maxFramesPerSecond,
    buildPing: () => '',
    buildSubscribe: (streams) => request('SUBSCRIBE', streams),
    buildUnsubscribe: (streams) => request('UNSUBSCRIBE', streams),
  };
}
