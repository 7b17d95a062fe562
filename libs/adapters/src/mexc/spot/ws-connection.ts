import type { ConnectionStrategy } from '../../core/ws-client.js';
import { MAX_CONNECTION_AGE_MS, MAX_SUBSCRIPTIONS_PER_CONNECTION, PING_INTERVAL_MS } from './constants.js';

/**
 * MEXC's websocket: JSON requests ({"method":"SUBSCRIPTION","params":[...]}) and a JSON PING,
 * at most 30 topics per connection (further topics open another connection), renewed before
 * the venue's 24 h limit.
 */
export function mexcConnectionStrategy(url: string): ConnectionStrategy {
  const request = (method: string, topics: readonly string[]) => {
    const frames: string[] = [];
    for (let i = 0; i < topics.length; i += MAX_SUBSCRIPTIONS_PER_CONNECTION) {
      frames.push(JSON.stringify({ method, params: topics.slice(i, i + MAX_SUBSCRIPTIONS_PER_CONNECTION) }));
    }
    return frames;
  };
  return {
    url,
    maxTopicsPerConnection: MAX_SUBSCRIPTIONS_PER_CONNECTION,
    pingIntervalMs: PING_INTERVAL_MS,
    idleTimeoutMs: 60_000,
    maxConnectionAgeMs: MAX_CONNECTION_AGE_MS,
    topicsPerSubscribeFrame: MAX_SUBSCRIPTIONS_PER_CONNECTION,
    buildPing: () => '{"method":"PING"}',
    buildSubscribe: (topics) => request('SUBSCRIPTION', topics),
    buildUnsubscribe: (topics) => request('UNSUBSCRIPTION', topics),
  };
}
