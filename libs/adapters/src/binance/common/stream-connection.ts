import type { ConnectionStrategy } from '../../core/ws-client.js';

/** A connection carries at most 1024 streams (web-socket-streams.md, "WebSocket Limits"). */
export const MAX_STREAMS_PER_CONNECTION = 1024;
/** Frames a client may send per second (pings, pongs, subscribe requests); beyond it the venue disconnects. */
export const MAX_CLIENT_FRAMES_PER_SECOND = 5;
/** A connection is valid for 24 hours; renew a little before. */
export const MAX_CONNECTION_AGE_MS = 23.5 * 60 * 60 * 1000;
/** The server pings every 20 s (ws answers with the payload); three missed pings mean a dead link. */
const IDLE_TIMEOUT_MS = 65_000;
/** Streams per SUBSCRIBE request: several per frame keep within the frame rate. */
const STREAMS_PER_REQUEST = 200;

let nextRequestId = 1;

/**
 * Binance's market streams (spot and USDⓈ-M alike): a combined-stream connection at
 * `<base>/stream`, streams added and removed live with {"method":"SUBSCRIBE","params":[...],"id":N},
 * events wrapped as {"stream","data"}. The server's ping frames keep it alive (no application
 * ping); at most 5 client frames a second, 1024 streams per connection (further streams open
 * another connection), renewed before the 24 h limit.
 */
export function binanceStreamStrategy(baseWsUrl: string): ConnectionStrategy {
  const request = (method: string, streams: readonly string[]) => {
    const frames: string[] = [];
    for (let i = 0; i < streams.length; i += STREAMS_PER_REQUEST) {
      frames.push(JSON.stringify({ method, params: streams.slice(i, i + STREAMS_PER_REQUEST), id: nextRequestId++ }));
    }
    return frames;
  };
  return {
    url: `${baseWsUrl.replace(/\/+$/, '')}/stream`,
    maxTopicsPerConnection: MAX_STREAMS_PER_CONNECTION,
    pingIntervalMs: 0,
    idleTimeoutMs: IDLE_TIMEOUT_MS,
    maxConnectionAgeMs: MAX_CONNECTION_AGE_MS,
    topicsPerSubscribeFrame: STREAMS_PER_REQUEST,
    maxFramesPerSecond: MAX_CLIENT_FRAMES_PER_SECOND,
    buildPing: () => '',
    buildSubscribe: (streams) => request('SUBSCRIBE', streams),
    buildUnsubscribe: (streams) => request('UNSUBSCRIBE', streams),
  };
}
