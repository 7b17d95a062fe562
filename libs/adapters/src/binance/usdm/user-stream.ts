import type { Logger } from '../../core/logger.js';
import type { AdapterMetrics } from '../../core/metrics.js';
import { frameForLog } from '../../core/redact.js';
import { ShardedWsClient, type ConnectionStrategy } from '../../core/ws-client.js';
import { MAX_CONNECTION_AGE_MS, USDM_STREAM_RULES } from '../common/stream-connection.js';
import { read } from './parse.js';
import type { BinanceUsdmPrivateRest } from './private-rest.js';

/** A listenKey lives 60 minutes unless kept alive; the venue asks for a keepalive within that. */
const KEEPALIVE_MS = 30 * 60 * 1000;
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
  private listenKey = '';
  private keepalive: NodeJS.Timeout | undefined;
  private readonly ws: ShardedWsClient;
  private renewing: Promise<void> | undefined;

  constructor(
    private readonly rest: BinanceUsdmPrivateRest,
    baseWsUrl: string,
    private readonly listener: UsdmUserStreamListener,
    metrics: AdapterMetrics,
    private readonly logger: Logger,
    /** Told each new listenKey (anyone holding one reads the account's private stream). */
    private readonly onSecret: (value: string) => void = () => {},
  ) {
    const listenKey = () => this.listenKey;
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
            void this.renew('the venue expired the listenKey').then(() => connection.terminate('listenKey renewed'));
            return;
          }
          this.listener.onEvent(event);
        },
        onStateChange: (_connection, state, detail) => {
          // A socket lost with a key that may have expired: renew before the reconnect lands.
          if (state === 'closed') void this.renew('socket closed');
          if (state === 'open') this.listener.onState(true, detail);
          else if (state === 'closed') this.listener.onState(false, detail);
        },
      },
      reconnectBaseMs: 500,
    });
  }

  async start(): Promise<void> {
    this.listenKey = await this.newListenKey();
    this.ws.subscribe(USER_DATA);
    this.keepalive = setInterval(() => void this.keepAlive(), KEEPALIVE_MS);
    this.keepalive.unref();
  }

  isConnected(): boolean {
    return this.ws.isConnected();
  }

  async close(): Promise<void> {
    clearInterval(this.keepalive);
    this.ws.close();
    if (this.listenKey) await this.rest.deleteListenKey().catch(() => undefined);
  }

  private async keepAlive(): Promise<void> {
    try {
      await this.rest.keepAliveListenKey();
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'listenKey keepalive failed; creating a new key');
      await this.renew('keepalive failed');
      this.ws.connectionOf(USER_DATA)?.terminate('listenKey renewed');
    }
  }

  private async newListenKey(): Promise<string> {
    const listenKey = read.text(read.object(await this.rest.createListenKey(), 'a listenKey answer').listenKey, 'a listenKey');
    this.onSecret(listenKey);
    return listenKey;
  }

  /** Replaces the listenKey if the current one is no longer accepted (at most one renewal at a time). */
  private renew(reason: string): Promise<void> {
    this.renewing ??= (async () => {
      try {
        if (
          this.listenKey &&
          (await this.rest.keepAliveListenKey().then(
            () => true,
            () => false,
          ))
        )
          return;
        this.listenKey = await this.newListenKey();
        this.logger.info({ reason }, 'listenKey renewed');
      } catch (error) {
        this.logger.warn({ err: (error as Error).message, reason }, 'listenKey renewal failed; the reconnect will retry');
      } finally {
        this.renewing = undefined;
      }
    })();
    return this.renewing;
  }
}
