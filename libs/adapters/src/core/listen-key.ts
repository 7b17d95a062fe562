import type { Logger } from './logger.js';

/** A listenKey lives 60 minutes unless kept alive; both venues that use one ask for a keepalive every 30. */
const KEEPALIVE_MS = 30 * 60 * 1000;

/** The venue's listenKey endpoints. */
export interface ListenKeyEndpoints {
  /** A new key, read from the venue's answer. */
  create(): Promise<string>;
  keepAlive(listenKey: string): Promise<unknown>;
  remove(listenKey: string): Promise<unknown>;
}

export interface ListenKeyOptions {
  readonly endpoints: ListenKeyEndpoints;
  readonly logger: Logger;
  /** Told each new key (anyone holding one reads the account's private stream). */
  readonly onSecret?: (listenKey: string) => void;
  /** The keepalive failed and a new key was made: the connection on the old one must go. */
  readonly onReplaced: () => void;
}

/**
 * The key a private stream connects with (MEXC, Binance USDⓈ-M): created at start, kept alive on
 * the venue's schedule, and replaced when the keepalive fails, when the venue says it expired, or
 * when the socket drops on a key that may no longer be valid, so no reconnect runs on a dead key.
 * One renewal runs at a time; a renewal first checks whether the current key is still accepted.
 */
export class ListenKey {
  private key = '';
  private keepalive: NodeJS.Timeout | undefined;
  private renewing: Promise<void> | undefined;

  constructor(private readonly options: ListenKeyOptions) {}

  /** The current key ('' before start). The stream's URL reads it at every (re)connect. */
  get current(): string {
    return this.key;
  }

  async start(): Promise<void> {
    this.key = await this.create();
    this.keepalive = setInterval(() => void this.keepAlive(), KEEPALIVE_MS);
    this.keepalive.unref();
  }

  /** Replaces the key unless the venue still accepts it; failures are logged (the reconnect retries). */
  renew(reason: string): Promise<void> {
    this.renewing ??= (async () => {
      const { endpoints, logger } = this.options;
      try {
        if (
          this.key &&
          (await endpoints.keepAlive(this.key).then(
            () => true,
            () => false,
          ))
        )
          return;
        this.key = await this.create();
        logger.info({ reason }, 'listenKey renewed');
      } catch (error) {
        logger.warn({ err: (error as Error).message, reason }, 'listenKey renewal failed; the reconnect will retry');
      } finally {
        this.renewing = undefined;
      }
    })();
    return this.renewing;
  }

  /** Stops the keepalive and gives the key back to the venue (after its connection closed). */
  async close(): Promise<void> {
    clearInterval(this.keepalive);
    if (this.key) await this.options.endpoints.remove(this.key).catch(() => undefined);
  }

  private async keepAlive(): Promise<void> {
    try {
      await this.options.endpoints.keepAlive(this.key);
    } catch (error) {
      this.options.logger.warn({ err: (error as Error).message }, 'listenKey keepalive failed; creating a new key');
      await this.renew('keepalive failed');
      this.options.onReplaced();
    }
  }

  private async create(): Promise<string> {
    const listenKey = await this.options.endpoints.create();
    this.options.onSecret?.(listenKey);
    return listenKey;
  }
}
