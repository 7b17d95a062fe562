import { ListenKey } from '../../core/listen-key.js';
import type { Logger } from '../../core/logger.js';
import type { AdapterMetrics } from '../../core/metrics.js';
import { ShardedWsClient, type ConnectionStrategy, type WsListener } from '../../core/ws-client.js';
import { listenKeyOf } from './private-parse.js';
import type { MexcSpotPrivateRest } from './private-rest.js';
import { mexcConnectionStrategy } from './ws-connection.js';

export const PRIVATE_CHANNELS = ['spot@private.orders.v3.api.pb', 'spot@private.deals.v3.api.pb', 'spot@private.account.v3.api.pb'] as const;

/**
 * MEXC's private stream: a listenKey from REST, a websocket at `<ws>?listenKey=`, the three
 * private channels, a keepalive on the venue's schedule, and a new key (and connection) when
 * the keepalive fails or the venue drops the socket, so no reconnect runs on a dead key.
 */
export class MexcUserStream {
  private readonly listenKey: ListenKey;
  private readonly strategy: ConnectionStrategy;
  private readonly ws: ShardedWsClient;

  constructor(
    rest: MexcSpotPrivateRest,
    baseWsUrl: string,
    listener: WsListener,
    metrics: AdapterMetrics,
    logger: Logger,
    /** Told each new listenKey (anyone holding one reads the account's private stream). */
    onSecret: (value: string) => void = () => {},
  ) {
    this.listenKey = new ListenKey({
      endpoints: {
        create: async () => listenKeyOf(await rest.createListenKey()),
        keepAlive: (key) => rest.keepAliveListenKey(key),
        remove: (key) => rest.deleteListenKey(key),
      },
      logger,
      onSecret,
      onReplaced: () => this.ws.connectionOf(PRIVATE_CHANNELS[0])?.terminate('listenKey renewed'),
    });
    const base = mexcConnectionStrategy(baseWsUrl);
    const listenKey = () => this.listenKey.current;
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
          if (state === 'closed') void this.listenKey.renew('socket closed');
          listener.onStateChange(connection, state, detail);
        },
      },
      reconnectBaseMs: 500,
    });
  }

  async start(): Promise<void> {
    await this.listenKey.start();
    for (const channel of PRIVATE_CHANNELS) this.ws.subscribe(channel);
  }

  isConnected(): boolean {
    return this.ws.isConnected();
  }

  async close(): Promise<void> {
    this.ws.close();
    await this.listenKey.close();
  }
}
