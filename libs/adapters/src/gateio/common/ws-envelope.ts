import type { ConnectionStrategy } from '../../core/ws-client.js';

// Gate.io WS v4 envelope: requests are {time, id, channel, event, payload}; answers echo
// channel/event with `result` (or `error` {code, message}); pushes carry event "update".

/** A subscription topic: the channel and its payload, joined so it can be a map key. */
export function gateioTopic(channel: string, payload: readonly string[]): string {
  return `${channel}|${payload.join(',')}`;
}

export function parseGateioTopic(topic: string): { channel: string; payload: string[] } {
  const bar = topic.indexOf('|');
  return { channel: topic.slice(0, bar), payload: topic.slice(bar + 1).split(',') };
}

let requestId = 1;

/** Signs private channel requests: returns the `auth` object for (channel, event, time). */
export type GateioWsSigner = (channel: string, event: string, timeSeconds: number) => object;

export function gateioRequest(channel: string, event: string, payload?: readonly string[], sign?: GateioWsSigner, nowMs: () => number = Date.now): string {
  const time = Math.floor(nowMs() / 1000);
  const frame: Record<string, unknown> = { time, id: requestId++, channel, event };
  if (payload) frame.payload = payload;
  if (sign) frame.auth = sign(channel, event, time);
  return JSON.stringify(frame);
}

export interface GateioConnectionOptions {
  readonly url: string;
  /** "spot" or "futures": the ping channel is `<market>.ping`. */
  readonly market: 'spot' | 'futures';
  readonly maxTopicsPerConnection?: number;
  /** Present for private connections: every (un)subscribe carries an `auth` object. */
  readonly sign?: GateioWsSigner;
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * The clock request `time` is read from (ms). Gate refuses a signed request whose time is more
   * than 60 s from its own: private connections pass the server-synchronised clock, as REST does.
   */
  readonly now?: () => number;
}

/** Gate.io's websocket: an application ping (`spot.ping`) every 10 s, one subscribe frame per topic. */
export function gateioConnectionStrategy(options: GateioConnectionOptions): ConnectionStrategy {
  const pingChannel = `${options.market}.ping`;
  const now = options.now ?? Date.now;
  return {
    url: options.url,
    headers: options.headers,
    maxTopicsPerConnection: options.maxTopicsPerConnection ?? 200,
    pingIntervalMs: 10_000,
    idleTimeoutMs: 30_000,
    topicsPerSubscribeFrame: 1,
    buildPing: () => JSON.stringify({ time: Math.floor(now() / 1000), channel: pingChannel }),
    buildSubscribe: (topics) =>
      topics.map((topic) => {
        const { channel, payload } = parseGateioTopic(topic);
        return gateioRequest(channel, 'subscribe', payload, options.sign, now);
      }),
    buildUnsubscribe: (topics) =>
      topics.map((topic) => {
        const { channel, payload } = parseGateioTopic(topic);
        return gateioRequest(channel, 'unsubscribe', payload, options.sign, now);
      }),
  };
}
