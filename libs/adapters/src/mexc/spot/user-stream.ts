import type { Logger } from '../../core/logger.js';
import type { AdapterMetrics } from '../../core/metrics.js';
import { ShardedWsClient, type ConnectionStrategy, type WsListener } from '../../core/ws-client.js';
import { listenKeyOf } from './private-parse.js';
import type { MexcSpotPrivateRest } from './private-rest.js';
import { mexcConnectionStrategy } from './ws-connection.js';

export const PRIVATE_CHANNELS = ['spot@private.orders.v3.api.pb', 'spot@private.deals.v3.api.pb', 'spot@private.account.v3.api.pb'] as const;
/** A listenKey lives 60 minutes unless kept alive; the venue asks for a keepalive every 30. */
const KEEPALIVE_MS = 30 * 60 * 1000;

/**
 * MEXC's private stream: a listenKey from REST, a websocket at `<ws>?listenKey=`, the three
 * private channels, a keepalive on the venue's schedule, and a new key (and connection) when
 * the keepalive fails or the venue drops the socket, so no reconnect runs on a dead key.
 */
export class MexcUserStream {
  private listenKey = '';
  private keepalive: NodeJS.Timeout | undefined;
  private readonly strategy: ConnectionStrategy;
  private readonly ws: ShardedWsClient;
  private renewing: Promise<void> | undefined;

  constructor(
    private readonly rest: MexcSpotPrivateRest,
    baseWsUrl: string,
    listener: WsListener,
    metrics: AdapterMetrics,
    private readonly logger: Logger,
    /** Told each new listenKey (anyone holding one reads the account's private stream). */
    private readonly onSecret: (value: string) => void = () => {},
  ) {
    const base = mexcConnectionStrategy(baseWsUrl);
    const listenKey = () => this.listenKey;
    // The URL is read at every (re)connect, so a renewed key takes effect on the next connection.
    this.strategy = {
      ...base,
      get url() {
        return `${baseWsUrl}?listenKey=${encodeURIComponent(listenKey())}`;
      },
    };
    this.ws = new ShardedWsClient({
      venue: 'mexc_spot',
      strategy: this.strategy,
      metrics,
      listener: {
        onMessage: (data, isBinary, connection) => listener.onMessage(data, isBinary, connection),
        onStateChange: (connection, state, detail) => {
          // A socket lost with a key that may have expired: renew before the reconnect lands.
          if (state === 'closed') void this.renew('socket closed');
          listener.onStateChange(connection, state, detail);
        },
      },
      reconnectBaseMs: 500,
    });
  }

  async start(): Promise<void> {
    this.listenKey = await this.newListenKey();
    for (const channel of PRIVATE_CHANNELS) this.ws.subscribe(channel);
    this.keepalive = setInterval(() => void this.keepAlive(), KEEPALIVE_MS);
    this.keepalive.unref();
  }

  isConnected(): boolean {
    return this.ws.isConnected();
  }

  async close(): Promise<void> {
    clearInterval(this.keepalive);
    this.ws.close();
    if (this.listenKey) await this.rest.deleteListenKey(this.listenKey).catch(() => undefined);
  }

  private async keepAlive(): Promise<void> {
    try {
      await this.rest.keepAliveListenKey(this.listenKey);
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'listenKey keepalive failed; creating a new key');
      await this.renew('keepalive failed');
      this.ws.connectionOf(PRIVATE_CHANNELS[0])?.terminate('listenKey renewed');
    }
  }

  private async newListenKey(): Promise<string> {
    const listenKey = listenKeyOf(await this.rest.createListenKey());
    this.onSecret(listenKey);
    return listenKey;
  }

  /** Replaces the listenKey if the current one is no longer accepted (at most one renewal at a time). */
  private renew(reason: string): Promise<void> {
    this.renewing ??= (async () => {
      try {
        if (
          this.listenKey &&
          (await this.rest.keepAliveListenKey(this.listenKey).then(
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
