import { quoteJsonNumbers } from '../../core/exact-json.js';
import type { Logger } from '../../core/logger.js';
import type { AdapterMetrics } from '../../core/metrics.js';
import type { Credentials } from '../../core/private-exchange.js';
import type { ServerClock } from '../../core/server-clock.js';
import { nowMicros } from '../../core/types.js';
import { ShardedWsClient, type WsListener } from '../../core/ws-client.js';
import { gateioWsAuth } from './auth.js';
import { GateioFrameRouter, type PushHandler } from './router.js';
import { gateioConnectionStrategy } from './ws-envelope.js';

export interface GateioPrivateStreamOptions {
  readonly venue: string;
  readonly url: string;
  readonly market: 'spot' | 'futures';
  readonly credentials: Credentials;
  /** The venue-synchronised clock: Gate refuses a signed request more than 60 s from its time. */
  readonly clock: ServerClock;
  readonly metrics: AdapterMetrics;
  readonly logger: Logger;
  /** Pushes by channel. */
  readonly handlers: Readonly<Record<string, PushHandler>>;
  readonly onStateChange: WsListener['onStateChange'];
  readonly headers?: Readonly<Record<string, string>>;
  /** Frames whose prices, fees and ids are JSON numbers (futures): read as exact strings. */
  readonly exactNumbers?: boolean;
}

/** Gate.io's authenticated websocket: every (un)subscribe signed, pushes routed by channel. */
export function gateioPrivateStream(options: GateioPrivateStreamOptions): ShardedWsClient {
  const { credentials, clock, exactNumbers } = options;
  const router = new GateioFrameRouter(options.metrics, options.logger);
  for (const [channel, handler] of Object.entries(options.handlers)) router.on(channel, handler);
  return new ShardedWsClient({
    venue: options.venue,
    strategy: gateioConnectionStrategy({
      url: options.url,
      market: options.market,
      headers: options.headers,
      sign: (channel, event, time) => gateioWsAuth(credentials, channel, event, time),
      now: () => clock.now(),
    }),
    metrics: options.metrics,
    listener: {
      onMessage: (data, _isBinary, connection) => {
        const text = data.toString();
        router.route(exactNumbers ? quoteJsonNumbers(text) : text, nowMicros(), connection);
      },
      onStateChange: options.onStateChange,
    },
  });
}
