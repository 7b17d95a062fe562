import { ListenKey } from '../../core/listen-key.js';
import type { Logger } from '../../core/logger.js';
import type { AdapterMetrics } from '../../core/metrics.js';
import { frameForLog } from '../../core/redact.js';
import { ShardedWsClient, type ConnectionStrategy } from '../../core/ws-client.js';
import { MAX_CONNECTION_AGE_MS, USDM_STREAM_RULES } from '../common/stream-connection.js';
import { read } from './parse.js';
import type { BinanceUsdmPrivateRest } from './private-rest.js';

/** The one "topic" of the connection: the stream is the URL's listenKey. */
const USER_DATA = 'userData';

export interface UsdmUserStreamListener {
  onEvent(event: Record<string, unknown>): void;
  onState(connected: boolean, detail: string): void;
}

/**
 * The USDⓈ-M user data stream: a listenKey from POST /fapi/v1/listenKey, a websocket on the
 * venue's /private route with the key as its stream (`<ws>/private/stream?streams=<listenKey>`, as
 * Binance's own connector connects; events wrapped {"stream","data"}), a keepalive (PUT) every 30 minutes, and a new key (and connection) when
 * the keepalive fails, the venue says `listenKeyExpired`, or the socket drops on a key that is no
 * longer valid, so no reconnect runs on a dead key.
 */
export class BinanceUsdmUserStream {
  private readonly listenKey: ListenKey;
  private readonly ws: ShardedWsClient;

  constructor(
    rest: BinanceUsdmPrivateRest,
    baseWsUrl: string,
    private readonly listener: UsdmUserStreamListener,
    metrics: AdapterMetrics,
    private readonly logger: Logger,
    /** Told each new listenKey (anyone holding one reads the account's private stream). */
    onSecret: (value: string) => void = () => {},
  ) {
    // USDⓈ-M's keepalive and delete name no key: the API key identifies the account's one key.
    this.listenKey = new ListenKey({
      endpoints: {
        create: async () => read.text(read.object(await rest.createListenKey(), 'a listenKey answer').listenKey, 'a listenKey'),
        keepAlive: () => rest.keepAliveListenKey(),
        remove: () => rest.deleteListenKey(),
      },
      logger,
      onSecret,
      onReplaced: () => this.ws.connectionOf(USER_DATA)?.terminate('listenKey renewed'),
    });
    const listenKey = () => this.listenKey.current;
    const base = baseWsUrl.replace(/\/+$/, '');
    // The URL is read at every (re)connect, so a renewed key takes effect on the next connection.
    const strategy: ConnectionStrategy = {
      get url() {
        return `${base}/private/stream?streams=${encodeURIComponent(listenKey())}`;
      },
      maxTopicsPerConnection: 1,
      pingIntervalMs: 0,
      idleTimeoutMs: USDM_STREAM_RULES.serverPingMs * 3 + 5_000,
      maxConnectionAgeMs: MAX_CONNECTION_AGE_MS,
      topicsPerSubscribeFrame: 1,
      buildPing: () => '',
      buildSubscribe: () => [],
      buildUnsubscribe: () => [],
    };
    this.ws = new ShardedWsClient({
      venue: 'binance_usdm',
      strategy,
      metrics,
      listener: {
        onMessage: (data, _isBinary, connection) => {
          let event: Record<string, unknown>;
          try {
            const frame = read.object(JSON.parse(data.toString()), 'a user data frame');
            event = read.object(frame.data, 'a user data event');
          } catch {
            metrics.wsMessagesMalformed++;
            this.logger.warn({ frame: frameForLog(data.toString()) }, 'malformed user data frame dropped');
            return;
          }
          if (event.e === 'listenKeyExpired') {
            void this.listenKey.renew('the venue expired the listenKey').then(() => connection.terminate('listenKey renewed'));
            return;
          }
          this.listener.onEvent(event);
        },
        onStateChange: (_connection, state, detail) => {
          // A socket lost with a key that may have expired: renew before the reconnect lands.
          if (state === 'closed') void this.listenKey.renew('socket closed');
          if (state === 'open') this.listener.onState(true, detail);
          else if (state === 'closed') this.listener.onState(false, detail);
        },
      },
      reconnectBaseMs: 500,
    });
  }

  async start(): Promise<void> {
    await this.listenKey.start();
    this.ws.subscribe(USER_DATA);
  }

  isConnected(): boolean {
    return this.ws.isConnected();
  }

  async close(): Promise<void> {
    this.ws.close();
    await this.listenKey.close();
  }
}
